import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumber, eventsOf, eventsStage, figureSpans } from '../../src/events/index.js';
import { PACKS } from '../../src/lang/language.js';
import { build } from '../conformance/events/build.js';
import { newDoc } from '../../src/document.js';

const fr = PACKS.fr.events;
const en = PACKS.en.events;

test('numbers in words and digits', () => {
  assert.equal(parseNumber('vingt-trois', fr), 23);
  assert.equal(parseNumber('quatre-vingt-dix', fr), 90);
  assert.equal(parseNumber('deux cents', fr), 200);
  assert.equal(parseNumber('trente et un', fr), null); // "un" alone is not a number word (article)
  assert.equal(parseNumber('1 200', fr), 1200);
  assert.equal(parseNumber('twenty-one', en), 21);
  assert.equal(parseNumber('three hundred', en), 300);
  assert.equal(parseNumber('soldats', fr), null);
});

test('figures are read at word starts only, as the reference regex reads them (any range)', () => {
  const texts = [
    'Vingt-trois soldats, 1 200 civils et quatre-vingt-dix rebelles ; 20km, B52, 3e, ſix, K9 et trente et un morts.',
    "L’armée a tué 12 personnes (dont deux enfants) à 3h, «\u00a0quinze\u00a0» selon l’OSDH ; 2020 n’est pas un bilan.",
    'Twenty-one people, a dozen soldiers and three hundred civilians died; 15,000 fled, 7-year-old boy, 1st time.',
    'abc12 deux 𝟏𝟐 trois\u0345 vingt ‑trois x',
  ];
  for (const [lang, lex] of [['fr', fr], ['en', en]] as const) {
    for (const t of texts) {
      // every start and end, mid-word ones included (a range that opens inside a word reads it from there)
      for (let a = 0; a < t.length; a += 3) {
        for (const b of [t.length, Math.min(t.length, a + 17)]) {
          if (b <= a) continue;
          const { fast, reference } = figureSpans(t, a, b, lex);
          assert.deepEqual(fast, reference, `${lang} [${a}, ${b}) ${JSON.stringify(t.slice(a, b))}`);
        }
      }
    }
  }
  const { fast } = figureSpans(texts[0], 0, texts[0].length, fr);
  assert.deepEqual(fast.map((f) => f.text).slice(0, 3), ['Vingt-trois', '1 200', 'quatre-vingt-dix']);
});

test('fatalities: wounded are not counted; the lowest figure wins; a bare toll sentence goes to the previous event', () => {
  const one = (t: string, lang: 'fr' | 'en' = 'fr') => eventsOf(build(t, { lang }), PACKS[lang].events);
  assert.equal(one('Des frappes ont tué 4 civils et blessé 30 autres à {Ariha}.')[0].fatalities, 4);
  assert.equal(one('Une explosion à {Azaz} a fait 30 blessés.')[0].fatalities, null);
  assert.equal(one('Shelling killed 15 people in {Douma}; medics later said 11 were dead.', 'en')[0].fatalities, 11);
  const evs = one(`L'[armée|army|military] a repris {Kafr Nabl} <mardi|2020-02-11|day>. Vingt-trois combattants ont été tués.`);
  assert.equal(evs.length, 1);
  assert.equal(evs[0].fatalities, 23);
  assert.equal(evs[0].spans?.fatalities?.text, 'Vingt-trois');
});

