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
