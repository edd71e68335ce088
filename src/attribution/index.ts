/**
 * The attribution stage: finds who the article attributes its claims to ("selon l'OSDH",
 * "a révélé l'agence X", "X said", "according to X", anonymous "des sources libanaises",
 * quotes with their speaker), the stretch of text each attribution covers, then lists the
 * sources of every event whose trigger lies in a covered stretch and turns `asserted` into
 * `reported`.
 *
 * Detection is a pure function (`findAttributions`) so the events stage can use it too (to
 * keep sources out of the actor roles); the last document's results are kept (the events stage, then this stage, ask for them in turn).
 */
import type { Attribution, Doc, Entity, Mention } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { AttributionLexicon } from './lexicon.js';
import { Phrases, sentencesOf, sortByStart, type PhraseMatch, type Sentence } from '../events/patterns.js';
import { codeUnitTable, SPACE } from '../match/units.js';
import { objectList } from '../common/arrays.js';

interface Compiled {
  /**
   * Cues before the source (group 0), reporting verbs (group 1), continuation cues (group 2) and
   * hearsay forms (group 3), scanned in one pass (see scanGroups; the events stage scans them with its own lists).
   */
  cues: Phrases;
  notSources: Phrases;
  verbs: Phrases;
  aux: Phrases;
  notBefore: Set<string>;
  invertedPronoun: RegExp;
  pronounInCue: RegExp;
  complementizers: Phrases | null;
  punct: string;
  /** The characters of punct, each alone. */
  punctChars: string[];
  /** Every inverted pronoun starts with a hyphen ("-t-il"): no match unless a hyphen follows the verb. */
  pronounsAfterHyphen: boolean;
  anonymousHead: Phrases;
  title: Phrases;
  anaphora: Phrases;
  pronouns: Set<string>;
  boundaries: Set<string>;
  /** The length of the longest boundary word. */
  boundaryLen: number;
  /**
   * Per ASCII code unit u and length n (u * (boundaryLen + 1) + n): 1 when some boundary word, in
   * lower case, starts with u and has n code units (see mayBeBoundary).
   */
  boundaryShape: Uint8Array;
  /** The lengths of the longest notBefore word and determiner (lowerApos never shortens a word). */
  notBeforeLen: number;
  /**
   * Per ASCII code unit: 1 when a word starting with it may be a notBefore word once in lower case
   * (its lower-case form starts some notBefore word); words starting with any other code unit are always looked up.
   */
  notBeforeFirst: Uint8Array;
  /** pronounInCue.test per verb text (the same verbs come back). */
  pronounInCueMemo: Map<string, boolean>;
  determinerLen: number;
  determiners: Set<string>;
  particles: Set<string>;
}

const compiledCache = new WeakMap<AttributionLexicon, Compiled>();

/** The last lexicon compiled or asked for, checked before the WeakMap. */
let lastLex: AttributionLexicon | null = null;
let lastCompiled: Compiled | null = null;

function compile(lex: AttributionLexicon): Compiled {
  if (lex === lastLex) return lastCompiled!;
  let c = compiledCache.get(lex);
  if (c) {
    lastLex = lex;
    lastCompiled = c;
    return c;
  }
  c = {
    cues: new Phrases(scanGroups(lex)),
    notSources: Phrases.of(lex.notSources),
    verbs: Phrases.of(lex.verbs),
    aux: Phrases.of(lex.auxiliaries),
    notBefore: new Set(lex.notBefore.map((w) => w.toLowerCase())),
    notBeforeLen: Math.max(0, ...lex.notBefore.map((w) => w.toLowerCase().length)),
    notBeforeFirst: notBeforeFirst(lex.notBefore),
    pronounInCueMemo: new Map(),
    invertedPronoun: lex.invertedPronouns.length
      ? new RegExp(`^(?:${lex.invertedPronouns.map((p) => p.replace(/[-]/g, '[-‑]')).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`, 'iu')
      : /(?!)/u,
    pronounInCue: lex.invertedPronouns.length
      ? new RegExp(`(?:${lex.invertedPronouns.map((p) => p.replace(/[-]/g, '[-‑]')).join('|')})(?![\\p{L}])`, 'iu')
      : /(?!)/u,
    complementizers: lex.complementizers.some((w) => /\p{L}/u.test(w)) ? Phrases.of(lex.complementizers.filter((w) => /\p{L}/u.test(w))) : null,
    punct: lex.complementizers.filter((w) => !/\p{L}/u.test(w)).join(''),
    punctChars: [...lex.complementizers.filter((w) => !/\p{L}/u.test(w)).join('')],
    pronounsAfterHyphen: lex.invertedPronouns.every((p) => p.startsWith('-')),
    anonymousHead: Phrases.of(lex.anonymousHeads),
    title: Phrases.of(lex.titles),
    anaphora: Phrases.of(lex.anaphora),
    pronouns: new Set(lex.pronouns.map((w) => w.toLowerCase())),
    boundaries: new Set(lex.sourceBoundaries.map((w) => w.toLowerCase())),
    boundaryLen: Math.max(0, ...lex.sourceBoundaries.map((w) => w.toLowerCase().length)),
    boundaryShape: boundaryShape(lex.sourceBoundaries),
    determiners: new Set(lex.determiners.map((w) => w.toLowerCase().replace('’', "'"))),
    determinerLen: Math.max(0, ...lex.determiners.map((w) => w.toLowerCase().replace('’', "'").length)),
    particles: new Set(lex.nameParticles.map((w) => w.toLowerCase())),
  };
  compiledCache.set(lex, c);
  lastLex = lex;
  lastCompiled = c;
  return c;
}

