import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../src/clean/sentences.js';

const split = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

test('French: abbreviations, initials, decimals, « quotes »', () => {
  assert.deepEqual(split("M. Dupont et Mme Durand sont arrivés. Le Dr Lemaire a parlé à 10 h. Le bilan s'élève à 3.5 %. Fin."), [
    'M. Dupont et Mme Durand sont arrivés.',
    'Le Dr Lemaire a parlé à 10 h.',
    "Le bilan s'élève à 3.5 %.",
    'Fin.',
  ]);
  assert.deepEqual(split('Le général J. Mattis a répondu. « Nous verrons. » Il est parti.'), [
    'Le général J. Mattis a répondu.',
    '« Nous verrons. »',
    'Il est parti.',
  ]);
  assert.deepEqual(split('«\u00a0Les attaques doivent cesser\u00a0», a déclaré le ministre. Puis il est parti.'), [
    '«\u00a0Les attaques doivent cesser\u00a0», a déclaré le ministre.',
    'Puis il est parti.',
  ]);
  assert.deepEqual(split('Vraiment ? Oui ! Et ensuite... rien. Après.'), ['Vraiment ?', 'Oui !', 'Et ensuite... rien.', 'Après.']);
});

test('English: titles, U.S., Gen., quotes', () => {
  assert.deepEqual(split('Gen. Smith met U.S. officials on Monday. "We will respond," he said. Mr. Roe left.'), [
    'Gen. Smith met U.S. officials on Monday.',
    '"We will respond," he said.',
    'Mr. Roe left.',
  ]);
  assert.deepEqual(split('The toll rose to 12. Officials said "it is over." Then silence.'), [
    'The toll rose to 12.',
    'Officials said "it is over."',
    'Then silence.',
  ]);
});

test('line breaks end headlines and paragraphs; hard-wrapped lines are joined', () => {
  assert.deepEqual(split('Une manchette sans point\n\nLe premier paragraphe. Le second.\nUn autre paragraphe'), [
    'Une manchette sans point',
    'Le premier paragraphe.',
    'Le second.',
    'Un autre paragraphe',
  ]);
  const wrapped = 'Les forces ont repris la colline après deux jours de combats\ncontre un groupe armé. Fin.';
  assert.deepEqual(split(wrapped), ['Les forces ont repris la colline après deux jours de combats\ncontre un groupe armé.', 'Fin.']);
});

test('spans are trimmed, ordered, non-overlapping and inside the text', () => {
  const t = '  Un.   Deux.\n\n\nTrois  ';
  const s = splitSentences(t);
  assert.deepEqual(s.map((x) => t.slice(x.start, x.end)), ['Un.', 'Deux.', 'Trois']);
  for (let i = 1; i < s.length; i++) assert.ok(s[i].start >= s[i - 1].end);
  assert.deepEqual(splitSentences(''), []);
});
