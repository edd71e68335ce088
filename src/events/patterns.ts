/**
 * Small shared tools for the events and attribution stages: a compiler for the lexicons'
 * mini-patterns, and sentence / paragraph / clause helpers over `doc.text`.
 *
 * Mini-pattern syntax (the lexicon JSON files use it; kept deliberately small):
 * - words are matched case-insensitively on word boundaries;
 * - `*` at the end of (or inside) a word matches any letters (`bombard*` → bombardement, bombardés);
 * - `(a|b|c)` is an alternation (`(a|ont) repris`); an empty branch makes it optional (`(ainsi |)`);
 * - a space matches any run of white space; `'` matches ' and ’;
 * - a pattern ending in `'` (an elided word: "d'", "l'") needs no word boundary after it.
 */
import { codeUnitTable, everyCodeUnit } from '../match/units.js';

const WORD = '\\p{L}\\p{N}';

/** Regex source for one mini-pattern (no boundaries). Alternatives are tried longest first. */
export function patternSource(form: string): string {
  return source(form.trim().toLowerCase());
}

/**
 * The alternatives of the group opening at `f[open]` ("(a|b|(c|d))" → ["a", "b", "(c|d)"]),
 * and the index of its closing parenthesis (or f.length when it is not closed).
 */
function splitGroup(f: string, open: number): { alts: string[]; end: number } {
  let depth = 0;
  let j = open + 1;
  const alts: string[] = [];
  let cur = '';
  for (; j < f.length; j++) {
    const d = f[j];
    if (d === '(') depth++;
    else if (d === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (d === '|' && depth === 0) {
      alts.push(cur);
      cur = '';
    } else cur += d;
  }
  alts.push(cur);
  return { alts, end: j };
}

function source(f: string): string {
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === '*') out += `[${WORD}]*`;
    else if (c === '(') {
      const { alts, end: j } = splitGroup(f, i);
      alts.sort((x, y) => y.length - x.length);
      out += `(?:${alts.map(source).join('|')})`;
      i = j;
    } else if (c === ' ') {
      while (f[i + 1] === ' ') i++;
      out += '[\\s\\u00a0\\u202f]+';
    } else if (c === "'" || c === '’') out += "['’]";
    else if (c === '-' || c === '‑') out += '[-‑‐]';
    else out += c.replace(/[.+?^${}[\]\\/|)]/g, '\\$&');
  }
  return out;
}

function bounded(form: string): string {
  const src = patternSource(form);
  const t = form.trim();
  const tail = /[\p{L}\p{N}*)]$/u.test(t) ? `(?![${WORD}])` : '';
  return `${src}${tail}`;
}

