import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HashMatcher, Matcher, prepare } from '../../src/match/matcher.js';

function spans<T>(m: Matcher<T>, text: string): [string, T[]][] {
  return m.scan(text).map((x) => [text.slice(x.start, x.end), x.values]);
}

test('longest match wins and offsets point into the original text', () => {
  const m = new Matcher<string>();
  m.add('armée', 'a');
  m.add('armée arabe syrienne', 'saa');
  m.add('Syrie', 'sy');
  const text = "L’Armée arabe syrienne avance en SYRIE.";
  const r = m.scan(text);
  assert.deepEqual(r.map((x) => text.slice(x.start, x.end)), ['Armée arabe syrienne', 'SYRIE']);
  assert.deepEqual(r.map((x) => x.values), [['saa'], ['sy']]);
});

test('elided articles do not hide a name: d’Alep, l’OSDH', () => {
  const m = new Matcher<string>();
  m.add('Alep', 'alep');
  m.add('OSDH', 'sohr');
  const text = "les environs d’Alep selon l'OSDH";
  assert.deepEqual(spans(m, text), [['Alep', ['alep']], ['OSDH', ['sohr']]]);
});

test('article variants: al-, el-, "al " and no article match the same key', () => {
  const m = new Matcher<string>();
  m.add('Front al-Nosra', 'nusra');
  m.add('al-Nosra', 'nusra');
  for (const t of ['le front el-Nosra', 'le Front al Nosra', 'des combattants de Nosra', 'FRONT AL-NOSRA']) {
    const r = m.scan(t);
    assert.equal(r.length, 1, t);
    assert.deepEqual(r[0].values, ['nusra']);
  }
  assert.equal(m.scan('le front el-Nosra')[0].start, 3);
});

test('matches stop at token boundaries', () => {
  const m = new Matcher<string>();
  m.add('Gao', 'gao');
  assert.equal(m.scan('Gaoua et Magao').length, 0);
  assert.equal(m.scan('à Gao.').length, 1);
});

test('accept() can refuse the longest key and fall back to a shorter one', () => {
  const m = new Matcher<string>();
  m.add('Deir', 'deir');
  m.add('Deir ez-Zor', 'dez');
  const r = m.scan('Deir ez-Zor', (x) => x.values[0] !== 'dez');
  assert.deepEqual(r.map((x) => x.values[0]), ['deir']);
});

test('HashMatcher finds the same longest matches from encoded entries', () => {
  const h = new HashMatcher<number>((s) => s.split(',').map(Number));
  h.addEncoded('deir ez zor', '7');
  h.addEncoded('deir ez', ''); // prefixes are listed by the index builder
  h.addEncoded('deir', '1,2');
  h.add('Alep', 9);
  const p = prepare('Deir Ez-Zor et Alep');
  const at0 = h.matchesAt(p, 0);
  assert.deepEqual(at0.map((x) => x.values), [[7], [1, 2]]);
  assert.equal(p.text.slice(at0[0].start, at0[0].end), 'Deir Ez-Zor');
  assert.deepEqual(h.matchesAt(p, 4)[0].values, [9]);
  assert.deepEqual(h.get('deir'), [1, 2]);
});
