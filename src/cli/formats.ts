/**
 * Output formats for events: a terminal table, CSV, JSON, GeoJSON and ACLED-style CSV.
 * Pure functions over EventRow (src/store/store.ts) so they are easy to test.
 */
import { stringify } from 'csv-stringify/sync';
import { createRequire } from 'node:module';
import type { EventRow, SearchHit, StoreStats } from '../store/store.js';

let byCca2: Map<string, { name: string; numeric: string; alpha3: string }> | null = null;
/** Country names and codes, read from world-countries on first use (not by every command). */
function countryTable(): Map<string, { name: string; numeric: string; alpha3: string }> {
  if (byCca2) return byCca2;
  const countries = createRequire(import.meta.url)('world-countries') as { cca2: string; ccn3: string; cca3: string; name: { common: string } }[];
  byCca2 = new Map();
  for (const c of countries) byCca2.set(c.cca2, { name: c.name.common, numeric: c.ccn3, alpha3: c.cca3 });
  return byCca2;
}

export function countryInfo(cc: string | null | undefined): { name: string; numeric: string; alpha3: string } | null {
  return cc ? (countryTable().get(cc.toUpperCase()) ?? null) : null;
}

const names = (xs: { name: string }[]): string => xs.map((x) => x.name).join('; ');

// ---------------------------------------------------------------- table

function cut(s: string, w: number): string {
  const t = s.replace(/\s+/g, ' ');
  return t.length <= w ? t.padEnd(w) : t.slice(0, w - 1) + '…';
}

