/**
 * The dates stage's sorts (src/dates/common/sort.ts) against the Array.prototype.sort they
 * replace: the same order, equal keys in their first order (stable), short and long lists;
 * and trieAlternation (src/dates/common/patterns.ts) against the flat alternation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeAscending } from '../../src/dates/common/sort.js';
import { INSERTION_MAX, sortBy } from '../../src/common/sort.js';

/** A small deterministic generator (no Math.random: the test reads the same lists every run). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

test('sortBy: the order of Array.prototype.sort by the same key, stable, short and long lists', () => {
  const rnd = lcg(7);
  for (let trial = 0; trial < 2000; trial++) {
    const n = trial < 1900 ? Math.floor(rnd() * (INSERTION_MAX + 2)) : INSERTION_MAX + 1 + Math.floor(rnd() * 200);
    const range = 1 + Math.floor(rnd() * (trial % 3 === 0 ? 4 : 500)); // few distinct keys: many ties
    const nearly = trial % 2 === 0;
    const items = Array.from({ length: n }, (_, id) => ({ id, index: nearly ? id * 3 - Math.floor(rnd() * 7) : Math.floor(rnd() * range) }));
    const expected = items.slice().sort((a, b) => a.index - b.index);
    const got = items.slice();
    const returned = sortBy(got, (r) => r.index);
    assert.equal(returned, got, 'sorted in place');
    assert.deepEqual(
      got.map((r) => r.id),
      expected.map((r) => r.id),
      `n=${n}`,
    );
  }
});

test('sortBy: ties keep their order (the ids of equal keys stay ascending)', () => {
  const items = [5, 3, 5, 1, 3, 5, 1].map((index, id) => ({ id, index }));
  sortBy(items, (r) => r.index);
  assert.deepEqual(
    items.map((r) => `${r.index}:${r.id}`),
    ['1:3', '1:6', '3:1', '3:4', '5:0', '5:2', '5:5'],
  );
});

test('mergeAscending: two ascending lists give the sorted concatenation', () => {
  const rnd = lcg(11);
  for (let trial = 0; trial < 500; trial++) {
    const list = () => Array.from({ length: Math.floor(rnd() * 30) }, () => Math.floor(rnd() * 100)).sort((x, y) => x - y);
    const a = list();
    const b = list();
    assert.deepEqual(mergeAscending(a, b), [...a, ...b].sort((x, y) => x - y));
  }
  assert.deepEqual(mergeAscending([], []), []);
  assert.deepEqual(mergeAscending([1, 1, 4], [1, 2]), [1, 1, 1, 2, 4]);
});

test('trieAlternation matches exactly the strings of the flat alternation', async () => {
  const { trieAlternation, escapeRe } = await import('../../src/dates/common/patterns.js');
  const words = ['mar', 'mars', 'mardi', 'mai', 'mer', 'il y a', 'a.b', 'été', 'ete', 'sept', 'septembre', 's', 'jeu', 'jeudi', 'x|y'];
  const trie = new RegExp(`^(?:${trieAlternation(words)})$`);
  const flat = new RegExp(`^(?:${words.map(escapeRe).join('|')})$`);
  const probes = new Set<string>(['', 'm', 'ma', 'marsi', 'axb', 'x', 'y', 'il y', 'sep', 'été ']);
  for (const w of words) for (let i = 0; i <= w.length; i++) for (const tail of ['', 's', 'x', '|']) probes.add(w.slice(0, i) + tail);
  for (const p of probes) assert.equal(trie.test(p), flat.test(p), JSON.stringify(p));
  // where a word starts: the same places in a text
  const text = 'le mardi 3 mars, il y a sept jours; été, ete. septembre x|y jeudi';
  const at = (re: RegExp) => [...text.matchAll(re)].map((m) => m.index);
  assert.deepEqual(at(new RegExp(`(?=${trieAlternation(words)})`, 'g')), at(new RegExp(`(?=${words.map(escapeRe).join('|')})`, 'g')));
});
