/**
 * The dates stage's fast paths against the plain forms they stand for: the code-unit tables
 * against their regex one character at a time, and the quick filter (src/dates/index.ts)
 * against a spelled-out reading of its definition on tricky inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeUnitTable, SPACE } from '../../src/match/units.js';
import { findDates } from '../../src/dates/index.js';
import { datesLexiconSchema } from '../../src/dates/lexicon.js';
import frJson from '../../src/lang/fr/dates.json' with { type: 'json' };
import enJson from '../../src/lang/en/dates.json' with { type: 'json' };

test('code-unit tables agree with their regex, one code unit at a time', () => {
  const cases: [string, string][] = [['\\s', ''], ['[ce]', 'iu'], ["[s'’]", 'iu'], ['[dpà]', 'iu']];
  for (const [cls, flags] of cases) {
    const t = cls === '\\s' && flags === '' ? SPACE : codeUnitTable(cls, flags);
    const re = new RegExp(`^${cls}$`, flags);
    for (let c = 1; c < 65536; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      assert.equal(t[c] === 1, re.test(String.fromCharCode(c)), `${cls}/${flags} at U+${c.toString(16)}`);
    }
  }
});

test('the quick filter: years with O for zero, numeric dates, tails of longer numbers, anchors in any case', () => {
  const fr = datesLexiconSchema.parse(frJson);
  const at = (text: string) => findDates(text, 'fr', fr, { published: '2016-03-20' }).map((m) => m.text);
  assert.deepEqual(at('Les faits remontent à 2O11.'), ['à 2O11']);
  assert.deepEqual(at('Signé le 12/03/2016 à Alep.'), ['12/03/2016']);
  assert.deepEqual(at('Le stock 12016 a brûlé.'), []);
  assert.deepEqual(at('Réunion MERCREDI à Alep.'), ['MERCREDI']);
  assert.deepEqual(at('Réunion Mercredi à Alep.'), ['Mercredi']);
  assert.deepEqual(at('İstanbul, mercredi.'), ['mercredi']); // lower-casing changes the length: word by word
});

test('the gates answered by one scan: each gate passes exactly when its own test does', async () => {
  const { gateScan, gatesPassed } = await import('../../src/dates/common/configure.js');
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const { createEnglishParser } = await import('../../src/dates/locales/en/index.js');
  const en = datesLexiconSchema.parse(enJson);
  const fr = datesLexiconSchema.parse(frJson);
  const texts = [
    '',
    'rien ici.',
    'le mardi 3 mars, samedi dernier, il y a trois jours',
    'marsamedi lundimanche', // words that overlap or share a start
    'la veille au soir, le lendemain matin, aujourd’hui, cette nuit',
    'mi-juillet, fin 2016, au printemps, l’été, cet automne',
    'last week, three days ago, the day before, this morning, next month',
    'septembre', 'sept', 'sep', 'il y', 'y a', '2', 'été', 'ete',
    'wednesday weekend weekdays noon midnight tonight tmr overmorrow earlier',
    'un texte sans date mais avec des mots comme marché, lundiste et samedis',
  ];
  for (const parser of [createFrenchParser(fr), createEnglishParser(en)]) {
    const scan = gateScan(parser.parsers);
    assert.ok(scan.index.size > 5);
    const all = texts.join(' | ');
    for (const text of [...texts, all, all.toUpperCase().toLowerCase()]) {
      const low = text.toLowerCase();
      const mask = gatesPassed(scan, low);
      for (const [gate, g] of scan.index) assert.equal((mask & (1 << g)) !== 0, gate.test(low), `${gate.source} on "${text}"`);
    }
  }
});

test('the time-of-day gate: "à 14" looked for from its digit passes the same texts as before', async () => {
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const fr = datesLexiconSchema.parse(frJson);
  const plain = /\d\s*h(?:\s*\d|[^a-z]|$)|\d\s*[:：.]\s*\d|\d\s*(?:a\.?m|p\.?m)(?![a-z])|(?:^|[^a-z])(?:à|a|at|from|vers|dès)\s*\d|o['’]?\s*clock/;
  const gate = createFrenchParser(fr).parsers.map((p) => p.gate).find((g) => g?.source.includes('clock'));
  assert.ok(gate);
  const texts = ['à 14', 'a14', 'ba 14', 'vers  9', 'dès 8 heures', 'at 9', 'from 10', 'cat 9', '(at 9', 'at\n9', '14h', '14 h 30', '8:28', '9 am', "o'clock", '12 morts', 'la 3e', 'à', '9', ' at', 'data 9'];
  for (const t of texts) for (const s of [t, `x ${t} y`, `${t}.`]) assert.equal(gate.test(s), plain.test(s), s);
});
