/**
 * The entity rules, over one document and one actor registry (see index.ts for the stage).
 * Each rule's words are data (src/lang/<lang>/entities.json); this file is the mechanics.
 */
import type { ActorKind, Doc, Entity, Mention } from '../document.js';
import type { ActorEntry } from '../knowledge/actors/schema.js';
import type { EntityLexicon } from './lexicon.js';
import { loadGazetteer, type Gazetteer } from '../knowledge/places/index.js';
import { GAP_COMMA, GAP_JOIN, GAP_LOOSE, GAP_SENTENCE, GAP_STOP, Matcher, PhraseSet, idsOf, tokenId, type Match, type Prepared } from '../match/matcher.js';
import { foldKey, keyTokens } from '../match/fold.js';
import givenNamesData from '../knowledge/names/given-names.json' with { type: 'json' };
import { ROW_BIG_PLACE, demonymMap, focusCountries, gazetteerAt, isCap, lexiconData, preparedOf, rowFlags, sortByStart } from '../places/context.js';

interface AliasRef {
  id: string;
  /** The alias as written when it must match case-sensitively (short all-caps acronyms: "EI", "HTS"). */
  exact: string | null;
  /** `exact` with only its letters and digits. */
  exactBare: string | null;
  /** The alias is written in lower case ("peshmergas", "rebelles"): it may match a lower-case word. */
  lower: boolean;
  ambiguous: boolean;
}

/** The registry prepared for matching, built once per actor list. */
export interface Registry {
  byId: Map<string, ActorEntry>;
  aliases: Matcher<AliasRef>;
}

const registryCache = new WeakMap<ActorEntry[], Registry>();
const ASCII_WITH_LOWER = /^(?=[\x00-\x7f]*$).*[a-z]/s;

/** The name itself when it is a short acronym written in capitals ("EI", "HTS", "E.I."), else null. */
function acronymOf(name: string): string | null {
  const short = name.replace(/[^\p{L}\p{N}]/gu, '');
  return short.length <= 4 && short === short.toUpperCase() && short !== short.toLowerCase() ? name : null;
}

