/**
 * What the entities and places stages share: the prepared (folded, tokenized) text of a
 * document, small phrase matchers built once from a lexicon, capitalization tests, and the
 * document's focus countries.
 */
import type { Doc } from '../document.js';
import type { EntityLexicon } from '../entities/lexicon.js';
import { idsOf, Matcher, PhraseSet, tokenId, type Match, type Prepared } from '../match/matcher.js';
import { foldKey, keyTokens } from '../match/fold.js';
import { loadGazetteer, type GazEntry, type Gazetteer } from '../knowledge/places/index.js';

import { preparedOf } from '../match/prepared.js';
import { sortBy } from '../common/sort.js';
export { preparedOf, forgetPrepared } from '../match/prepared.js';

/** The list sorted by start, stable, in place. */
export function sortByStart<T extends { start: number }>(a: T[]): T[] {
  return sortBy(a, startOf);
}
const startOf = (x: { start: number }): number => x.start;

/** True when the token's first character is an upper-case letter in the original text. */
export function isCap(p: Prepared, i: number): boolean {
  return p.cap[i] === 1;
}

const entriesCache = new WeakMap<number[], { idx: number; e: GazEntry }[]>();

/** The entries of a match's values, most populous first (computed once per key). */
export function entriesOf(g: Gazetteer, values: number[]): { idx: number; e: GazEntry }[] {
  let r = entriesCache.get(values);
  if (!r) {
    r = values.map((idx) => ({ idx, e: g.entry(idx) })).sort((a, b) => b.e.population - a.e.population);
    entriesCache.set(values, r);
  }
  return r;
}

/** rowFlags() bits: what some entry of a values list is. */
export const ROW_CURATED_OR_COUNTRY = 1; // curated, or a country (PCLI)
export const ROW_JURISDICTION = 2; // curated, a country or an admin-1 region
export const ROW_BIG = 4; // an admin-1 region, or population ≥ 100,000
export const ROW_BIG_PLACE = 8; // a country, curated, or population > 100,000
export const ROW_COUNTRY = 16; // a country
export const ROW_SEAT = 32; // a country, a capital (PPLC), an admin seat (PPLA) or an admin-1 region

const rowFlagsCache = new WeakMap<number[], number>();

/**
 * The ROW_* bits of a match's values (its entries looked at once per values list, not at every
 * match: a common name has dozens of entries, each a separate object).
 */
export function rowFlags(g: Gazetteer, values: number[]): number {
  let f = rowFlagsCache.get(values);
  if (f === undefined) {
    f = 0;
    for (let k = 0; k < values.length; k++) {
      const e = g.entry(values[k]);
      const pcli = e.fcode === 'PCLI';
      const adm1 = e.fcode === 'ADM1';
      if (e.curated || pcli) f |= ROW_CURATED_OR_COUNTRY;
      if (e.curated || pcli || adm1) f |= ROW_JURISDICTION;
      if (adm1 || e.population >= 100000) f |= ROW_BIG;
      if (pcli || e.curated || e.population > 100000) f |= ROW_BIG_PLACE;
      if (pcli) f |= ROW_COUNTRY;
      if (pcli || adm1 || e.fcode === 'PPLC' || e.fcode === 'PPLA') f |= ROW_SEAT;
    }
    rowFlagsCache.set(values, f);
  }
  return f;
}

const focusHint = new WeakMap<number[], { cc: string | null; x: number } | null>();

/** What one name says about the document's country: a country name, a curated place or a large town. */
function focusOf(g: Gazetteer, values: number[]): { cc: string | null; x: number } | null {
  if (focusHint.has(values)) return focusHint.get(values)!;
  let best: { cc: string | null; x: number } | null = null;
  for (const { e } of entriesOf(g, values)) {
    const x = e.fcode === 'PCLI' ? 2 : e.curated ? 1.5 : e.population > 200000 ? 0.5 : 0;
    if (x && (!best || x > best.x)) best = { cc: e.country, x };
  }
  focusHint.set(values, best);
  return best;
}


/**
 * Drops what entities and places keep on the shared token layer (the gazetteer matches at each
 * token, the focus weights) once places, their last reader, is done: framing still reads the
 * tokens, but the matches need not live on until the end of the batch (a batch-long object
 * is copied by every young-generation collection it meets).
 */
export function releaseMatches(doc: Doc): void {
  const m = preparedOf(doc).memo;
  m.scan = null;
  m.focus = null;
  m.focusList = null;
}

