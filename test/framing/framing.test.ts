import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findFraming, findFramingPrepared, framingStage, safeText } from '../../src/framing/index.js';
import { prepare } from '../../src/match/matcher.js';
import { framingLexiconSchema, type FramingLexicon } from '../../src/framing/lexicon.js';
import { newDoc } from '../../src/document.js';
import type { LanguagePack } from '../../src/lang/language.js';
import frJson from '../../src/lang/fr/framing.json' with { type: 'json' };
import enJson from '../../src/lang/en/framing.json' with { type: 'json' };

const LEX: Record<'fr' | 'en', FramingLexicon> = { fr: framingLexiconSchema.parse(frJson), en: framingLexiconSchema.parse(enJson) };
const terms = (text: string, lang: 'fr' | 'en') => findFraming(text, LEX[lang]).map((t) => `${t.text}:${t.term}`);

test('both lexicons validate and cover at least 60 concepts', () => {
  for (const lang of ['fr', 'en'] as const) assert.ok(LEX[lang].entries.length >= 60, lang);
  assert.throws(() => framingLexiconSchema.parse({ ...frJson, entries: [{ term: 'x', conflict: 'nowhere', stance: 'state', forms: ['xx'], neutral: 'y' }] }));
});

test('even-handed: every conflict covered gives each of its sides at least three concepts, in both languages', () => {
  for (const lang of ['fr', 'en'] as const) {
    const lex = LEX[lang];
    for (const [conflict, { sides }] of Object.entries(lex.conflicts)) {
      for (const side of sides) {
        const n = lex.entries.filter((e) => e.conflict === conflict && e.stance === side).length;
        assert.ok(n >= 3, `${lang} ${conflict}: side ${side} has ${n} concepts`);
      }
    }
    // and no two-sided conflict is lopsided: the smaller side has at least half the larger's concepts
    for (const [conflict, { sides }] of Object.entries(lex.conflicts)) {
      if (sides.length !== 2) continue;
      const [a, b] = sides.map((s) => lex.entries.filter((e) => e.conflict === conflict && e.stance === s).length);
      assert.ok(Math.min(a, b) * 2 >= Math.max(a, b), `${lang} ${conflict}: ${a} vs ${b}`);
    }
  }
});

test('symmetric across languages: the same concepts, conflicts and stances in fr and en', () => {
  const key = (lex: FramingLexicon) => lex.entries.map((e) => `${e.term}|${e.conflict}|${e.stance}`).sort();
  assert.deepEqual(key(LEX.fr), key(LEX.en));
  assert.deepEqual(Object.keys(LEX.fr.conflicts).sort(), Object.keys(LEX.en.conflicts).sort());
  assert.deepEqual(Object.keys(LEX.fr.stances).sort(), Object.keys(LEX.en.stances).sort());
});

test('every entry offers a neutral alternative that is not one of its own forms', () => {
  for (const lang of ['fr', 'en'] as const) {
    for (const e of LEX[lang].entries) {
      assert.ok(!e.forms.includes(e.neutral.toLowerCase()), `${lang} ${e.term}`);
    }
  }
});

test('each side of a conflict is found in a sentence written in its own words', () => {
  assert.deepEqual(terms('Les forces du régime ont bombardé les takfiristes.', 'fr'), ['forces du régime:regime-forces', 'takfiristes:takfiri']);
  assert.deepEqual(terms('Regime forces shelled the takfiris.', 'en'), ['Regime forces:regime-forces', 'takfiris:takfiri']);
  assert.deepEqual(terms('L’« opération militaire spéciale » contre les néonazis ; l’invasion russe selon Kiev.', 'fr'), [
    'opération militaire spéciale:special-military-operation',
    'néonazis:nazis',
    'invasion russe:invasion',
  ]);
  assert.deepEqual(terms('In Judea and Samaria, said one; in the occupied West Bank, said the other.', 'en'), [
    'Judea and Samaria:judea-samaria',
    'occupied West Bank:occupied-territories',
  ]);
});

