/**
 * What every Store implementation computes the same way from a Doc before writing it:
 * validation, search keys, event date intervals, the resolved (names, coordinates) part of
 * an EventRow. Keeping it here makes SQLite and PostgreSQL answer identically.
 */
import type { AnnotationRecord, ConflictEvent, Doc, Entity, Place } from '../document.js';
import { fold, foldCode } from '../match/fold.js';
import type { EventRow } from './store.js';

/** A document the store refuses to write; the whole batch is rolled back. */
export class StoreError extends Error {
  constructor(public readonly docId: string, reason: string) {
    super(`document "${docId}": ${reason}`);
    this.name = 'StoreError';
  }
}

/** True when [start, end) are integer offsets inside a text of length n. */
function spanOk(start: unknown, end: unknown, n: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) >= (start as number) && (end as number) <= n;
}

function spanError(doc: Doc, what: string, start: unknown, end: unknown): StoreError {
  return new StoreError(doc.id, `${what}: offsets [${String(start)}, ${String(end)}) are not inside the text (length ${doc.text.length})`);
}

/**
 * Checks what the store relies on: an id, a SHA-256-like hash, text, and every offset inside
 * the text. Throws StoreError (the caller rolls the batch back). The message naming a span is
 * built only when it fails.
 */
export function validateDoc(doc: Doc): void {
  if (typeof doc.id !== 'string' || doc.id.length === 0) throw new StoreError(String(doc.id), 'empty id');
  if (typeof doc.hash !== 'string' || !/^[0-9a-f]{8,128}$/i.test(doc.hash)) throw new StoreError(doc.id, `invalid content hash "${String(doc.hash)}"`);
  if (typeof doc.text !== 'string') throw new StoreError(doc.id, 'text is not a string');
  const n = doc.text.length;
  for (const e of doc.entities) for (const m of e.mentions) if (!spanOk(m.start, m.end, n)) throw spanError(doc, `entity ${e.id} mention`, m.start, m.end);
  for (const p of doc.places) for (const m of p.mentions) if (!spanOk(m.start, m.end, n)) throw spanError(doc, `place ${p.id} mention`, m.start, m.end);
  for (const d of doc.dates) if (!spanOk(d.start, d.end, n)) throw spanError(doc, 'date', d.start, d.end);
  for (const a of doc.attributions) if (!spanOk(a.start, a.end, n)) throw spanError(doc, 'attribution', a.start, a.end);
  for (const f of doc.framing) if (!spanOk(f.start, f.end, n)) throw spanError(doc, `framing ${f.term}`, f.start, f.end);
  for (const ev of doc.events) {
    if (!spanOk(ev.evidence.start, ev.evidence.end, n)) throw spanError(doc, `event ${ev.id} evidence`, ev.evidence.start, ev.evidence.end);
    if (ev.trigger && !spanOk(ev.trigger.start, ev.trigger.end, n)) throw spanError(doc, `event ${ev.id} trigger`, ev.trigger.start, ev.trigger.end);
  }
}

/** Folds a short string (same as fold(), without its buffer allocation). */
function foldShort(s: string): string {
  if (s.length > 64) return fold(s);
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldCode(s.charCodeAt(i)));
  return out;
}

/** Folded search key: "|" + folded strings + "|", for case- and accent-insensitive substring filters. */
export function searchKey(parts: (string | null | undefined)[]): string {
  // Distinct folded parts in order of first occurrence: a list when parts are few (most
  // entities and places), a Set otherwise.
  if (parts.length > 32) {
    const set = new Set<string>();
    for (const p of parts) if (p) set.add(foldFilter(p));
    return '|' + [...set].join('|') + '|';
  }
  const seen: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p) continue;
    const f = foldFilter(p);
    if (!seen.includes(f)) seen.push(f);
  }
  return '|' + seen.join('|') + '|';
}

const FOLDED = new Map<string, string>();

/** Folded filter value (same folding as searchKey). Memoized: names and aliases recur across documents. */
export function foldFilter(s: string): string {
  let f = FOLDED.get(s);
  if (f !== undefined) return f;
  f = foldShort(s);
  if (/\s\s|^\s|\s$|[\t\n\r]/.test(f)) f = f.replace(/\s+/g, ' ').trim();
  if (s.length <= 200) {
    if (FOLDED.size >= 100_000) FOLDED.clear();
    FOLDED.set(s, f);
  }
  return f;
}

export function entityKey(e: Entity | undefined, id: string): string {
  if (!e) return searchKey([id]);
  const parts = [e.id, e.name];
  if (e.aliases) for (const a of e.aliases) parts.push(a);
  for (const m of e.mentions) parts.push(m.text);
  return searchKey(parts);
}