export function buildRegistry(actors: ActorEntry[]): Registry {
  const cached = registryCache.get(actors);
  if (cached) return cached;
  const byId = new Map<string, ActorEntry>();
  const aliases = new Matcher<AliasRef>();
  /** One AliasRef per actor id and (exact, ambiguous, lower): the refs of each id. */
  const refs = new Map<string, AliasRef[]>();
  for (const a of actors) {
    byId.set(a.id, a);
    const amb = new Set((a.ambiguous ?? []).map((s) => foldKey(s)));
    let mine = refs.get(a.id);
    if (!mine) refs.set(a.id, (mine = []));
    for (const name of [a.name, ...a.aliases.fr, ...a.aliases.en]) {
      // An ASCII name with a lower-case letter is no acronym (its letters are not all capitals).
      const exact = ASCII_WITH_LOWER.test(name) ? null : acronymOf(name);
      const ambiguous = amb.size > 0 && amb.has(foldKey(name));
      const lower = /^\p{Ll}/u.test(name.replace(/^(?:[ld]['’]|(?:al|el|the|le|la|les)[\s-])/i, ''));
      let ref: AliasRef | undefined;
      for (const r of mine) if (r.exact === exact && r.ambiguous === ambiguous && r.lower === lower) { ref = r; break; }
      if (!ref) mine.push((ref = { id: a.id, exact, exactBare: exact === null ? null : bare(exact), ambiguous, lower }));
      aliases.add(name, ref);
    }
  }
  const r = { byId, aliases };
  registryCache.set(actors, r);
  return r;
}

interface LexMatchers {
  heads: Matcher<{ type: 'military' | 'state' | 'ministry'; suffix?: string }>;
  portfolios: Matcher<string>;
  generics: Matcher<'military' | 'rebels' | 'state'>;
  capitals: Matcher<string>;
  countries: Matcher<string>;
  seats: Matcher<string>;
  titles: Matcher<ActorKind>;
  suffixTitles: PhraseSet<ActorKind>;
  /** Titles written abbreviated with a period ("M.", "Dr."), folded. */
  abbrevTitles: Set<string>;
  demonyms: Map<string, string>;
  articles: Set<string>;
  coord: Set<string>;
  /** Vocabulary ids of every token a lexicon rule can start with (heads, generics, seats, capitals, countries, titles, demonyms). */
  starts: Set<number>;
  /** Per vocabulary id: 1 when a suffix title ("news agency") can start with the token. */
  suffixFirst: Uint8Array;
  /** One-word demonyms by vocabulary id (the same as `demonyms`, one array read per word). */
  demById: (string | undefined)[];
  /**
   * Per vocabulary id, the W_* sets the word is in (the lexicon's stopwords and name particles,
   * the given names, the organisation head words, the articles): one array read per word where
   * a Set lookup hashes and compares the word's string. Every one-word key of those sets is in
   * the vocabulary (a word added to the vocabulary later is in none of them).
   */
  wordFlags: Uint8Array;
}

/** wordFlags bits. */
const W_STOP = 1;
const W_PARTICLE = 2;
const W_GIVEN = 4;
const W_HEAD = 8;
const W_ARTICLE = 16;

/** The W_* bits of token k of a text whose ids are `ids`. */
function wordFlagsAt(wf: Uint8Array, ids: Int32Array, k: number): number {
  const id = ids[k];
  return id >= 0 && id < wf.length ? wf[id] : 0;
}

/** wordFlags for these sets (their one-word keys registered in the vocabulary). */
function buildWordFlags(sets: [ReadonlySet<string>, number][]): Uint8Array {
  const marks: [number, number][] = [];
  let max = 0;
  for (const [set, bit] of sets) {
    for (const w of set) {
      if (!w || w.includes(' ')) continue; // a key of several words is never one token
      const id = tokenId(w);
      marks.push([id, bit]);
      if (id > max) max = id;
    }
  }
  const f = new Uint8Array(max + 1);
  for (const [id, bit] of marks) f[id] |= bit;
  return f;
}

const lexMatcherCache = new WeakMap<EntityLexicon, LexMatchers>();
const countryCache = new WeakMap<Gazetteer, Matcher<string>>();

/** Country names (both languages) → ISO2: one matcher per gazetteer, shared by the lexicons. */
function countryMatcher(g: Gazetteer): Matcher<string> {
  let countries = countryCache.get(g);
  if (!countries) {
    countries = new Matcher<string>();
    for (const c of g.countries.values()) for (const n of [c.en, c.fr, ...c.names]) if (n.length > 3) countries.add(n, c.cc);
    countryCache.set(g, countries);
  }
  return countries;
}

function lexMatchers(lex: EntityLexicon, g: Gazetteer): LexMatchers {
  let m = lexMatcherCache.get(lex);
  if (m) return m;
  const heads = new Matcher<{ type: 'military' | 'state' | 'ministry'; suffix?: string }>();
  for (const h of lex.militaryHeads) heads.add(h, { type: 'military' }, true);
  for (const h of lex.stateHeads) heads.add(h, { type: 'state' }, true);
  const portfolios = new Matcher<string>();
  for (const mi of lex.ministries) {
    for (const h of mi.heads) heads.add(h, { type: 'ministry' }, true);
    for (const pf of mi.portfolio) portfolios.add(pf, mi.suffix, true);
  }
  const generics = new Matcher<'military' | 'rebels' | 'state'>();
  for (const [k, v] of Object.entries(lex.generics)) generics.add(k, v, true);
  const capitals = new Matcher<string>();
  for (const [k, v] of Object.entries(lex.capitals)) capitals.add(k, v);
  const countries = countryMatcher(g);
  const seats = new Matcher<string>();
  for (const [k, v] of Object.entries(lex.seats)) seats.add(k, v);
  const titles = new Matcher<ActorKind>();
  for (const [k, v] of Object.entries(lex.titles)) titles.add(k, v, true);
  const suffixTitles = new PhraseSet<ActorKind>(Object.entries(lex.suffixTitles));
  const demonyms = demonymMap(g, lex);
  const starts = new Set<number>();
  for (const d of demonyms.keys()) if (!d.includes(' ')) starts.add(tokenId(d));
  for (const x of [heads, generics, capitals, countries, seats, titles]) for (const t of x.firstIds()) starts.add(t);
  const demById: (string | undefined)[] = [];
  for (const [d, cc] of demonyms) if (!d.includes(' ')) demById[tokenId(d)] = cc;
  const sf = suffixTitles.firstIds();
  const suffixFirst = new Uint8Array(sf.reduce((x, y) => Math.max(x, y + 1), 0));
  for (const id of sf) suffixFirst[id] = 1;
  const articles = new Set(['le', 'la', 'les', 'l', 'the', 'un', 'une', 'des', 'a', 'an']);
  const orgHeads = new Set(lex.orgHeads.map((h) => keyTokens(h)[0]).filter(Boolean));
  const L = lexiconData(lex);
  const wordFlags = buildWordFlags([[L.stopwords, W_STOP], [L.particles, W_PARTICLE], [givenNames, W_GIVEN], [orgHeads, W_HEAD], [articles, W_ARTICLE]]);
  m = {
    heads, portfolios, generics, capitals, countries, seats, titles, starts, suffixFirst, demById,
    suffixTitles, demonyms, wordFlags,
    abbrevTitles: new Set(Object.keys(lex.titles).filter((k) => k.endsWith('.')).map((k) => keyTokens(k).join(' '))),
    articles,
    coord: new Set(['et', 'and', 'ou', 'or']),
  };
  lexMatcherCache.set(lex, m);
  return m;
}

interface Hit {
  id: string;
  start: number;
  end: number;
  via: NonNullable<Mention['via']>;
  label?: string;
  /** For entities not in the registry. */
  local?: { name: string; kind: ActorKind; country?: string | null; inter?: number | null };
}

/** A tiny description of an actor not in the registry (state-xx, military-xx, rebels-xx). */
function synthetic(id: string, g: Gazetteer): Hit['local'] | null {
  const m = /^(state|military|rebels)-([a-z]{2})$/.exec(id);
  if (!m) return null;
  const cc = m[2].toUpperCase();
  const c = g.countries.get(cc);
  const country = c?.en ?? cc;
  if (m[1] === 'state') return { name: `Government of ${country}`, kind: 'state', country: cc, inter: 1 };
  if (m[1] === 'military') return { name: `Military Forces of ${country}`, kind: 'military', country: cc, inter: 1 };
  return { name: `Rebel Groups (${country})`, kind: 'armed_group', country: cc, inter: 2 };
}

/** Finds the entities of one document. */
export function findEntities(doc: Doc, lex: EntityLexicon, reg: Registry, g: Gazetteer = loadGazetteer()): Entity[] {
  const p = preparedOf(doc);
  const L = lexiconData(lex);
  const M = lexMatchers(lex, g);
  const { tok, start, end } = p.tokens;
  const n = tok.length;
  const focusList = focusCountries(doc, lex);
  const focusSet = new Set<string>();
  const focusMin = Math.max(1, (focusList[0]?.w ?? 0) * 0.3);
  for (let k = 0; k < focusList.length; k++) if (focusList[k].w >= focusMin) focusSet.add(focusList[k].cc);
  const focusTop = focusList[0]?.cc ?? null;
  const hits: Hit[] = [];
  const localInfo = new Map<string, Hit['local']>();

  /** No punctuation between token k - 1 and token k, or k is the name right after an abbreviated title's period (dotAt). */
  const gapOk = (k: number, dotAt: number): boolean => noBreak(k - 1, k) || k === dotAt;

  /** The actor a registry match [s, e) names, or null (vals: the entries under the key). */
  const pickAlias = (vals: AliasRef[], s: number, e: number): string | null => {
    // The common cases: one entry, a plain alias or an acronym written as the registry does.
    if (vals.length === 1) {
      const r = vals[0];
      if (r.exactBare === null && !r.ambiguous) return r.id;
      if (r.exactBare !== null && !r.ambiguous) return r.exactBare === bare(p.text.slice(s, e)) ? r.id : null;
    } else {
      // Several entries of one actor, none an acronym, not all ambiguous: that actor (no lists).
      let one: string | null = null;
      let plain = true;
      let allAmbiguous = true;
      for (let k = 0; k < vals.length; k++) {
        const r = vals[k];
        if (r.exactBare !== null || (one !== null && r.id !== one)) { plain = false; break; }
        one = r.id;
        if (!r.ambiguous) allAmbiguous = false;
      }
      if (plain && one !== null && !allAmbiguous) return one;
    }
    // The general case, in scratch arrays: the entries whose acronym (if any) is written as
    // here, their distinct actors; one actor not only ambiguous: that actor.
    let surface: string | null = null;
    let nOk = 0;
    let allAmbiguous = true;
    let nIds = 0;
    for (let k = 0; k < vals.length; k++) {
      const r = vals[k];
      if (r.exactBare !== null && r.exactBare !== (surface ??= bare(p.text.slice(s, e)))) continue;
      nOk++;
      if (!r.ambiguous) allAmbiguous = false;
      let seen = false;
      for (let q = 0; q < nIds; q++) if (pickIds[q] === r.id) { seen = true; break; }
      if (!seen) pickIds[nIds++] = r.id;
    }
    if (!nOk) return null;
    if (nIds === 1 && !allAmbiguous) return pickIds[0];
    // Ambiguous: the document's focus decides, then the entry valid at publication.
    let nE = 0;
    for (let q = 0; q < nIds; q++) { const en = reg.byId.get(pickIds[q]); if (en) pickEntries[nE++] = en; }
    let nF = 0;
    for (let q = 0; q < nE; q++) { const c = pickEntries[q].country; if (c && focusSet.has(c)) pickFocus[nF++] = pickEntries[q]; }
    // A lone ambiguous alias links only in its country's stories (or when the entry has no country).
    let pool: ActorEntry[];
    let nP: number;
    if (nF) { pool = pickFocus; nP = nF; }
    else if (nIds === 1 && !(nE > 0 && pickEntries[0].country)) { pool = pickEntries; nP = nE; }
    else return null;
    if (!nP) return null;
    if (nP === 1) return pool[0].id;
    const pub = doc.published ?? '';
    for (let q = 0; q < nP; q++) {
      const en = pool[q];
      if ((!en.validFrom || !pub || en.validFrom <= pub) && (!en.validTo || !pub || en.validTo >= pub)) return en.id;
    }
    return pool[0].id;
  };

  const genericTarget = (kind: 'military' | 'rebels' | 'state', cc: string | null): string | null => {
    if (!cc) return null;
    return `${kind}-${cc.toLowerCase()}`;
  };

  const resolveCountryActor = (type: 'military' | 'state' | 'ministry', cc: string, suffix?: string): string => {
    const c = cc.toLowerCase();
    if (type === 'ministry') {
      const id = `state-${c}-${suffix}`;
      return reg.byId.has(id) ? id : `state-${c}`;
    }
    return `${type}-${c}`;
  };

  /** Skips one article token backwards ("entre la Russie"). */
  const cueBefore = (i: number, set: PhraseSet): boolean => {
    if (set.endsBefore(p, i)) return true;
    if (i > 1 && M.articles.has(tok[i - 1]) && set.endsBefore(p, i - 1)) return true;
    return false;
  };
  const actorContext = (t0: number, t1: number, isCapital: boolean): boolean | null => {
    const before = cueBefore(t0, L.actorCuesBefore) && (isCapital || !cueBefore(t0, L.capitalOnlyCues));
    if (cueBefore(t0, L.placeCuesBefore) && !before) return false;
    if (L.actorVerbsAfter.startsAt(p, t1)) return true;
    if (before) return true;
    return null;
  };


  /** No punctuation between token a and token b = a + 1. */
  const noBreak = (a: number, b: number): boolean => (b === a + 1 ? (p.gap[b] & (GAP_SENTENCE | GAP_COMMA)) === 0 : !/[.!?;:()\[\]"«»\n,]/.test(p.text.slice(end[a], start[b])));

  // Capital/country candidates, decided after the scan (coordination "Moscou et Ankara").
  const pending: { t0: number; t1: number; cc: string; actor: boolean | null; start: number; end: number }[] = [];

  const ids = idsOf(p);
  const demById = M.demById;
  const demonymAt = (j: number): string | null => {
    if (j >= n) return null;
    const id = ids[j];
    return id >= 0 ? demById[id] ?? null : null;
  };
  const startFlags = startFlagsOf(reg, M);
  // Rule 8 needs a suffix title ("news agency") after the name: none in the text, no rule 8.
  let suffixRule = false;
  if (M.suffixTitles.size > 0) {
    const sf = M.suffixFirst;
    for (let k = 1; k < n; k++) { const id = ids[k]; if (id >= 0 && id < sf.length && sf[id] === 1) { suffixRule = true; break; } }
  }
  for (let i = 0; i < n; i++) {
    // Quick gate: most words start no rule at all (one integer lookup each).
    const id = ids[i];
    const fl = id >= 0 && id < startFlags.length ? startFlags[id] : 0;
    const lexStart = (fl & 1) !== 0;
    const aliasStart = (fl & 2) !== 0;
    if (!lexStart && !aliasStart && !(suffixRule && p.cap[i])) continue;
    // The longest option wins; on a tie, the earlier rule (registry first): kept as we go, no list.
    let bT1 = -1;
    let bHit: Hit | null = null;
    let bPend: (typeof pending)[number] | null = null;
    // 1. Registry aliases.
    const cap = lexStart ? M.capitals.longestAt(p, i) : null;
    const cm = cap ?? (lexStart ? M.countries.longestAt(p, i) : null);
    const placeName = cm;
    // The keys starting here, longest first (read from scratch arrays: no match objects).
    const na = aliasStart ? reg.aliases.matchesInto(p, i, aliasVals, aliasEnds) : 0;
    for (let a = na - 1; a >= 0; a--) {
      const t1 = aliasEnds[a];
      let values = aliasVals[a]!;
      const ms = start[i], me = end[t1 - 1];
      // A short one-word alias written with a capital ("Amal", "Azov", "EI") never matches a
      // lower-case word (a common word: "amal", "fatah"); those the registry writes in lower case
      // ("peshmergas", "rebelles") may, and longer names often appear in lower case ("selon assafir").
      if (t1 - i === 1 && !isCap(p, i) && end[i] - start[i] <= 5) {
        if (!values.some(isLowerRef)) continue;
        if (!values.every(isLowerRef)) values = values.filter(isLowerRef);
      }
      // A country or capital name listed as a registry alias ("Syrie" for state-sy) is an actor
      // only where it speaks or acts: rule 5 decides, the places stage takes the rest.
      if (placeName && placeName.t1 === t1) continue;
      const id = pickAlias(values, ms, me);
      if (id) {
        // A generic or loaded designation listed as an ambiguous alias keeps its label (framing counts it).
        const label = hasAmbiguousRef(values, id) ? p.text.slice(ms, me) : undefined;
        bT1 = t1; bHit = { id, start: ms, end: me, via: label ? 'generic' : 'alias', label };
        break;
      }
    }
    if (!lexStart && !suffixRule) { if (bHit) { hits.push(bHit); i = bT1 - 1; } continue; }
    // 2. Generic designations, linked to the focus country.
    const gm = lexStart ? M.generics.longestAt(p, i) : null;
    if (gm) {
      let cc = focusTop ? focusTop : null;
      let t1 = gm.t1;
      // "forces gouvernementales syriennes" / "Syrian government forces": the demonym decides.
      const dAfter = demonymAt(gm.t1);
      const dBefore = i > 0 ? demonymAt(i - 1) : null;
      // (computed before the test: the branch is rare, and arithmetic or a call met there for the
      // first time in optimized code throws the whole function's code away)
      const joined = gm.t1 < n && noBreak(gm.t1 - 1, gm.t1);
      const past = gm.t1 + 1;
      if (dAfter && joined) { cc = dAfter; t1 = past; }
      else if (dBefore && lex.demonymPosition === 'before') cc = dBefore;
      const id = genericTarget(gm.values[0], cc);
      const label = p.text.slice(gm.start, end[t1 - 1]);
      if (id && t1 > bT1) { bT1 = t1; bHit = { id, start: gm.start, end: end[t1 - 1], via: 'generic', label }; bPend = null; }
    }
    // 3. Head + demonym (fr: "l'aviation russe", "le ministère russe de la Défense").
    if (!lexStart) {
      // Rules 3-7 start with a lexicon word.
    } else if (lex.demonymPosition === 'after') {
      const hm = M.heads.longestAt(p, i);
      if (hm) {
        const head = hm.values[0];
        let j = hm.t1;
        let suffix: string | undefined;
        const pf0 = M.portfolios.longestAt(p, j);
        if (head.type === 'ministry' && pf0) { suffix = pf0.values[0]; j = pf0.t1; }
        // Up to one adjective between head and demonym ("forces spéciales russes", "troupes terrestres iraniennes").
        let cc: string | null = null;
        for (let k = j; k < Math.min(n, j + 2); k++) {
          if (!noBreak(k - 1, k)) break;
          const d = demonymAt(k);
          if (d) { cc = d; j = k + 1; break; }
          if (isCap(p, k)) break;
        }
        if (cc) {
          if (head.type === 'ministry' && !suffix) {
            const pf = M.portfolios.longestAt(p, j);
            if (pf && noBreak(j - 1, j)) { suffix = pf.values[0]; j = pf.t1; }
          }
          if (head.type !== 'ministry' || suffix) {
            if (j > bT1) { bT1 = j; bHit = { id: resolveCountryActor(head.type, cc, suffix), start: start[i], end: end[j - 1], via: 'demonym' }; bPend = null; }
          }
        }
      }
    } else {
      // en: "Russian jets", "the Syrian army", "Russian Defence Ministry", "Russian Ministry of Defence".
      const cc = demonymAt(i);
      if (cc && isCap(p, i)) {
        let j = i + 1;
        let suffix: string | undefined;
        const pf = M.portfolios.longestAt(p, j);
        if (pf) { suffix = pf.values[0]; j = pf.t1; }
        const hm = j < n && noBreak(j - 1, j) ? M.heads.longestAt(p, j) : null;
        if (hm) {
          const head = hm.values[0];
          let t1 = hm.t1;
          if (head.type === 'ministry' && !suffix && t1 < n && tok[t1] === 'of') {
            const pf2 = M.portfolios.longestAt(p, t1 + 1);
            if (pf2) { suffix = pf2.values[0]; t1 = pf2.t1; }
          }
          if (head.type !== 'ministry' || suffix) {
            if (t1 > bT1) { bT1 = t1; bHit = { id: resolveCountryActor(head.type, cc, suffix), start: start[i], end: end[t1 - 1], via: 'demonym' }; bPend = null; }
          }
        }
      }
    }
    // 4. Seats of government: always the government.
    const sm = lexStart ? M.seats.longestAt(p, i) : null;
    if (sm && isCap(p, sm.t0 + (M.articles.has(tok[i]) ? 1 : 0))) {
      if (sm.t1 > bT1) { bT1 = sm.t1; bHit = { id: `state-${sm.values[0].toLowerCase()}`, start: sm.start, end: sm.end, via: 'capital' }; bPend = null; }
    }
    // 5. Capitals and country names: actors when they speak or act, places otherwise.
    if (cm && isCap(p, cm.t0) && !M.articles.has(tok[cm.t0])) {
      if (cm.t1 > bT1) { bT1 = cm.t1; bHit = null; bPend = { t0: cm.t0, t1: cm.t1, cc: cm.values[0], actor: actorContext(cm.t0, cm.t1, !!cap), start: cm.start, end: cm.end }; }
    }
    // 6. Collective demonyms: "les Russes" → the government.
    if (lexStart && lex.collectiveState && isCap(p, i) && i > 0 && !(p.gap[i] & GAP_STOP)) {
      const d = demonymAt(i);
      const plural = tok[i].endsWith('s') || tok[i].endsWith('x');
      const followedByHead = i + 1 < n && noBreak(i, i + 1) && !!M.heads.longestAt(p, i + 1);
      if (d && plural && !followedByHead && M.articles.has(tok[i - 1])) {
        if (i + 1 > bT1) { bT1 = i + 1; bHit = { id: `state-${d.toLowerCase()}`, start: start[i], end: end[i], via: 'demonym' }; bPend = null; }
      }
    }
    // 7. Titles before an unknown name ("le général X", "l'agence syrienne X", "le ministre turc des
    //    Affaires étrangères X"), and "le jordanien X" (article + demonym + name: a person).
    const tm = lexStart ? M.titles.longestAt(p, i) : null;
    // An abbreviated title keeps its period: "M. Lugol", "Dr. Smith".
    const titleDot = !!tm && M.abbrevTitles.size > 0 && tm.t1 < n && p.text.charCodeAt(end[tm.t1 - 1]) === 46 && M.abbrevTitles.has(tok.slice(tm.t0, tm.t1).join(' ')) && /^\.\s+$/.test(p.text.slice(end[tm.t1 - 1], start[tm.t1]));
    // The token right after an abbreviated title may follow its period.
    const dotAt = titleDot ? tm!.t1 : -1;
    let titleKind: ActorKind | null = tm ? tm.values[0] : null;
    let k0 = tm ? tm.t1 : -1;
    if (!tm && lexStart && i > 0 && M.articles.has(tok[i - 1]) && !isCap(p, i) && demonymAt(i) && !/s$/.test(tok[i])) { titleKind = 'person'; k0 = i + 1; }
    if (titleKind && k0 > 0) {
      // Skip demonyms and a portfolio between the title and the name.
      for (let guard = 0; guard < 3 && k0 < n && gapOk(k0, dotAt); guard++) {
        if (!isCap(p, k0) && demonymAt(k0)) { k0++; continue; }
        const pf = M.portfolios.longestAt(p, k0);
        if (pf && titleKind === 'person') { k0 = pf.t1; continue; }
        break;
      }
      // A name may start with a lower-case article: "al-Akhbar".
      let n0 = k0;
      if (n0 + 1 < n && tok[n0] === 'al' && !isCap(p, n0) && isCap(p, n0 + 1) && sameWord(p, n0, n0 + 1)) n0++;
      if (n0 < n && isCap(p, n0) && gapOk(k0, dotAt) && !L.stopwords.has(tok[n0])) {
        const known = reg.aliases.longestAt(p, k0) ?? reg.aliases.longestAt(p, n0);
        const t1 = known ? -1 : nameRun(p, n0, M.wordFlags);
        if (t1 > n0 && !isBigPlace(g, p, n0, t1)) {
          const s = start[k0], e = end[t1 - 1];
          const surface = p.text.slice(s, e);
          const id = `x:${tok.slice(k0, t1).join('-')}`;
          if (!localInfo.has(id)) localInfo.set(id, { name: surface, kind: titleKind, country: null, inter: null });
          if (t1 > bT1) { bT1 = t1; bHit = { id, start: s, end: e, via: 'pattern' }; bPend = null; }
        }
      }
    }
    // 8. English suffix titles: "the Anadolu news agency".
    if (suffixRule && isCap(p, i) && !L.stopwords.has(tok[i]) && (i === 0 || !isCap(p, i - 1) || L.stopwords.has(tok[i - 1]))) {
      const t1 = nameRun(p, i, M.wordFlags);
      if (t1 > i) {
        const suf = M.suffixTitles.startsAt(p, t1);
        if (suf && !reg.aliases.longestAt(p, i) && !isBigPlace(g, p, i, t1)) {
          const kind = suf.value;
          const id = `x:${tok.slice(i, t1).join('-')}`;
          if (!localInfo.has(id)) localInfo.set(id, { name: p.text.slice(start[i], end[t1 - 1]), kind, country: null, inter: null });
          if (t1 > bT1) { bT1 = t1; bHit = { id, start: start[i], end: end[t1 - 1], via: 'pattern' }; bPend = null; }
        }
      }
    }
    if (bT1 < 0) continue;
    if (bHit) hits.push(bHit);
    else if (bPend) pending.push(bPend);
    i = bT1 - 1;
  }

  // 9. Unknown names (no registry id): a run of capitalized words opened by a given name is a
  //    person ("Jules Guesde", "Jean-Louis Gasset"), one opened by an organisation head word an
  //    organisation ("Fédération Républicaine"); a person's last name alone later in the text
  //    is the same person ("Guesde").
  unknownNames(p, M, g, hits, pending, localInfo);

  // Coordination: "entre Damas et Ankara", "Moscou et Ankara ont annoncé".
  for (let k = 0; k + 1 < pending.length; k++) {
    const a = pending[k], b = pending[k + 1];
    const gapOk = b.t0 === a.t1 + 1 || (b.t0 === a.t1 + 2 && M.articles.has(tok[a.t1 + 1]));
    if (gapOk && M.coord.has(tok[a.t1]) && (a.actor || b.actor) && a.actor !== false && b.actor !== false) {
      a.actor = true; b.actor = true;
    }
  }
  // A later actor decision spreads back over "X et (la) Y <verb>".
  for (let k = pending.length - 2; k >= 0; k--) {
    const a = pending[k], b = pending[k + 1];
    const gapOk = b.t0 === a.t1 + 1 || (b.t0 === a.t1 + 2 && M.articles.has(tok[a.t1 + 1]));
    if (gapOk && M.coord.has(tok[a.t1]) && b.actor && a.actor !== false) a.actor = true;
  }
  for (const c of pending) {
    if (c.actor) hits.push({ id: `state-${c.cc.toLowerCase()}`, start: c.start, end: c.end, via: 'capital' });
  }

  // Merge by id.
  sortByStart(hits);
  const out = new Map<string, Entity>();
  for (const h of hits) {
    let e = out.get(h.id);
    if (!e) {
      const r = reg.byId.get(h.id);
      if (r) {
        e = { id: r.id, name: r.name, kind: r.kind, linked: true, aliases: pickAliases(r), country: r.country, inter: r.inter, mentions: [] };
      } else {
        const loc = h.local ?? localInfo.get(h.id) ?? synthetic(h.id, g);
        if (!loc) continue;
        e = { id: h.id, name: loc.name, kind: loc.kind, linked: false, country: loc.country ?? null, inter: loc.inter ?? null, mentions: [] };
      }
      out.set(h.id, e);
    }
    const m: Mention = { start: h.start, end: h.end, text: doc.text.slice(h.start, h.end), via: h.via };
    if (h.label) m.label = h.label;
    let overlap = false;
    for (let k = 0; k < e.mentions.length; k++) { const x = e.mentions[k]; if (x.start < m.end && m.start < x.end) { overlap = true; break; } }
    if (!overlap) e.mentions.push(m);
  }
  return [...out.values()];
}

const givenNames = new Set<string>();
for (const list of [givenNamesData.fr, givenNamesData.en, givenNamesData.ar]) for (const x of list) { const t = keyTokens(x); if (t.length) givenNames.add(t[0]); }
/** Lower-case adjectives after an organisation head word ("nationale", "fédéral", "coréenne", "national"). */
const ORG_ADJ = /^[a-z]{3,}(?:al|ale|aux|ien|ienne|ais|aise|ain|aine|ique|el|elle|eur|ive|if|an|ane|enne|ese|ish|ic|ical)$/;

/** Tokens taken by other rules (unknownNames), reused from one document to the next. */
let takenScratch = new Uint8Array(4096);

/** Rule 9 (see findEntities): unknown persons and organisations, typed by their first word. */
function unknownNames(
  p: Prepared, M: LexMatchers, g: Gazetteer, hits: Hit[],
  pending: { start: number; end: number }[], localInfo: Map<string, Hit['local']>,
): void {
  const { tok, start, end } = p.tokens;
  const n = tok.length;
  // Tokens already taken by another rule.
  if (takenScratch.length < n) takenScratch = new Uint8Array(Math.max(n, takenScratch.length * 2));
  const taken = takenScratch;
  taken.fill(0, 0, n);
  const spans: { start: number; end: number }[] = sortByStart([...hits, ...pending]);
  let k = 0;
  for (const h of spans) {
    while (k < n && end[k] <= h.start) k++;
    for (let j = k; j < n && start[j] < h.end; j++) taken[j] = 1;
  }
  const persons = new Map<string, string>(); // last name → entity id
  const ids = idsOf(p);
  const wf = M.wordFlags;
  for (let i = 0; i < n; i++) {
    if (!p.cap[i] || taken[i]) continue;
    const fi = wordFlagsAt(wf, ids, i);
    if (fi & W_STOP) continue;
    // Only the first word of a run (a capitalized word just before belongs to the same name).
    if (i > 0 && p.cap[i - 1] && !(p.gap[i] & (GAP_LOOSE | GAP_SENTENCE)) && !(wordFlagsAt(wf, ids, i - 1) & W_STOP)) continue;
    let t1 = nameRun(p, i, wf);
    for (let j = i + 1; j < t1; j++) if (taken[j]) { t1 = j; break; }
    while (t1 > i + 1 && (wordFlagsAt(wf, ids, t1 - 1) & W_PARTICLE)) t1--;
    let kind: ActorKind | null = null;
    if (fi & W_GIVEN) {
      // A person's name keeps one particle, before its last word only ("Charles de Gaulle",
      // not "Jeremy Hellickson des Rays de Tampa"), and never "of" ("Khalil of Munshiganj": a place).
      for (let j = i + 1; j < t1; j++) {
        if (!(wordFlagsAt(wf, ids, j) & W_PARTICLE)) continue;
        if (tok[j] === 'des' || tok[j] === 'of' || j + 2 !== t1) t1 = j;
        break;
      }
      if (t1 - i >= 2 && !(wordFlagsAt(wf, ids, t1 - 1) & W_GIVEN) && tok[t1 - 1].length > 1) kind = 'person';
    } else if (fi & W_HEAD) {
      // "Fédération Républicaine", "Conseil fédéral", "Ligue nationale de hockey".
      let j = i + 1;
      if (t1 === i + 1 && j < n && !p.cap[j] && ORG_ADJ.test(tok[j]) && !(p.gap[j] & (GAP_SENTENCE | GAP_COMMA))) j++;
      if (j > i + 1 && j + 1 < n && (tok[j] === 'de' || tok[j] === 'd' || tok[j] === 'of') && !(p.gap[j] & (GAP_SENTENCE | GAP_COMMA)) && !(p.gap[j + 1] & (GAP_SENTENCE | GAP_COMMA)) && !(wordFlagsAt(wf, ids, j + 1) & (W_STOP | W_ARTICLE))) j += 2;
      if (j > t1) t1 = j;
      for (let x = i + 1; x < t1; x++) if (taken[x]) { t1 = x; break; }
      if (t1 - i >= 2) kind = 'org';
    }
    if (kind) {
      if (isBigPlace(g, p, i, t1)) { i = t1 - 1; continue; }
      const id = `x:${tok.slice(i, t1).join('-')}`;
      const s = start[i], e = end[t1 - 1];
      if (!localInfo.has(id)) localInfo.set(id, { name: p.text.slice(s, e), kind, country: null, inter: null });
      hits.push({ id, start: s, end: e, via: 'pattern' });
      if (kind === 'person') persons.set(tok[t1 - 1], id);
      i = t1 - 1;
      continue;
    }
    // A person's last name alone, after the full name.
    if (t1 === i + 1 && tok[i].length > 2) {
      const id = persons.get(tok[i]);
      if (id) hits.push({ id, start: start[i], end: end[i], via: 'pattern' });
    }
    i = Math.max(i, t1 - 1);
  }
}

const startsCache = new WeakMap<Registry, WeakMap<LexMatchers, Uint8Array>>();
/** Per vocabulary id: 1 when a lexicon rule can start with the token, 2 when a registry alias can. */
function startFlagsOf(reg: Registry, M: LexMatchers): Uint8Array {
  let byLex = startsCache.get(reg);
  if (!byLex) { byLex = new WeakMap(); startsCache.set(reg, byLex); }
  let f = byLex.get(M);
  if (!f) {
    const alias = reg.aliases.firstIds();
    let max = 0;
    for (const id of alias) max = Math.max(max, id);
    for (const id of M.starts) max = Math.max(max, id);
    f = new Uint8Array(max + 1);
    for (const id of M.starts) f[id] |= 1;
    for (const id of alias) f[id] |= 2;
    byLex.set(M, f);
  }
  return f;
}

/** Scratch for the registry matches at one token (values, end token), reused from one token to the next. */
const aliasVals: (AliasRef[] | null)[] = [];
const aliasEnds: number[] = [];
/** Scratch for pickAlias's general case. */
const pickIds: string[] = [];
const pickEntries: ActorEntry[] = [];
const pickFocus: ActorEntry[] = [];
const isLowerRef = (r: AliasRef): boolean => r.lower;
/** True when one of the entries is `id`'s, marked ambiguous. */
function hasAmbiguousRef(values: AliasRef[], id: string): boolean {
  for (const r of values) if (r.id === id && r.ambiguous) return true;
  return false;
}

/** Letters and digits only ("E.I." → "EI"). */
function bare(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

const aliasesCache = new WeakMap<ActorEntry, string[]>();

/** A few aliases: the canonical English name's first alias and the first French alias (computed once per entry). */
function pickAliases(r: ActorEntry): string[] {
  let c = aliasesCache.get(r);
  if (!c) { c = computeAliases(r); aliasesCache.set(r, c); }
  return [...c];
}

function computeAliases(r: ActorEntry): string[] {
  const out: string[] = [];
  if (r.aliases.fr[0]) out.push(r.aliases.fr[0]);
  if (r.aliases.en[0] && r.aliases.en[0] !== r.aliases.fr[0]) out.push(r.aliases.en[0]);
  const amb = new Set((r.ambiguous ?? []).map((s) => foldKey(s)));
  return out.filter((a) => !amb.has(foldKey(a)));
}

/** True when two tokens are joined by a hyphen or apostrophe only ("al-Akhbar"). */
function sameWord(p: Prepared, a: number, b: number): boolean {
  return b === a + 1 && (p.gap[b] & GAP_JOIN) !== 0;
}

/** End (exclusive token index) of a run of capitalized words from token i, particles allowed inside. */
function nameRun(p: Prepared, i: number, wf: Uint8Array): number {
  const n = p.tokens.tok.length;
  const ids = idsOf(p);
  let j = i;
  let last = i;
  while (j < n && j - i < 6) {
    if (j > i && (p.gap[j] & (GAP_SENTENCE | GAP_COMMA))) break;
    const f = wordFlagsAt(wf, ids, j);
    if (isCap(p, j) && !(j > i && (f & W_STOP) !== 0)) { j++; last = j; continue; }
    if ((f & W_PARTICLE) !== 0 && j + 1 < n && j > i) { j++; continue; }
    break;
  }
  return last;
}

/** True when tokens [a, b) name a country, a curated place or a large town (never an actor's name). */
function isBigPlace(g: Gazetteer, p: Prepared, a: number, b: number): boolean {
  for (const m of gazetteerAt(p, g, a)) if (m.t1 === b && (rowFlags(g, m.values) & ROW_BIG_PLACE) !== 0) return true;
  return false;
}
