/** One test per Vigie parser / refiner, through the French and English configurations. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateForSpan, findDates, normalizeForDates, scanText, splitSentences } from '../../src/dates/index.js';
import { datesLexiconSchema } from '../../src/dates/lexicon.js';
import { newDoc } from '../../src/document.js';
import frJson from '../../src/lang/fr/dates.json' with { type: 'json' };
import enJson from '../../src/lang/en/dates.json' with { type: 'json' };

const fr = datesLexiconSchema.parse(frJson);
const en = datesLexiconSchema.parse(enJson);
const FR = (text: string, published: string | null = '2016-11-02') => findDates(text, 'fr', fr, { published });
const EN = (text: string, published: string | null = '2016-11-02') => findDates(text, 'en', en, { published });
const values = (ds: { text: string; value: string | null }[]) => ds.map((d) => `${d.text}=${d.value}`);

test('the lexicons validate and name every month and weekday', () => {
  assert.equal(new Set(Object.values(fr.months)).size, 12);
  assert.equal(new Set(Object.values(en.weekdays)).size, 7);
  assert.throws(() => datesLexiconSchema.parse({ ...frJson, months: { janvier: 1 } }));
});

test('PartOfPeriodParser: fin/début/mi- and early/late/mid keep the period precision', () => {
  assert.deepEqual(values(FR('fin septembre 2000 et début octobre')), ['fin septembre 2000=2000-09', 'début octobre=2016-10']);
  assert.deepEqual(values(EN('in mid-March 2015 and late 2014')), ['mid-March 2015=2015-03', 'late 2014=2014']);
});

test('MonthParser: a month with a year, a trigger or a modifier; never a day-month', () => {
  assert.deepEqual(values(FR('en octobre 2015, puis en juin prochain')), ['octobre 2015=2015-10', 'juin prochain=2017-06']);
  assert.deepEqual(values(FR('le 28 octobre 2015')), ['28 octobre 2015=2015-10-28']);
  assert.deepEqual(values(EN('the march of the troops')), []);
  assert.deepEqual(values(EN('July of 2016')), ['July of 2016=2016-07']);
});

test('YearParser: triggers, a lone year before punctuation, not quantities', () => {
  assert.deepEqual(values(FR('dès 1990, puis en 1998 les forces')), ['dès 1990=1990', 'en 1998=1998']);
  assert.deepEqual(values(FR('Il est né en 1975 (1975).')), ['en 1975=1975', '1975=1975']);
  assert.deepEqual(values(FR('près de 2000 soldats, 1500 morts, en 2000 blindés')), []);
  assert.deepEqual(values(EN('over 2016 people, in 2016 they left')), ['in 2016=2016']);
});

test('SeasonParser: seasons need their article; the year precision and a season flag', () => {
  const d = FR('au printemps 2013, la ville a été prise');
  assert.equal(d.length, 1);
  assert.equal(d[0].value, '2013');
  assert.deepEqual(d[0].flags, ['season:SP']);
});

test('RelativePeriodParser: week, month and year precision', () => {
  assert.deepEqual(values(FR('cette semaine, la semaine prochaine, ce mois-ci, l’an dernier')), [
    'cette semaine=2016-W44',
    'la semaine prochaine=2016-W45',
    'ce mois-ci=2016-11',
    'l’an dernier=2015',
  ]);
  assert.deepEqual(values(EN('earlier this month', null)), ['earlier this month=null']);
});

test('AnaphoraParser: the day after the date mentioned last, unknown after an unknown day', () => {
  assert.deepEqual(values(FR('Le 3 mars, l’attaque. Le lendemain, la riposte. Le surlendemain, le retrait.', '2016-11-02')), [
    '3 mars=2016-03-03',
    'Le lendemain=2016-03-04',
    'Le surlendemain=2016-03-06',
  ]);
  assert.deepEqual(values(FR('Mercredi, l’attaque. Le lendemain, la riposte.', null)), ['Mercredi=null', 'Le lendemain=null']);
  assert.deepEqual(values(EN('The next day, nothing.')), ['The next day=null'], 'no earlier date: unknown');
});

test('ModifierRefiner: dernier/prochain grow the span; depuis flags "since"', () => {
  const d = FR('depuis le 28 octobre dernier');
  assert.equal(d[0].text, '28 octobre dernier');
  assert.deepEqual(d[0].flags, ['since']);
});

test('UnlikelyDateFilter: times alone and durations are not dates', () => {
  assert.deepEqual(values(FR('à 14h30, pendant trois jours, durant deux semaines')), []);
  assert.deepEqual(values(EN('at 8:28 PM, for three days, within two weeks')), []);
  assert.deepEqual(values(FR('il y a trois jours')), ['il y a trois jours=2016-10-30'], 'a point in the past is a date');
});

test('WeekdayCheckRefiner: the date wins, the mismatch is flagged', () => {
  const d = FR('samedi 5 novembre 2016 et jeudi 4 novembre 2016'); // the 4th was a Friday
  assert.deepEqual(d.map((x) => x.flags ?? []), [[], ['weekday-mismatch']]);
  assert.equal(d[1].value, '2016-11-04');
});

test('normalizeForDates keeps the length and fixes the letter O in years only', () => {
  const s = 'En 2O11 et 1O9 OTAN\u00a0mars';
  const n = normalizeForDates(s);
  assert.equal(n.text.length, s.length);
  assert.equal(n.text, 'En 2011 et 1O9 OTAN mars');
  assert.deepEqual(n.oFixed, [4]);
});

test('scanText: ’ read as \' (same length), only when the rest is Latin-1; mention texts keep ’', () => {
  assert.equal(scanText('l’été 2015'), "l'été 2015");
  assert.equal(scanText('plain text'), 'plain text');
  assert.equal(scanText('l’été — 2015'), 'l’été — 2015'); // an em dash: left as it is
  assert.equal(scanText('l’été\u0019'), 'l’été\u0019'); // U+0019 (what latin1 makes of ’): left as it is
  const curly = FR('Depuis l’été 2015 et jusqu’au 3 mars 2016, l’armée…');
  const straight = FR("Depuis l'été 2015 et jusqu'au 3 mars 2016, l'armée…");
  assert.deepEqual(curly.map((d) => [d.start, d.end, d.value]), straight.map((d) => [d.start, d.end, d.value]));
  assert.equal(curly[0].text, 'l’été 2015');
  assert.deepEqual(curly.map((d) => d.text.replace(/’/g, "'")), straight.map((d) => d.text));
});

test('sentences are not cut inside "Jan. 15"', () => {
  const s = 'Posted Jan. 15, 2017. Next one.';
  assert.deepEqual(splitSentences(s).map((x) => s.slice(x.start, x.end).trim()), ['Posted Jan. 15, 2017.', 'Next one.']);
  assert.deepEqual(values(EN(s)), ['Jan. 15, 2017=2017-01-15']);
});

test('dateForSpan: the first valued date inside the span, else null', () => {
  const doc = newDoc({ origin: { path: '-', format: 'txt' }, raw: 'Hier, des tirs. Le 3 mars, un raid.', published: '2016-11-02' });
  doc.dates = findDates(doc.text, 'fr', fr, { published: doc.published });
  assert.equal(dateForSpan(doc, 16, doc.text.length)?.value, '2016-03-03');
  assert.equal(dateForSpan(doc, 0, 15)?.value, '2016-11-01');
  assert.equal(dateForSpan(doc, 6, 15), null);
});

test('one chrono call per document: windows far apart keep their own dates, offsets and look-arounds', () => {
  const filler = ' Les combats se sont poursuivis dans la vallée inventée de Norvelle sans interruption notable.'.repeat(3);
  const text = `Les forces sont entrées à Tamsar mardi.${filler} Le 14 juillet 2015, un accord a été signé.${filler} Depuis 2012 la ville est assiégée.${filler} Le lendemain, les médiateurs sont revenus.`;
  const ds = FR(text);
  assert.deepEqual(values(ds), ['mardi=2016-11-01', '14 juillet 2015=2015-07-14', 'Depuis 2012=2012', 'Le lendemain=2015-07-15']);
  for (const d of ds) assert.equal(text.slice(d.start, d.end), d.text);
  assert.ok(ds[2].flags?.includes('since'), '"depuis" is seen before its window, not across the separator');
  // a date at the very start and the very end of the text
  assert.deepEqual(values(EN(`Monday.${filler} It ended on 3 March 2015`)), ['Monday=2016-10-31', 'on 3 March 2015=2015-03-03']);
});

test('parser gates: a window without digits or month words still finds weekdays, casual words and relative periods', () => {
  assert.deepEqual(values(FR('Les pourparlers reprendront la semaine prochaine, a-t-on appris hier.')), ['la semaine prochaine=2016-W45', 'hier=2016-11-01']);
  assert.deepEqual(values(EN('Talks resume next week, officials said yesterday; the strike came on Sunday morning.')).slice(0, 2), ['next week=2016-W45', 'yesterday=2016-11-01']);
  assert.deepEqual(values(EN('The attack of 12/03/2015 and the raid of 2015-04-01.')), ['12/03/2015=2015-12-03', '2015-04-01=2015-04-01']);
});

test('future cues "d\'ici", "prévue le" and a year followed by "où"', () => {
  // published 2031-05-21: a deadline or a scheduled day ahead stays in the future
  assert.deepEqual(values(FR("Le médiateur exige un accord d'ici le 30 juin, selon un diplomate.", '2031-05-21')), ['30 juin=2031-06-30']);
  assert.deepEqual(values(FR('Son investiture par le conseil inventé est prévue le 15 septembre.', '2031-07-09')), ['15 septembre=2031-09-15']);
  // without a cue, the past reading is kept
  assert.deepEqual(values(FR('Le médiateur avait exigé un accord le 30 juin, selon un diplomate.', '2031-07-09')), ['30 juin=2031-06-30']);
  assert.deepEqual(values(FR('Le médiateur a exigé un accord le 30 juin, selon un diplomate.', '2031-05-21')), ['30 juin=2030-06-30']);
  assert.deepEqual(values(FR('Le dernier rapport, publié en 2029 où la ville était assiégée.', '2031-05-21')), ['en 2029=2029']);
  assert.deepEqual(values(FR('près de 2000 soldats', '2031-05-21')), []);
});

test('the chrono cache gives the same mentions for the same text and date, and recomputes for another date', () => {
  const t = 'Les combats ont repris mardi près de la ville inventée de Norvelle.';
  const a = FR(t, '2031-05-21');
  const b = FR(t, '2031-05-21');
  assert.deepEqual(b, a);
  assert.notStrictEqual(b[0], a[0], 'fresh mention objects');
  assert.deepEqual(values(FR(t, '2031-05-28')), ['mardi=2031-05-27']);
  assert.deepEqual(values(a), ['mardi=2031-05-20']);
});
