/**
 * The event-report matching of /api/events/:id, on hand-built events and records written by
 * the team (no store needed): which events count as the same event, and how independent
 * reports are counted (copies of one dispatch count once).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnotationRecord, ConflictEvent, Place } from '../../src/document.js';
import type { EventFilter, EventRow, Store, StoryInfo } from '../../src/store/store.js';
import { MAX_CORROBORATING, distanceKm, effectiveInterval, eventDetail, eventRowOf, matchEvents } from '../../src/serve/reports.js';

type P = NonNullable<EventRow['place']>;
const town = (id: string, name: string, lat: number, lon: number): P => ({ id, name, country: 'SY', admin1: null, lat, lon, geo_precision: 1 });
const ALEP = town('gn:170063', 'Aleppo', 36.20124, 37.16117);
const NEAR = town('gn:1', 'Near Aleppo', 36.2, 37.41); // ~22 km east
const FAR = town('gn:2', 'Far', 36.2, 37.65); // ~44 km east
const SYRIA: P = { id: 'cc:SY', name: 'Syria', country: 'SY', admin1: null, lat: 35, lon: 38, geo_precision: 3 };

function row(over: Partial<EventRow>): EventRow {
  return {
    id: 'd:e1', doc_id: 'd', type: 'Explosions/Remote violence', subtype: 'Air/drone strike', date: '2016-07-24', status: 'reported',
    fatalities: null, actor1: [], actor2: [], place: ALEP, sources: [], outlet: null, published: '2016-07-25', url: null, title: null,
    evidence: 'x', ...over,
  };
}

test('distanceKm: Aleppo to a point 0.25° east is about 22 km', () => {
  assert.ok(Math.abs(distanceKm(ALEP, NEAR) - 22.4) < 1);
});

test('matchEvents: kind of event', () => {
  assert.equal(matchEvents(row({}), row({}))?.kind, 'same subtype');
  assert.equal(matchEvents(row({}), row({ subtype: 'Shelling/artillery/missile attack' }))?.kind, 'same type');
  assert.equal(matchEvents(row({}), row({ type: 'Battles', subtype: 'Armed clash' })), null);
  const a = row({ type: 'Battles', subtype: 'Government regains territory' });
  const b = row({ type: 'Strategic developments', subtype: 'Non-violent transfer of territory' });
  assert.equal(matchEvents(a, b)?.kind, 'territory change');
});

test('matchEvents: place by id, or towns within 30 km; regions and countries only by id', () => {
  assert.match(matchEvents(row({}), row({}))!.place, /^same place \(Aleppo\)$/);
  assert.match(matchEvents(row({}), row({ place: NEAR }))!.place, /^22 km apart/);
  assert.equal(matchEvents(row({}), row({ place: FAR })), null);
  assert.equal(matchEvents(row({}), row({ place: SYRIA })), null);
  assert.ok(matchEvents(row({ place: SYRIA }), row({ place: SYRIA })));
  assert.equal(matchEvents(row({}), row({ place: null })), null);
});

test('matchEvents: dates overlap within 3 days; unknown dates are kept and said so', () => {
  assert.equal(matchEvents(row({}), row({ date: '2016-07' }))!.date, 'event dates overlap');
  assert.equal(matchEvents(row({}), row({ date: '2016-07-26' }))!.date, 'event dates 2 days apart');
  assert.equal(matchEvents(row({}), row({ date: '2016-07-29' })), null);
  assert.equal(matchEvents(row({}), row({ date: '2015-07-24' })), null);
  // Undated: the week before publication stands for it.
  assert.equal(matchEvents(row({}), row({ date: null, published: '2016-07-27' }))!.date, 'event or publication dates overlap');
  assert.equal(matchEvents(row({}), row({ date: null, published: '2016-09-01' })), null);
  assert.equal(matchEvents(row({}), row({ date: null, published: null }))!.date, 'date unknown for one of them');
  assert.equal(matchEvents(row({}), row({ date: 'XXXX-07-24', published: null }))!.date, 'date unknown for one of them');
});

test('effectiveInterval: event date first, else the week before publication', () => {
  assert.deepEqual(effectiveInterval('2016-07', null)?.from, 'event');
  const w = effectiveInterval(null, '2016-07-25T10:00:00Z');
  assert.equal(w?.from, 'published');
  assert.equal(w!.iv[1] - w!.iv[0], 7);
  assert.equal(effectiveInterval(null, null), null);
});

// ------------------------------------------------------------------ eventDetail over a tiny in-memory store

function record(id: string, outlet: string, sentence: string, place: Place, ev: Partial<ConflictEvent> = {}): AnnotationRecord {
  const text = `Titre. ${sentence} Fin.`;
  const start = text.indexOf(sentence);
  return {
    id, lang: 'fr', title: 'Titre', outlet, author: null, published: '2016-07-25', url: null, hash: id, text,
    entities: [], places: [{ ...place, mentions: [] }], dates: [], attributions: [], framing: [], warnings: [],
    events: [{
      id: `${id}:e1`, type: 'Explosions/Remote violence', subtype: 'Air/drone strike', actor1: [], actor2: [], place: place.id,
      date: '2016-07-24', status: 'reported', fatalities: null, sources: [], evidence: { start, end: start + sentence.length, text: sentence }, ...ev,
    }],
  };
}

function fakeStore(recs: AnnotationRecord[], stories: StoryInfo[]): Store {
  const rows = (): EventRow[] => recs.flatMap((r) => r.events.map((e) => eventRowOf(r, e)));
  return {
    kind: 'fake',
    putDocuments: async () => { throw new Error('read-only'); },
    hasHashes: async () => new Set<string>(),
    getDocument: async (id) => recs.find((r) => r.id === id) ?? null,
    search: async () => [],
    // Only the filters eventDetail uses; it re-checks every candidate itself.
    events: async (f: EventFilter = {}) => rows().filter((r) => (!f.place || r.place?.id === f.place) && (!f.type || r.type === f.type)),
    stats: async () => ({ documents: recs.length, stories: stories.length, events: rows().length, entities: 0, places: 0, byLang: {}, byOutlet: {}, byEventType: {} }),
    storyOf: async (id) => stories.find((s) => s.members.some((m) => m.id === id)) ?? null,
    documentIds: async () => recs.map((r) => r.id),
    close: async () => {},
  };
}

const place = (p: P): Place => ({ id: p.id, name: p.name, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon, precision: 'city', geoPrecision: 1, mentions: [] });

test('eventDetail: copies of one dispatch count once; identical sentences found without place', async () => {
  const a = record('a', 'Courrier A', 'Des frappes aériennes ont visé Alep dimanche.', place(ALEP));
  const a2 = record('a2', 'Site B', 'Des frappes aériennes ont visé Alep dimanche.', place(ALEP));
  const c = record('c', 'Wire C', 'Air strikes hit eastern Aleppo on Sunday.', place(ALEP));
  const c2 = record('c2', 'Reprint D', 'Air strikes hit eastern Aleppo on Sunday.', place(ALEP));
  const e = record('e', 'Monitor E', 'Raids near Aleppo.', place(NEAR), { date: null });
  const far = record('f', 'Other F', 'Strikes elsewhere.', place(FAR));
  const other = record('g', 'Other G', 'Clashes in Aleppo.', place(ALEP), { type: 'Battles', subtype: 'Armed clash' });
  const stories: StoryInfo[] = [
    { id: 'story:a', first: 'a', size: 2, members: [{ id: 'a', similarity: 1, linkedTo: null }, { id: 'a2', similarity: 0.97, linkedTo: 'a' }] },
    { id: 'story:c', first: 'c', size: 2, members: [{ id: 'c', similarity: 1, linkedTo: null }, { id: 'c2', similarity: 0.95, linkedTo: 'c' }] },
  ];
  const store = fakeStore([a, a2, c, c2, e, far, other], stories);
  const d = await eventDetail(store, 'a:e1');
  assert.ok(d);
  const rel = Object.fromEntries(d.reports.map((r) => [r.doc_id, r.relation]));
  assert.deepEqual(rel, { a: 'this', a2: 'copy', c: 'corroborating', c2: 'corroborating', e: 'corroborating' });
  const copy = d.reports.find((r) => r.doc_id === 'a2')!;
  assert.equal(copy.match?.sentence, 'identical');
  assert.equal(copy.story_similarity, 0.97);
  // c and c2 are one story: two independent sources (c/c2 and e), not three.
  assert.equal(d.independent_reports, 2);
  assert.equal(d.omitted_reports, 0);
  assert.equal(d.reports.find((r) => r.doc_id === 'e')!.match?.date, 'event or publication dates overlap');
  assert.deepEqual(d.outlets.map((o) => o.outlet).sort(), ['Courrier A', 'Monitor E', 'Reprint D', 'Site B', 'Wire C']);
  // Each report's evidence offsets point into its own text.
  for (const r of d.reports) assert.equal(r.text.slice(r.evidence.start, r.evidence.end), r.evidence.text);

  // A copy whose event has no place is still found by its identical sentence.
  const b = record('b', 'Courrier A', 'Les frappes ont repris.', place(ALEP), { place: null });
  const b2 = record('b2', 'Site B', 'Les frappes ont repris.', place(ALEP), { place: null });
  const d2 = await eventDetail(fakeStore([b, b2], [{ id: 'story:b', first: 'b', size: 2, members: [{ id: 'b', similarity: 1, linkedTo: null }, { id: 'b2', similarity: 0.99, linkedTo: 'b' }] }]), 'b:e1');
  assert.deepEqual(d2?.reports.map((r) => r.relation), ['this', 'copy']);
  assert.equal(d2?.reports[1].match?.place, 'not compared');

  assert.equal(await eventDetail(store, 'a:e9'), null);
  assert.equal(await eventDetail(store, 'nothing'), null);
});

test('eventDetail: at most MAX_CORROBORATING corroborating reports, the rest counted', async () => {
  const recs = [record('a', 'A', 'Des frappes ont visé Alep.', place(ALEP))];
  for (let i = 0; i < MAX_CORROBORATING + 5; i++) recs.push(record(`o${i}`, `Outlet ${i}`, `Frappes sur Alep, version ${i}.`, place(ALEP)));
  const d = await eventDetail(fakeStore(recs, []), 'a:e1');
  assert.equal(d?.reports.filter((r) => r.relation === 'corroborating').length, MAX_CORROBORATING);
  assert.equal(d?.omitted_reports, 5);
  assert.equal(d?.independent_reports, MAX_CORROBORATING);
});