export function placeKey(p: Place | undefined, id: string): string {
  if (!p) return searchKey([id]);
  const parts = [p.id, p.name];
  for (const m of p.mentions) parts.push(m.text);
  return searchKey(parts);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/**
 * The interval of days [lo, hi] an ISO date value of any precision covers: "2016" → the year,
 * "2016-07" → the month, "2016-07-28" → the day, "2015-W40" → that ISO week. Null for unknown
 * years ("XXXX-10-28") and anything else: such dates never satisfy a from/to bound.
 * Memoized: the returned pair is shared, do not modify it.
 */
export function dateInterval(value: string | null | undefined): [string, string] | null {
  if (!value) return null;
  const known = INTERVALS.get(value);
  if (known !== undefined) return known;
  const iv = computeInterval(value);
  if (INTERVALS.size >= 50_000) INTERVALS.clear();
  INTERVALS.set(value, iv);
  return iv;
}
const INTERVALS = new Map<string, [string, string] | null>();

function computeInterval(value: string): [string, string] | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m) return [`${m[1]}-${m[2]}-${m[3]}`, `${m[1]}-${m[2]}-${m[3]}`];
  m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (w - 1) * 7 * 86400000);
    return [iso(monday), iso(new Date(monday.getTime() + 6 * 86400000))];
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return [`${m[1]}-${m[2]}-01`, `${m[1]}-${m[2]}-${pad(last)}`];
  }
  m = /^(\d{4})$/.exec(value);
  if (m) return [`${m[1]}-01-01`, `${m[1]}-12-31`];
  return null;
}

/** A `from` bound as the first day it names ("2016-07" → "2016-07-01"). */
export function lowerBound(from: string): string {
  return dateInterval(from)?.[0] ?? from;
}
/** A `to` bound as the last day it names ("2016-07" → "2016-07-31"). */
export function upperBound(to: string): string {
  return dateInterval(to)?.[1] ?? to;
}

/** The part of an EventRow that depends only on the document: stored with the event. */
export type ResolvedEvent = Pick<EventRow, 'actor1' | 'actor2' | 'place' | 'sources'>;

export function resolveEvent(doc: Pick<Doc, 'attributions'>, ev: ConflictEvent, entities: Map<string, Entity>, places: Map<string, Place>): ResolvedEvent {
  const actor = (id: string): { id: string; name: string; inter: number | null } => {
    const e = entities.get(id);
    return { id, name: e?.name ?? id, inter: e?.inter ?? null };
  };
  const p = ev.place ? places.get(ev.place) : undefined;
  return {
    actor1: ev.actor1.map(actor),
    actor2: ev.actor2.map(actor),
    place: p
      ? { id: p.id, name: p.name, country: p.country ?? null, admin1: p.admin1 ?? null, lat: p.lat, lon: p.lon, geo_precision: p.geoPrecision }
      : null,
    sources: ev.sources.map((id) => {
      const e = entities.get(id);
      if (e) return { id, name: e.name };
      const anon = /^anon:(\d+)$/.exec(id);
      const a = anon ? doc.attributions[Number(anon[1])] : undefined;
      return { id, name: a?.source_text ?? id };
    }),
  };
}

/** Lists of a record, in the order they are stored. */
export type RecordLists = Pick<AnnotationRecord, 'entities' | 'places' | 'dates' | 'attributions' | 'events' | 'framing'>;

/** A stored document's metadata columns, as both stores read them for `getDocument`. */
export type RecordFields = Pick<AnnotationRecord, 'id' | 'lang' | 'title' | 'outlet' | 'author' | 'published' | 'url' | 'hash' | 'text'>;

/** The annotation record of a stored document: its columns, its annotation lists, its warnings. */
export function recordOf(d: RecordFields, a: RecordLists, warnings: string[]): AnnotationRecord {
  return {
    id: d.id,
    lang: d.lang,
    title: d.title,
    outlet: d.outlet,
    author: d.author,
    published: d.published,
    url: d.url,
    hash: d.hash,
    text: d.text,
    entities: a.entities,
    places: a.places,
    dates: a.dates,
    attributions: a.attributions,
    events: a.events,
    framing: a.framing,
    warnings,
  };
}

/** Next free id for a document whose id is taken by another content: "id~2", "id~3"… */
export function disambiguate(id: string, taken: (candidate: string) => boolean): string {
  for (let n = 2; ; n++) {
    const c = `${id}~${n}`;
    if (!taken(c)) return c;
  }
}

type Cell = string | number | null;

/**
 * The page of an events() query: `limit` (null = no limit) and `offset`, each a whole number
 * ≥ 0 (fractions are rounded down; a negative or non-number offset is 0, a negative limit 0,
 * an infinite limit none).
 */
export function eventPage(filter: { limit?: number; offset?: number }): { limit: number | null; offset: number } {
  const whole = (v: number): number => (Number.isNaN(v) ? 0 : Math.max(0, Math.floor(v)));
  const limit = filter.limit === undefined || filter.limit === Infinity ? null : whole(filter.limit);
  const offset = filter.offset === undefined || !Number.isFinite(filter.offset) ? 0 : whole(filter.offset);
  return { limit, offset };
}

