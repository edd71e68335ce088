/** The pure output formats of the CLI: ACLED columns and codes, GeoJSON, table, CSV. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACLED_COLUMNS, acledCsv, acledDate, disorderType, eventsCsv, eventsGeoJson, eventsTable, interaction } from '../../src/cli/formats.js';
import type { EventRow } from '../../src/store/store.js';

/** A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
function parse(csv: string, _o: { columns: true }): Record<string, string>[] {
  const rows: string[][] = [];
  let field = '';
  let rec: string[] = [];
  let q = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (q) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') rec.push(field), (field = '');
    else if (c === '\n') rec.push(field), rows.push(rec), (rec = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field || rec.length) rec.push(field), rows.push(rec);
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const row = (over: Partial<EventRow> = {}): EventRow => ({
  id: 'doc1:e1',
  doc_id: 'doc1',
  type: 'Explosions/Remote violence',
  subtype: 'Air/drone strike',
  date: '2016-07-24',
  status: 'reported',
  fatalities: 23,
  actor1: [{ id: 'military-ru', name: 'Military Forces of Russia', inter: 8 }, { id: 'military-sy', name: 'Military Forces of Syria', inter: 1 }],
  actor2: [{ id: 'civilians-sy', name: 'Civilians (Syria)', inter: 7 }],
  place: { id: 'gn:170063', name: 'Aleppo', country: 'SY', admin1: 'Aleppo', lat: 36.20124, lon: 37.16117, geo_precision: 1 },
  sources: [{ id: 'sohr', name: 'Syrian Observatory for Human Rights' }],
  outlet: "Courrier de l'Oronte",
  published: '2016-07-25',
  url: null,
  title: 'Alep, "frappes", morts',
  evidence: 'Au moins vingt-trois civils, dont six enfants, ont été tués dimanche dans des frappes aériennes, selon l\'OSDH.',
  ...over,
});

test('acledDate: day, week, month, year, unknown year, null', () => {
  assert.deepEqual(acledDate('2016-07-24', null), { date: '2016-07-24', year: '2016', precision: 1 });
  assert.deepEqual(acledDate('2015-W40', null), { date: '2015-09-28', year: '2015', precision: 2 });
  assert.deepEqual(acledDate('2020-W01', null), { date: '2019-12-30', year: '2019', precision: 2 });
  assert.deepEqual(acledDate('2016-07', null), { date: '2016-07-01', year: '2016', precision: 3 });
  assert.deepEqual(acledDate('2016', null), { date: '2016-01-01', year: '2016', precision: 3 });
  assert.deepEqual(acledDate('XXXX-10-28', '2016-11-02'), { date: '2016-10-28', year: '2016', precision: 1 });
  assert.deepEqual(acledDate('XXXX-10-28', null), { date: '', year: '', precision: '' });
  assert.deepEqual(acledDate(null, '2016-11-02'), { date: '', year: '', precision: '' });
});

test('interaction and disorder type codes', () => {
  assert.equal(interaction(1, 2), '12');
  assert.equal(interaction(7, 1), '17');
  assert.equal(interaction(2, null), '20');
  assert.equal(interaction(null, null), '');
  assert.equal(disorderType('Battles', 'Armed clash'), 'Political violence');
  assert.equal(disorderType('Protests', 'Peaceful protest'), 'Demonstrations');
  assert.equal(disorderType('Protests', 'Excessive force against protesters'), 'Political violence; Demonstrations');
  assert.equal(disorderType('Strategic developments', 'Agreement'), 'Strategic developments');
  assert.equal(disorderType('Diplomacy', 'Consult'), '');
});

test('acledCsv: ACLED header, quoting, codes, assoc actors, unknown fatalities empty', () => {
  const csv = acledCsv([row(), row({ id: 'doc2:e1', fatalities: null, place: null, actor2: [], date: '2016-07' })], 1700000000);
  const recs = parse(csv, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(recs[0]), [...ACLED_COLUMNS]);
  assert.equal(recs.length, 2);
  const a = recs[0];
  assert.equal(a.event_id_cnty, 'SYR1');
  assert.equal(a.event_date, '2016-07-24');
  assert.equal(a.year, '2016');
  assert.equal(a.time_precision, '1');
  assert.equal(a.disorder_type, 'Political violence');
  assert.equal(a.actor1, 'Military Forces of Russia');
  assert.equal(a.assoc_actor_1, 'Military Forces of Syria');
  assert.equal(a.inter1, '8');
  assert.equal(a.actor2, 'Civilians (Syria)');
  assert.equal(a.interaction, '78');
  assert.equal(a.iso, '760');
  assert.equal(a.country, 'Syria');
  assert.equal(a.location, 'Aleppo');
  assert.equal(a.latitude, '36.2012');
  assert.equal(a.longitude, '37.1612');
  assert.equal(a.geo_precision, '1');
  assert.equal(a.source, "Courrier de l'Oronte; Syrian Observatory for Human Rights");
  assert.equal(a.fatalities, '23');
  assert.equal(a.timestamp, '1700000000');
  assert.equal(a.vigie_status, 'reported');
  assert.equal(a.vigie_evidence, row().evidence);
  assert.match(a.notes, /\[reported\]/);
  const b = recs[1];
  assert.equal(b.event_id_cnty, 'XXX1');
  assert.equal(b.fatalities, '');
  assert.equal(b.time_precision, '3');
  assert.equal(b.latitude, '');
  assert.equal(b.interaction, '80');
});

test('eventsGeoJson: Points in [lon, lat], events without a place left out', () => {
  const fc = eventsGeoJson([row(), row({ id: 'x', place: null })]);
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 1);
  assert.deepEqual(fc.features[0].geometry, { type: 'Point', coordinates: [37.16117, 36.20124] });
  assert.deepEqual(fc.features[0].properties.actor1, ['Military Forces of Russia', 'Military Forces of Syria']);
});

test('eventsCsv and eventsTable', () => {
  const recs = parse(eventsCsv([row()]), { columns: true }) as Record<string, string>[];
  assert.equal(recs[0].title, 'Alep, "frappes", morts');
  assert.equal(recs[0].actor1, 'Military Forces of Russia; Military Forces of Syria');
  const t = eventsTable([row(), row({ date: null, fatalities: null })]);
  const lines = t.trimEnd().split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[2], /^2016-07-24\s+Explosions\/Remote violence/);
  assert.match(lines[3], /^\?\s/);
  assert.equal(lines[4], '2 events');
  assert.equal(eventsTable([]).trimEnd().split('\n').pop(), '0 events');
});
