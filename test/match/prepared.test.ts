import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc } from '../../src/document.js';
import { forgetPrepared, preparedOf } from '../../src/match/prepared.js';

const doc = (text: string) => newDoc({ origin: { path: 't', format: 'txt' }, raw: text });

test('preparedOf: one view per document while it lives, even when documents interleave', () => {
  const a = doc('Les forces russes à Alep.');
  const b = doc('Ankara a indiqué.');
  const pa = preparedOf(a);
  assert.equal(preparedOf(a), pa);
  const pb = preparedOf(b);
  assert.equal(preparedOf(a), pa, 'a document left for another keeps its view');
  assert.equal(preparedOf(b), pb);
  assert.deepEqual(pa.tokens.tok, ['les', 'forces', 'russes', 'a', 'alep']);
});

test('preparedOf: a new text or forgetPrepared gives a new view', () => {
  const a = doc('Moscou a indiqué.');
  const p1 = preparedOf(a);
  a.text = 'Damas a indiqué.';
  const p2 = preparedOf(a);
  assert.notEqual(p2, p1);
  assert.equal(p2.tokens.tok[0], 'damas');
  forgetPrepared(a);
  const p3 = preparedOf(a);
  assert.notEqual(p3, p2);
  assert.deepEqual(p3.tokens.tok, p2.tokens.tok);
  // A parked document dropped while another is current is computed again too.
  const b = doc('Bagdad');
  preparedOf(b);
  forgetPrepared(a);
  assert.notEqual(preparedOf(a), p3);
});