test('fatality figures: number words in any case, digits with separators, in texts holding ’; no figure inside a word', () => {
  const fig = (t: string, lang: 'fr' | 'en') => {
    const e = eventsOf(build(t, { lang }), PACKS[lang].events)[0];
    return [e.fatalities, e.spans?.fatalities?.text ?? null];
  };
  assert.deepEqual(fig('Des frappes ont tué quarante-deux civils à {Ariha}.', 'fr'), [42, 'quarante-deux']);
  assert.deepEqual(fig('Des frappes à {Ariha} ont fait deux cents morts, dont l’un des chefs.', 'fr'), [200, 'deux cents']);
  assert.deepEqual(fig('L’explosion à {Azaz} a tué 1 200 personnes.', 'fr'), [1200, '1 200']);
  assert.deepEqual(fig('Des frappes ont tué 12 civils à {Ariha}, selon l’OSDH qui parle d’A320.', 'fr'), [12, '12']);
  assert.deepEqual(fig('Shelling killed Twenty-one people in {Douma}.', 'en'), [21, 'Twenty-one']);
  assert.deepEqual(fig('Shelling in {Douma} killed three hundred people, said the monitor’s office.', 'en'), [300, 'three hundred']);
  assert.deepEqual(fig('Shelling in {Douma} killed some people; the A10 road was hit.', 'en'), [null, null]);
  assert.deepEqual(fig('Shelling killed thirty-one civilians and wounded forty in {Douma}.', 'en'), [31, 'thirty-one']);
});

test('ids, evidence, trigger and spans point into the text', () => {
  const doc = build(`Selon l'[OSDH|sohr|ngo], l'[armée|army|military] a bombardé {Douma} <mercredi|2015-10-07|day>.`, { id: 'd7', published: '2015-10-08' });
  eventsStage.run(doc, { pack: PACKS.fr });
  assert.equal(doc.events.length, 1);
  const ev = doc.events[0];
  assert.equal(ev.id, 'd7:e1');
  assert.equal(doc.text.slice(ev.evidence.start, ev.evidence.end), ev.evidence.text);
  assert.equal(ev.trigger?.text, 'bombardé');
  assert.deepEqual(ev.actor1, ['army']); // the NGO source is not an actor
  assert.equal(ev.spans?.place?.text, 'Douma');
  assert.equal(ev.spans?.date?.text, 'mercredi');
  assert.equal(ev.date, '2015-10-07');
});

test('date falls back to the publication month, never to a precision the text lacks', () => {
  const doc = build(`Des combats ont éclaté à {Hama}.`, { published: '2020-02-16' });
  assert.equal(eventsOf(doc, fr)[0].date, '2020-02');
});

test('the place falls back to the previous sentence of the same paragraph, not across paragraphs', () => {
  const a = eventsOf(build(`La situation reste tendue à {Hama}. Des affrontements ont opposé l'[armée|army|military] et les [rebelles|rebels].`), fr);
  assert.equal(a[0].place, 'gn:hama');
  const b = eventsOf(build(`La situation reste tendue à {Hama}.\nDes affrontements ont opposé l'[armée|army|military] et les [rebelles|rebels].`), fr);
  assert.equal(b[0].place, null);
});

test('the same event told twice in one document is merged', () => {
  const doc = build(`L'[armée|army|military] a repris {Kafr Nabl}. Plus tard, l'[armée|army|military] a repris le contrôle de {Kafr Nabl}, selon des témoins.`);
  const evs = eventsOf(doc, fr);
  assert.equal(evs.filter((e) => e.subtype === 'Government regains territory').length, 1);
});

test('empty or trigger-less documents give no events', () => {
  const doc = newDoc({ origin: { path: '-', format: 'txt' }, raw: '', lang: 'fr' });
  eventsStage.run(doc, { pack: PACKS.fr });
  assert.deepEqual(doc.events, []);
  assert.deepEqual(eventsOf(build('Le temps est beau à {Paris}.'), fr), []);
});

