/**
 * Writing a document in the version-2 layout (one table per annotation kind, band columns),
 * as the stores did before schema version 3, so that the migration to version 3 can be tested
 * with real annotations. The rows are built as the old stores built them.
 */
import type { Doc, Entity, Place } from '../../src/document.js';
import { bands } from '../../src/fuse/simhash.js';
import { dateInterval, entityKey, foldFilter, placeKey, resolveEvent, validateDoc } from '../../src/store/rows.js';

type Cell = string | number | null;

/** Old table name → column list and rows (without doc_key). */
export function legacyRows(doc: Doc): { table: string; cols: string[]; rows: Cell[][] }[] {
  validateDoc(doc);
  const entities = new Map<string, Entity>();
  const places = new Map<string, Place>();
  for (const e of doc.entities) if (!entities.has(e.id)) entities.set(e.id, e);
  for (const p of doc.places) if (!places.has(p.id)) places.set(p.id, p);
  const t = (table: string, cols: string): { table: string; cols: string[]; rows: Cell[][] } => ({ table, cols: cols.split(', '), rows: [] });
  const ent = t('entities', 'ord, eid, name, kind, linked, country, inter, search_key, data');
  const entM = t('entity_mentions', 'entity_ord, ord, start_off, end_off, text, label, via');
  const pl = t('places', 'ord, pid, name, country, admin1, lat, lon, precision, geo_precision, search_key, data');
  const plM = t('place_mentions', 'place_ord, ord, start_off, end_off, text, label, via');
  const dt = t('dates', 'ord, start_off, end_off, text, value, precision, date_lo, date_hi, data');
  const att = t('attributions', 'ord, source, source_text, cue, start_off, end_off, anonymous, data');
  const ev = t('events', 'ord, eid, type, subtype, date, date_lo, date_hi, status, fatalities, place_id, place_key, evidence_start, evidence_end, data, resolved');
  const evA = t('event_actors', 'event_ord, role, ord, entity_id, search_key');
  const evS = t('event_sources', 'event_ord, ord, entity_id, name');
  const fr = t('framing_terms', 'ord, term, stance, start_off, end_off, text, data');
  doc.entities.forEach((e, i) => {
    ent.rows.push([i, e.id, e.name, e.kind, e.linked ? 1 : 0, e.country ?? null, e.inter ?? null, entityKey(e, e.id), JSON.stringify(e)]);
    e.mentions.forEach((m, j) => entM.rows.push([i, j, m.start, m.end, m.text, m.label ?? null, m.via ?? null]));
  });
  doc.places.forEach((p, i) => {
    pl.rows.push([i, p.id, p.name, p.country ?? null, p.admin1 ?? null, p.lat, p.lon, p.precision, p.geoPrecision, placeKey(p, p.id), JSON.stringify(p)]);
    p.mentions.forEach((m, j) => plM.rows.push([i, j, m.start, m.end, m.text, m.label ?? null, m.via ?? null]));
  });
  doc.dates.forEach((d, i) => {
    const iv = dateInterval(d.value);
    dt.rows.push([i, d.start, d.end, d.text, d.value ?? null, d.precision, iv?.[0] ?? null, iv?.[1] ?? null, JSON.stringify(d)]);
  });
  doc.attributions.forEach((a, i) => att.rows.push([i, a.source ?? null, a.source_text, a.cue, a.start, a.end, a.anonymous ? 1 : 0, JSON.stringify(a)]));
  doc.events.forEach((e, i) => {
    const iv = dateInterval(e.date);
    const resolved = resolveEvent(doc, e, entities, places);
    ev.rows.push([
      i, e.id, e.type, e.subtype, e.date ?? null, iv?.[0] ?? null, iv?.[1] ?? null, e.status, e.fatalities ?? null, e.place ?? null,
      e.place ? placeKey(places.get(e.place), e.place) : '', e.evidence.start, e.evidence.end, JSON.stringify(e), JSON.stringify(resolved),
    ]);
    e.actor1.forEach((id, j) => evA.rows.push([i, 1, j, id, entityKey(entities.get(id), id)]));
    e.actor2.forEach((id, j) => evA.rows.push([i, 2, j, id, entityKey(entities.get(id), id)]));
    resolved.sources.forEach((s, j) => evS.rows.push([i, j, s.id, s.name]));
  });
  doc.framing.forEach((f, i) => fr.rows.push([i, f.term, f.stance ?? null, f.start, f.end, f.text, JSON.stringify(f)]));
  return [ent, entM, pl, plM, dt, att, ev, evA, evS, fr];
}

/** The version-1/2 documents row of a document (column → value). */
export function legacyDocument(doc: Doc): Record<string, Cell> {
  const b = bands(doc.simhash);
  return {
    id: doc.id,
    hash: doc.hash,
    simhash: doc.simhash || null,
    b0: b?.[0] ?? null,
    b1: b?.[1] ?? null,
    b2: b?.[2] ?? null,
    b3: b?.[3] ?? null,
    raw: doc.raw,
    html: doc.html ?? null,
    text: doc.text,
    title: doc.title,
    outlet: doc.outlet,
    outlet_key: doc.outlet ? foldFilter(doc.outlet) : null,
    author: doc.author,
    dateline: doc.dateline,
    published: doc.published,
    url: doc.url,
    lang: doc.lang,
    lang_confidence: doc.langConfidence,
    origin_path: doc.origin?.path ?? null,
    origin_format: doc.origin?.format ?? null,
    origin_line: doc.origin?.line ?? null,
    origin_encoding: doc.origin?.encoding ?? null,
    warnings: JSON.stringify(doc.warnings ?? []),
    sentences: JSON.stringify(doc.sentences ?? []),
  };
}