test('inflections, case, apostrophes and offsets', () => {
  const text = 'TERRORISTES, terroriste ; l’occupant israélien ; des Djihadistes étrangers.';
  const found = findFraming(text, LEX.fr);
  assert.deepEqual(found.map((t) => t.term), ['terrorist', 'terrorist', 'israeli-occupation', 'foreign-jihadists']);
  for (const t of found) assert.equal(text.slice(t.start, t.end), t.text);
});

test('whole words only: antiterroriste, anti-terroriste and "terroristes" inside a word do not match', () => {
  assert.deepEqual(terms('une unité antiterroriste et anti-terroriste', 'fr'), []);
  assert.deepEqual(terms('counterterrorists', 'en'), []);
});

test('the longest form wins: "milices pro-iraniennes" is one term, not "milices" + "pro-iraniennes"', () => {
  assert.deepEqual(terms('Les milices pro-iraniennes avancent.', 'fr'), ['milices pro-iraniennes:pro-iranian-militias']);
});

test('unless: a released hostage is not a liberated town, within the same sentence only', () => {
  assert.deepEqual(terms('L’otage a été libérée hier.', 'fr'), []);
  assert.deepEqual(terms('La ville a été libérée. L’otage est rentré.', 'fr'), ['libérée:liberate']);
  assert.deepEqual(terms('The hostage was liberated.', 'en'), []);
});

test('Daech and État islamique are told apart (usage differs by outlet)', () => {
  assert.deepEqual(terms('Daech, ou l’État islamique', 'fr'), ['Daech:daesh', 'État islamique:islamic-state-self']);
});

test('the stage fills doc.framing with term and stance', () => {
  const doc = newDoc({ origin: { path: '-', format: 'txt' }, raw: 'Les loyalistes et les rebelles modérés.' });
  framingStage.run(doc, { pack: { framing: LEX.fr } as LanguagePack });
  assert.deepEqual(doc.framing.map((t) => [t.term, t.stance]), [
    ['loyalists', 'pro-opposition'],
    ['moderate-rebels', 'Western'],
  ]);
});

test('word scanner: elided articles, hyphens, words after a multi-word match and offsets at the text edges', () => {
  const t = "Terroristes, l'occupant et les terroristes-kamikazes : régime.";
  const got = findFraming(t, LEX.fr);
  for (const g of got) assert.equal(t.slice(g.start, g.end), g.text);
  assert.ok(got.some((g) => g.text === 'Terroristes'), 'a term at offset 0');
  assert.ok(!got.some((g) => g.text.startsWith('terroristes-')), 'a hyphenated compound is one word');
});

test('the token-layer path finds what the full scan finds (safe and unsafe texts)', () => {
  const forms = (l: 'fr' | 'en') => LEX[l].entries.flatMap((e) => [...e.forms, ...(e.unless ?? [])]);
  const seps = [' ', "'", '’', '-', '_', '', '\n', '. ', ', ', '\u00a0', 'x', 'é', 'µ', '²', '\u0301', 'İ', '\u212a', 'Σ', '—', " l'", ' d’', '(', '«\u202f', '\t', '\u2028'];
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  let compared = 0;
  for (const l of ['fr', 'en'] as const) {
    const fs = forms(l);
    for (let k = 0; k < 1500; k++) {
      let t = '';
      const n = 1 + Math.floor(rand() * 10);
      for (let j = 0; j < n; j++) {
        let f = pick(fs);
        const m = rand();
        if (m < 0.2) f = f.toUpperCase();
        else if (m < 0.4) f = f[0].toUpperCase() + f.slice(1);
        else if (m < 0.45) f = f.slice(0, -1);
        t += f + pick(seps);
      }
      assert.deepEqual(findFramingPrepared(prepare(t), LEX[l]), findFraming(t, LEX[l]), JSON.stringify(t));
      compared++;
    }
  }
  assert.equal(compared, 3000);
  assert.ok(safeText("L’armée a repris la ville — « c’est fini », dit-il."));
  assert.ok(!safeText('İstanbul'));
});