/** One regex matching any of the forms as whole words (global, case-insensitive). Longest forms first. */
export function compileForms(forms: readonly string[]): RegExp {
  if (forms.length === 0) return /(?!)/gu;
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![${WORD}])(?:${sorted.map(bounded).join('|')})`, 'giu');
}

/**
 * One regex over many groups of forms; `which(match)` tells the group index a match came from.
 * Used for the trigger table (one pass per sentence).
 */
export interface GroupMatcher {
  re: RegExp;
  /** For a match from `re`, the index of the group (entry) it belongs to. */
  which(m: RegExpExecArray): number;
}

export function compileGroups(groups: readonly (readonly string[])[]): GroupMatcher {
  const alts: { src: string; len: number; g: number }[] = [];
  groups.forEach((forms, g) => {
    for (const f of forms) alts.push({ src: bounded(f), len: f.length, g });
  });
  alts.sort((a, b) => b.len - a.len);
  const owner = alts.map((a) => a.g);
  const re = new RegExp(`(?<![${WORD}])(?:${alts.map((a) => `(${a.src})`).join('|')})`, 'giu');
  return {
    re,
    which(m) {
      for (let i = 1; i < m.length; i++) if (m[i] !== undefined) return owner[i - 1];
      return -1;
    },
  };
}

/** All matches of a compiled regex inside [start, end) of text, as absolute spans. */
export function findAll(re: RegExp | Phrases, text: string, start = 0, end = text.length): { start: number; end: number; text: string }[] {
  if (re instanceof Phrases) return re.all(text, start, end);
  const out: { start: number; end: number; text: string }[] = [];
  const s = text.slice(start, end);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** True when the regex matches somewhere in text[start, end). */
export function hasMatch(re: RegExp, text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  re.lastIndex = 0;
  return re.test(text.slice(start, end));
}

export interface Sentence {
  start: number;
  end: number;
  /** Index of the paragraph (blocks separated by a line break). */
  para: number;
}

/**
 * The document's sentences with their paragraph index. Uses doc.sentences when clean filled
 * them, else a naive split on . ! ? and line breaks. Sentences never cross a line break.
 */
let lastSents: { text: string; given: readonly { start: number; end: number }[]; n: number; out: Sentence[] } | null = null;

export function sentencesOf(text: string, given: readonly { start: number; end: number }[]): Sentence[] {
  // the events and attribution stages ask for the same document's sentences in turn
  if (lastSents && lastSents.text === text && lastSents.given === given && lastSents.n === given.length) return lastSents.out;
  const out = splitSentences(text, given);
  lastSents = { text, given, n: given.length, out };
  return out;
}

function splitSentences(text: string, given: readonly { start: number; end: number }[]): Sentence[] {
  const raw: { start: number; end: number }[] = [];
  const base = given.length ? given : naiveSentences(text);
  // Split given sentences at line breaks too (titles, headings, paragraphs).
  const push = (a: number, b: number) => {
    const t = trim(text, a, b);
    if (t.end > t.start) raw.push(t);
  };
  for (const s of base) {
    let a = s.start;
    for (let i = text.indexOf('\n', s.start); i >= 0 && i < s.end; i = text.indexOf('\n', i + 1)) {
      push(a, i);
      a = i + 1;
    }
    push(a, s.end);
  }
  let sorted = true;
  for (let k = 1; k < raw.length; k++) if (raw[k].start < raw[k - 1].start) sorted = false;
  if (!sorted) raw.sort((x, y) => x.start - y.start);
  const out: Sentence[] = [];
  let para = 0;
  let prevEnd = 0;
  for (const s of raw) {
    if (out.length) {
      const nl = text.indexOf('\n', prevEnd);
      if (nl >= 0 && nl < s.start) para++;
    }
    out.push({ start: s.start, end: s.end, para });
    prevEnd = s.end;
  }
  return out;
}

function trim(text: string, a: number, b: number): { start: number; end: number } {
  const cls = classTable();
  while (a < b && cls[text.charCodeAt(a)] === 2) a++;
  while (b > a && cls[text.charCodeAt(b - 1)] === 2) b--;
  return { start: a, end: b };
}

const SENT_END = /[.!?…]+["»”’)]*(?=\s+["«“(]?[\p{Lu}\d])|\n+/gu;

/** Naive sentence split: ". " + capital, and line breaks. */
export function naiveSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let a = 0;
  SENT_END.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENT_END.exec(text))) {
    const b = m.index + m[0].length;
    if (text.slice(a, b).trim()) out.push(trim(text, a, b));
    a = b;
  }
  if (text.slice(a).trim()) out.push(trim(text, a, text.length));
  return out;
}

/**
 * Sorts items by start, in place, stably (what `xs.sort((a, b) => startOf(a) - startOf(b))`
 * gives): sorted input is left as is, else one numeric sort of (start, index) keys instead of
 * a comparator call per comparison.
 */
let sortKeys = new Float64Array(256);
export function sortByStart<T>(xs: T[], startOf: (x: T) => number): void {
  const n = xs.length;
  if (n < 2) return;
  let sorted = true;
  let plain = n < 2097152;
  for (let k = 0; k < n; k++) {
    const v = startOf(xs[k]);
    if (!(v >= 0 && v < 2147483648 && Math.floor(v) === v)) plain = false;
    if (k > 0 && v < startOf(xs[k - 1])) sorted = false;
  }
  if (sorted) return;
  if (!plain) {
    xs.sort((a, b) => startOf(a) - startOf(b));
    return;
  }
  if (sortKeys.length < n) sortKeys = new Float64Array(Math.max(n, sortKeys.length * 2));
  const keys = sortKeys.subarray(0, n);
  for (let k = 0; k < n; k++) keys[k] = startOf(xs[k]) * 2097152 + k;
  keys.sort();
  const copy = xs.slice();
  for (let k = 0; k < n; k++) xs[k] = copy[keys[k] % 2097152];
}

/** A match of a phrase list: its span and the index of the group (list) it came from. */
export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
  group: number;
}

// ------------------------------------------------------------------ tokens

const WORD_RE = /[\p{L}\p{N}]/u;
/** Character classes: 1 word (letter or digit), 2 white space, 0 other (punctuation). */
let CLASS: Uint8Array | null = null;
function classTable(): Uint8Array {
  if (CLASS) return CLASS;
  const t = codeUnitTable('[\\p{L}\\p{N}]', 'u');
  codeUnitTable('\\s', 'u', 2, t);
  CLASS = t;
  return CLASS;
}

// ------------------------------------------------------------------ vocabulary

/** Folded code of each UTF-16 unit: lower case (one unit), ’ → ', non-breaking hyphens → -. */
let FOLD: Uint16Array | null = null;
function foldTable(): Uint16Array {
  if (FOLD) return FOLD;
  const t = new Uint16Array(65536);
  const all = everyCodeUnit();
  // lower-case 256 units at a time; a block whose length changes is done unit by unit
  for (let k = 0; k < 65536; k += 256) {
    const block = all.slice(k, k + 256);
    const low = block.toLowerCase();
    if (low.length === block.length) for (let i = 0; i < 256; i++) t[k + i] = low.charCodeAt(i);
    else
      for (let i = 0; i < 256; i++) {
        const f = block[i].toLowerCase();
        t[k + i] = f.length === 1 ? f.charCodeAt(0) : k + i;
      }
  }
  for (let k = 0xd800; k <= 0xdfff; k++) t[k] = k;
  t[0] = 0;
  t[0x2019] = 0x27; // ’ → '
  t[0x2011] = 0x2d; // non-breaking hyphen → -
  t[0x2010] = 0x2d; // hyphen → -
  FOLD = t;
  return FOLD;
}

/** The folded form of a string (what tokens are compared on). */
function foldStr(s: string): string {
  const f = foldTable();
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(f[s.charCodeAt(i)]);
  return out;
}

function hashRange(text: string, a: number, b: number, f: Uint16Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = a; i < b; i++) h = Math.imul(h ^ f[text.charCodeAt(i)], 0x01000193);
  return h & 0x3fffffff;
}

/**
 * Every literal word or punctuation of every compiled form gets a number (shared by all
 * phrase lists), and every wildcard word too: a text's tokens are looked up once (by a hash of
 * their folded characters, checked), then each list walks numbers.
 */
/**
 * Open-addressing multimap from small-integer keys (hashes) to ids: lookups without Map
 * hashing or allocation. Several entries may share a key; callers check each id.
 */
class IntMultiMap {
  keys = new Int32Array(1024).fill(-1);
  vals = new Int32Array(1024);
  count = 0;
  add(key: number, val: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[i] !== -1) i = (i + 1) & mask;
    this.keys[i] = key;
    this.vals[i] = val;
    this.count++;
  }
  private grow(): void {
    const k = this.keys;
    const v = this.vals;
    this.keys = new Int32Array(k.length * 2).fill(-1);
    this.vals = new Int32Array(k.length * 2);
    this.count = 0;
    for (let i = 0; i < k.length; i++) if (k[i] !== -1) this.add(k[i], v[i]);
  }
  /** First slot to probe for key. */
  slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) & (this.keys.length - 1);
  }
}

const VOCAB = new Map<string, number>();
const VOCAB_STR: string[] = [];
const VOCAB_HASH = new IntMultiMap();
interface GlobDef {
  pre: string;
  post: string;
  re: RegExp | null;
}
const GLOBS: GlobDef[] = [];
const GLOB_SIG = new Map<string, number>();
/** Wildcard ids by a key of their first three characters; SHORT_GLOBS have shorter prefixes. */
const GLOB_INDEX = new IntMultiMap();
const SHORT_GLOBS: number[] = [];
let vocabVersion = 0;

function wordId(w: string): number {
  let id = VOCAB.get(w);
  if (id === undefined) {
    id = VOCAB_STR.length;
    VOCAB.set(w, id);
    VOCAB_STR.push(w);
    VOCAB_HASH.add(hashRange(w, 0, w.length, foldTable()), id);
    vocabVersion++;
  }
  return id;
}

/** A small-integer key of the first n folded characters (collisions are checked by globOk). */
function keyOf(text: string, a: number, n: number, f: Uint16Array): number {
  let k = 0;
  for (let i = 0; i < n; i++) k = ((k * 31) ^ f[text.charCodeAt(a + i)]) & 0x3fffffff;
  return k;
}

function globId(g: GlobDef): number {
  const sig = `${g.pre}*${g.post}*${g.re ? g.re.source : ''}`;
  let id = GLOB_SIG.get(sig);
  if (id === undefined) {
    id = GLOBS.length;
    GLOBS.push(g);
    GLOB_SIG.set(sig, id);
    if (g.pre.length >= 3) GLOB_INDEX.add(keyOf(g.pre, 0, 3, foldTable()), id);
    else SHORT_GLOBS.push(id);
    vocabVersion++;
  }
  return id;
}

/** True when text[a, b) (folded) equals w. */
function sameAs(text: string, a: number, b: number, w: string, f: Uint16Array): boolean {
  if (b - a !== w.length) return false;
  for (let i = 0; i < w.length; i++) if (f[text.charCodeAt(a + i)] !== w.charCodeAt(i)) return false;
  return true;
}

/** True when text[a, b) equals w code unit for code unit. */
function sameRaw(text: string, a: number, b: number, w: string): boolean {
  if (b - a !== w.length) return false;
  for (let i = 0; i < w.length; i++) if (text.charCodeAt(a + i) !== w.charCodeAt(i)) return false;
  return true;
}

function globOk(g: GlobDef, text: string, a: number, b: number, f: Uint16Array): boolean {
  if (g.re) return g.re.test(foldStr(text.slice(a, b)));
  const lp = g.pre.length;
  const lq = g.post.length;
  if (b - a < lp + lq) return false;
  for (let i = 0; i < lp; i++) if (f[text.charCodeAt(a + i)] !== g.pre.charCodeAt(i)) return false;
  for (let i = 0; i < lq; i++) if (f[text.charCodeAt(b - lq + i)] !== g.post.charCodeAt(i)) return false;
  return true;
}

/**
 * A text cut into tokens once: maximal runs of letters and digits (words), and every other
 * non-space character alone (punctuation). `sp[i]` is 1 when white space comes right before
 * token i. Tokens compare folded (lower case, ’ as '). Phrase matching walks tokens instead of
 * characters.
 */
export interface Tokens {
  text: string;
  n: number;
  start: Int32Array;
  end: Int32Array;
  sp: Uint8Array;
  /** 1 for word tokens. */
  word: Uint8Array;
  /** Hash of the token as written (its code units, not folded): the key of the word memo (see lookUp). */
  h: Int32Array;
  /** Vocabulary number of each token (-1: in no form), valid for `ver`. */
  id: Int32Array;
  /** Wildcard ids each word token matches: gIds[gOff[i] .. gOff[i+1]). */
  gOff: Int32Array;
  gIds: Int32Array;
  ver: number;
}

/** Cuts text into tokens (fresh arrays). */
export function tokenize(text: string): Tokens {
  return tokenizeInto(text, null);
}

/** Cuts text into tokens, reusing the arrays of `into` when they are large enough. */
function tokenizeInto(text: string, into: Tokens | null): Tokens {
  const cls = classTable();
  const len = text.length;
  let t: Tokens;
  if (into && into.start.length > len) {
    t = into;
    t.text = text;
    t.ver = -1;
  } else {
    const cap = Math.max(len + 1, into ? into.start.length * 2 : 0, 256);
    t = {
      text,
      n: 0,
      start: new Int32Array(cap),
      end: new Int32Array(cap),
      sp: new Uint8Array(cap),
      word: new Uint8Array(cap),
      h: new Int32Array(cap),
      id: new Int32Array(cap),
      gOff: new Int32Array(cap + 1),
      gIds: new Int32Array(256),
      ver: -1,
    };
  }
  const { start, end, sp, word, h: hs, id, gOff } = t;
  // each token is looked up as it is cut (what lookUp does afterwards when the vocabulary changes)
  const f = foldTable();
  gOut = t;
  gN = 0;
  if (memoVer !== vocabVersion) memoReset();
  let n = 0;
  let space = false;
  for (let i = 0; i < len; ) {
    const c = text.charCodeAt(i);
    const k = cls[c];
    if (k === 2) {
      space = true;
      i++;
      continue;
    }
    start[n] = i;
    sp[n] = space ? 1 : 0;
    space = false;
    let h = 0x811c9dc5 | 0;
    if (k === 1) {
      let j = i;
      let cc = c;
      for (;;) {
        h = Math.imul(h ^ cc, 0x01000193);
        if (++j >= len) break;
        cc = text.charCodeAt(j);
        if (cls[cc] !== 1) break;
      }
      end[n] = j;
      word[n] = 1;
      const hh = h & 0x3fffffff;
      hs[n] = hh;
      gOff[n] = gN;
      id[n] = wordLookUp(text, i, j, hh, f);
      i = j;
    } else {
      h = Math.imul(h ^ c, 0x01000193);
      end[n] = i + 1;
      word[n] = 0;
      hs[n] = h & 0x3fffffff;
      gOff[n] = gN;
      id[n] = punctLookUp(text, i, f);
      i++;
    }
    n++;
  }
  t.n = n;
  gOff[n] = gN;
  t.ver = vocabVersion;
  return t;
}

/**
 * What every word token seen so far looked up to (any text, for one `vocabVersion`): its
 * vocabulary number and wildcard ids, by the hash of its characters as written (checked against
 * the word as written: "Tué" and "tué" are two entries with one answer, and no character is
 * folded on the way). Texts
 * repeat their words, so most tokens cost one probe and one comparison instead of a vocabulary
 * probe, a wildcard-index probe and the short-wildcard tests. Punctuation (one code unit) has
 * its own table by folded code.
 */
const MEMO_MAX = 1 << 17;
/**
 * The memo's slots, fixed-size records of MEMO_REC numbers (a probe reads one record, not a
 * slot, a string and an entry elsewhere): [0] entry + 1 (0 = empty) | length << 20 (length
 * capped at 1023), [1] hash, [2] vocabulary number, [3] and [4] the word's wildcard ids at
 * memoG[[3] .. [4]), [5 ..] the word's first MEMO_UNITS code units, two a number (low unit in
 * the low half). A word longer than MEMO_UNITS is checked against memoStr. At most half full.
 */
const MEMO_REC = 12;
const MEMO_UNITS = 14;
let memoSlots = new Int32Array(MEMO_REC * 4096);
let memoMask = 4095;
/** The words as written, by entry. */
let memoStr: string[] = [];
let memoG = new Int32Array(1024);
let memoGN = 0;
/** Where wordLookUp writes the wildcard ids of the tokens being looked up: gOut.gIds[gN ..]. */
let gOut: Tokens | null = null;
let gN = 0;
const punctId = new Int32Array(65536).fill(-2); // -2: not looked up yet
let memoVer = -1;

function memoReset(): void {
  if (memoStr.length) {
    memoSlots = new Int32Array(MEMO_REC * 4096);
    memoMask = 4095;
  }
  memoStr = [];
  memoGN = 0;
  punctId.fill(-2);
  memoVer = vocabVersion;
}

function memoGrow(): void {
  const old = memoSlots;
  const size = (memoMask + 1) * 2;
  memoSlots = new Int32Array(MEMO_REC * size);
  memoMask = size - 1;
  for (let r = 0; r < old.length; r += MEMO_REC) {
    if (old[r] === 0) continue;
    let q = old[r + 1] & memoMask;
    while (memoSlots[MEMO_REC * q] !== 0) q = (q + 1) & memoMask;
    memoSlots.set(old.subarray(r, r + MEMO_REC), MEMO_REC * q);
  }
}

/** True when text[a, b) is the word of the record at r (its hash and length already match). */
function sameRec(text: string, a: number, b: number, r: number): boolean {
  const len = b - a;
  if (len > MEMO_UNITS) return sameRaw(text, a, b, memoStr[(memoSlots[r] & 0xfffff) - 1]);
  for (let k = 0; k < len; k += 2) {
    const two = text.charCodeAt(a + k) | (k + 1 < len ? text.charCodeAt(a + k + 1) << 16 : 0);
    if (memoSlots[r + 5 + (k >> 1)] !== two) return false;
  }
  return true;
}

/** The vocabulary number of text[a, b) (hash h), or -1. */
function vocabOf(text: string, a: number, b: number, h: number, f: Uint16Array): number {
  const vk = VOCAB_HASH.keys;
  const vv = VOCAB_HASH.vals;
  const vmask = vk.length - 1;
  for (let q = VOCAB_HASH.slot(h); vk[q] !== -1; q = (q + 1) & vmask) {
    if (vk[q] === h && sameAs(text, a, b, VOCAB_STR[vv[q]], f)) return vv[q];
  }
  return -1;
}

/** Looks word text[a, b) (hash h) up the slow way and remembers it in free slot `slot`; returns its record's offset. */
function memoAdd(text: string, a: number, b: number, h: number, f: Uint16Array, slot: number): number {
  let moved = false;
  if (memoStr.length >= MEMO_MAX) {
    memoReset();
    moved = true;
  }
  if ((memoStr.length + 1) * 2 > memoMask + 1) {
    memoGrow();
    moved = true;
  }
  if (moved) {
    // the table changed: find the free slot again
    slot = h & memoMask;
    while (memoSlots[MEMO_REC * slot] !== 0) slot = (slot + 1) & memoMask;
  }
  const e = memoStr.length;
  memoStr.push(text.slice(a, b));
  const vid = vocabOf(text, a, b, hashRange(text, a, b, f), f);
  const g0 = memoGN;
  if (GLOBS.length > 0) {
    if (b - a >= 3) {
      const gk = GLOB_INDEX.keys;
      const gv = GLOB_INDEX.vals;
      const gmask = gk.length - 1;
      const key = keyOf(text, a, 3, f);
      for (let q = GLOB_INDEX.slot(key); gk[q] !== -1; q = (q + 1) & gmask) {
        if (gk[q] === key && globOk(GLOBS[gv[q]], text, a, b, f)) memoGPush(gv[q]);
      }
    }
    for (const g of SHORT_GLOBS) if (globOk(GLOBS[g], text, a, b, f)) memoGPush(g);
  }
  const len = b - a;
  const r = MEMO_REC * slot;
  const m = memoSlots;
  m[r] = (e + 1) | ((len > 1023 ? 1023 : len) << 20);
  m[r + 1] = h;
  m[r + 2] = vid;
  m[r + 3] = g0;
  m[r + 4] = memoGN;
  const inl = len > MEMO_UNITS ? MEMO_UNITS : len;
  for (let k = 0; k < inl; k += 2) m[r + 5 + (k >> 1)] = text.charCodeAt(a + k) | (k + 1 < len ? text.charCodeAt(a + k + 1) << 16 : 0);
  return r;
}

function memoGPush(g: number): void {
  if (memoGN === memoG.length) {
    const m = new Int32Array(memoG.length * 2);
    m.set(memoG);
    memoG = m;
  }
  memoG[memoGN++] = g;
}

/** (Re)computes the tokens' vocabulary numbers and wildcard ids. */
function lookUp(t: Tokens): void {
  const { n, word, id, gOff, start, end, h, text } = t;
  const f = foldTable();
  gOut = t;
  gN = 0;
  if (memoVer !== vocabVersion) memoReset();
  for (let i = 0; i < n; i++) {
    const a = start[i];
    const b = end[i];
    const hi = h[i];
    gOff[i] = gN;
    if (word[i] !== 1) {
      id[i] = punctLookUp(text, a, f);
      continue;
    }
    id[i] = wordLookUp(text, a, b, hi, f);
  }
  gOff[n] = gN;
  t.ver = vocabVersion;
}

/** The vocabulary number of word text[a, b) (raw hash hi); its wildcard ids are written to gOut.gIds from gN on. */
function wordLookUp(text: string, a: number, b: number, hi: number, f: Uint16Array): number {
  const m = memoSlots;
  const lenKey = b - a > 1023 ? 1023 : b - a;
  let q = hi & memoMask;
  let r = -1;
  for (;;) {
    const x = MEMO_REC * q;
    const v = m[x];
    if (v === 0) break;
    if (m[x + 1] === hi && v >>> 20 === lenKey && sameRec(text, a, b, x)) {
      r = x;
      break;
    }
    q = (q + 1) & memoMask;
  }
  if (r < 0) r = memoAdd(text, a, b, hi, f, q);
  const ms = memoSlots;
  const g0 = ms[r + 3];
  const g1 = ms[r + 4];
  if (g1 > g0) {
    const t = gOut!;
    if (t.gIds.length < gN + (g1 - g0)) {
      const ids = new Int32Array(Math.max(t.gIds.length * 2, gN + (g1 - g0)));
      ids.set(t.gIds);
      t.gIds = ids;
    }
    const ids = t.gIds;
    for (let g = g0; g < g1; g++) ids[gN++] = memoG[g];
  }
  return ms[r + 2];
}

/** The vocabulary number of punctuation text[a] (one code unit, no wildcard). */
function punctLookUp(text: string, a: number, f: Uint16Array): number {
  const fc = f[text.charCodeAt(a)];
  let v = punctId[fc];
  if (v === -2) v = punctId[fc] = vocabOf(text, a, a + 1, hashRange(text, a, a + 1, f), f);
  return v;
}

/** A few recently tokenized texts: one slot for the last long text (the document), three for short strings. */
const TOK_CACHE: (Tokens | null)[] = [null, null, null, null];
let tokNext = 1;
export function tokensOf(text: string): Tokens {
  for (let i = 0; i < TOK_CACHE.length; i++) {
    const t = TOK_CACHE[i];
    if (t !== null && t.text === text) {
      if (t.ver !== vocabVersion) lookUp(t);
      return t;
    }
  }
  // a slot's arrays are reused: callers never hold tokens across another tokensOf call
  let slot: number;
  if (text.length > 120) slot = 0;
  else {
    slot = tokNext;
    tokNext = tokNext === TOK_CACHE.length - 1 ? 1 : tokNext + 1;
  }
  const t = tokenizeInto(text, TOK_CACHE[slot]);
  TOK_CACHE[slot] = t;
  return t;
}

/** Index of the first token starting at or after pos. */
export function tokenAt(t: Tokens, pos: number): number {
  let lo = 0;
  let hi = t.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.start[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ------------------------------------------------------------------ compiled phrases

/** Every concrete alternative of a mini-pattern (alternations expanded; `*` kept). */
function expand(f: string): string[] {
  let outs = [''];
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === '(') {
      const { alts, end: j } = splitGroup(f, i);
      const sub = alts.flatMap(expand);
      const next: string[] = [];
      for (const o of outs) for (const a of sub) next.push(o + a);
      outs = next;
      i = j;
    } else {
      for (let k = 0; k < outs.length; k++) outs[k] += c;
    }
  }
  return outs;
}

interface PatTok {
  lit: string | null;
  /** Wildcard word: prefix and suffix around `*` (one `*` at most; more are folded into a regex). */
  pre: string;
  post: string;
  re: RegExp | null;
  sp: boolean;
}

function patternTokens(alt: string): PatTok[] {
  const cls = classTable();
  const out: PatTok[] = [];
  let space = false;
  for (let i = 0; i < alt.length; ) {
    const c = alt.charCodeAt(i);
    const k = cls[c];
    if (k === 2) {
      space = true;
      i++;
      continue;
    }
    if (k === 1 || alt[i] === '*') {
      let j = i + 1;
      while (j < alt.length && (cls[alt.charCodeAt(j)] === 1 || alt[j] === '*')) j++;
      const w = alt.slice(i, j);
      const stars = w.split('*').length - 1;
      if (stars === 0) out.push({ lit: w, pre: '', post: '', re: null, sp: space });
      else if (stars === 1) {
        const at = w.indexOf('*');
        out.push({ lit: null, pre: w.slice(0, at), post: w.slice(at + 1), re: null, sp: space });
      } else {
        const src = w.split('*').map((x) => x.replace(/[.+?^${}()[\]\\/|]/g, '\\$&')).join('[\\p{L}\\p{N}]*');
        out.push({ lit: null, pre: w.slice(0, w.indexOf('*')), post: '', re: new RegExp(`^${src}$`, 'u'), sp: space });
      }
      i = j;
    } else {
      out.push({ lit: alt[i], pre: '', post: '', re: null, sp: space });
      i++;
    }
    space = false;
  }
  return out;
}

interface Term {
  group: number;
  /** Order of the form (ties between equally long matches go to the earliest form). */
  order: number;
  /** A word boundary must follow (the form ends with a word, `*` or `)`, but its last token is punctuation). */
  needB: boolean;
}

/** A trie node while a Phrases is built (then flattened into typed arrays). */
class TNode {
  /** Next nodes by (vocabulary number * 2 + white space before). */
  lit: Map<number, TNode> | null = null;
  /** Next nodes by (wildcard id * 2 + white space before). */
  globs: Map<number, TNode> | null = null;
  terms: Term[] | null = null;
}

/**
 * A list (or several lists) of mini-patterns compiled into one token trie: each form is
 * expanded into its alternatives and cut into tokens like the text; matching walks the text's
 * tokens (cut and looked up once per text) from each token start. Semantics are those of the
 * mini-pattern regexes: whole words, white space where the form has a space, case-insensitive,
 * `’` = `'`.
 */
