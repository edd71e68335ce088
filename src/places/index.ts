/**
 * The places stage: finds place names in doc.text and links each to one gazetteer entry
 * (GeoNames towns, admin-1 regions, countries, curated overlay places), filling doc.places.
 *
 * Rules (cues are data in src/lang/<lang>/entities.json, `places`):
 *   - longest dictionary match over the folded text; a single-word name must be capitalized;
 *   - never inside an entity mention (capitals used as actors, persons, groups), never a word
 *     preceded by a title ("le général X"), never one word of a longer run of capitalized
 *     words that is not itself a place (a person's name: "Abou Hussein al-Ourdoni");
 *   - frequent words that are also towns (stoplist) need a place cue before them;
 *   - "province de X", "gouvernorat de X", "X province" → the admin-1 region, not the town;
 *   - the portfolio of an office ("ministère de la Défense", "Secretary of Defense") is part of
 *     an organisation's name, never a place, unless it names a country, an admin-1 region or a
 *     curated place ("Minister of Iraq");
 *   - among same-name candidates: curated entries, the document's focus countries, feature
 *     class (capital, admin seat), population, and distance to the other places of the
 *     document decide; small towns outside the focus need a place cue;
 *   - a GeoNames name that starts with an article ("La Défense", "Le Havre", "The Woodlands",
 *     "Des Moines") is the name only with its article: the key without it ("Défense") matches
 *     only when that article (or its French contraction: "du Havre", "aux Sables") is written
 *     just before ("à la Défense"), otherwise it is the common word ("Defense Secretary"); the
 *     curated overlay, which lists the bare forms it means, and the Arabic article ("Raqqa") are
 *     not concerned;
 *   - a capitalized word of ≥ 5 letters one edit away from a focus-country place name is that
 *     place ("Damais" in a Syria story → Damascus), when nothing else explains it.
 */
import type { Doc, Mention, Place } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { EntityLexicon } from '../entities/lexicon.js';
import { loadGazetteer, km, type GazEntry, type Gazetteer } from '../knowledge/places/index.js';
import { idsOf, type Match, type Prepared } from '../match/matcher.js';
import { ROW_BIG, ROW_COUNTRY, ROW_CURATED_OR_COUNTRY, ROW_JURISDICTION, ROW_SEAT, demonymIds, demonymMap, entriesOf, focusCountries, gazetteerAt, gazetteerScan, isCap, lexiconData, preparedOf, releaseMatches, rowFlags, sortByStart, type LexiconData } from './context.js';
import { GAP_LOOSE, GAP_START } from '../match/matcher.js';
import { keyTokens, LEADING_ARTICLES } from '../match/fold.js';

interface Found {
  idx: number;
  start: number;
  end: number;
  via?: Mention['via'];
  /** Strength of the evidence: 2 strong (curated, country, cue), 1 weak. */
  strong: boolean;
}

/** Small towns (below this population) need a cue, the focus country or a nearby place. */
const SMALL = 20000;

/** Character ranges already taken, as a mask over the text (no scan of a list per candidate). */
let coveredScratch = new Uint8Array(4096);
class Covered {
  private mask: Uint8Array | null = null;
  constructor(private n: number) {}
  add(s: number, e: number): void {
    if (!this.mask) {
      // One scratch mask reused across documents (cleared here).
      if (coveredScratch.length < this.n) coveredScratch = new Uint8Array(Math.max(this.n, coveredScratch.length * 2));
      this.mask = coveredScratch;
      this.mask.fill(0, 0, this.n);
    }
    this.mask.fill(1, s, e);
  }
  overlaps(s: number, e: number): boolean {
    const m = this.mask;
    if (!m) return false;
    for (let k = s; k < e; k++) if (m[k]) return true;
    return false;
  }
}

