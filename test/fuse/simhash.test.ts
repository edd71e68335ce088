import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandProbes, bands, bestMatch, hamming, isSimhash, MAX_STORY_DISTANCE, similarity, STORY_SIMILARITY, storyIdFor } from '../../src/fuse/simhash.js';

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