test('crowd events without a named actor get ACLED\'s crowd actor of their country (fr and en)', () => {
  const run = (t: string, lang: 'fr' | 'en', cc: string) => {
    const doc = build(t, { lang });
    for (const p of doc.places) p.country = cc;
    eventsStage.run(doc, { pack: PACKS[lang] });
    return doc;
  };
  const en1 = run('Hundreds of students protested in {Dhaka} against fuel prices.', 'en', 'BD');
  assert.equal(en1.events.length, 1);
  assert.deepEqual(en1.events[0].actor1, ['x:protesters-bd']);
  assert.equal(en1.entities.find((e) => e.id === 'x:protesters-bd')?.name, 'Protesters (Bangladesh)');
  const fr1 = run('Des émeutes ont éclaté à {Karachi} après la coupure de courant.', 'fr', 'PK');
  assert.equal(fr1.events[0].type, 'Riots');
  assert.equal(fr1.entities.find((e) => e.id === fr1.events[0].actor1[0])?.name, 'Rioters (Pakistan)');
  // a named organiser stays actor1; one crowd entity per country however many events
  const named = run('Les [étudiants du syndicat X|x:syndicat|political] ont manifesté à {Dacca}.', 'fr', 'BD');
  assert.deepEqual(named.events[0].actor1, ['x:syndicat']);
  const two = run('Protesters rallied in {Dhaka}.\n\nAnother demonstration took place in {Chittagong}.', 'en', 'BD');
  assert.equal(two.entities.filter((e) => e.id === 'x:protesters-bd').length, 1);
  // no country known: the bare label
  const none = run('Des manifestants ont défilé dans le centre-ville.', 'fr', '');
  assert.equal(none.events.length, 1);
  assert.equal(none.entities.find((e) => e.id === none.events[0].actor1[0])?.name, 'Protesters');
});

test('a general fighting word is the wording of the specific event of its sentence, not a second event', () => {
  const all = (t: string, lang: 'fr' | 'en' = 'fr') => eventsOf(build(t, { lang }), PACKS[lang].events);
  const kinds = (t: string, lang: 'fr' | 'en' = 'fr') => all(t, lang).map((e) => `${e.type}/${e.subtype}`);
  // a capture after attacks: one territorial event
  assert.deepEqual(
    kinds(`Les [rebelles|rebels|armed_group] ont pris le contrôle de {Tell Hamra} après plusieurs attaques nocturnes.`),
    ['Battles/Non-state actor overtakes territory'],
  );
  // police clashing with demonstrators: a crowd event, not a battle
  assert.ok(!kinds('Police clashed with protesters who marched through {Kandor} on Sunday.', 'en').includes('Battles/Armed clash'));
  // without a more specific event the general word still makes a clash
  assert.deepEqual(kinds(`Des affrontements ont opposé l'[armée|army|military] aux [rebelles|rebels|armed_group] près de {Tell Hamra}.`), ['Battles/Armed clash']);
  // an air strike during clashes stays two events (not subsumed)
  assert.equal(all('A [coalition|coalition|military] air strike hit {Kandor} during clashes with [militants|militants|armed_group].', 'en').length, 2);
});

test('labour strikes, police raids, a headquarters as a place and map coordinates are not events of their own', () => {
  const kinds = (t: string, lang: 'fr' | 'en' = 'en') => eventsOf(build(t, { lang }), PACKS[lang].events).map((e) => `${e.type}/${e.subtype}`);
  assert.ok(!kinds('Workers at the textile mill in {Kandor} continued their strike over unpaid wages.').some((k) => k.startsWith('Explosions')));
  assert.ok(!kinds('Police carried out a raid on a house in {Kandor} and seized two rifles.').includes('Explosions/Remote violence/Air/drone strike'));
  assert.ok(!kinds('Party members staged a sit-in in front of the district headquarters in {Kandor}.').some((k) => k.endsWith('Headquarters or base established')));
  assert.ok(!kinds(`Des militants ont manifesté devant le quartier général de la police à {Tell Hamra}.`, 'fr').some((k) => k.endsWith('Headquarters or base established')));
  assert.deepEqual(kinds('The figures are approximate; the coordinates are for {Kandor}.'), []);
  // the explicit forms still make events
  assert.ok(kinds('Warplanes carried out air raids on {Kandor}.').includes('Explosions/Remote violence/Air/drone strike'));
  assert.ok(kinds('The [rebels|rebels|armed_group] established their headquarters in {Kandor}.').includes('Strategic developments/Headquarters or base established'));
});