/** The token starting exactly at offset s, or -1 (binary search). */
function tokenAt(p: Prepared, s: number): number {
  const st = p.tokens.start;
  let lo = 0, hi = st.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (st[mid] === s) return mid;
    if (st[mid] < s) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** Damerau-Levenshtein distance ≤ 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A lower bound of the kilometres per degree of latitude (the great-circle distance is at least
 * 111.1949 km per degree of latitude between the two points): a cheap test before km().
 */
const KM_PER_DEG_LAT = 111.19;

/** True when a place of the document other than `e` lies within 200 km of it. */
function nearAnchor(anchors: GazEntry[], e: GazEntry): boolean {
  for (const a of anchors) {
    if (a === e || Math.abs(a.lat - e.lat) * KM_PER_DEG_LAT >= 200) continue;
    if (km(a.lat, a.lon, e.lat, e.lon) < 200) return true;
  }
  return false;
}

/**
 * The score of candidate entry `e`. When even the largest bonus for nearby places (4) cannot
 * lift it above `floor` (the best score so far), the bonus is not computed: the score returned
 * is then at most `floor` (and such a candidate never wins).
 */
function score(e: GazEntry, focus: Map<string, number>, regionCue: boolean, anchors: GazEntry[], maxCityPop: number, prominent: GazEntry | null, floor: number): number {
  let s = Math.log10(e.population + 10) * 0.6;
  if (e.curated) s += 3;
  if (e.fcode === 'PCLI') s += 3;
  if (e.fcode === 'PPLC') s += 1.5;
  else if (e.fcode === 'PPLA') s += 0.8;
  else if (e.fcode === 'PPLA2') s += 0.3;
  // A region name that is also a town: the town, unless a region cue or the town is tiny beside the region.
  if (e.fcode === 'ADM1') s += regionCue ? 6 : maxCityPop < e.population * 0.1 ? 1 : -1;
  else if (regionCue && e.precision === 'city') s -= 1;
  if (prominent === e) s += 2;
  const f = e.country ? focus.get(e.country) : undefined;
  if (f) s += 2 + f;
  if (s + 4 <= floor) return s;
  let best = 0;
  for (let ai = 0; ai < anchors.length && ai < 25 && best < 4; ai++) {
    const a = anchors[ai];
    if (a === e) continue;
    // Same admin-1 region as another place of the document ("Paris" after "Texas" or "Tyler, Texas").
    if (e.admin1 && a.admin1 === e.admin1 && a.country === e.country && e.precision === 'city') {
      // The region itself named ("Texas") weighs more than a town of it.
      best = Math.max(best, a.fcode === 'ADM1' ? 4 : 2.5);
      if (best === 4) break;
      continue;
    }
    // Latitudes alone more than 1000 km apart: the distance adds nothing (no trigonometry).
    const dLat = Math.abs(a.lat - e.lat) * KM_PER_DEG_LAT;
    if (dLat > 1000) continue;
    // The distance is at least dLat: when the bonus it could give is no more than the best so
    // far, it is not computed.
    if (best >= (dLat < 50 ? 2 : dLat < 300 ? 1.5 : 0.5)) continue;
    const d = km(a.lat, a.lon, e.lat, e.lon);
    best = Math.max(best, d < 50 ? 2 : d < 300 ? 1.5 : d < 1000 ? 0.5 : 0);
  }
  return s + best;
}

/** Runs the places rules over one document. */
export function findPlaces(doc: Doc, lex: EntityLexicon, g: Gazetteer = loadGazetteer()): Place[] {
  const p = preparedOf(doc);
  const L = lexiconData(lex);
  const { tok, start } = p.tokens;
  const n = tok.length;
  const covered = new Covered(doc.text.length);
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      // A country named as an actor ("la Russie a indiqué", "the US said") is still the country
      // named: it stays a place (a capital used for its government does not: "selon Ankara").
      if ((m.via === 'capital' || m.via === 'alias') && isPlaceName(g, p, m.start, m.end, true)) continue;
      covered.add(m.start, m.end);
    }
  }
  const focusList = focusCountries(doc, lex);
  const top = focusList[0]?.w ?? 0;
  const focus = new Map<string, number>();
  for (const f of focusList) if (f.w >= Math.max(1, top * 0.25)) focus.set(f.cc, Math.min(3, f.w / Math.max(1, top) * 3));
  const demonyms = demonymMap(g, lex);
  // One-word demonyms by vocabulary id (a token is one word: only those can be equal to it).
  const demById = demonymIds(demonyms);
  const ids = idsOf(p);

  // Pass 1: candidate spans.
  const scan = gazetteerScan(p, g);
  type Cand = { m: Match<number>; regionCue: boolean; cue: boolean; curatedOrCountry: boolean };
  const cands: Cand[] = [];
  for (let i = 0; i < n; i++) {
    // Capitalized words: the whole gazetteer; others: only curated names ("route du Castello").
    const ms = scan[i];
    if (!ms) continue;
    // The portfolio of an office ("ministère de la Défense", "Secretary of Defense") is part of
    // an organisation's name, not a place (the whole name is skipped: "Department of Justice");
    // a jurisdiction stays a place ("Minister of Iraq", "health minister of Northern Ireland").
    if (L.officeBefore.endsBefore(p, i) && !isJurisdiction(g, ms[0].values)) { i = ms[0].t1 - 1; continue; }
    let taken: Cand | null = null;
    for (const m of ms) {
      if (covered.overlaps(m.start, m.end)) continue;
      const c = accept(p, m, L, g);
      if (c) { taken = c; break; }
    }
    if (taken) { cands.push(taken); i = taken.m.t1 - 1; }
  }

  // Pass 2: disambiguation, strong candidates first (they anchor the weak ones).
  const anchors: GazEntry[] = [];
  const found: Found[] = [];
  /** The best entry for a candidate (its index), or -1. */
  const choose = (c: Cand): number => {
    let bestIdx = -1;
    let bestS = -Infinity;
    const byPop = entriesOf(g, c.m.values);
    const country = writtenCountry(g, doc.text.slice(c.m.start, c.m.end), byPop);
    if (country >= 0) return country;
    let maxCityPop = 0;
    for (let k = 0; k < byPop.length; k++) { const e = byPop[k].e; if (e.precision === 'city') { maxCityPop = e.population; break; } }
    const prominent = byPop.length > 1 && byPop[0].e.population > 50 * Math.max(1000, byPop[1].e.population) ? byPop[0].e : null;
    // Long lists of homonyms: the 40 most populous, plus any in a focus country.
    for (let k = 0; k < byPop.length; k++) {
      const x = byPop[k];
      const e = x.e;
      if (k >= 40 && !(e.country && focus.has(e.country))) continue;
      const s = score(e, focus, c.regionCue, anchors, maxCityPop, prominent, bestS);
      if (bestIdx < 0 || s > bestS) { bestIdx = x.idx; bestS = s; }
    }
    return bestIdx;
  };
  // Curated places, countries and region cues first, then names of large regions ("Texas"), then the rest.
  const rank = (c: Cand): number => (c.curatedOrCountry || c.regionCue ? 2 : entriesOf(g, c.m.values)[0]?.e.fcode === 'ADM1' ? 1 : 0);
  // Ranks computed once per candidate; candidates in rank order, text order within a rank (as a stable sort).
  const ranks: number[] = new Array(cands.length);
  for (let k = 0; k < cands.length; k++) ranks[k] = rank(cands[k]);
  const order: number[] = [];
  for (let r = 2; r >= 0; r--) for (let k = 0; k < cands.length; k++) if (ranks[k] === r) order.push(k);
  for (const k of order) {
    const c = cands[k];
    const b = choose(c);
    if (b < 0) continue;
    let idx = b;
    let e = g.entry(idx);
    // A region cue before a town name: the town's admin-1 region.
    if (c.regionCue && e.fcode !== 'ADM1' && e.precision === 'city' && e.country && e.admin1) {
      const r = g.byId.get(`adm1:${e.country}.${e.admin1}`);
      if (r !== undefined) { idx = r; e = g.entry(r); }
    }
    const strong = c.curatedOrCountry || c.regionCue || e.population >= SMALL || e.fcode === 'ADM1' || e.fcode === 'ADM2' || c.cue;
    const inFocus = !!(e.country && focus.has(e.country));
    // A small town needs a place cue before it, or another place of the document nearby
    // (the distances are computed only when the evidence is weak).
    if (!strong && !nearAnchor(anchors, e)) continue;
    if (!strong && !inFocus && e.population < 1000) continue;
    anchors.push(e);
    found.push({ idx, start: c.m.start, end: c.m.end, strong, via: 'alias' });
  }

  // Demonyms (where the language capitalizes them as adjectives): "Russian officials" → Russia.
  if (lex.places.demonymsAsPlaces) {
    let placeStarts: Set<number> | null = null;
    for (let i = 0; i < n; i++) {
      if (!isCap(p, i)) continue;
      const id = ids[i];
      const cc = id >= 0 ? demById[id] : undefined;
      if (!cc) continue;
      if ((placeStarts ??= new Set(found.map((f) => f.start))).has(start[i])) continue;
      if (tok[i].endsWith('s') || covered.overlaps(start[i], p.tokens.end[i])) continue;
      if (i + 1 < n && isCap(p, i + 1) && sameStretch(p, i, i + 1)) continue; // "Russian Orthodox Church"
      const idx = g.byId.get(`cc:${cc}`);
      if (idx !== undefined) found.push({ idx, start: start[i], end: p.tokens.end[i], strong: true, via: 'alias' });
    }
  }

  // Misspellings: capitalized words ≥ 5 letters, one edit from a focus-country name.
  const focusTop = focusList[0]?.cc;
  if (focusTop) {
    // The country's names are bucketed on the first word the memo does not know (a country's
    // thousands of rows are read only when a word needs them).
    let buckets: Map<string, [string, number[]][]> | null = null;
    const taken = covered;
    for (const f of found) taken.add(f.start, f.end);
    const memo = fuzzyMemo(g, focusTop);
    const { end } = p.tokens;
    for (let i = 0; i < n; i++) {
      // Cheap tests (typed arrays) first, the word's string tests after.
      if (!p.cap[i] || end[i] - start[i] < 5 || scan[i]) continue;
      if (i > 0 && isCap(p, i - 1) && !isSentenceStart(p, i - 1)) continue; // part of a name
      if (i + 1 < n && isCap(p, i + 1) && sameStretch(p, i, i + 1)) continue;
      const t = tok[i];
      if (t.length < 5 || L.stopwords.has(t) || L.stoplist.has(t) || (ids[i] >= 0 && demById[ids[i]] !== undefined)) continue;
      if (taken.overlaps(start[i], end[i])) continue;
      // The nearest name depends on the word and the focus country only: looked up once per word.
      let hit = memo.get(t);
      if (hit === undefined) {
        hit = fuzzyLookup(g, (buckets ??= fuzzyBuckets(g, focusTop)), t);
        if (memo.size >= 50000) memo.clear();
        memo.set(t, hit);
      }
      if (hit >= 0) found.push({ idx: hit, start: start[i], end: end[i], strong: false, via: 'fuzzy' });
    }
  }

  // Merge by place id, mentions in text order.
  sortByStart(found);
  const byId = new Map<string, Place>();
  for (const f of found) {
    const e = g.entry(f.idx);
    let pl = byId.get(e.id);
    if (!pl) {
      pl = {
        id: e.id, name: e.name, country: e.country, admin1: e.admin1, lat: e.lat, lon: e.lon,
        precision: e.precision, geoPrecision: e.geoPrecision, population: e.population || null, mentions: [],
      };
      byId.set(e.id, pl);
    }
    const mention: Mention = { start: f.start, end: f.end, text: doc.text.slice(f.start, f.end) };
    if (f.via === 'fuzzy') mention.via = 'fuzzy';
    pl.mentions.push(mention);
  }
  return [...byId.values()];
}