function notBeforeFirst(words: readonly string[]): Uint8Array {
  const first = new Set(words.map((w) => w.toLowerCase().charCodeAt(0)));
  const t = new Uint8Array(128);
  // ASCII letters lower-case alone, whatever follows them
  for (let c = 0; c < 128; c++) if (first.has(String.fromCharCode(c).toLowerCase().charCodeAt(0))) t[c] = 1;
  return t;
}

function boundaryShape(words: readonly string[]): Uint8Array {
  const low = words.map((w) => w.toLowerCase());
  const width = Math.max(0, ...low.map((w) => w.length)) + 1;
  const t = new Uint8Array(128 * width);
  for (const w of low) {
    const u = w.charCodeAt(0);
    if (u < 128) t[u * width + w.length] = 1;
  }
  return t;
}

/**
 * False when the word text[a, b) (at most boundaryLen code units) cannot be a boundary word once
 * in lower case, read without making the string: its first code unit is ASCII (lower-cased, it
 * stays the first code unit, ASCII) and no boundary word has that first unit and its length.
 * Lower-casing keeps the length of every code unit but U+0130 (İ → i̇): a word holding one is
 * looked up. True means "look it up".
 */
function mayBeBoundary(text: string, a: number, b: number, c: Compiled): boolean {
  let u = text.charCodeAt(a);
  if (u >= 128) return true;
  if (u >= 65 && u <= 90) u += 32;
  if (c.boundaryShape[u * (c.boundaryLen + 1) + (b - a)] === 1) return true;
  for (let i = a + 1; i < b; i++) if (text.charCodeAt(i) === 0x130) return true;
  return false;
}

/** pronounInCue.test(v), remembered per verb text. */
function pronounInCue(c: Compiled, v: string): boolean {
  let r = c.pronounInCueMemo.get(v);
  if (r === undefined) {
    r = c.pronounInCue.test(v);
    if (c.pronounInCueMemo.size > 5000) c.pronounInCueMemo.clear();
    c.pronounInCueMemo.set(v, r);
  }
  return r;
}

/**
 * The lists one sentence scan reads for attribution, in group order: cues before the source,
 * reporting verbs, continuation cues, hearsay forms (each its own overlap class).
 */
export function scanGroups(lex: AttributionLexicon): string[][] {
  return [lex.before, lex.verbs, lex.continuation, lex.hearsay];
}

/**
 * One document's scan for attribution, per sentence of sentencesOf: the matches of groups 0 and 1
 * of scanGroups (by start, each with its group), and flags: 1 when the sentence holds a group 0
 * match, 2 a continuation cue, 4 a hearsay form.
 */
export interface AttributionScan {
  cues: PhraseMatch[][];
  flags: Uint8Array;
}

/** The scan of every sentence with the attribution stage's own scanner. */
function scanSentences(text: string, sents: readonly Sentence[], c: Compiled): AttributionScan {
  const cues: PhraseMatch[][] = [];
  const flags = new Uint8Array(sents.length);
  for (let si = 0; si < sents.length; si++) {
    const all = c.cues.scan(text, sents[si].start, sents[si].end);
    const keep: PhraseMatch[] = [];
    let f = 0;
    for (const m of all) {
      if (m.group <= 1) {
        keep.push(m);
        if (m.group === 0) f |= 1;
      } else f |= m.group === 2 ? 2 : 4;
    }
    cues.push(keep);
    flags[si] = f;
  }
  return { cues, flags };
}

/** Where a run of auxiliaries / adverbs ending at b starts (b when there is none). */
function auxStart(text: string, a: number, b: number, aux: Phrases): number {
  let e = b;
  for (;;) {
    let k = e;
    // white space (\s) and commas
    while (k > a && (SPACE[text.charCodeAt(k - 1)] === 1 || text.charCodeAt(k - 1) === 44)) k--;
    const ms = aux.endingStart(text, a, k);
    if (ms < 0 || ms >= e) break;
    e = ms;
  }
  return e;
}