/**
 * Gazetteer matches at each token (longest first), computed once per text: the whole
 * gazetteer at capitalized words, the curated names elsewhere ("route du Castello").
 */
export function gazetteerScan(p: Prepared, g: Gazetteer): (Match<number>[] | null)[] {
  let s = p.memo.scan;
  if (s) return s;
  const n = p.tokens.tok.length;
  s = new Array(n).fill(null);
  const cap = p.cap;
  const ids = idsOf(p);
  const curated = g.curated;
  for (let i = 0; i < n; i++) {
    // Capitalized words: the whole gazetteer; others: the curated names (a word that starts
    // none, nearly every one, is turned away here with one array read, no call).
    let ms: Match<number>[];
    if (cap[i]) ms = g.matcher.matchesAt(p, i);
    else if (curated.opens(ids[i])) ms = curated.matchesAt(p, i);
    else continue;
    if (ms.length) s[i] = ms;
  }
  p.memo.scan = s;
  return s;
}

const NO_MATCH: readonly Match<number>[] = [];

/**
 * The whole gazetteer's matches at token i, longest first (the same as g.matcher.matchesAt):
 * read from gazetteerScan() at a capitalized word, where it was computed already.
 */
export function gazetteerAt(p: Prepared, g: Gazetteer, i: number): readonly Match<number>[] {
  if (p.cap[i] !== 1) return g.matcher.matchesAt(p, i);
  return gazetteerScan(p, g)[i] ?? NO_MATCH;
}

/** True when the token is written all in capitals ("EI", "HTS"). */
export function isAllCaps(p: Prepared, i: number): boolean {
  const s = p.text.slice(p.tokens.start[i], p.tokens.end[i]);
  return s.length > 0 && s === s.toUpperCase() && s !== s.toLowerCase();
}

/** A set of phrases as a matcher returning the phrase's value. */
export function phraseMatcher<T>(entries: Iterable<[string, T]>, exact = true): Matcher<T> {
  const m = new Matcher<T>();
  for (const [k, v] of entries) m.add(k, v, exact);
  return m;
}

/** Per-lexicon derived data, built once. */
export interface LexiconData {
  regionBefore: PhraseSet;
  regionAfter: PhraseSet;
  placeBefore: PhraseSet;
  officeBefore: PhraseSet;
  placeCuesBefore: PhraseSet;
  actorCuesBefore: PhraseSet;
  capitalOnlyCues: PhraseSet;
  actorVerbsAfter: PhraseSet;
  titles: PhraseSet;
  stoplist: Set<string>;
  stopwords: Set<string>;
  /** Whether stoplist or stopwords hold a key of several words. */
  stopMulti: boolean;
  particles: Set<string>;
}

const lexCache = new WeakMap<EntityLexicon, LexiconData>();

export function lexiconData(lex: EntityLexicon): LexiconData {
  let d = lexCache.get(lex);
  if (d) return d;
  const stoplist = new Set(lex.places.stoplist.map((s) => foldKey(s)));
  const stopwords = new Set(lex.stopwords.map((s) => foldKey(s)));
  d = {
    regionBefore: new PhraseSet(lex.places.regionBefore),
    regionAfter: new PhraseSet(lex.places.regionAfter),
    placeBefore: new PhraseSet(lex.places.placeBefore),
    officeBefore: new PhraseSet(lex.places.officeBefore),
    placeCuesBefore: new PhraseSet(lex.placeCuesBefore),
    actorCuesBefore: new PhraseSet(lex.actorCuesBefore),
    capitalOnlyCues: new PhraseSet(lex.capitalOnlyCues),
    actorVerbsAfter: new PhraseSet(lex.actorVerbsAfter),
    titles: new PhraseSet(Object.keys(lex.titles)),
    stoplist,
    stopwords,
    stopMulti: [...stoplist, ...stopwords].some((k) => k.includes(' ')),
    particles: new Set(lex.nameParticles.map((s) => keyTokens(s).join(' '))),
  };
  lexCache.set(lex, d);
  return d;
}

const demIdCache = new WeakMap<Map<string, string>, (string | undefined)[]>();

/** The one-word demonyms by vocabulary id (registered in the shared vocabulary): one array read per word. */
export function demonymIds(dem: Map<string, string>): (string | undefined)[] {
  let m = demIdCache.get(dem);
  if (!m) {
    m = [];
    for (const [k, v] of dem) if (!k.includes(' ')) m[tokenId(k)] = v;
    demIdCache.set(dem, m);
  }
  return m;
}

