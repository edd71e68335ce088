/**
 * One event and its reports: the document it was read from, near-duplicate copies of that
 * document (same story), and events read from OTHER documents that look like the same event
 * (candidate corroboration).
 *
 * Vigie has no cross-document event fusion yet (src/fuse holds stories only), so the matching
 * here is a documented heuristic, shown with its reasons so a reader can judge it:
 *   - kind: same event type, or both a change of territory control (the same capture is a
 *     "Government regains territory" for one side and a "Non-violent transfer" for another);
 *   - place: the same place id, or both points within NEAR_KM of each other;
 *   - date: the intervals (event date, else the day of publication and the week before)
 *     overlap within DATE_SLACK_DAYS; when either is unknown the match is kept and says so.
 * Copies from the same story are reported apart: a syndicated dispatch is not independent
 * corroboration.
 */
import type { AnnotationRecord, Attribution, ConflictEvent, Doc, Entity, FramingTerm, Place } from '../document.js';
import type { EventRow, Store } from '../store/store.js';
import { dateInterval, resolveEvent } from '../store/rows.js';

export const NEAR_KM = 30;
export const DATE_SLACK_DAYS = 3;
/** At most this many corroborating reports (each carries its document's text). */
export const MAX_CORROBORATING = 50;
/** An undated event is taken to fall in the week before its article's publication. */
const UNDATED_WINDOW_DAYS = 7;

const TERRITORY = new Set(['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory']);

type Interval = [number, number]; // days since epoch, inclusive

const DAY = 86400000;
const dayNum = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
const isoOf = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