interface Tok {
  start: number;
  end: number;
  w: string;
}
const TOKEN = /\p{L}+['’]|[\p{L}\p{N}]+(?:[-‑.][\p{L}\p{N}]+)*/gu;

/** 1: a letter (\p{L}), 2: a digit or other number (\p{N}); per UTF-16 code unit (surrogates: 0). */
let LN: Uint8Array | null = null;
function letterTable(): Uint8Array {
  if (LN) return LN;
  const t = codeUnitTable('\\p{L}', 'u');
  codeUnitTable('\\p{N}', 'u', 2, t);
  LN = t;
  return t;
}

/** Token spans of the last spanTokens call: [TS[k], TE[k]) for k < its count (reused arrays). */
let TS = new Int32Array(64);
let TE = new Int32Array(64);

function pushSpan(n: number, p: number, q: number): void {
  if (n === TS.length) {
    const s2 = new Int32Array(n * 2);
    s2.set(TS);
    TS = s2;
    const e2 = new Int32Array(n * 2);
    e2.set(TE);
    TE = e2;
  }
  TS[n] = p;
  TE[n] = q;
}

/**
 * The spans of the tokens of text[a, b) (at most `max`) into TS/TE; returns their count. What
 * TOKEN finds in the slice, read with a table instead of the regex (the regex stays the
 * reference, and reads slices holding surrogate pairs).
 */
function spanTokens(text: string, a: number, b: number, max = Infinity): number {
  const ln = letterTable();
  let n = 0;
  let i = a;
  // the first `max` tokens are those of the whole range (tokens are read left to right)
  while (i < b && n < max) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return spansRe(text, a, b, max);
    if (ln[c] === 0) {
      i++;
      continue;
    }
    const p = i;
    // \p{L}+['’]: the letters from p, then an apostrophe
    let q = p;
    while (q < b && ln[text.charCodeAt(q)] === 1) q++;
    if (q > p && q < b) {
      const d = text.charCodeAt(q);
      if (d === 39 || d === 0x2019) {
        pushSpan(n++, p, q + 1);
        i = q + 1;
        continue;
      }
    }
    // [\p{L}\p{N}]+(?:[-‑.][\p{L}\p{N}]+)*
    q = p;
    for (;;) {
      while (q < b && ln[text.charCodeAt(q)] !== 0) q++;
      if (q + 1 < b) {
        const d = text.charCodeAt(q);
        if (d === 45 || d === 0x2011 || d === 46) {
          const e = text.charCodeAt(q + 1);
          if (ln[e] !== 0) {
            q++;
            continue;
          }
          if (e >= 0xd800 && e <= 0xdfff) return spansRe(text, a, b, max);
        }
      }
      break;
    }
    if (q < b && text.charCodeAt(q) >= 0xd800 && text.charCodeAt(q) <= 0xdfff) return spansRe(text, a, b, max);
    pushSpan(n++, p, q);
    i = q;
  }
  return n;
}

/** True for a code unit no token holds: not a letter or number, not [-‑.'’], not a surrogate. */
function tokenGap(ln: Uint8Array, c: number): boolean {
  return ln[c] === 0 && c !== 45 && c !== 0x2011 && c !== 46 && c !== 39 && c !== 0x2019 && (c < 0xd800 || c > 0xdfff);
}

/**
 * spanTokens(text, a, b) for its last token only: the spans (count returned) end with the same
 * last token. No token holds a tokenGap unit, so the tokens of text[p, b) after a gap at p - 1
 * are those of text[a, b) from p on: read from the last gap before the last non-gap run.
 */
function lastTokenFrom(text: string, a: number, b: number): number {
  const ln = letterTable();
  let e = b;
  while (e > a && tokenGap(ln, text.charCodeAt(e - 1))) e--;
  let p = e;
  while (p > a && !tokenGap(ln, text.charCodeAt(p - 1))) p--;
  if (p === a) return spanTokens(text, a, b);
  const n = spanTokens(text, p, b);
  // a run without a letter or number ("--"): read the whole range
  return n > 0 ? n : spanTokens(text, a, b);
}

/** spanTokens with the TOKEN regex. */
function spansRe(text: string, a: number, b: number, max: number): number {
  const toks = tokensRe(text, a, b, max);
  for (let k = 0; k < toks.length; k++) pushSpan(k, toks[k].start, toks[k].end);
  return toks.length;
}

/** The tokens of text[a, b) (at most `max`): what TOKEN finds in the slice. */
function tokens(text: string, a: number, b: number, max = Infinity): Tok[] {
  const n = spanTokens(text, a, b, max);
  const out: Tok[] = [];
  for (let k = 0; k < n; k++) out.push({ start: TS[k], end: TE[k], w: text.slice(TS[k], TE[k]) });
  return out;
}