/**
 * The country among the entries when the text writes one of its names letter for letter (case
 * aside) and no other entry has that spelling: the other entries matched only through folding
 * ("Canada" is the country, not the Mexican town Cañada). -1 otherwise (a curated place, or a
 * homonym spelled the same, "Georgia", leaves the choice to the scores).
 */
function writtenCountry(g: Gazetteer, surface: string, byPop: { idx: number; e: GazEntry }[]): number {
  if (byPop.length < 2) return -1;
  // Decided once per name list and spelling (the entries are the same objects for a values array).
  let memo = writtenMemo.get(byPop);
  if (!memo) writtenMemo.set(byPop, (memo = new Map()));
  let r = memo.get(surface);
  if (r === undefined) {
    r = writtenCountryOf(g, surface, byPop);
    if (memo.size < 16) memo.set(surface, r);
  }
  return r;
}

const writtenMemo = new WeakMap<object, Map<string, number>>();

function writtenCountryOf(g: Gazetteer, surface: string, byPop: { idx: number; e: GazEntry }[]): number {
  let country = -1;
  for (const { idx, e } of byPop) if (e.fcode === 'PCLI') { country = idx; break; }
  if (country < 0 || byPop.length < 2) return -1;
  const w = surface.toLowerCase();
  const info = g.countries.get(g.entry(country).country ?? '');
  if (!info || !info.names.some((n) => n.toLowerCase() === w)) return -1;
  for (const { idx, e } of byPop) {
    if (idx === country) continue;
    if (e.curated || e.name.toLowerCase() === w || e.aliases?.some((a) => a.toLowerCase() === w)) return -1;
  }
  return country;
}

