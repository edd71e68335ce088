/**
 * The dates stage's fast paths against the plain forms they stand for: the code-unit tables
 * against their regex one character at a time, and the quick filter (src/dates/index.ts)
 * against a spelled-out reading of its definition on tricky inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeUnitTable, SPACE } from '../../src/match/units.js';
import { findDates } from '../../src/dates/index.js';
import { gateWord } from '../../src/dates/common/configure.js';
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

/**
 * Keyed parsers (configure.ts, KeyedPattern): a parser started near its keys finds what it
 * finds over the whole text. Texts: generated articles (bench/corpus.ts), the same with their
 * case flipped, astral characters, other spaces and prefixes glued near the keys, and
 * hand-made edge cases.
 */
const EDGES = [
  '', 'mardi', 'MARDI', ' (lundi, ce samedi dernier', 'ce   mardi 3 mars', 'cemardi', 'xmardi', '😀mardi', 'mardi😀',
  '𝒜 lundi', '\uDC00lundi', 'lundi\uD800', '\u0000mercredi', 'on Monday, last  Friday, next week, this weekend', 'onMonday',
  'last night this morning', 'the end of the month', 'last day of the month', 'in January 2016', 'JANUARY 5, 2016',
  'à minuit, a midi, cet après-midi, ce matin, le soir', 'cette nuit, la veille, aujourd\'hui', 'en 2016, depuis  2012, (1975), 12016, 20162016',
  'fin mars 2016, mi-juillet, début 2012, à la fin de 2015', 'au printemps 2016, l\'été dernier', 'le lendemain, la veille du 25 janvier',
  'la semaine dernière, l’année prochaine', 'the previous day, last month, earlier this year', 'late July 2016, early 2012',
  'ſamedi ſeptembre İstanbul mardi', 'K\u212Aday Monday', 'mar mars mardi marché', '2020 2021 2022 1500 1499 2099 2100',
  'next 3 days, +2 weeks, - 3 days, -5 days, after 2 hours, this 2 weeks, past few years, last couple of months',
  'cease-fire, 2016-2017, +3, --3 days, x-3 days, (-2 days), +  a week, NEXT TWO WEEKS, Last 3 Days',
  'les 3 derniers jours, la semaine prochaine, des jours passés, les deux mois précédents, du 2.5 h suivantes, les jours, l\'an passé',
  'LES TROIS DERNIÈRES ANNÉES, la  demi-heure  suivante, des quelques semaines passées, le mois dernier, lesjours dernier, xdes mois derniers',
];

