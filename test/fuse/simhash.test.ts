import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandProbes, bands, bestMatch, hamming, isSimhash, MAX_STORY_DISTANCE, SimIndex, similarity, STORY_SIMILARITY, storyIdFor } from '../../src/fuse/simhash.js';

test('hamming and similarity over 64-bit hex simhashes', () => {
  assert.equal(hamming('0000000000000000', '0000000000000000'), 0);
  assert.equal(hamming('0000000000000000', 'ffffffffffffffff'), 64);
  assert.equal(hamming('8000000000000001', '0000000000000000'), 2);
  assert.equal(hamming('00000000ffffffff', '0000000000000000'), 32);
  assert.equal(hamming('F0F0F0F0F0F0F0F0', 'f0f0f0f0f0f0f0f1'), 1);
  assert.equal(similarity('0000000000000000', '000000000000003f'), 1 - 6 / 64);
  assert.throws(() => hamming('xyz', '0000000000000000'), /not a 64-bit/);
  assert.equal(isSimhash(''), false);
  assert.equal(isSimhash('0123456789abcdef'), true);
});

test('threshold: similarity 0.9 means at most 6 differing bits', () => {
  assert.equal(STORY_SIMILARITY, 0.9);
  assert.equal(MAX_STORY_DISTANCE, 6);
  assert.ok(1 - 6 / 64 >= STORY_SIMILARITY);
  assert.ok(1 - 7 / 64 < STORY_SIMILARITY);
});

test('bands split the hash into four 16-bit values; probes are the value and its 16 neighbours', () => {
  assert.deepEqual(bands('0001000200030004'), [1, 2, 3, 4]);
  assert.equal(bands('nope'), null);
  const p = bandProbes(0);
  assert.equal(p.length, 17);
  assert.equal(new Set(p).size, 17);
  assert.ok(p.every((v) => v >= 0 && v < 65536));
});

test('pigeonhole: any hash within 7 bits shares a probed band value (exhaustive over random pairs)', () => {
  let seed = 12345;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let trial = 0; trial < 2000; trial++) {
    const a = Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
    let v = BigInt('0x' + a);
    const flips = 1 + Math.floor(rnd() * 7);
    const used = new Set<number>();
    while (used.size < flips) used.add(Math.floor(rnd() * 64));
    for (const bit of used) v ^= 1n << BigInt(bit);
    const b = v.toString(16).padStart(16, '0');
    assert.equal(hamming(a, b), flips);
    const ba = bands(a)!;
    const bb = bands(b)!;
    assert.ok(ba.some((x, k) => bandProbes(x).includes(bb[k])), `${a} ~ ${b} not found by probes`);
  }
});

test('bestMatch picks the nearest candidate within the threshold', () => {
  const h = '0000000000000000';
  const cands = [
    { id: 'far', simhash: '00000000000000ff', story: null }, // 8 bits
    { id: 'six', simhash: '000000000000003f', story: 's1' }, // 6 bits
    { id: 'two', simhash: '0000000000000003', story: null }, // 2 bits
    { id: 'bad', simhash: '', story: null },
  ];
  const m = bestMatch(h, cands);
  assert.equal(m?.candidate.id, 'two');
  assert.equal(m?.similarity, 62 / 64);
  assert.equal(bestMatch(h, cands.slice(0, 2))?.candidate.id, 'six');
  assert.equal(bestMatch(h, [cands[0], cands[3]]), null);
  assert.equal(storyIdFor('wire-a'), 'story:wire-a');
});

test('SimIndex.nearest equals a brute-force scan (random hashes with planted near-duplicates)', () => {
  let seed = 777;
  const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const hex = (): string => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  const flip = (h: string, n: number): string => {
    let v = BigInt('0x' + h);
    const used = new Set<number>();
    while (used.size < n) used.add(Math.floor(rnd() * 64));
    for (const b of used) v ^= 1n << BigInt(b);
    return v.toString(16).padStart(16, '0');
  };
  const index = new SimIndex();
  const stored: { key: number; h: string }[] = [];
  for (let i = 0; i < 3000; i++) {
    const h = stored.length && rnd() < 0.5 ? flip(stored[Math.floor(rnd() * stored.length)].h, Math.floor(rnd() * 9)) : hex();
    let best: { key: number; d: number } | null = null;
    for (const s of stored) {
      const d = hamming(h, s.h);
      if (d <= MAX_STORY_DISTANCE && (!best || d < best.d)) best = { key: s.key, d };
    }
    const got = index.nearest(h);
    assert.deepEqual(got && { key: got.key, d: got.distance }, best, `query ${i}`);
    if (got) assert.equal(got.similarity, 1 - got.distance / 64);
    index.add(i + 1, h);
    stored.push({ key: i + 1, h });
  }
  assert.equal(index.size, 3000);
  assert.equal(index.maxKey, 3000);
});

test('SimIndex: ties go to the earliest key, invalid hashes are skipped, rollback forgets later entries', () => {
  const index = new SimIndex();
  assert.equal(index.nearest('0000000000000000'), null);
  index.add(5, '0000000000000003'); // 2 bits from 0
  index.add(6, '0000000000000000'); // exact
  index.add(7, '');
  index.add(8, 'not-a-hash');
  assert.equal(index.size, 2);
  assert.equal(index.maxKey, 8);
  assert.equal(index.nearest('0000000000000000')?.key, 6);
  assert.equal(index.nearest('000000000000000f')?.key, 5); // 2 bits from 5, 4 from 6
  assert.equal(index.nearest('0000000000000001')?.key, 5); // 1 bit from both: the earliest
  assert.equal(index.nearest('ffffffffffffffff'), null);
  assert.equal(index.nearest(''), null);
  const m = index.mark();
  for (let k = 0; k < 5000; k++) index.add(100 + k, (BigInt(k) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn).toString(16).padStart(16, '0')); // grows the arrays
  index.add(9000, 'fff0000000000000');
  assert.equal(index.nearest('fff0000000000001')?.key, 9000);
  index.rollback(m);
  assert.equal(index.size, 2);
  assert.equal(index.maxKey, 8);
  assert.equal(index.nearest('fff0000000000001'), null);
  assert.equal(index.nearest('0000000000000001')?.key, 5);
  index.add(10, 'fff0000000000000');
  assert.equal(index.nearest('fff0000000000001')?.key, 10);
});
