import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeSnippet, parseQuery, stemLine, tsvectorLiteral, wordKeys } from '../../src/store/text.js';
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