function tokensRe(text: string, a: number, b: number, max = Infinity): Tok[] {
  const out: Tok[] = [];
  const s = text.slice(a, b);
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = TOKEN.exec(s))) out.push({ start: a + m.index, end: a + m.index + m[0].length, w: m[0] });
  return out;
}

/** True when text[a, b) holds a character that ends a source noun phrase: , ; : . ! ? ( ) « » " “ ” or a line break. */
function hardStopIn(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 44 || ch === 59 || ch === 58 || ch === 46 || ch === 33 || ch === 63 || ch === 40 || ch === 41 || ch === 0xab || ch === 0xbb || ch === 34 || ch === 0x201c || ch === 0x201d || ch === 10) return true;
  }
  return false;
}
/** Words in lower case with their first ’ as ' (remembered: the same words come back). */
const lowerAposMemo = new Map<string, string>();
function lowerApos(w: string): string {
  let l = lowerAposMemo.get(w);
  if (l === undefined) {
    l = w.toLowerCase().replace('’', "'");
    if (lowerAposMemo.size > 20000) lowerAposMemo.clear();
    lowerAposMemo.set(w, l);
  }
  return l;
}

/** Characters that open the clause holding a preposed source: , ; : « » " “ ” ( */
function clauseOpen(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 0xab || c === 0xbb || c === 34 || c === 0x201c || c === 0x201d || c === 40;
}

export interface MentionRef {
  m: Mention;
  e: Entity;
}
const mStart = (r: MentionRef): number => r.m.start;

/**
 * Every entity mention of the document with its entity, sorted by start (stable: mentions that
 * start together stay in entity order). The events stage makes this list once for itself and detect.
 */
export function allMentions(doc: Doc): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of doc.entities) for (const m of e.mentions) out.push({ m, e });
  sortByStart(out, mStart);
  return out;
}

const KIND_PRIORITY: Record<string, number> = {
  person: 0,
  media: 1,
  ngo: 2,
  igo: 3,
  org: 4,
  political: 5,
  military: 6,
  armed_group: 7,
  state: 8,
};

interface Found extends Attribution {
  /** Sentence index the attribution was read in. */
  sent: number;
}

/** A found attribution with every field in place (one object shape). */
function mk(cue: string, start: number, end: number, sent: number, source: string | null, source_text: string, anonymous: boolean | undefined): Found {
  return { source, source_text, cue, start, end, anonymous, scope: undefined, quote: undefined, sent };
}

/** The public record of an attribution (optional fields only when set). */
function publicOf(f: Attribution): Attribution {
  const o: Attribution = { source: f.source, source_text: f.source_text, cue: f.cue, start: f.start, end: f.end };
  if (f.anonymous !== undefined) o.anonymous = f.anonymous;
  if (f.scope) o.scope = f.scope;
  if (f.quote) o.quote = f.quote;
  return o;
}

/**
 * The last document's attributions: the events stage reads them, then the attribution stage, one
 * document after the other (one slot, like sentencesOf: a WeakMap entry per document cost more to
 * add and to collect than the reading it saved).
 */
let cache: { doc: Doc; text: string; lex: AttributionLexicon; ents: Entity[]; n: number; atts: Attribution[] } | null = null;

/**
 * The document's attributions (pure; the last document's are kept, checked by document, text, entities and lexicon). `scanned`: the
 * document's sentences already scanned for scanGroups (the events stage does it in its own pass).
 */
export function findAttributions(doc: Doc, lex: AttributionLexicon, scanned?: AttributionScan, mentions?: readonly MentionRef[]): Attribution[] {
  const hit = cache !== null && cache.doc === doc ? cache : null;
  // entities without mentions (crowd actors the events stage adds) do not change the reading
  let n = 0;
  for (const e of doc.entities) n += e.mentions.length;
  if (hit && hit.text === doc.text && hit.lex === lex && hit.ents === doc.entities && hit.n === n) return hit.atts;
  // one array kind whatever the count (src/common/arrays.ts): extractEvents reads this list
  const atts = objectList<Attribution>();
  for (const f of detect(doc, lex, scanned, mentions)) atts.push(publicOf(f));
  cache = { doc, text: doc.text, lex, ents: doc.entities, n, atts };
  return atts;
}