/** At most this many events per document (an event's row key is docKey × EVENT_SLOTS + ord). */
export const EVENT_SLOTS = 1 << 20;

/**
 * What a store writes for one document besides its own fields. The annotation lists are kept
 * whole as ONE JSON text (getDocument returns it as it was put, offsets included); only what
 * `events()` filters on gets columns, one row per event.
 */
export interface DocRecord {
  /** JSON of { entities, places, dates, attributions, events, framing }. */
  annotations: string;
  nEntities: number;
  nPlaces: number;
  /** Per event: ord, type, subtype, date_lo, date_hi, place_key, actor_key. */
  events: Cell[][];
}

/**
 * The actor filter column of an event: the search keys of its actors (actor1 then actor2),
 * one per line. A folded filter value never contains a line break, so a substring match
 * never spans two actors.
 */
export const ACTOR_KEY_SEPARATOR = '\n';

/** Validates a document before it is written: validateDoc and the number of events (throws StoreError). */
export function validateRecord(doc: Doc): void {
  validateDoc(doc);
  if (doc.events.length > EVENT_SLOTS) throw new StoreError(doc.id, `more than ${EVENT_SLOTS} events`);
}

/**
 * What the store writes for a document already checked by validateRecord. A store can build
 * it right before writing the document, so that a batch never holds every record at once.
 */
export function buildRecord(doc: Doc): DocRecord {
  const entities = new Map<string, Entity>();
  const places = new Map<string, Place>();
  for (const e of doc.entities) if (!entities.has(e.id)) entities.set(e.id, e);
  for (const p of doc.places) if (!places.has(p.id)) places.set(p.id, p);
  // Keys are computed once per entity/place, however many events name it.
  const eKeys = new Map<string, string>();
  const eKey = (id: string): string => {
    let k = eKeys.get(id);
    if (k === undefined) eKeys.set(id, (k = entityKey(entities.get(id), id)));
    return k;
  };
  const pKeys = new Map<string, string>();
  const pKey = (id: string): string => {
    let k = pKeys.get(id);
    if (k === undefined) pKeys.set(id, (k = placeKey(places.get(id), id)));
    return k;
  };
  const events: Cell[][] = [];
  doc.events.forEach((ev, i) => {
    const iv = dateInterval(ev.date);
    let actorKey = '';
    for (const id of ev.actor1) actorKey += (actorKey ? ACTOR_KEY_SEPARATOR : '') + eKey(id);
    for (const id of ev.actor2) actorKey += (actorKey ? ACTOR_KEY_SEPARATOR : '') + eKey(id);
    events.push([i, ev.type, ev.subtype, iv?.[0] ?? null, iv?.[1] ?? null, ev.place ? pKey(ev.place) : '', actorKey]);
  });
  return {
    annotations: JSON.stringify({
      entities: doc.entities,
      places: doc.places,
      dates: doc.dates,
      attributions: doc.attributions,
      events: doc.events,
      framing: doc.framing,
    }),
    nEntities: doc.entities.length,
    nPlaces: doc.places.length,
    events,
  };
}

/** Escapes a LIKE pattern (with ESCAPE '\'). */
export function likeContains(s: string): string {
  return '%' + foldFilter(s).replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/** The document fields an EventRow carries. */
export interface EventDocFields {
  doc_id: string;
  outlet: string | null;
  published: string | null;
  url: string | null;
  title: string | null;
}

/**
 * The event rows of one stored document, built from its annotation lists (as put): names,
 * place coordinates and sources are resolved when read, not stored twice.
 */
export class DocEvents {
  private entities: Map<string, Entity> | null = null;
  private places: Map<string, Place> | null = null;

  constructor(private readonly lists: Pick<RecordLists, 'entities' | 'places' | 'attributions' | 'events'>, private readonly doc: EventDocFields) {}

  row(ord: number): EventRow {
    const ev = this.lists.events[ord];
    if (!ev) throw new Error(`document ${this.doc.doc_id}: no event ${ord}`);
    if (!this.entities || !this.places) {
      this.entities = new Map();
      this.places = new Map();
      for (const e of this.lists.entities) if (!this.entities.has(e.id)) this.entities.set(e.id, e);
      for (const p of this.lists.places) if (!this.places.has(p.id)) this.places.set(p.id, p);
    }
    const res = resolveEvent(this.lists, ev, this.entities, this.places);
    return {
      id: ev.id,
      doc_id: this.doc.doc_id,
      type: ev.type,
      subtype: ev.subtype,
      date: ev.date ?? null,
      status: ev.status,
      fatalities: ev.fatalities ?? null,
      actor1: res.actor1,
      actor2: res.actor2,
      place: res.place,
      sources: res.sources,
      outlet: this.doc.outlet ?? null,
      published: this.doc.published ?? null,
      url: this.doc.url ?? null,
      title: this.doc.title ?? null,
      evidence: ev.evidence.text,
    };
  }
}