function variants(text: string, r: () => number): string[] {
  const flip = [...text].map((c) => (r() < 0.3 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
  const glue = text.replace(/ /g, () => { const x = r(); return x < 0.05 ? ' 😀' : x < 0.1 ? '\u00A0' : x < 0.13 ? ' ce ' : x < 0.16 ? ' (' : x < 0.19 ? ' on ' : x < 0.22 ? '\n' : ' '; });
  return [text, text.toUpperCase(), flip, glue];
}

/** Results by what chrono's API reads of them: offsets, text, each component (value, certain), tags, date, reference date. */
const COMPONENTS = ['year', 'month', 'day', 'weekday', 'hour', 'minute', 'second', 'millisecond', 'meridiem', 'timezoneOffset'] as const;
const components = (c: import('chrono-node').ParsingComponents | null | undefined) =>
  c && [COMPONENTS.map((k) => [c.get(k), c.isCertain(k)]), [...c.tags()].sort(), c.getCertainComponents().sort(), c.date().getTime()];
const serial = (rs: import('chrono-node').ParsingResult[]): string =>
  JSON.stringify(rs.map((x) => [x.index, x.text, components(x.start), components(x.end), [...x.tags()].sort(), x.refDate.getTime()]));

test('keyed parsers: each finds, from its keys, what it finds over the whole text', async () => {
  const { Chrono, ParsingContext } = await import('chrono-node');
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const { createEnglishParser } = await import('../../src/dates/locales/en/index.js');
  const { generateCorpus, rng } = await import('../../bench/corpus.js');
  const executeParser = (Chrono as unknown as { executeParser(c: InstanceType<typeof ParsingContext>, p: import('chrono-node').Parser): import('chrono-node').ParsingResult[] }).executeParser;
  const fr = datesLexiconSchema.parse(frJson);
  const en = datesLexiconSchema.parse(enJson);
  const r = rng(7);
  const texts = [...EDGES, EDGES.join(' | ')];
  for (const a of generateCorpus(120)) texts.push(...variants(a.text, r));
  let keyedParsers = 0;
  let found = 0;
  for (const parser of [createFrenchParser(fr), createEnglishParser(en)]) {
    for (const gp of parser.parsers) {
      if (!gp.keys) continue;
      keyedParsers++;
      const words = gp.keys.gate.source.split('|').filter((w) => w !== '\\d').map((w) => gateWord(w)!);
      for (const text of texts) {
        const low = text.toLowerCase();
        if (low.length !== text.length || text.includes('\u017F')) continue; // parse() does not key these
        // the keys spelled out: every offset where a gate word starts, every year (1500–2099)
        const keys = new Set<number>();
        for (const w of words) for (let i = low.indexOf(w); i >= 0; i = low.indexOf(w, i + 1)) keys.add(i);
        if (gp.keys.years) for (let i = 0; i + 4 <= text.length; i++) if (/^(?:1[5-9]|20)\d\d/.test(text.slice(i, i + 4))) keys.add(i);
        const context = new ParsingContext(text, new Date(2016, 2, 20, 12), {});
        const plain = executeParser(context, gp.parser);
        gp.keys.pattern.reset(text, [...keys].sort((x, y) => x - y));
        const keyed = executeParser(context, gp.keys.parser);
        found += plain.length;
        assert.equal(serial(keyed), serial(plain), `${gp.keys.pattern.source.slice(0, 60)} on ${JSON.stringify(text.slice(0, 200))}`);
      }
    }
  }
  assert.ok(keyedParsers >= 14, `keyed parsers: ${keyedParsers}`);
  assert.ok(found > 1000, `results compared: ${found}`);
});

test('the gate scan notes every offset of every gate word; parse() with keys equals parse() without', async () => {
  const { gateScan, gatesPassed, gateHits } = await import('../../src/dates/common/configure.js');
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const { createEnglishParser } = await import('../../src/dates/locales/en/index.js');
  const { generateCorpus, rng } = await import('../../bench/corpus.js');
  const fr = datesLexiconSchema.parse(frJson);
  const en = datesLexiconSchema.parse(enJson);
  const r = rng(11);
  const texts = [...EDGES, EDGES.join(' | ')];
  for (const a of generateCorpus(60)) texts.push(...variants(a.text, r));
  for (const parser of [createFrenchParser(fr), createEnglishParser(en)]) {
    const scan = gateScan(parser.parsers);
    for (const text of texts) {
      const low = text.toLowerCase();
      const at: number[][] = [];
      assert.equal(gateHits(scan, low, at), gatesPassed(scan, low));
      for (const [gate, g] of scan.index) {
        const want = new Set<number>();
        for (const a of gate.source.split('|')) if (a !== '\\d') for (let w = gateWord(a)!, i = low.indexOf(w); i >= 0; i = low.indexOf(w, i + 1)) want.add(i);
        assert.deepEqual(at[g] ?? [], [...want].sort((x, y) => x - y), `${gate.source} on ${JSON.stringify(text.slice(0, 80))}`);
      }
      for (const [ref, has] of [[new Date(2016, 2, 20, 12), true], [new Date(1000, 6, 1, 12), false]] as const) {
        assert.equal(serial(parser.parse(text, ref, { vigieHasReference: has })), serial(parser.parseUnkeyed(text, ref, { vigieHasReference: has })), text.slice(0, 200));
      }
    }
  }
});

test('chrono\'s UnlikelyFormatFilter answered faster: validDate and likelyFormat agree with isValidDate and isValid', async () => {
  const chrono = await import('chrono-node');
  const { likelyFormat, validDate } = await import('../../src/dates/common/configure.js');
  const { rng } = await import('../../bench/corpus.js');
  const reference = new chrono.ReferenceWithTimezone(new Date(2016, 2, 20, 12));
  const years = [0, 1, 50, 99, 100, 101, 1500, 1600, 1900, 2000, 2015, 2016, 2100, 199999, 200000, 200001, 275760, 300000, -5, 2016.5, NaN];
  const months = [0, 1, 2, 3, 4, 6, 9, 11, 12, 13, -1, 2.5];
  const days = [0, 1, 28, 29, 30, 31, 32, -1, 1e10, 15.5];
  const times: Record<string, number>[] = [{}, { hour: 0 }, { hour: 23, minute: 59 }, { hour: 24 }, { hour: -1 }, { hour: 12.5 }, { minute: 60 }, { second: 60 }, { second: 59, millisecond: 999 }, { millisecond: 1000 }, { hour: 23, minute: 59, second: 59, millisecond: 999 }, { minute: -1 }];
  const r = rng(3);
  let n = 0;
  for (const year of years) for (const month of months) for (const day of days) {
    for (const t of [times[0], times[Math.floor(r() * times.length)], times[Math.floor(r() * times.length)]]) {
      const c = new chrono.ParsingComponents(reference, { year, month, day, ...t });
      assert.equal(validDate(c), c.isValidDate(), JSON.stringify({ year, month, day, ...t }));
      n++;
    }
    // implied values too (the constructor implies the reference's day, noon)
    const c = new chrono.ParsingComponents(reference);
    c.assign('month', month);
    assert.equal(validDate(c), c.isValidDate());
  }
  assert.ok(n > 5000);
  const filter = chrono.fr.casual.refiners.find((x) => x.constructor.name === 'UnlikelyFormatFilter') as unknown as { isValid(c: unknown, r: unknown): boolean };
  const context = new chrono.ParsingContext('', new Date(2016, 2, 20, 12), {});
  const texts = ['', ' ', '12', '1 2', '1  2', '1 2 3', '1.5', '1..5', '.5', ' 12', '12 ', '2016', 'mardi', 'a1', '1a', '12/03', '1,5', '\u00A012', '٣', '1.2.3', '.', '..'];
  for (const text of texts) {
    for (const known of [{ year: 2016, month: 3, day: 20 }, { year: 2016, month: 2, day: 30 }]) {
      const res = context.createParsingResult(0, text, known);
      assert.equal(likelyFormat(res), filter.isValid(context, res), JSON.stringify([text, known]));
      res.end = context.createParsingComponents({ year: 2016, month: 4, day: 31 });
      assert.equal(likelyFormat(res), filter.isValid(context, res), JSON.stringify([text, known, 'end']));
    }
  }
});

test('chrono\'s parsers as configured (kept pattern, faster weekday extract, results made from components) find what chrono\'s own find', async () => {
  const chrono = await import('chrono-node');
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const { createEnglishParser } = await import('../../src/dates/locales/en/index.js');
  const { generateCorpus, rng } = await import('../../bench/corpus.js');
  const executeParser = (chrono.Chrono as unknown as { executeParser(c: InstanceType<typeof chrono.ParsingContext>, p: import('chrono-node').Parser): import('chrono-node').ParsingResult[] }).executeParser;
  const r = rng(5);
  const texts = [...EDGES, 'this weekend, next weekday, lundi prochain, ce dimanche dernier, Sunday of next week, thurs., sat.'];
  for (const a of generateCorpus(60)) texts.push(...variants(a.text, r));
  const cases = [
    { dp: createFrenchParser(datesLexiconSchema.parse(frJson)), base: chrono.fr.casual, drop: ['FRTimeUnitWithinFormatParser'] },
    { dp: createEnglishParser(datesLexiconSchema.parse(enJson)), base: chrono.en.casual, drop: ['ENTimeUnitWithinFormatParser', 'ENTimeUnitLaterFormatParser'] },
  ];
  let found = 0;
  for (const { dp, base, drop } of cases) {
    const own = base.parsers.filter((p) => !drop.includes(p.constructor.name));
    const ours = dp.parsers.slice(dp.parsers.length - own.length);
    for (const text of texts) {
      for (let i = 0; i < own.length; i++) {
        const context = new chrono.ParsingContext(text, new Date(2016, 2, 20, 12), {});
        const want = executeParser(context, own[i]);
        found += want.length;
        assert.equal(serial(executeParser(context, ours[i].parser)), serial(want), `${own[i].constructor.name} on ${JSON.stringify(text.slice(0, 120))}`);
      }
    }
  }
  assert.ok(found > 1000, `results compared: ${found}`);
});

test('ENEndOfPeriodRefiner is handed every result its pattern can match before', async () => {
  const { endsWithOfThenSpace } = await import('../../src/dates/common/configure.js');
  const PREFIX = /\b(?:last\s+day|end)\s+of\s+(?:the\s+)?$/i; // chrono-node 2.10 ENEndOfPeriodRefiner
  const texts = [
    'the end of the month, the END OF THE\u00A0March, last day of\nApril, last  day  of  the  year, end of  ',
    'end ofthe month, endof March, end of the, Of the, of, he, the , xthe , THE\t, ofMarch, end of the\u2028May, lastday of x',
    ...EDGES,
  ];
  let matched = 0;
  for (const text of texts) {
    for (let i = 0; i <= text.length; i++) {
      const m = PREFIX.test(text.slice(0, i));
      if (m) matched++;
      if (m) assert.ok(endsWithOfThenSpace(text, i), JSON.stringify(text.slice(0, i)));
    }
  }
  assert.ok(matched >= 6, `prefixes matched: ${matched}`);
});

test('a relative period Vigie already reads is not extracted again by chrono: parse() equals chrono\'s own loop', async () => {
  const { Chrono } = await import('chrono-node');
  const { createFrenchParser } = await import('../../src/dates/locales/fr/index.js');
  const { createEnglishParser } = await import('../../src/dates/locales/en/index.js');
  const fr = datesLexiconSchema.parse(frJson);
  const en = datesLexiconSchema.parse(enJson);
  const cases: [ReturnType<typeof createFrenchParser>, string[]][] = [
    [
      createFrenchParser(fr),
      [
        'Il viendra la semaine prochaine, puis les deux semaines suivantes.',
        'La semaine dernière, le mois prochain, l’année précédente, les jours suivants.',
        'Depuis la semaine passée et jusqu’à la fin du mois prochain, rien.',
        'le mois dernier\nla semaine prochaine\ndes semaines, la semaine',
      ],
    ],
    [
      createEnglishParser(en),
      [
        'He will come next week, not at the end of next month.',
        'Last week and last month, the last day of next month; this year, past week.',
        'At the end of the next week? By the end of last year, after this week.',
        'next week\nend of next week\nthe last day of next month',
      ],
    ],
  ];
  let skippable = 0;
  for (const [parser, texts] of cases) {
    // chrono's own loop over the same parsers and refiners: every parser extracts every match
    const plain = new Chrono({ parsers: parser.parsers.map((g) => g.parser), refiners: [...parser.refiners] });
    for (const text of texts) {
      for (const [ref, has] of [[new Date(2016, 2, 20, 12), true], [new Date(1000, 6, 1, 12), false]] as const) {
        const got = parser.parse(text, ref, { vigieHasReference: has });
        const option: import('chrono-node').ParsingOption = { vigieHasReference: has } as import('chrono-node').ParsingOption;
        assert.equal(serial(got), serial(plain.parse(text, ref, option) as import('chrono-node').ParsingResult[]), text);
        skippable += got.filter((r) => /semaine|week|month|mois/i.test(r.text)).length;
      }
    }
  }
  assert.ok(skippable >= 16, `relative periods found: ${skippable}`);
});