/** Folded demonym → ISO2, from the country lists (both languages) and a lexicon's extra forms. */
const demonymCache = new WeakMap<EntityLexicon, Map<string, string>>();

export function demonymMap(g: Gazetteer, lex: EntityLexicon): Map<string, string> {
  const cachedMap = demonymCache.get(lex);
  if (cachedMap) return cachedMap;
  // The country lists' forms (the same for every lexicon: folded once per gazetteer), then the lexicon's.
  const m = new Map(countryDemonyms(g));
  for (const [k, v] of Object.entries(lex.demonyms)) m.set(foldKey(k), v);
  demonymCache.set(lex, m);
  return m;
}

const countryDemonymCache = new WeakMap<Gazetteer, Map<string, string>>();

/** Folded demonym → ISO2 from the country lists (both languages), forms shared by two countries left out. */
function countryDemonyms(g: Gazetteer): Map<string, string> {
  const cachedMap = countryDemonymCache.get(g);
  if (cachedMap) return cachedMap;
  const m = new Map<string, string>();
  const seen = new Map<string, string>();
  const ambiguous = new Set<string>();
  const put = (form: string, cc: string) => {
    const k = foldKey(form);
    if (!k) return;
    const prev = seen.get(k);
    if (prev && prev !== cc) ambiguous.add(k);
    seen.set(k, cc);
  };
  for (const c of g.countries.values()) {
    for (const d of [...c.demonyms.fr, ...c.demonyms.en]) {
      put(d, c.cc);
      if (!/[sx]$/i.test(d)) put(d + 's', c.cc);
    }
  }
  for (const [k, v] of seen) if (!ambiguous.has(k)) m.set(k, v);
  countryDemonymCache.set(g, m);
  return m;
}

/**
 * The document's focus countries, best first, with their weights (a list the caller must not
 * change: it may be shared): country names, curated
 * places and large towns named in the text, demonyms, and the countries of the entities found
 * so far. Computed from the text alone when called before the entities exist.
 */
export function focusCountries(doc: Doc, lex: EntityLexicon): readonly { readonly cc: string; readonly w: number }[] {
  const g = loadGazetteer();
  const p = preparedOf(doc);
  let base = p.memo.focus;
  if (!base) {
    const dem = demonymMap(g, lex);
    base = new Map<string, number>();
    const w = base;
    const add = (cc: string | null | undefined, x: number) => { if (cc) w.set(cc, (w.get(cc) ?? 0) + x); };
    const n = p.tokens.tok.length;
    const demById = demonymIds(dem);
    const scan = gazetteerScan(p, g);
    const ids = idsOf(p);
    for (let i = 0; i < n; i++) {
      const id = ids[i];
      if (id >= 0) {
        const d = demById[id];
        if (d) add(d, 1);
      }
      if (!isCap(p, i)) continue;
      const ms = scan[i];
      if (!ms) continue;
      const m = ms[0];
      const best = focusOf(g, m.values);
      if (best) add(best.cc, best.x);
      i = m.t1 - 1;
    }
    p.memo.focus = base;
  }
  let linked = false;
  for (const e of doc.entities) if (e.country && e.linked) { linked = true; break; }
  if (!linked) {
    // The text's weights alone (before the entities exist): sorted once per text.
    let list = p.memo.focusList;
    if (!list) { list = sortedWeights(base); p.memo.focusList = list; }
    return list;
  }
  // The text's weights plus the linked entities' countries (a new country after the others,
  // as a copy of the Map would put it), in a list: the lists are short, no Map copy.
  const list = weightList(base);
  for (const e of doc.entities) {
    if (!e.country || !e.linked) continue;
    const x = 0.5 * e.mentions.length;
    let k = 0;
    while (k < list.length && list[k].cc !== e.country) k++;
    if (k < list.length) list[k].w += x; else list.push({ cc: e.country, w: x });
  }
  return heaviestFirst(list);
}

/** Sorted list of the text-only weights (kept in p.memo.focusList, shared: callers read it, never change it). */
function sortedWeights(w: Map<string, number>): { cc: string; w: number }[] {
  return heaviestFirst(weightList(w));
}

function weightList(w: Map<string, number>): { cc: string; w: number }[] {
  const out: { cc: string; w: number }[] = [];
  w.forEach((x, cc) => { out.push({ cc, w: x }); });
  return out;
}

/** Heaviest weight first, stable, in place. */
function heaviestFirst(a: { cc: string; w: number }[]): { cc: string; w: number }[] {
  return sortBy(a, minusWeight);
}
const minusWeight = (x: { w: number }): number => -x.w;