/** True when one of the entries is a country, an admin-1 region or a curated place. */
function isJurisdiction(g: Gazetteer, values: number[]): boolean {
  return (rowFlags(g, values) & ROW_JURISDICTION) !== 0;
}

/** True when the text span is exactly a country's name in the gazetteer (or, unless countryOnly, a capital's). */
function isPlaceName(g: Gazetteer, p: Prepared, s: number, e: number, countryOnly: boolean): boolean {
  const i = tokenAt(p, s);
  if (i < 0) return false;
  const ms = gazetteerAt(p, g, i);
  const want = countryOnly ? ROW_COUNTRY : ROW_SEAT;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    if (m.end === e && (rowFlags(g, m.values) & want) !== 0) return true;
  }
  return false;
}

/** The place a misspelled word names (see findPlaces), or -1. */
function fuzzyLookup(g: Gazetteer, buckets: Map<string, [string, number[]][]>, t: string): number {
  let hit: number | null = null;
  let hits = 0;
  for (let len = t.length - 1; len <= t.length + 1; len++) for (const [k, idxs] of buckets.get(`${t[0]}${len}`) ?? []) {
    if (withinOneEdit(t, k)) {
      for (const idx of idxs) {
        hits++;
        if (hit === null || g.entry(idx).population > g.entry(hit).population || (g.entry(idx).curated && !g.entry(hit).curated)) hit = idx;
      }
    }
  }
  return hit !== null && (hits === 1 || g.entry(hit).curated || g.entry(hit).population > 100000) ? hit : -1;
}