function detect(doc: Doc, lex: AttributionLexicon, scanned?: AttributionScan, given?: readonly MentionRef[]): Found[] {
  const c = compile(lex);
  const punct = c.punct;
  const text = doc.text;
  const sents = sentencesOf(text, doc.sentences);
  const scan = scanned ?? scanSentences(text, sents, c);
  const mentions = given ?? allMentions(doc);
  const out: Found[] = [];

  for (let si = 0; si < sents.length; si++) {
    const cueHits = scan.cues[si];
    // no cue, no attribution read in this sentence (scopes carry over from the sentence that has one)
    if (cueHits.length === 0) continue;
    const s = sents[si];
    const here: Found[] = [];
    const taken: { start: number; end: number }[] = [];
    const overlaps = (a: number, b: number) => taken.some((t) => a < t.end && b > t.start);

    // A. cues before the source: "selon X", "according to X"
    for (const cue of cueHits) {
      if (cue.group !== 0) continue;
      if (overlaps(cue.start, cue.end)) continue;
      if (c.notSources.endAt(text, cue.start, s.end) >= 0) continue;
      let np = nounPhraseAfter(text, cue.end, s.end, c, true);
      if (!np) continue;
      // "de sources régionales": the cue ends with the anonymous head, which belongs to the source
      const nc = spanTokens(text, cue.start, cue.end);
      if (nc > 1 && c.anonymousHead.wholeAt(text, TS[nc - 1], TE[nc - 1])) np = { start: TS[nc - 1], end: np.end };
      const a = resolve(doc, text, np, cue, c, mentions, () => out.concat(here), si);
      if (!a) continue;
      here.push(a);
      taken.push({ start: cue.start, end: np.end });
    }

    // B. reporting verbs: "X a affirmé que", "..., a révélé l'agence X", "X said"
    for (const v of cueHits) {
      if (v.group !== 1) continue;
      if (overlaps(v.start, v.end)) continue;
      // the word before the verb, read as a string only when it is short enough to be a notBefore word
      const np0 = lastTokenFrom(text, Math.max(s.start, v.start - 30), v.start);
      if (np0 > 0 && TE[np0 - 1] - TS[np0 - 1] <= c.notBeforeLen) {
        const f = text.charCodeAt(TS[np0 - 1]);
        if ((f >= 128 || c.notBeforeFirst[f] === 1) && c.notBefore.has(lowerApos(text.slice(TS[np0 - 1], TE[np0 - 1])))) continue;
      }
      // inverted? the verb (with its auxiliaries) follows a comma or a closing quote
      const auxAt = auxStart(text, s.start, v.start, c.aux);
      // the last character before the auxiliaries that is not white space ('' when there is none)
      let lastAt = auxAt - 1;
      while (lastAt >= s.start && SPACE[text.charCodeAt(lastAt)] === 1) lastAt--;
      const lastChar = lastAt >= s.start ? text[lastAt] : '';
      // the pronoun pattern starts with [-‑] when every pronoun starts with "-" (an empty list never matches)
      const h = v.end < s.end ? text.charCodeAt(v.end) : -1;
      const mayPron = c.pronounsAfterHyphen ? h === 45 || h === 0x2011 : true;
      const pron = (mayPron ? c.invertedPronoun.exec(text.slice(v.end, s.end)) : null) ?? (pronounInCue(c, v.text) ? ([''] as unknown as RegExpExecArray) : null);
      const inverted = /[,»”"'’—–-]/u.test(lastChar) || lastChar === '' || !!pron;
      if (inverted) {
        const cue = { start: auxAt < v.start ? auxAt : v.start, end: v.end + (pron ? pron[0].length : 0), text: '' };
        cue.text = text.slice(cue.start, cue.end);
        if (pron) {
          const prev = here.length ? here[here.length - 1] : lastSource(out);
          if (!prev) continue;
          here.push(copyOf(prev, cue, si));
          taken.push({ start: cue.start, end: cue.end });
          continue;
        }
        const np = nounPhraseAfter(text, v.end, s.end, c, false);
        if (!np) continue;
        const a = resolve(doc, text, np, cue, c, mentions, () => out.concat(here), si);
        if (!a) continue;
        here.push(a);
        taken.push({ start: cue.start, end: np.end });
        continue;
      }
      // preposed: the source is the noun phrase before the verb, in the same clause
      if (c.complementizers || punct) {
        const win = text.slice(v.end, Math.min(s.end, v.end + 70));
        const stop = win.search(/[.;!?]/u);
        const w = stop >= 0 ? win.slice(0, stop) : win;
        let ok = false;
        if (punct && c.punctChars.some((p) => w.includes(p))) ok = true;
        if (!ok && c.complementizers) ok = c.complementizers.test(text, v.end, v.end + w.length);
        if (!ok) continue;
      }
      let a0 = s.start;
      for (let i = v.start - 1; i >= s.start; i--) {
        if (clauseOpen(text.charCodeAt(i))) {
          a0 = i + 1;
          break;
        }
      }
      let np = trimSpan(text, a0, auxAt);
      if (!np) continue;
      // drop a leading complementizer clause opener ("que", "qui") and long stretches
      // the token spans (no strings: only the boundary test reads a few words)
      const nt = preposedSpans(text, np.start, np.end, c);
      if (nt === 0) continue;
      let boundaryIdx = -1;
      for (let k = nt - 1; k >= 0; k--) {
        if (isBoundary(text, TS[k], TE[k], c)) {
          boundaryIdx = k;
          break;
        }
      }
      const first = boundaryIdx + 1;
      if (first >= nt) continue;
      if (nt - first > 9) {
        // keep the nearest entity mention only
        const ms = mentions.filter((r) => r.m.start >= np!.start && r.m.end <= np!.end && r.m.via !== 'demonym');
        if (!ms.length) continue;
        const last = ms[ms.length - 1];
        const toks = tokens(text, last.m.start, last.m.end);
        np = { start: toks[0].start, end: toks[toks.length - 1].end };
      } else np = { start: TS[first], end: TE[nt - 1] };
      const cue = { start: v.start, end: v.end, text: v.text };
      if (auxAt < v.start) {
        cue.start = auxAt;
        cue.text = text.slice(cue.start, cue.end);
      }
      const a = resolve(doc, text, np, cue, c, mentions, () => out.concat(here), si);
      if (!a) continue;
      here.push(a);
      taken.push({ start: np.start, end: v.end });
    }

    if (here.length > 1) here.sort((x, y) => x.start - y.start);
    for (const a of here) {
      a.scope = { start: s.start, end: s.end };
      const q = quoteNear(text, s, a);
      if (q) {
        a.quote = q;
        a.scope = { start: Math.min(s.start, q.start), end: Math.max(s.end, q.end) };
      }
      out.push(a);
    }
    // C. carry the scope of the sentence's last attribution over the following sentences
    if (here.length) {
      const last = here[here.length - 1];
      for (let sj = si + 1; sj < sents.length; sj++) {
        const n = sents[sj];
        if (n.para !== s.para) break;
        const f = scan.flags[sj];
        // a cue of its own (not a continuation cue) opens the sentence's own attribution
        if ((f & 1) !== 0 && (f & 2) === 0) break;
        if ((f & 6) !== 0) last.scope = { start: last.scope!.start, end: n.end };
        else break;
      }
    }
  }
  return out;
}

/**
 * The token spans (into TS/TE) of text[a, b) that the preposed source reading needs: the tokens
 * after the last boundary word, the boundary, and at least ten tokens in all when there are that
 * many. A space is never part of a token, so the tokens from a space on are those the whole
 * range has there: the last 120 characters are read first (from their first space), the whole
 * range only when they hold no boundary and fewer than ten tokens.
 */
function preposedSpans(text: string, a: number, b: number, c: Compiled): number {
  if (b - a > 120) {
    let p = b - 120;
    while (p < b && text.charCodeAt(p) !== 32) p++;
    if (p < b) {
      const n = spanTokens(text, p, b);
      if (n >= 10) return n;
      for (let k = n - 1; k >= 0; k--) if (isBoundary(text, TS[k], TE[k], c)) return n;
    }
  }
  return spanTokens(text, a, b);
}

/**
 * True when the word text[a, b) is a source boundary (lower-cased). A word longer than every
 * boundary is none: lower-casing never shortens a string.
 */
function isBoundary(text: string, a: number, b: number, c: Compiled): boolean {
  return b - a <= c.boundaryLen && mayBeBoundary(text, a, b, c) && c.boundaries.has(text.slice(a, b).toLowerCase());
}

function trimSpan(text: string, a: number, b: number): { start: number; end: number } | null {
  while (a < b && /[\s,]/u.test(text[a])) a++;
  while (b > a && /[\s,]/u.test(text[b - 1])) b--;
  return b > a ? { start: a, end: b } : null;
}

/**
 * The source noun phrase after a cue: up to punctuation or a boundary word, at most 12 words.
 * With `apposition`, "selon le porte-parole du ministère, le général X." keeps the short
 * apposition that ends the sentence.
 */
function nounPhraseAfter(text: string, a: number, limit: number, c: Compiled, apposition: boolean): { start: number; end: number } | null {
  // the phrase stops at 12 words, most well before: the first 6 tokens are read, the next 6 only
  // when the loop gets past them (the first tokens of a range are the same whatever the count read)
  let nt = spanTokens(text, a, limit, 6);
  if (nt === 0) return null;
  const first = TS[0];
  let end = -1;
  let n = 0;
  for (let k = 0; k < nt; k++) {
    const ts = TS[k];
    const te = TE[k];
    const from = end < 0 ? a : end;
    if (hardStopIn(text, from, ts)) {
      if (apposition && n > 0 && /^\s*,\s*$/u.test(text.slice(from, ts))) {
        // a short apposition reaching the end of the sentence (spanTokens reuses TS/TE: the loop ends here)
        const tail = text.slice(ts, limit);
        const stop = tail.search(/[,;:.!?(«»"]/u);
        const lim = stop < 0 ? limit : ts + stop;
        // the words before the stop: a prefix of the rest's tokens, of which the first 6 tell
        // whether there are 1 to 5 (the first tokens of a range are those of the whole range)
        const nr = spanTokens(text, ts, limit, 6);
        let nw = 0;
        while (nw < nr && TE[nw] <= lim) nw++;
        if (nw > 0 && nw <= 5 && (stop < 0 || /[.!?]/u.test(tail[stop])) && c.title.endAt(text, ts, limit) >= 0) {
          let k = 0;
          while (k < nw && !isBoundary(text, TS[k], TE[k], c)) k++;
          if (k === nw) end = TE[nw - 1];
        }
      }
      break;
    }
    // a boundary ends the phrase; as its first word, it rules the phrase out unless it is a determiner
    if (isBoundary(text, ts, te, c)) {
      if (n > 0) break;
      if (!c.determiners.has(text.slice(ts, te).toLowerCase())) return null;
    }
    end = te;
    n++;
    if (n >= 12) break;
    if (k === 5 && nt === 6) nt = spanTokens(text, a, limit, 12);
  }
  if (end < 0) return null;
  return { start: first, end };
}

/** Index of the first mention starting at or after pos (mentions sorted by start). */
function firstMentionAt(ms: readonly MentionRef[], pos: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ms[mid].m.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lastSource(atts: readonly Attribution[]): Attribution | null {
  return atts.length ? atts[atts.length - 1] : null;
}

function copyOf(prev: Attribution, cue: { start: number; end: number; text: string }, sent: number): Found {
  return mk(cue.text.trim(), cue.start, cue.end, sent, prev.source, prev.source_text, prev.anonymous);
}

/**
 * Builds the attribution for a source noun phrase, or null when it is no source. The phrase's
 * tokens are read as spans from TS/TE (nothing below calls spanTokens again), strings only where
 * a word is looked up.
 */
function resolve(
  doc: Doc,
  text: string,
  np: { start: number; end: number },
  cue: { start: number; end: number; text: string },
  c: Compiled,
  mentions: readonly MentionRef[],
  prevOf: () => readonly Attribution[],
  sent: number,
): Found | null {
  const nt = spanTokens(text, np.start, np.end);
  if (nt === 0) return null;
  let i = 0;
  while (i < nt - 1 && TE[i] - TS[i] <= c.determinerLen && c.determiners.has(lowerApos(text.slice(TS[i], TE[i])))) i++;
  // the content words: tokens i .. nt - 1
  const spanStart = Math.min(cue.start, np.start);
  const spanEnd = Math.max(cue.end, np.end);
  const base = (source: string | null, source_text: string, anonymous?: boolean): Found => mk(cue.text.trim(), spanStart, spanEnd, sent, source, source_text, anonymous);

  // pronoun or anaphora → the previous source
  if (nt === 1 && c.pronouns.has(text.slice(TS[0], TE[0]).toLowerCase())) {
    const p = lastSource(prevOf());
    return p ? base(p.source, p.source_text, p.anonymous) : null;
  }
  if (c.anaphora.wholeAt(text, np.start, np.end)) {
    const p = lastSource(prevOf());
    if (p) return base(p.source, p.source_text, p.anonymous);
  }
  if (c.title.wholeAt(text, np.start, np.end)) {
    const prev = prevOf();
    for (let k = prev.length - 1; k >= 0; k--) {
      const p = prev[k];
      const e = p.source ? doc.entities.find((x) => x.id === p.source) : null;
      if ((e && e.kind === 'person') || /\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+/u.test(p.source_text)) {
        return base(p.source, p.source_text, p.anonymous);
      }
    }
  }
  // an entity mention inside the phrase (not a demonym: "sources libanaises" stays anonymous)
  let best: MentionRef | null = null;
  for (let k = firstMentionAt(mentions, np.start); k < mentions.length && mentions[k].m.start < np.end; k++) {
    const r = mentions[k];
    if (r.m.end > np.end || r.m.via === 'demonym') continue;
    // the most specific kind wins, then the later mention
    if (!best || (KIND_PRIORITY[r.e.kind] ?? 9) <= (KIND_PRIORITY[best.e.kind] ?? 9)) best = r;
  }
  if (best) return base(best.e.id, best.m.text);
  const hs = TS[i];
  const he = TE[i];
  const name = properName(i, nt, c, text, true);
  const headIsCommon = !upperAt(text, hs, he);
  const anonymous = c.anonymousHead.wholeAt(text, hs, he) || c.anonymousHead.test(text, hs, TE[Math.min(i + 2, nt - 1)]);
  if (anonymous && !name) return base(null, text.slice(np.start, np.end), true);
  if (name && (headIsCommon || anonymous)) return base(null, name);
  if (c.pronouns.has(text.slice(hs, he).toLowerCase())) return null;
  return base(null, text.slice(np.start, np.end));
}

/**
 * The last run of capitalised words (with particles inside) of a phrase, the token spans
 * TS/TE[from, to): "l'agence syrienne al-Masdar News" → "al-Masdar News".
 */
function properName(from: number, to: number, c: Compiled, text: string, skipHead: boolean): string | null {
  // a capitalised head word alone ("Activists said") is no name: look after it
  const k0 = skipHead && to > from && upperAt(text, TS[from], TE[from]) && c.anonymousHead.wholeAt(text, TS[from], TE[from]) ? from + 1 : from;
  let bestStart = -1;
  let bestEnd = -1;
  // the start of the current run of words (-1: none)
  let cur = -1;
  for (let k = k0; k < to; k++) {
    const ts = TS[k];
    const te = TE[k];
    const upper = upperAt(text, ts, te);
    if (k === k0 && !upper) {
      cur = -1;
      continue;
    }
    // "al-Masdar": two ASCII letters and a hyphen first (at least 4 code units), not as the first word
    const isProper = upper || (k > k0 && te - ts >= 4 && (text.charCodeAt(ts + 2) === 45 || text.charCodeAt(ts + 2) === 0x2011) && /^(?:al|el|as|ad|an|ar|at|az)[-‑]\p{L}/u.test(text.slice(ts, te)));
    if (isProper) {
      if (cur < 0) cur = ts;
      bestStart = cur;
      bestEnd = te;
    } else if (cur >= 0 && c.particles.has(text.slice(ts, te).toLowerCase())) {
      // a particle inside a run ("Abou Mohammed al Joulani"): the run goes on
    } else cur = -1;
  }
  if (bestStart < 0) return null;
  return text.slice(bestStart, bestEnd);
}

/** /^\p{Lu}/u.test(text.slice(a, b)) for a token text[a, b), by table for a first character in the BMP. */
function upperAt(text: string, a: number, b: number): boolean {
  if (b <= a) return false;
  const ch = text.charCodeAt(a);
  if (ch >= 0xd800 && ch <= 0xdfff) return /^\p{Lu}/u.test(text.slice(a, b));
  return (LU ??= codeUnitTable('\\p{Lu}', 'u'))[ch] === 1;
}

/** 1 for the code units that are upper-case letters (\p{Lu}). */
let LU: Uint8Array | null = null;

/** A quotation the attribution introduces or closes: «...», "...", '...'. */
function quoteNear(text: string, s: Sentence, a: Attribution): { start: number; end: number } | null {
  // closing quote just before the cue: «...», a déclaré X
  const before = text.slice(Math.max(0, a.start - 4), a.start);
  const closeAt = before.search(/[»”"'’]\s*,?\s*$/u);
  if (closeAt >= 0) {
    const close = Math.max(0, a.start - 4) + closeAt;
    const ch = text[close];
    const open = ch === '»' ? '«' : ch === '”' ? '“' : ch === '’' ? '‘' : ch;
    const from = text.lastIndexOf(open, close - 1);
    if (from >= 0 && close - from < 2000 && (ch !== "'" || from >= s.start - 400)) return { start: from, end: close + 1 };
  }
  // cue then ":" and an opening quote: X a ajouté : «...»
  const after = text.slice(a.end, Math.min(text.length, a.end + 6));
  const m = /^\s*:?\s*([«“"])/u.exec(after);
  if (m) {
    const from = a.end + m.index + m[0].length - 1;
    const open = m[1];
    const closeCh = open === '«' ? '»' : open === '“' ? '”' : '"';
    const to = text.indexOf(closeCh, from + 1);
    if (to > from) return { start: from, end: to + 1 };
  }
  return null;
}

/** Attaches sources to the events inside each attribution's scope; asserted → reported. */
export function attachSources(doc: Doc): void {
  doc.attributions.forEach((a, idx) => {
    const scope = a.scope ?? { start: a.start, end: a.end };
    const id = a.source ?? `anon:${idx}`;
    for (const ev of doc.events) {
      const at = ev.trigger?.start ?? ev.evidence.start;
      if (at < scope.start || at >= scope.end) continue;
      if (!ev.sources.includes(id)) ev.sources.push(id);
      if (ev.status === 'asserted') ev.status = 'reported';
    }
  });
}

export const attributionStage: Stage = {
  name: 'attribution',
  run(doc, { pack }) {
    if (!doc.text) return;
    // a loop, not map(): one array kind for attachSources (src/common/arrays.ts)
    const list = objectList<Attribution>();
    for (const a of findAttributions(doc, pack.attribution)) list.push(publicOf(a));
    doc.attributions = list;
    attachSources(doc);
  },
};