test('an accusation voiced by a crowd is part of the protest, an accusation between actors stays an event', () => {
  const kinds = (t: string) => eventsOf(build(t, { lang: 'en' }), PACKS.en.events).map((e) => `${e.type}/${e.subtype}`);
  assert.deepEqual(kinds('Hundreds of students protested in {Kandor}, accusing the [governor|governor|person] of neglect.'), ['Protests/Peaceful protest']);
  assert.ok(kinds('The [rebels|rebels|armed_group] accused the [army|army|military] of shelling {Kandor}.').includes('Diplomacy/Accuse'));
});

test('arrests, damage and deployments around a crowd event belong to it; arrests make it a protest with intervention', () => {
  const kinds = (t: string) => eventsOf(build(t, { lang: 'en' }), PACKS.en.events).map((e) => `${e.type}/${e.subtype}`);
  assert.deepEqual(kinds('Police arrested twelve protesters who blocked the main road in {Kandor}.'), ['Protests/Protest with intervention']);
  assert.deepEqual(kinds('Rioters torched three buses in {Kandor} on Monday.'), ['Riots/Violent demonstration']);
  assert.ok(!kinds('Police were deployed as demonstrators gathered in {Kandor}.').some((k) => k.startsWith('Strategic')));
  // without a crowd event the arrest is an event of its own
  assert.deepEqual(kinds('Police arrested two [militants|militants|armed_group] in {Kandor}.'), ['Strategic developments/Arrests']);
});

test('a general explosion word is the wording of the grenade or shell named in its sentence', () => {
  const kinds = (t: string, lang: 'fr' | 'en' = 'en') => eventsOf(build(t, { lang }), PACKS[lang].events).map((e) => `${e.type}/${e.subtype}`);
  assert.deepEqual(kinds('Four people were hurt when a grenade exploded near the bus stand in {Kandor}.'), ['Explosions/Remote violence/Grenade']);
  // alone, the blast is still an explosive device
  assert.deepEqual(kinds('A blast tore through the market in {Kandor} on Friday.'), ['Explosions/Remote violence/Remote explosive/landmine/IED']);
});

test('explosive devices found or intercepted are disrupted weapons use, not an explosion', () => {
  const kinds = (t: string, lang: 'fr' | 'en' = 'en') => eventsOf(build(t, { lang }), PACKS[lang].events).map((e) => `${e.type}/${e.subtype}`);
  assert.deepEqual(kinds('Two explosive devices were found under a bridge near {Kandor} on Tuesday.'), ['Strategic developments/Disrupted weapons use']);
  assert.deepEqual(kinds(`Un engin explosif a été retrouvé sur la route de {Tell Hamra}.`, 'fr'), ['Strategic developments/Disrupted weapons use']);
});

test('the complement of a stopped event is no event either', () => {
  const all = (t: string) => eventsOf(build(t, { lang: 'fr' }), PACKS.fr.events).map((e) => `${e.type}/${e.subtype}`);
  assert.ok(!all(`Le [Qatar|qatar|state] exhorte l'[armée|army|military] à arrêter son offensive de reconquête autour de {Tell Hamra}.`).some((k) => k.startsWith('Battles')));
  // not stopped: the capture stays
  assert.ok(all(`L'[armée|army|military] poursuit son offensive de reconquête autour de {Tell Hamra}.`).some((k) => k.startsWith('Battles')));
});

test('opening fire on a crowd is the crowd event, not a battle', () => {
  const kinds = (t: string) => eventsOf(build(t, { lang: 'en' }), PACKS.en.events).map((e) => `${e.type}/${e.subtype}`);
  assert.ok(!kinds('Police opened fire on stone-pelting youths in {Kandor} on Friday.').includes('Battles/Armed clash'));
  assert.ok(kinds('Gunmen opened fire on an [army|army|military] patrol near {Kandor}.').some((k) => k.startsWith('Battles') || k.startsWith('Violence')));
});