const fuzzyMemos = new WeakMap<Gazetteer, Map<string, Map<string, number>>>();

/** Folded word → fuzzyLookup() result, per gazetteer and focus country. */
function fuzzyMemo(g: Gazetteer, cc: string): Map<string, number> {
  let byCc = fuzzyMemos.get(g);
  if (!byCc) fuzzyMemos.set(g, (byCc = new Map()));
  let m = byCc.get(cc);
  if (!m) byCc.set(cc, (m = new Map()));
  return m;
}

const bucketCache = new Map<string, Map<string, [string, number[]][]>>();

/** A country's single-word place names bucketed by first letter and length. */
function fuzzyBuckets(g: Gazetteer, cc: string): Map<string, [string, number[]][]> {
  let b = bucketCache.get(cc);
  if (b) return b;
  b = new Map();
  for (const [k, idxs] of g.tokenNames(cc)) {
    const key = `${k[0]}${k.length}`;
    const l = b.get(key);
    if (l) l.push([k, idxs]); else b.set(key, [[k, idxs]]);
  }
  bucketCache.set(cc, b);
  return b;
}

/** True when tokens a and b = a + 1 are separated by white space, hyphens and apostrophes only. */
function sameStretch(p: Prepared, a: number, b: number): boolean {
  return b === a + 1 ? (p.gap[b] & GAP_LOOSE) === 0 : /^[\s\-']*$/.test(p.text.slice(p.tokens.end[a], p.tokens.start[b]));
}

function isSentenceStart(p: Prepared, i: number): boolean {
  return i === 0 || (p.gap[i] & GAP_START) !== 0;
}

/**
 * The articles a GeoNames name may start with: the leading articles the gazetteer keys drop
 * (LEADING_ARTICLES), but the Arabic "al", whose bare form is the usual spelling; each with the
 * words that write it before the bare name: itself, and its French contractions with "de" and
 * "à". An English article is written in French ("le Bronx", "les Marches"); a French one is
 * kept in English ("Le Havre").
 */
const WRITTEN_AS: Record<string, string[]> = {
  le: ['du', 'au'],
  les: ['des', 'aux'],
  the: ['le', 'la', 'les', 'l', 'du', 'au', 'des', 'aux'],
};
const NAME_ARTICLES = new Map<string, Set<string>>(
  [...LEADING_ARTICLES].filter((a) => a !== 'al').map((a) => [a, new Set([a, ...(WRITTEN_AS[a] ?? [])])]),
);
/** The first letters of NAME_ARTICLES (a name starting otherwise is looked at no further). */
const ARTICLE_FIRST = new Set([...NAME_ARTICLES.keys()].map((a) => a.charCodeAt(0)));

/** Per values array: the non-curated entries whose name starts with an article, with the words that write it (null: none). */
const articleNamed = new WeakMap<number[], [number, Set<string>][] | null>();

function articleNamedOf(g: Gazetteer, values: number[]): [number, Set<string>][] | null {
  let r = articleNamed.get(values);
  if (r !== undefined) return r;
  r = null;
  for (const idx of values) {
    const e = g.entry(idx);
    if (e.curated || e.fcode === 'PCLI') continue;
    if (!ARTICLE_FIRST.has(e.name.charCodeAt(0) | 32)) continue;
    const toks = keyTokens(e.name);
    // Only a one-word bare form can be a common word ("Défense", "Valley"); a longer one is a name ("Chaux-de-Fonds").
    const before = toks.length === 2 ? NAME_ARTICLES.get(toks[0]) : undefined;
    if (before) (r ??= []).push([idx, before]);
  }
  articleNamed.set(values, r);
  return r;
}

/** Filtered values per values array and word before (entriesOf caches by array identity). */
const keptCache = new WeakMap<number[], Map<string, number[]>>();

/**
 * The match's entries without the article-named ones whose article is not written: the match
 * itself or the word just before it (same stretch) must be that article. The match unchanged
 * when nothing is dropped, null when nothing is left.
 */
function withArticles(p: Prepared, m: Match<number>, g: Gazetteer, L: LexiconData): Match<number> | null {
  const named = articleNamedOf(g, m.values);
  if (!named) return m;
  const { tok } = p.tokens;
  const first = tok[m.t0];
  const prev = m.t0 > 0 && sameStretch(p, m.t0 - 1, m.t0) ? tok[m.t0 - 1] : '';
  let drop: Set<number> | null = null;
  for (const [idx, before] of named) {
    // The match starts with the article ("La Défense" matched whole): nothing was dropped.
    if (NAME_ARTICLES.has(first) || before.has(prev)) continue;
    (drop ??= new Set()).add(idx);
  }
  if (!drop) return m;
  if (L.placeBefore.endsBefore(p, m.t0)) return m;
  let byPrev = keptCache.get(m.values);
  if (!byPrev) keptCache.set(m.values, (byPrev = new Map()));
  const k = `${first}|${prev}`;
  let kept = byPrev.get(k);
  if (!kept) {
    kept = m.values.filter((idx) => !drop!.has(idx));
    if (byPrev.size < 64) byPrev.set(k, kept);
  }
  return kept.length ? { ...m, values: kept } : null;
}

/** Decides whether a gazetteer match is a place mention, and with which cues. */
function accept(p: Prepared, m: Match<number>, L: LexiconData, g: Gazetteer): { m: Match<number>; regionCue: boolean; cue: boolean; curatedOrCountry: boolean } | null {
  const { tok } = p.tokens;
  const nTok = m.t1 - m.t0;
  let anyCap = false;
  for (let j = m.t0; j < m.t1; j++) if (isCap(p, j)) { anyCap = true; break; }
  if (!anyCap) return null;
  if (nTok === 1 && !isCap(p, m.t0)) return null;
  const kept = withArticles(p, m, g, L);
  if (!kept) return null;
  m = kept;
  const flags = rowFlags(g, m.values);
  const curatedOrCountry = (flags & ROW_CURATED_OR_COUNTRY) !== 0;
  // A GeoNames name starting with a lower-case word ("la Salle" in "dans la Salle") is no place.
  if (!isCap(p, m.t0) && !curatedOrCountry) return null;
  const regionCue = !!L.regionBefore.endsBefore(p, m.t0) || !!L.regionAfter.startsAt(p, m.t1);
  const cue = regionCue || !!L.placeBefore.endsBefore(p, m.t0);
  if (!cue) {
    // The key is made only when it can be in the lists (most of the lists' entries are one word).
    const key = nTok === 1 ? tok[m.t0] : L.stopMulti ? tok.slice(m.t0, m.t1).join(' ') : null;
    if (key !== null && (L.stopwords.has(key) || L.stoplist.has(key))) return null;
  }
  // A title before the name: a person ("le général Homs" is no town).
  if (L.titles.endsBefore(p, m.t0) && !cue) return null;
  // One word of a longer capitalized run that is not itself a place: a person's or an organisation's name.
  if (!curatedOrCountry || nTok === 1) {
    const runBefore = m.t0 > 0 && isCap(p, m.t0 - 1) && sameStretch(p, m.t0 - 1, m.t0) && !isSentenceStartTok(p, m.t0 - 1, L);
    const runAfter = m.t1 < tok.length && isCap(p, m.t1) && sameStretch(p, m.t1 - 1, m.t1) && !L.regionAfter.startsAt(p, m.t1);
    // Before another capitalized word, a large place is a modifier ("Idlib Health Directorate",
    // "Texas Fire Service": still where things happen); a small one is likely a first name.
    const big = (flags & ROW_BIG) !== 0;
    if ((runBefore || (runAfter && !big)) && !curatedOrCountry) return null;
    if (runBefore && curatedOrCountry && nTok === 1 && !L.particles.has(tok[m.t0 - 1])) {
      // "Bachar Alep"? keep curated names unless preceded by a capitalized non-place word in the same stretch.
      const prev = gazetteerAt(p, g, m.t0 - 1);
      if (!prev.length) return null;
    }
  }
  return { m, regionCue, cue, curatedOrCountry };
}

function isSentenceStartTok(p: Prepared, i: number, L: LexiconData): boolean {
  return isSentenceStart(p, i) || L.stopwords.has(p.tokens.tok[i]);
}

export const placesStage: Stage = {
  name: 'places',
  run(doc, { pack }) {
    if (!doc.text) return;
    doc.places = findPlaces(doc, pack.entities);
    releaseMatches(doc);
  },
};
