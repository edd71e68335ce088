import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Phrases, patternSource, sentencesOf, naiveSentences } from '../../src/events/patterns.js';

const texts = (p: Phrases, s: string) => p.all(s).map((m) => m.text);

test('mini-patterns: wildcard, alternation (longest first), apostrophes, spaces, case and accents', () => {
  const p = Phrases.of(['bombard*', "s'empar(é|ée|és|er)", 'repris le contrôle', 'eei']);
  assert.deepEqual(texts(p, 'Les bombardements ont cessé.'), ['bombardements']);
  assert.deepEqual(texts(p, 'Ils se sont emparés de la ville'), []); // "s'" needs the elided form
  assert.deepEqual(texts(p, 'Il s’est emparé'), []);
  assert.deepEqual(texts(Phrases.of(['empar(é|ée|és|er)']), 'ils se sont emparés'), ['emparés']);
  assert.deepEqual(texts(p, "L'armée s'emparer"), ["s'emparer"]);
  assert.deepEqual(texts(p, 'a REPRIS\u00a0le   contrôle'), ['REPRIS\u00a0le   contrôle']);
  assert.deepEqual(texts(p, 'un EEI a explosé'), ['EEI']);
  assert.match('libérée', new RegExp(`^${patternSource('libér(é|ée)')}$`, 'iu'));
});

test('whole words only, leftmost-longest, elided forms need no boundary', () => {
  const p = Phrases.of(['combat', 'combats', 'accord', "d'après"]);
  assert.deepEqual(texts(p, 'les combattants et les combats'), ['combats']);
  assert.deepEqual(texts(p, "D’après l'accord"), ['D’après', 'accord']);
  assert.deepEqual(texts(Phrases.of(['a', 'a demandé']), 'il a demandé'), ['a demandé']);
});

test('scan: one pass returns every group, groups of one class never overlap', () => {
  const p = new Phrases([['frappes'], ['frappes aériennes'], ['aériennes']], [0, 0, 1]);
  const ms = p.scan('des frappes aériennes russes');
  assert.deepEqual(ms.map((m) => [m.text, m.group]), [
    ['frappes aériennes', 1],
    ['aériennes', 2],
  ]);
  assert.equal(p.endsAt('à côté de', 0, 9), null);
  assert.ok(Phrases.of(['près de']).endsAt('tué près de ', 0, 12));
  assert.ok(Phrases.of(['cette agence']).whole(' cette agence '));
});

test('sentences: given boundaries are split at line breaks and numbered by paragraph', () => {
  const text = 'Titre\nPremière phrase. Deuxième phrase.\n\nAutre paragraphe.';
  const s = sentencesOf(text, naiveSentences(text));
  assert.deepEqual(s.map((x) => text.slice(x.start, x.end)), ['Titre', 'Première phrase.', 'Deuxième phrase.', 'Autre paragraphe.']);
  assert.deepEqual(s.map((x) => x.para), [0, 1, 1, 2]);
});