export class Phrases {
  /** First tokens while building: literal words by vocabulary number, wildcard words by id. */
  private rootLitB: (TNode | null)[] = [];
  private rootGlobB: (TNode | null)[] = [];
  /**
   * The trie in typed arrays (built from the TNode trie once): the node of each first token
   * (-1: none); per node k a record of three numbers at nodes[3k]: its terms at term indices
   * [nodes[3k], nodes[3k + 3]), its edges at [nodes[3k + 1], nodes[3k + 4]) in `edges`, the
   * literal ones from nodes[3k + 2] on. An edge is two numbers, key and child, sorted by key
   * within its node: a wildcard edge's key is -(id * 2 + white space before) - 1 (first), a
   * literal edge's key number * 2 + white space before. A node's edges lie together (one or
   * two cache lines), not spread over a hash table.
   */
  private rootLit: Int32Array = new Int32Array(0);
  /** One bit per vocabulary number: set when rootLit holds a node for it (a small table that stays in cache). */
  private rootBits: Uint8Array = new Uint8Array(0);
  private rootGlob: Int32Array = new Int32Array(0);
  private nodes: Int32Array = new Int32Array(3);
  private termGroup: Int32Array = new Int32Array(0);
  private termOrder: Int32Array = new Int32Array(0);
  private termNeedB: Uint8Array = new Uint8Array(0);
  private edges: Int32Array = new Int32Array(0);
  readonly size: number;
  /** Overlap class of each group for `scan` (groups of one class never overlap). */
  private readonly cls: number[];
  private readonly nClasses: number;
  /** The most tokens a form spans. */
  private maxToks = 0;
  /** Matches of the last walk: end token (exclusive) and term index. */
  private mJ = new Int32Array(16);
  private mT = new Int32Array(16);
  private mN = 0;
  private busy = new Int32Array(0);