/** The interval of days an event covers: its date, else the week before publication, else null. */
export function effectiveInterval(date: string | null, published: string | null): { iv: Interval; from: 'event' | 'published' } | null {
  const d = dateInterval(date);
  if (d) return { iv: [dayNum(d[0]), dayNum(d[1])], from: 'event' };
  const p = published ? dateInterval(published.slice(0, 10)) : null;
  if (p) return { iv: [dayNum(p[0]) - UNDATED_WINDOW_DAYS, dayNum(p[0])], from: 'published' };
  return null;
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface MatchReasons {
  kind: 'same subtype' | 'same type' | 'territory change';
  place: string;
  date: string;
  /** Set when the evidence sentence is the same word for word (a copy of one dispatch). */
  sentence?: 'identical';
}

/** Why `b` may be the same event as `a`, or null when it cannot be. */
export function matchEvents(a: EventRow, b: EventRow): MatchReasons | null {
  let kind: MatchReasons['kind'];
  if (a.type === b.type && a.subtype === b.subtype) kind = 'same subtype';
  else if (TERRITORY.has(a.subtype) && TERRITORY.has(b.subtype)) kind = 'territory change';
  else if (a.type === b.type) kind = 'same type';
  else return null;
  if (!a.place || !b.place) return null;
  let place: string;
  if (a.place.id === b.place.id) place = `same place (${a.place.name})`;
  else {
    // Only point-like places (towns, precision 1–2) are compared by distance: two regions or
    // countries are the same place only by id.
    if (a.place.geo_precision > 2 || b.place.geo_precision > 2 || a.place.id.startsWith('cc:') || b.place.id.startsWith('cc:')) return null;
    const km = distanceKm(a.place, b.place);
    if (km > NEAR_KM) return null;
    place = `${Math.round(km)} km apart (${a.place.name} / ${b.place.name})`;
  }
  const ia = effectiveInterval(a.date, a.published);
  const ib = effectiveInterval(b.date, b.published);
  let date: string;
  if (!ia || !ib) date = 'date unknown for one of them';
  else {
    const gap = Math.max(ia.iv[0] - ib.iv[1], ib.iv[0] - ia.iv[1], 0);
    if (gap > DATE_SLACK_DAYS) return null;
    const how = ia.from === 'event' && ib.from === 'event' ? 'event dates' : 'event or publication dates';
    date = gap === 0 ? `${how} overlap` : `${how} ${gap} day${gap > 1 ? 's' : ''} apart`;
  }
  return { kind, place, date };
}

/** The document id an event id belongs to (`<doc id>:e<n>`, the events stage's scheme). */
export function docIdOfEvent(eventId: string): string | null {
  const m = /^(.*):e\d+$/.exec(eventId);
  return m ? m[1] : null;
}

export interface Report {
  /** this: the document the event was read from; copy: a near-duplicate of it (same story,
   * not independent); corroborating: another document reporting a matching event. */
  relation: 'this' | 'copy' | 'corroborating';
  match: MatchReasons | null;
  story_similarity: number | null;
  /** The story (near-duplicate group) of the report's document, or null. */
  story_id: string | null;
  doc_id: string;
  event_id: string;
  outlet: string | null;
  title: string | null;
  published: string | null;
  url: string | null;
  lang: string;
  type: string;
  subtype: string;
  date: string | null;
  status: string;
  fatalities: number | null;
  actor1: EventRow['actor1'];
  actor2: EventRow['actor2'];
  place: EventRow['place'];
  sources: EventRow['sources'];
  evidence: { start: number; end: number; text: string };
  trigger: { start: number; end: number; text: string } | null;
  spans: ConflictEvent['spans'] | null;
  /** Attributions of the document that cover the evidence or are cited as the event's sources. */
  attributions: (Attribution & { index: number })[];
  /** Every loaded term of the document, `in_evidence` when it falls inside the evidence sentence. */
  framing: (FramingTerm & { in_evidence: boolean })[];
  /** The document's cleaned text (every offset above refers to it). */
  text: string;
}

/** An EventRow built from a stored record (what `store.events()` would give for it). */
export function eventRowOf(rec: AnnotationRecord, ev: ConflictEvent): EventRow {
  const entities = new Map<string, Entity>();
  for (const e of rec.entities) if (!entities.has(e.id)) entities.set(e.id, e);
  const places = new Map<string, Place>();
  for (const p of rec.places) if (!places.has(p.id)) places.set(p.id, p);
  // resolveEvent reads only the document's attributions (for anonymous sources).
  const res = resolveEvent({ attributions: rec.attributions } as Doc, ev, entities, places);
  return {
    id: ev.id,
    doc_id: rec.id,
    type: ev.type,
    subtype: ev.subtype,
    date: ev.date ?? null,
    status: ev.status,
    fatalities: ev.fatalities ?? null,
    ...res,
    outlet: rec.outlet,
    published: rec.published,
    url: rec.url,
    title: rec.title,
    evidence: ev.evidence.text,
  };
}

function reportOf(rec: AnnotationRecord, ev: ConflictEvent, relation: Report['relation'], match: MatchReasons | null, similarity: number | null, storyId: string | null): Report {
  const row = eventRowOf(rec, ev);
  const { start, end } = ev.evidence;
  const cited = new Set(ev.sources);
  const attributions = rec.attributions
    .map((a, index) => ({ ...a, index }))
    .filter((a) => {
      if (cited.has(`anon:${a.index}`) || (a.source && cited.has(a.source))) return true;
      const s = a.scope ?? { start: a.start, end: a.end };
      return s.start < end && start < s.end;
    });
  return {
    relation,
    match,
    story_similarity: similarity,
    story_id: storyId,
    doc_id: rec.id,
    event_id: ev.id,
    outlet: rec.outlet,
    title: rec.title,
    published: rec.published,
    url: rec.url,
    lang: rec.lang,
    type: row.type,
    subtype: row.subtype,
    date: row.date,
    status: row.status,
    fatalities: row.fatalities,
    actor1: row.actor1,
    actor2: row.actor2,
    place: row.place,
    sources: row.sources,
    evidence: { start, end, text: ev.evidence.text },
    trigger: ev.trigger ? { start: ev.trigger.start, end: ev.trigger.end, text: ev.trigger.text } : null,
    spans: ev.spans ?? null,
    attributions,
    framing: rec.framing.map((f) => ({ ...f, in_evidence: f.start >= start && f.end <= end })),
    text: rec.text,
  };
}

export interface EventDetail {
  event: EventRow;
  story: { id: string; size: number } | null;
  reports: Report[];
  /** Outlets that reported it: the event's own, copies', and independent ones. */
  outlets: { outlet: string; relation: Report['relation']; reports: number }[];
  /** Number of independent sources outside the event's story with a matching event: other
   * documents, the copies of one dispatch (one story) counted once. */
  independent_reports: number;
  /** Matching documents left out of `reports` (beyond MAX_CORROBORATING, the weakest matches). */
  omitted_reports: number;
}

/** The best matching event of a document for `row` (first by kind, then evidence equality). */
function bestIn(rec: AnnotationRecord, row: EventRow, evidence: string): { ev: ConflictEvent; match: MatchReasons } | null {
  // A copy usually holds the same sentence, read the same way: that is the match, even when
  // the event has no place or date to compare.
  const same = rec.events.find((e) => e.evidence.text === evidence && e.type === row.type && e.subtype === row.subtype);
  if (same) {
    const m = matchEvents(row, eventRowOf(rec, same));
    return { ev: same, match: { kind: 'same subtype', place: m?.place ?? 'not compared', date: m?.date ?? 'not compared', sentence: 'identical' } };
  }
  let best: { ev: ConflictEvent; match: MatchReasons; score: number } | null = null;
  for (const ev of rec.events) {
    const other = eventRowOf(rec, ev);
    const m = matchEvents(row, other);
    if (!m) continue;
    const score = (ev.evidence.text === evidence ? 10 : 0) + (m.kind === 'same subtype' ? 3 : m.kind === 'territory change' ? 2 : 1) + (m.place.startsWith('same') ? 1 : 0);
    if (!best || score > best.score) best = { ev, match: ev.evidence.text === evidence ? { ...m, sentence: 'identical' } : m, score };
  }
  return best;
}

/** The event `eventId` (of document `docId` when given) with its reports, or null. */
export async function eventDetail(store: Store, eventId: string, docId?: string): Promise<EventDetail | null> {
  const did = docId ?? docIdOfEvent(eventId);
  if (!did) return null;
  const rec = await store.getDocument(did);
  const ev = rec?.events.find((e) => e.id === eventId);
  if (!rec || !ev) return null;
  const row = eventRowOf(rec, ev);
  // Copies: the other members of the document's story.
  const story = await store.storyOf(rec.id);
  const reports: Report[] = [reportOf(rec, ev, 'this', null, null, story?.id ?? null)];
  const inStory = new Set<string>([rec.id]);
  if (story) {
    for (const m of story.members) {
      inStory.add(m.id);
      if (m.id === rec.id) continue;
      const other = await store.getDocument(m.id);
      const hit = other && bestIn(other, row, ev.evidence.text);
      if (other && hit) reports.push(reportOf(other, hit.ev, 'copy', hit.match, m.similarity, story.id));
    }
  }

  let omitted = 0;
  // Independent reports: events of other documents at the same place (any date), and when
  // the event is dated, events of the compatible types near it in time (then by distance).
  if (row.place) {
    const types = TERRITORY.has(row.subtype)
      ? ['Battles', 'Strategic developments']
      : [row.type];
    const candidates = new Map<string, EventRow>();
    for (const c of await store.events({ place: row.place.id })) if (c.place?.id === row.place.id) candidates.set(`${c.doc_id}\u0000${c.id}`, c);
    const eff = effectiveInterval(row.date, row.published);
    if (eff && row.place.geo_precision <= 2 && !row.place.id.startsWith('cc:')) {
      const from = isoOf(eff.iv[0] - DATE_SLACK_DAYS);
      const to = isoOf(eff.iv[1] + DATE_SLACK_DAYS);
      for (const type of types) for (const c of await store.events({ type, from, to })) candidates.set(`${c.doc_id}\u0000${c.id}`, c);
    }
    const byDoc = new Map<string, { c: EventRow; m: MatchReasons; score: number }>();
    for (const c of candidates.values()) {
      if (inStory.has(c.doc_id)) continue;
      const m = matchEvents(row, c);
      if (!m) continue;
      const score = (m.kind === 'same subtype' ? 3 : m.kind === 'territory change' ? 2 : 1) + (m.place.startsWith('same') ? 1 : 0) + (m.date.startsWith('date unknown') ? 0 : 1);
      const prev = byDoc.get(c.doc_id);
      if (!prev || score > prev.score) byDoc.set(c.doc_id, { c, m, score });
    }
    const ranked = [...byDoc.values()].sort((a, b) => b.score - a.score || (a.c.published ?? '').localeCompare(b.c.published ?? ''));
    omitted = Math.max(0, ranked.length - MAX_CORROBORATING);
    for (const { c, m } of ranked.slice(0, MAX_CORROBORATING)) {
      const other = await store.getDocument(c.doc_id);
      const oev = other?.events.find((e) => e.id === c.id);
      if (!other || !oev) continue;
      const st = await store.storyOf(c.doc_id);
      reports.push(reportOf(other, oev, 'corroborating', m, null, st?.id ?? null));
    }
  }

  const outlets = new Map<string, { outlet: string; relation: Report['relation']; reports: number }>();
  for (const r of reports) {
    const name = r.outlet ?? '(unknown outlet)';
    const o = outlets.get(name);
    if (o) o.reports++;
    else outlets.set(name, { outlet: name, relation: r.relation, reports: 1 });
  }
  return {
    event: row,
    story: story ? { id: story.id, size: story.size } : null,
    reports,
    outlets: [...outlets.values()],
    // Documents of one story (copies of one dispatch) count once.
    independent_reports: new Set(reports.filter((r) => r.relation === 'corroborating').map((r) => r.story_id ?? `doc:${r.doc_id}`)).size,
    omitted_reports: omitted,
  };
}
