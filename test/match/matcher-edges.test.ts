import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matcher, PhraseSet, prepare } from '../../src/match/matcher.js';

/** A tiny deterministic generator (the same inputs on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
}

const WORDS = ['al', 'armee', 'syrienne', 'front', 'nosra', 'etat', 'islamique', 'de', 'la', 'forces', 'kurdes', 'damas', 'alep', 'hama', 'x1', 'y2'];

test('the edge-table trie gives the same matches as a naive scan of the keys, over many keys and texts (table growth included)', () => {
  const r = rng(42);
  const m = new Matcher<number>();
  const keys: string[][] = [];
  for (let k = 0; k < 3000; k++) {
    const len = 1 + Math.floor(r() * 4);
    const toks: string[] = [];
    for (let q = 0; q < len; q++) toks.push(WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.5 ? String(Math.floor(r() * 40)) : ''));
    keys.push(toks);
    m.addTokens(toks, k);
  }
  const vals: (number[] | null)[] = [];
  const t1s: number[] = [];
  for (let t = 0; t < 200; t++) {
    const words: string[] = [];
    for (let q = 0; q < 30; q++) words.push(r() < 0.7 ? keys[Math.floor(r() * keys.length)][Math.floor(r() * 2)] ?? 'zz' : 'zz');
    const p = prepare(words.join(' '));
    const tok = p.tokens.tok;
    for (let i = 0; i < tok.length; i++) {
      // Naive: every key equal to the tokens from i, shortest first, their values in insertion order.
      const want = new Map<number, number[]>();
      keys.forEach((key, v) => {
        if (i + key.length <= tok.length && key.every((x, q) => tok[i + q] === x)) {
          const l = want.get(key.length) ?? [];
          if (!l.includes(v)) l.push(v);
          want.set(key.length, l);
        }
      });
      const n = m.matchesInto(p, i, vals, t1s);
      const got = new Map<number, number[]>();
      for (let q = 0; q < n; q++) got.set(t1s[q] - i, vals[q]!);
      assert.deepEqual([...got.entries()].sort((a, b) => a[0] - b[0]), [...want.entries()].sort((a, b) => a[0] - b[0]));
      for (let q = 1; q < n; q++) assert.ok(t1s[q] > t1s[q - 1]);
    }
  }
  assert.equal(new Set(keys.map((k) => k.join(' '))).size, m.size);
});

test('PhraseSet forwards and backwards: the first-token gate changes nothing', () => {
  const ps = new PhraseSet<string>([['province de', 'a'], ['de', 'b'], ['gouvernorat de', 'c'], ['province', 'd']]);
  const p = prepare('la province de Idlib, le gouvernorat de Hama et la province. De Homs');
  const tok = p.tokens.tok;
  const idl = tok.indexOf('idlib'), hama = tok.indexOf('hama');
  assert.deepEqual(ps.endsBefore(p, idl), { key: 'province de', value: 'a', t0: idl - 2 });
  assert.deepEqual(ps.endsBefore(p, hama), { key: 'gouvernorat de', value: 'c', t0: hama - 2 });
  const homs = tok.indexOf('homs');
  assert.deepEqual(ps.endsBefore(p, homs), { key: 'de', value: 'b', t0: homs - 1 }); // "province. De": the period stops the phrase
  assert.equal(ps.endsBefore(p, tok.indexOf('la')), null);
  assert.deepEqual(ps.startsAt(p, 1), { key: 'province de', value: 'a', t1: 3 });
  assert.equal(ps.startsAt(p, 0), null);
  assert.equal(ps.startsAt(p, tok.indexOf('idlib')), null);
});
