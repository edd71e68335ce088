import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortByStart } from '../../src/places/context.js';

test('sortByStart orders spans as a stable sort by start does (ties keep their order)', () => {
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 200; round++) {
    const spans = Array.from({ length: rnd(40) }, (_, k) => ({ start: rnd(12), k }));
    const want = spans.slice().sort((a, b) => a.start - b.start);
    const got = sortByStart(spans);
    assert.equal(got, spans, 'sorted in place');
    assert.deepEqual(got.map((x) => x.k), want.map((x) => x.k));
  }
});

test('a stoplist entry of several words still stops that name without a place cue', async () => {
  const { newDoc } = await import('../../src/document.js');
  const { PACKS } = await import('../../src/lang/language.js');
  const { findPlaces } = await import('../../src/places/index.js');
  const lex = PACKS.fr.entities;
  const stopped = { ...lex, places: { ...lex.places, stoplist: [...lex.places.stoplist, 'Deir ez-Zor'] } };
  const run = (l: typeof lex) => {
    const doc = newDoc({ id: 's', origin: { path: '-', format: 'txt' }, raw: 'Deir ez-Zor a été bombardée hier.', lang: 'fr' });
    return findPlaces(doc, l).flatMap((p) => p.mentions.map((m) => m.text));
  };
  assert.ok(run(lex).includes('Deir ez-Zor'), run(lex).join('; '));
  assert.ok(!run(stopped).includes('Deir ez-Zor'), run(stopped).join('; '));
});
