import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GAP_COMMA, GAP_JOIN, GAP_LOOSE, GAP_SENTENCE, GAP_START, Matcher, PhraseSet, TokenTrie, hashToken, lookupToken, prepare, tokenId } from '../../src/match/matcher.js';
import { fold, tokenize } from '../../src/match/fold.js';

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

test('TokenTrie (typed arrays) finds the same longest matches, and keys added after building', () => {
  const data = TokenTrie.build([[['deir', 'ez', 'zor'], [7]], [['deir'], [1, 2]]]);
  const h = new TokenTrie(data);
  h.add('Alep', 9);
  h.add('Deir', 3);
  const p = prepare('Deir Ez-Zor et Alep');
  const at0 = h.matchesAt(p, 0);
  assert.deepEqual(at0.map((x) => x.values), [[7], [1, 2, 3]]);
  assert.equal(p.text.slice(at0[0].start, at0[0].end), 'Deir Ez-Zor');
  assert.deepEqual(h.matchesAt(p, 4)[0].values, [9]);
  assert.deepEqual(h.get('deir'), [1, 2, 3]);
  assert.equal(h.get('deir ez'), undefined); // a prefix, not a key
  assert.equal(h.matchesAt(p, 3).length, 0); // "et"
  // The same values array every time (callers cache per array).
  assert.equal(h.matchesAt(p, 0)[1].values, h.get('deir'));
});

test('TokenTrie grows its edge table when many keys are added', () => {
  const h = new TokenTrie();
  for (let k = 0; k < 2000; k++) h.add(`Lieu ${k} nord`, k);
  assert.equal(h.size, 2000);
  const p = prepare('vers Lieu 1234 nord puis Lieu 7 nord');
  assert.deepEqual(h.matchesAt(p, 1)[0].values, [1234]);
  assert.deepEqual(h.matchesAt(p, 5)[0].values, [7]);
});

test('PhraseSet finds phrases after and before a token, not across sentence punctuation', () => {
  const ps = new PhraseSet<string>([['province de', 'p'], ['province', 'q']]);
  const p = prepare('dans la province Idleb. Province. Alep');
  const idleb = p.tokens.tok.indexOf('idleb');
  assert.equal(ps.endsBefore(p, idleb)?.key, 'province');
  const p2 = prepare('dans la province de Homs');
  assert.equal(ps.endsBefore(p2, 4)?.value, 'p');
  const alep = p.tokens.tok.indexOf('alep');
  assert.equal(ps.endsBefore(p, alep), null);
  const after = new PhraseSet(['governorate']);
  const p3 = prepare('the Idlib governorate; Hama. Governorate');
  assert.equal(after.startsAt(p3, 2)?.key, 'governorate');
  assert.equal(after.startsAt(p3, 4), null);
});

test('prepare records the punctuation between tokens', () => {
  const p = prepare("Abou al-Akhbar, dit-il. « Non »");
  const { tok } = p.tokens;
  assert.ok(p.gap[tok.indexOf('akhbar')] & GAP_JOIN);
  assert.ok(p.gap[tok.indexOf('dit')] & GAP_COMMA);
  assert.ok(p.gap[tok.indexOf('non')] & GAP_START);
  assert.equal(p.gap[tok.indexOf('il')] & GAP_LOOSE, 0);
  assert.ok(p.gap[tok.indexOf('non')] & GAP_SENTENCE);
});

test('prepare gives the folded view, the tokens and the hashes of fold() and tokenize(), whatever the code units', () => {
  const texts = [
    "Deir Ez-Zor, l’Aviation russe à Alep — El-Bab",
    'Cafe\u0301 Ame\u0301lie et \u00c9douard', // combining marks (decomposed input)
    'a\ud800b \udc00c \ud83d\ude00 Ωμέγα Москва', // lone surrogates, a pair, Greek, Cyrillic
    'x'.repeat(70) + ' ÉTÉ el al EL', // longer than the short-string path
    '',
  ];
  // Several texts in a row: the scratch buffers are reused and must not leak between texts.
  for (const text of [...texts, ...texts.slice().reverse()]) {
    const p = prepare(text);
    const t = tokenize(fold(text));
    assert.equal(p.folded, fold(text));
    assert.deepEqual(p.tokens.tok, t.tok);
    assert.deepEqual(Array.from(p.tokens.start), t.start);
    assert.deepEqual(Array.from(p.tokens.end), t.end);
    assert.deepEqual([...p.hash], t.tok.map(hashToken));
  }
});

test('prepare: a word first met in no dictionary gets its id once a dictionary adds it (the word cache is not stale)', () => {
  const word = 'zqxwvkj';
  const before = prepare(`Le ${word} et le ${word}.`);
  assert.equal(before.ids[1], -1);
  assert.equal(before.tokens.tok[1], word);
  const id = tokenId(word);
  const after = prepare(`Un ${word}.`);
  assert.equal(after.ids[1], id);
  assert.equal(lookupToken(after.tokens.tok[1]), id);
  // Words that share a cache slot or a prefix stay apart.
  const words = Array.from({ length: 14 }, (_, k) => 'abcdefghijklmn'.slice(0, k + 1));
  const back = words.slice().reverse();
  const p = prepare([...words, ...back, 'Abcdefghijkl', 'abcdefghijkL'].join(' '));
  assert.deepEqual(p.tokens.tok, [...words, ...back, 'abcdefghijkl', 'abcdefghijkl']);
  for (let k = 0; k < p.ids.length; k++) assert.equal(p.ids[k], lookupToken(p.tokens.tok[k]));
});

test('TokenTrie: keys added after texts were scanned are found in the next texts (its per-word memos are cleared)', () => {
  const h = new TokenTrie(TokenTrie.build([[['alep'], [1]]]));
  tokenId('forces'); // a word of the shared vocabulary
  const text = 'Alep Qwzyxb Forces Qwzyxb';
  const p1 = prepare(text);
  assert.deepEqual(h.matchesAt(p1, 0).map((m) => m.values), [[1]]);
  assert.equal(h.matchesAt(p1, 1).length, 0); // a word of no vocabulary
  assert.equal(h.matchesAt(p1, 2).length, 0); // a vocabulary word
  assert.equal(h.startsAt(p1, 1), false);
  h.add('Qwzyxb', 5);
  h.add('Forces Qwzyxb', 6);
  const p2 = prepare(text);
  assert.deepEqual(h.matchesAt(p2, 1).map((m) => m.values), [[5]]);
  assert.deepEqual(h.matchesAt(p2, 2).map((m) => m.values), [[6]]);
  assert.equal(h.startsAt(p2, 1), true);
  assert.deepEqual(h.matchesAt(p2, 3).map((m) => m.values), [[5]]);
});
