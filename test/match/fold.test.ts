import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, foldKey, keyTokens, tokenize } from '../../src/match/fold.js';

test('fold keeps the length and the offsets of the original', () => {
  const s = 'L’Armée arabe syrienne — à Deir ez-Zor, Alep‑Est\u00a0; ÉTAT «\u202fÇa\u202f»';
  const f = fold(s);
  assert.equal(f.length, s.length);
  assert.equal(f, "l'armee arabe syrienne - a deir ez-zor, alep-est ; etat « ca »");
});

test('fold maps apostrophes, dashes and spaces to one form each', () => {
  assert.equal(fold('‘’ʼ`'), "''''");
  assert.equal(fold('‐‑‒–—'), '-----');
  assert.equal(fold('\u00a0\u2009\u202f'), '   ');
});

test('fold leaves non-Latin scripts and surrogate pairs in place', () => {
  const s = 'حلب 😀 Москва';
  const f = fold(s);
  assert.equal(f.length, s.length);
  assert.equal(f.slice(0, 3), 'حلب');
  assert.equal(f.slice(4, 6), '😀');
});

test('tokenize splits on apostrophes and hyphens and spells el as al', () => {
  const t = tokenize(fold("d'Alep, le front el-Nosra"));
  assert.deepEqual(t.tok, ['d', 'alep', 'le', 'front', 'al', 'nosra']);
  assert.equal(t.start[1], 2);
  assert.equal(t.end[1], 6);
});

test('tokenize ignores combining marks of decomposed text', () => {
  const s = 'Ale\u0300p'.normalize('NFD');
  assert.deepEqual(tokenize(fold(s)).tok, ['alep']);
});

test('foldKey strips leading articles, case, accents and hyphens', () => {
  assert.equal(foldKey('La Maison-Blanche'), 'maison blanche');
  assert.equal(foldKey("l'Observatoire syrien"), 'observatoire syrien');
  assert.equal(foldKey('Al-Qaïda'), 'qaida');
  assert.equal(foldKey('El Bab'), 'bab');
  assert.equal(foldKey('The Hague'), 'hague');
  assert.equal(foldKey('Les'), 'les');
});

test('keyTokens gives the tokens of tokenize(fold(s)) (its ASCII shortcut included)', () => {
  const names = ["L'Armée", 'al-Qaida', 'EL Nosra', "Hay'at Tahrir al-Sham", 'U.S.', 'a`b', 'Deir ez-Zor', '  x  ', 'Ḥamā', 'ISIS', 'Forces du régime'];
  for (let c = 0; c < 128; c++) names.push(String.fromCharCode(c), `a${String.fromCharCode(c)}B`, `El-${String.fromCharCode(c)}x9`);
  for (const s of names) assert.deepEqual(keyTokens(s), tokenize(fold(s)).tok, JSON.stringify(s));
});