  constructor(groups: readonly (readonly string[])[], classes?: readonly number[]) {
    this.cls = groups.map((_, g) => (classes ? classes[g] : g));
    this.nClasses = Math.max(0, ...this.cls) + 1;
    let size = 0;
    let order = 0;
    groups.forEach((forms, group) => {
      for (const form of forms) {
        const t = form.trim();
        if (!t) continue;
        size++;
        const boundary = /[\p{L}\p{N}*)]$/u.test(t);
        for (const alt of expand(foldStr(t))) {
          const toks = patternTokens(alt);
          if (!toks.length) continue;
          this.maxToks = Math.max(this.maxToks, toks.length);
          let node: TNode | null = null;
          toks.forEach((pt, k) => {
            const isLit = pt.lit !== null;
            const num = isLit ? wordId(pt.lit!) : globId({ pre: pt.pre, post: pt.post, re: pt.re });
            if (k === 0) {
              const arr = isLit ? this.rootLitB : this.rootGlobB;
              while (arr.length <= num) arr.push(null); // dense arrays, never holey
              node = arr[num] ?? (arr[num] = new TNode());
              return;
            }
            const key = num * 2 + (pt.sp ? 1 : 0);
            const nd: TNode = node!;
            const map = isLit ? (nd.lit ??= new Map()) : (nd.globs ??= new Map());
            let nx = map.get(key);
            if (!nx) map.set(key, (nx = new TNode()));
            node = nx;
          });
          const last = toks[toks.length - 1];
          const term: Term = { group, order, needB: boundary && last.lit !== null && !/[\p{L}\p{N}]/u.test(last.lit) };
          const nd: TNode = node!;
          (nd.terms ??= []).push(term);
        }
        order++;
      }
    });
    this.size = size;
    this.flatten();
  }

  /** Numbers the nodes (depth first) and stores terms and edges in typed arrays. */
  private flatten(): void {
    const nodes: TNode[] = [];
    const idOf = new Map<TNode, number>();
    const visit = (nd: TNode): number => {
      let id = idOf.get(nd);
      if (id !== undefined) return id;
      id = nodes.length;
      nodes.push(nd);
      idOf.set(nd, id);
      if (nd.lit) for (const nx of nd.lit.values()) visit(nx);
      if (nd.globs) for (const nx of nd.globs.values()) visit(nx);
      return id;
    };
    const roots = (arr: (TNode | null)[]): Int32Array => {
      const out = new Int32Array(arr.length).fill(-1);
      arr.forEach((nd, k) => {
        if (nd) out[k] = visit(nd);
      });
      return out;
    };
    this.rootLit = roots(this.rootLitB);
    this.rootBits = new Uint8Array((this.rootLit.length >> 3) + 1);
    this.rootLit.forEach((nd, k) => {
      if (nd >= 0) this.rootBits[k >> 3] |= 1 << (k & 7);
    });
    this.rootGlob = roots(this.rootGlobB);
    this.rootLitB = [];
    this.rootGlobB = [];
    const n = nodes.length;
    let nTerms = 0;
    let nEdges = 0;
    for (const nd of nodes) {
      nTerms += nd.terms ? nd.terms.length : 0;
      nEdges += (nd.lit ? nd.lit.size : 0) + (nd.globs ? nd.globs.size : 0);
    }
    // a record past the last node closes its ranges
    this.nodes = new Int32Array(3 * (n + 1));
    this.termGroup = new Int32Array(nTerms);
    this.termOrder = new Int32Array(nTerms);
    this.termNeedB = new Uint8Array(nTerms);
    this.edges = new Int32Array(2 * nEdges);
    let t = 0;
    let e = 0;
    nodes.forEach((nd, k) => {
      this.nodes[3 * k] = t;
      for (const term of nd.terms ?? []) {
        this.termGroup[t] = term.group;
        this.termOrder[t] = term.order;
        this.termNeedB[t] = term.needB ? 1 : 0;
        t++;
      }
      const out: [number, number][] = [];
      if (nd.globs) for (const [key, nx] of nd.globs) out.push([-key - 1, idOf.get(nx)!]);
      if (nd.lit) for (const [key, nx] of nd.lit) out.push([key, idOf.get(nx)!]);
      out.sort((x, y) => x[0] - y[0]);
      this.nodes[3 * k + 1] = e;
      const end = e + out.length;
      let lit = end;
      for (const [key, child] of out) {
        if (key >= 0 && lit === end) lit = e;
        this.edges[2 * e] = key;
        this.edges[2 * e + 1] = child;
        e++;
      }
      this.nodes[3 * k + 2] = lit;
    });
    this.nodes[3 * n] = t;
    this.nodes[3 * n + 1] = e;
    this.nodes[3 * n + 2] = e;
  }

  /** The child by key among the edges [lo, hi) (sorted by key), or -1. */
  private child(lo: number, hi: number, key: number): number {
    const e = this.edges;
    if (hi - lo <= 8) {
      for (let q = lo; q < hi; q++) {
        const k = e[2 * q];
        if (k === key) return e[2 * q + 1];
        if (k > key) return -1;
      }
      return -1;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = e[2 * mid];
      if (k === key) return e[2 * mid + 1];
      if (k < key) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Records match (end token j, term ti) of the current walk. */
  private record(j: number, ti: number): void {
    if (this.mN === this.mJ.length) {
      const a = new Int32Array(this.mN * 2);
      a.set(this.mJ);
      this.mJ = a;
      const b = new Int32Array(this.mN * 2);
      b.set(this.mT);
      this.mT = b;
    }
    this.mJ[this.mN] = j;
    this.mT[this.mN++] = ti;
  }

  static of(forms: readonly string[]): Phrases {
    return new Phrases([forms]);
  }

  /** Collects into mJ/mT every form matching from token i, ending at or before character b. */
  private walk(t: Tokens, i: number, b: number): number {
    this.mN = 0;
    const id = t.id[i];
    const rl = this.rootLit;
    // rootBits first: most words of the vocabulary start no form of this list
    if (id >= 0 && id < rl.length && (this.rootBits[id >> 3] & (1 << (id & 7))) !== 0) this.descend(t, rl[id], i + 1, b);
    const g1 = t.gOff[i + 1];
    const rg = this.rootGlob;
    for (let g = t.gOff[i]; g < g1; g++) {
      const gid = t.gIds[g];
      if (gid < rg.length) {
        const nd = rg[gid];
        if (nd >= 0) this.descend(t, nd, i + 1, b);
      }
    }
    return this.mN;
  }

  private descend(t: Tokens, node: number, j: number, b: number): void {
    if (t.end[j - 1] > b) return;
    const nodes = this.nodes;
    const r = 3 * node;
    const t1 = nodes[r + 3];
    for (let ti = nodes[r]; ti < t1; ti++) {
      if (this.termNeedB[ti] === 1 && !this.bounded(t, j)) continue;
      this.record(j, ti);
    }
    if (j >= t.n || t.start[j] >= b) return;
    const e0 = nodes[r + 1];
    const e1 = nodes[r + 4];
    if (e0 === e1) return;
    const lit = nodes[r + 2];
    const sp = t.sp[j];
    if (lit < e1) {
      const id = t.id[j];
      if (id >= 0) {
        const nx = this.child(lit, e1, id * 2 + sp);
        if (nx >= 0) this.descend(t, nx, j + 1, b);
      }
    }
    if (e0 < lit) {
      const g1 = t.gOff[j + 1];
      for (let g = t.gOff[j]; g < g1; g++) {
        const nx = this.child(e0, lit, -(t.gIds[g] * 2 + sp) - 1);
        if (nx >= 0) this.descend(t, nx, j + 1, b);
      }
    }
  }

  /** True when the token after a match ending with token j-1 leaves a word boundary. */
  private bounded(t: Tokens, j: number): boolean {
    return j >= t.n || t.sp[j] === 1 || t.word[j] === 0 || t.start[j] !== t.end[j - 1];
  }

  /** The longest match from token i (ending at or before b), ties to the earliest form. */
  private longestAt(t: Tokens, i: number, b: number): PhraseMatch | null {
    const n = this.walk(t, i, b);
    if (n === 0) return null;
    let bestJ = -1;
    let bestTerm = -1;
    const order = this.termOrder;
    for (let k = 0; k < n; k++) {
      const j = this.mJ[k];
      const term = this.mT[k];
      if (j > bestJ || (j === bestJ && order[term] < order[bestTerm])) {
        bestJ = j;
        bestTerm = term;
      }
    }
    const s = t.start[i];
    const e = t.end[bestJ - 1];
    return { start: s, end: e, text: t.text.slice(s, e), group: this.termGroup[bestTerm] };
  }

  /** The end (a character offset) of the longest match from token i ending at or before b, or -1 (longestAt without a match object). */
  private longestEnd(t: Tokens, i: number, b: number): number {
    const n = this.walk(t, i, b);
    if (n === 0) return -1;
    let bestJ = -1;
    for (let k = 0; k < n; k++) if (this.mJ[k] > bestJ) bestJ = this.mJ[k];
    return t.end[bestJ - 1];
  }

  private prepared(text: string): Tokens {
    const t = tokensOf(text);
    if (t.ver !== vocabVersion) lookUp(t);
    return t;
  }

  /** The longest match starting exactly at i and ending at or before b, if any. */
  at(text: string, i: number, b: number): PhraseMatch | null {
    if (i >= text.length || this.size === 0) return null;
    const t = this.prepared(text);
    const k = tokenAt(t, i);
    if (k >= t.n || t.start[k] !== i) return null;
    return this.longestAt(t, k, b);
  }

  /** The end of what `at` finds, or -1 when it finds nothing (no match object made). */
  endAt(text: string, i: number, b: number): number {
    if (i >= text.length || this.size === 0) return -1;
    const t = this.prepared(text);
    const k = tokenAt(t, i);
    if (k >= t.n || t.start[k] !== i) return -1;
    return this.longestEnd(t, k, b);
  }

  /** Leftmost-longest, non-overlapping matches inside text[a, b). */
  all(text: string, a = 0, b = text.length): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    const t = this.prepared(text);
    for (let i = tokenAt(t, a); i < t.n && t.start[i] < b; i++) {
      const m = this.longestAt(t, i, b);
      if (m) {
        out.push(m);
        while (i + 1 < t.n && t.start[i + 1] < m.end) i++;
      }
    }
    return out;
  }

  /**
   * Every group's matches inside text[a, b) in one pass: at each token, the longest match
   * of each overlap class; matches of one class never overlap. Sorted by start.
   * With `textOf`, only the matches of groups g with textOf[g] === 1 get their text (the
   * others get ''): for callers that read the text of a few groups only.
   */
  scan(text: string, a = 0, b = text.length, textOf?: Uint8Array): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    const t = this.prepared(text);
    const cls = this.cls;
    let busy: Int32Array | null = null;
    if (this.busy.length < this.nClasses) this.busy = new Int32Array(this.nClasses);
    for (let i = tokenAt(t, a); i < t.n && t.start[i] < b; i++) {
      const n = this.walk(t, i, b);
      if (n === 0) continue;
      const s = t.start[i];
      if (busy === null) busy = this.busy.fill(-1, 0, this.nClasses);
      // the longest match of each class (few matches: a small quadratic pass)
      const startOut = out.length;
      const mJ = this.mJ;
      const mT = this.mT;
      const tGroup = this.termGroup;
      const tOrder = this.termOrder;
      for (let k = 0; k < n; k++) {
        const term = mT[k];
        const cl = cls[tGroup[term]];
        if (busy[cl] > s) continue;
        const j = mJ[k];
        const ord = tOrder[term];
        let better = true;
        for (let q = 0; q < n; q++) {
          if (q === k) continue;
          const o = mT[q];
          if (cls[tGroup[o]] !== cl) continue;
          const jq = mJ[q];
          if (jq > j || (jq === j && (tOrder[o] < ord || (tOrder[o] === ord && q < k)))) {
            better = false;
            break;
          }
        }
        if (!better) continue;
        const e = t.end[j - 1];
        const g = tGroup[term];
        out.push({ start: s, end: e, text: textOf === undefined || textOf[g] === 1 ? text.slice(s, e) : '', group: g });
      }
      // matches at one token in group order (insertion sort: a handful at most)
      for (let k = startOut + 1; k < out.length; k++) {
        const m = out[k];
        let q = k - 1;
        while (q >= startOut && out[q].group > m.group) {
          out[q + 1] = out[q];
          q--;
        }
        out[q + 1] = m;
      }
      for (let k = startOut; k < out.length; k++) busy[cls[out[k].group]] = out[k].end;
    }
    return out;
  }

  /** True when some pattern matches inside text[a, b). */
  test(text: string, a = 0, b = text.length): boolean {
    if (this.size === 0) return false;
    const t = this.prepared(text);
    for (let i = tokenAt(t, a); i < t.n && t.start[i] < b; i++) if (this.walk(t, i, b) > 0) return true;
    return false;
  }

  /** A match that ends at b (trailing white space allowed), the longest one. */
  endsAt(text: string, a: number, b: number): PhraseMatch | null {
    if (this.size === 0) return null;
    const t = this.prepared(text);
    let e = b;
    while (e > a && classTable()[text.charCodeAt(e - 1)] === 2) e--;
    // the token ending at e
    const last = tokenAt(t, e) - 1;
    if (last < 0 || t.end[last] !== e) return null;
    let best: PhraseMatch | null = null;
    const lo = Math.max(0, last - this.maxToks + 1);
    for (let i = last; i >= lo && t.start[i] >= a; i--) {
      const m = this.longestAt(t, i, e);
      if (m && m.end === e) best = m;
    }
    return best;
  }

  /** The start of what `endsAt` finds, or -1 when it finds nothing (no match object made). */
  endingStart(text: string, a: number, b: number): number {
    if (this.size === 0) return -1;
    const t = this.prepared(text);
    let e = b;
    while (e > a && classTable()[text.charCodeAt(e - 1)] === 2) e--;
    const last = tokenAt(t, e) - 1;
    if (last < 0 || t.end[last] !== e) return -1;
    let best = -1;
    const lo = Math.max(0, last - this.maxToks + 1);
    for (let i = last; i >= lo && t.start[i] >= a; i--) if (this.longestEnd(t, i, e) === e) best = t.start[i];
    return best;
  }

  /** A match that starts at a (leading white space allowed). */
  startsAt(text: string, a: number, b: number): PhraseMatch | null {
    let s = a;
    while (s < b && classTable()[text.charCodeAt(s)] === 2) s++;
    return this.at(text, s, b);
  }

  /** True when text[a, b) (white space around trimmed) is exactly one of the patterns. */
  wholeAt(text: string, a: number, b: number): boolean {
    const cls = classTable();
    while (a < b && cls[text.charCodeAt(a)] === 2) a++;
    while (b > a && cls[text.charCodeAt(b - 1)] === 2) b--;
    if (a >= b) return false;
    return this.endAt(text, a, b) === b;
  }

  /** True when the whole string (trimmed) is one of the patterns. */
  whole(s: string): boolean {
    const t = s.trim();
    const m = this.at(t, 0, t.length);
    return !!m && m.end === t.length;
  }
}

/** A phrase list tested at the end of a stretch ("... près de" + place). */
export class Tail {
  constructor(private readonly p: Phrases) {}
  test(s: string): boolean {
    return this.p.endingStart(s, 0, s.length) >= 0;
  }
}
