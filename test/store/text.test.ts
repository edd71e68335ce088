import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSnippet, parseQuery, stemLine, tsvectorLiteral, wordKeys, words } from '../../src/store/text.js';
import { dateInterval, lowerBound, upperBound, searchKey, foldFilter, disambiguate, likeContains } from '../../src/store/rows.js';

test('stems are taken before accents are stripped', () => {
  assert.deepEqual(wordKeys('libérée', 'fr'), ['liber', 'libere']); // also the stem of the unaccented spelling
  assert.deepEqual(wordKeys('libéré', 'fr'), ['liber']);
  assert.deepEqual(wordKeys('Libération', 'fr'), ['liber']);
  assert.deepEqual(wordKeys('hôpitaux', 'fr'), ['hopital']);
  assert.deepEqual(wordKeys('killed', 'en'), ['kill']);
  assert.deepEqual(wordKeys('Ḩamāh', 'other'), ['hamah']);
});

test('stemLine keeps distinct stems that differ from their folded word', () => {
  const s = stemLine("Les frappes ont visé l'hôpital ; frappes encore", 'fr').split(' ');
  assert.ok(s.includes('frapp'));
  assert.ok(s.includes('vis'));
  assert.equal(s.filter((x) => x === 'frapp').length, 1);
  assert.ok(!s.includes('hopital')); // already in the folded body column
});

test('parseQuery: words, phrases, prefixes, hyphenated words; operators dropped', () => {
  const q = parseQuery('Hôpital "frappes aériennes" bombard* Alep-Est OR ( ) -');
  assert.deepEqual(q.map((t) => t.kind), ['word', 'phrase', 'prefix', 'phrase', 'word']);
  assert.deepEqual(q[1], { kind: 'phrase', words: ['frappes', 'aeriennes'] });
  assert.deepEqual(q[2], { kind: 'prefix', prefix: 'bombard' });
  assert.ok(q[0].kind === 'word' && q[0].keys.includes('hopital'));
  assert.deepEqual(parseQuery('  ; : '), []);
});

test('snippets mark every matched form in the densest window', () => {
  const text = "Introduction. Les frappes ont touché l'hôpital. Le village a été libéré hier.";
  const s = makeSnippet(null, text, 'fr', parseQuery('hopital liberee'));
  assert.match(s, /\[hôpital\]/);
  assert.match(s, /\[libéré\]/);
  assert.equal(makeSnippet('Titre : Alep', 'Rien.', 'fr', parseQuery('alep')), 'Titre : [Alep]');
});

test('tsvector literal puts folded word and stems at the same position', () => {
  assert.equal(tsvectorLiteral(null, "l'hôpital libéré", 'fr'), "'l':2 'hopital':3 'libere':4 'liber':4");
});

test('date intervals of every precision; bounds', () => {
  assert.deepEqual(dateInterval('2016-07-28'), ['2016-07-28', '2016-07-28']);
  assert.deepEqual(dateInterval('2016-02'), ['2016-02-01', '2016-02-29']);
  assert.deepEqual(dateInterval('2016'), ['2016-01-01', '2016-12-31']);
  assert.deepEqual(dateInterval('2015-W40'), ['2015-09-28', '2015-10-04']);
  assert.deepEqual(dateInterval('2021-W01'), ['2021-01-04', '2021-01-10']);
  assert.equal(dateInterval('XXXX-10-28'), null);
  assert.equal(dateInterval(null), null);
  assert.equal(lowerBound('2016-07'), '2016-07-01');
  assert.equal(upperBound('2016-07'), '2016-07-31');
  assert.equal(upperBound('2016'), '2016-12-31');
});

test('search keys and filters fold case, accents and spaces; LIKE wildcards escaped', () => {
  assert.equal(searchKey(['Forces démocratiques  syriennes', 'FDS', 'FDS']), '|forces democratiques syriennes|fds|');
  assert.equal(foldFilter('  Ḩamāh '), 'hamah');
  assert.equal(likeContains('100%_x'), '%100\\%\\_x%');
  assert.equal(disambiguate('a', (c) => c === 'a~2'), 'a~3');
});

// The reference forms of stemLine and tsvectorLiteral (a Set / Map per document), from the
// word keys alone: the per-document stamping must give the same text, key order included.
function refStemLine(text: string, lang: string): string {
  const seen = new Set<string>();
  for (const w of refWords(text)) {
    const keys = wordKeys(w, lang);
    const folded = foldFilterWord(w);
    if (keys.length === 1 && keys[0] === folded) continue;
    for (const k of keys) seen.add(k);
  }
  return [...seen].join(' ');
}

function refTsvector(title: string | null, text: string, lang: string): string {
  const lex = new Map<string, number[]>();
  let pos = 0;
  const add = (s: string): void => {
    for (const w of refWords(s)) {
      if (pos > 16383) continue;
      pos++;
      if (pos > 16383) continue;
      for (const k of new Set([foldFilterWord(w), ...wordKeys(w, lang)])) {
        const l = lex.get(k);
        if (l === undefined) lex.set(k, [pos]);
        else if (l.length < 256) l.push(pos);
      }
    }
  };
  if (title) add(title);
  pos += 1;
  add(text);
  return [...lex].map(([k, p]) => `'${k.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${p.join(',')}`).join(' ');
}

/** Words as stemLine/tsvectorLiteral index them (at most 60 code units). */
function refWords(text: string): string[] {
  return words(text).map((w) => w.word).filter((w) => w.length <= 60);
}

/** The folded form of one word (its only key in a language without a stemmer). */
function foldFilterWord(w: string): string {
  return wordKeys(w, 'other')[0];
}

test('stemLine and tsvectorLiteral equal their Set/Map reference forms (repeats, shared stems, long texts, every language)', () => {
  const base = [
    "Les frappes ont visé l'hôpital ; frappes encore. Libérée, libéré, LIBÉRATION, liberation.",
    'Killed, killing, kills; the killers were killed. Ḩamāh, Hamah, HAMAH. O\'Neil \\ back\\slash',
    'Cafe\u0301 de\u0301truit, café détruit. ' + 'x'.repeat(61) + ' ' + 'y'.repeat(60) + ' 2016 2016 12e',
    '',
    '   ;;; ',
  ];
  const texts: string[] = [...base];
  // Texts with many repeats (more than 256 positions of a key) and more than 16383 words.
  texts.push(Array.from({ length: 400 }, (_, i) => `attaque attaques ${i % 7} frappe`).join(' '));
  texts.push(Array.from({ length: 17000 }, (_, i) => `mot${i % 50} tués`).join(' '));
  for (const lang of ['fr', 'en', 'ar', 'other']) {
    for (let i = 0; i < texts.length; i++) {
      const title = i % 2 ? null : base[(i + 1) % base.length];
      assert.equal(stemLine(texts[i], lang), refStemLine(texts[i], lang), `stemLine ${lang} #${i}`);
      assert.equal(tsvectorLiteral(title, texts[i], lang), refTsvector(title, texts[i], lang), `tsvector ${lang} #${i}`);
      // Twice: the second call reuses every cached word and interned key.
      assert.equal(tsvectorLiteral(title, texts[i], lang), refTsvector(title, texts[i], lang), `tsvector again ${lang} #${i}`);
      assert.equal(stemLine(texts[i], lang), refStemLine(texts[i], lang), `stemLine again ${lang} #${i}`);
    }
  }
});