/** A fixed-width table for terminals. */
export function eventsTable(rows: EventRow[]): string {
  const cols: [string, number, (r: EventRow) => string][] = [
    ['date', 10, (r) => r.date ?? '?'],
    ['type / subtype', 38, (r) => `${r.type} / ${r.subtype}`],
    ['actor1', 24, (r) => names(r.actor1) || '-'],
    ['actor2', 24, (r) => names(r.actor2) || '-'],
    ['place', 18, (r) => (r.place ? `${r.place.name}${r.place.country ? ` (${r.place.country})` : ''}` : '-')],
    ['fat.', 4, (r) => (r.fatalities === null ? '' : String(r.fatalities))],
    ['status', 8, (r) => r.status],
    ['outlet', 18, (r) => r.outlet ?? '-'],
  ];
  const line = (cells: string[]): string => cells.join('  ').trimEnd();
  const out = [line(cols.map(([h, w]) => cut(h, w))), line(cols.map(([, w]) => '-'.repeat(w)))];
  for (const r of rows) out.push(line(cols.map(([, w, f]) => cut(f(r), w))));
  out.push(`${rows.length} event${rows.length === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- plain CSV / JSON

export const EVENT_CSV_COLUMNS = [
  'id', 'doc_id', 'date', 'type', 'subtype', 'status', 'fatalities', 'actor1', 'actor2',
  'place', 'country', 'latitude', 'longitude', 'sources', 'outlet', 'published', 'url', 'title', 'evidence',
] as const;

export function eventsCsv(rows: EventRow[]): string {
  return stringify(
    rows.map((r) => [
      r.id, r.doc_id, r.date ?? '', r.type, r.subtype, r.status, r.fatalities ?? '',
      names(r.actor1), names(r.actor2), r.place?.name ?? '', r.place?.country ?? '',
      r.place?.lat ?? '', r.place?.lon ?? '', names(r.sources), r.outlet ?? '', r.published ?? '',
      r.url ?? '', r.title ?? '', r.evidence,
    ]),
    { header: true, columns: [...EVENT_CSV_COLUMNS] },
  );
}

// ---------------------------------------------------------------- GeoJSON

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: Record<string, unknown>;
  }[];
}

/** Events with a place, as GeoJSON Points ([lon, lat]); events without a place are left out. */
export function eventsGeoJson(rows: EventRow[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.place && Number.isFinite(r.place.lat) && Number.isFinite(r.place.lon))
      .map((r) => ({
        type: 'Feature' as const,
        id: r.id,
        geometry: { type: 'Point' as const, coordinates: [r.place!.lon, r.place!.lat] as [number, number] },
        properties: {
          id: r.id,
          doc_id: r.doc_id,
          date: r.date,
          type: r.type,
          subtype: r.subtype,
          status: r.status,
          fatalities: r.fatalities,
          actor1: r.actor1.map((a) => a.name),
          actor2: r.actor2.map((a) => a.name),
          place: r.place!.name,
          place_id: r.place!.id,
          country: r.place!.country,
          admin1: r.place!.admin1,
          geo_precision: r.place!.geo_precision,
          sources: r.sources.map((s) => s.name),
          outlet: r.outlet,
          published: r.published,
          url: r.url,
          title: r.title,
          evidence: r.evidence,
        },
      })),
  };
}

// ---------------------------------------------------------------- ACLED-style CSV

/** ACLED's column names (where they apply), then Vigie's own columns. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction',
  'iso', 'country', 'admin1', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'notes', 'fatalities', 'timestamp',
  'vigie_event_id', 'vigie_status', 'vigie_doc_id', 'vigie_url', 'vigie_evidence',
] as const;

/** ACLED's disorder type of an event type (empty for Vigie's own "Diplomacy"). */
export function disorderType(type: string, subtype: string): string {
  if (type === 'Protests' && subtype === 'Excessive force against protesters') return 'Political violence; Demonstrations';
  if (type === 'Protests' || type === 'Riots') return 'Demonstrations';
  if (type === 'Battles' || type === 'Explosions/Remote violence' || type === 'Violence against civilians') return 'Political violence';
  if (type === 'Strategic developments') return 'Strategic developments';
  return '';
}

/**
 * ACLED date and time_precision from a Vigie date value: day → 1, week → 2 (its Monday),
 * month/year → 3 (first day). An unknown year ("XXXX-10-28") takes the publication year.
 */
export function acledDate(value: string | null, published: string | null): { date: string; year: string; precision: number | '' } {
  let v = value;
  if (v && v.startsWith('XXXX')) v = published ? published.slice(0, 4) + v.slice(4) : null;
  if (!v) return { date: '', year: '', precision: '' };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return { date: v, year: m[1], precision: 1 };
  m = /^(\d{4})-W(\d{2})$/.exec(v);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (w - 1) * 7 * 86400000);
    return { date: monday.toISOString().slice(0, 10), year: String(monday.getUTCFullYear()), precision: 2 };
  }
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return { date: `${v}-01`, year: m[1], precision: 3 };
  m = /^(\d{4})$/.exec(v);
  if (m) return { date: `${v}-01-01`, year: m[1], precision: 3 };
  return { date: '', year: '', precision: '' };
}

/** ACLED interaction code: the two inter codes, smaller first ("12"); one actor → "10" style. */
export function interaction(i1: number | null, i2: number | null): string {
  if (i1 && i2) return `${Math.min(i1, i2)}${Math.max(i1, i2)}`;
  if (i1) return `${i1}0`;
  if (i2) return `${i2}0`;
  return '';
}

function acledNotes(r: EventRow, date: string): string {
  const who = names(r.actor1) || 'Unidentified actor';
  const whom = names(r.actor2);
  const where = r.place ? ` in ${r.place.name}` : '';
  const status = r.status === 'asserted' ? '' : ` [${r.status}]`;
  const src = names(r.sources);
  return `On ${date || 'an unknown date'}, ${r.type} / ${r.subtype}: ${who}${whom ? ` against ${whom}` : ''}${where}.${status}${src ? ` According to ${src}.` : ''} Fatalities: ${r.fatalities ?? 'unknown'}.`;
}

/**
 * One CSV row per event. Unknown fatalities are left empty (ACLED writes 0; an empty cell
 * keeps "unknown" apart from "none"). `timestamp` is the export time (Unix seconds).
 */
export function acledCsv(rows: EventRow[], now = Math.floor(Date.now() / 1000)): string {
  const counters = new Map<string, number>();
  const records = rows.map((r) => {
    const cc = r.place?.country ?? null;
    const info = countryInfo(cc);
    const prefix = info?.alpha3 ?? 'XXX';
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    const d = acledDate(r.date, r.published);
    const i1 = r.actor1[0]?.inter ?? null;
    const i2 = r.actor2[0]?.inter ?? null;
    const outlets = [...new Set([r.outlet, ...r.sources.map((s) => s.name)].filter((x): x is string => !!x))];
    return [
      `${prefix}${n}`, d.date, d.year, d.precision, disorderType(r.type, r.subtype), r.type, r.subtype,
      r.actor1[0]?.name ?? '', r.actor1.slice(1).map((a) => a.name).join('; '), i1 ?? '',
      r.actor2[0]?.name ?? '', r.actor2.slice(1).map((a) => a.name).join('; '), i2 ?? '', interaction(i1, i2),
      info ? Number(info.numeric) : '', info?.name ?? cc ?? '', r.place?.admin1 ?? '', r.place?.name ?? '',
      r.place ? r.place.lat.toFixed(4) : '', r.place ? r.place.lon.toFixed(4) : '', r.place?.geo_precision ?? '',
      outlets.join('; '), acledNotes(r, d.date), r.fatalities ?? '', now,
      r.id, r.status, r.doc_id, r.url ?? '', r.evidence,
    ];
  });
  return stringify(records, { header: true, columns: [...ACLED_COLUMNS] });
}

// ---------------------------------------------------------------- search and stats

export function searchText(hits: SearchHit[]): string {
  const out: string[] = [];
  for (const h of hits) {
    const meta = [h.outlet, h.published].filter(Boolean).join(', ');
    out.push(`${h.id}  ${h.title ?? '(untitled)'}${meta ? `  [${meta}]` : ''}`);
    out.push(`    ${h.snippet.replace(/\s+/g, ' ')}`);
  }
  out.push(`${hits.length} result${hits.length === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

export function statsText(s: StoreStats, db: string): string {
  const out = [
    `database   ${db}`,
    `documents  ${s.documents}`,
    `stories    ${s.stories}`,
    `events     ${s.events}`,
    `entities   ${s.entities}`,
    `places     ${s.places}`,
  ];
  const block = (title: string, m: Record<string, number>): void => {
    const entries = Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!entries.length) return;
    out.push('', title);
    for (const [k, v] of entries) out.push(`  ${String(v).padStart(6)}  ${k || '(none)'}`);
  };
  block('by language', s.byLang);
  block('by outlet', s.byOutlet);
  block('by event type', s.byEventType);
  return out.join('\n') + '\n';
}
