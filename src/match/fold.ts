/**
 * Text folding with offset fidelity.
 *
 * `fold(text)` returns a string of the SAME length as `text` (one UTF-16 code unit in, one
 * out), so an offset found in the folded view is an offset into the original: lower case,
 * accents removed (the NFD base letter of each precomposed letter), typographic apostrophes
 * (’ ‘ ʼ ` ´ ʻ) → "'", Arabic transliteration marks (ʿ ʾ) → "'", no-break and thin spaces →
 * " ", dashes (‐ ‑ ‒ – — ―, minus) → "-". Combining marks (decomposed input) are kept as they
 * are and skipped by the tokenizer.
 *
 * `foldKey(s)` gives the dictionary key of a name: the folded tokens joined by one space
 * (hyphens and apostrophes split tokens), leading articles removed (le, la, les, l', the,
 * d', du, des, al-, el-), "el" spelled "al".
 */
import { everyCodeUnit } from './units.js';

const TABLE = new Uint16Array(65536);
/** 1 = word character (letter or digit), 2 = combining mark (part of a word, ignored). */
export const WORD = new Uint8Array(65536);
/** 1 = an upper-case letter (one that folding changes and that has a lower-case form). */
export const UPPER = new Uint8Array(65536);

(function init() {
  // Character classes in one regex pass over every code unit (not one test per character).
  const str = everyCodeUnit();
  const letters = str.replace(/[^\p{L}\p{N}]/gu, '\0');
  const marks = str.replace(/[^\p{M}]/gu, '\0');
  for (let c = 0; c < 65536; c++) {
    TABLE[c] = c;
    if (c >= 0xd800 && c <= 0xdfff) continue; // surrogates: identity, not word chars
    if (c !== 0 && letters.charCodeAt(c) === c) WORD[c] = 1;
    else if (c !== 0 && marks.charCodeAt(c) === c) WORD[c] = 2;
    // Only the ranges where case and accents matter for Latin/Greek/Cyrillic scripts.
    if (c < 0x2000 || (c >= 0xff00 && c <= 0xffef) || (c >= 0x1e00 && c <= 0x1fff)) {
      const s = String.fromCharCode(c);
      let d = s.normalize('NFD');
      d = d.length >= 1 ? d[0] : s;
      let l = d.toLowerCase();
      if (l.length !== 1) l = s.toLowerCase().length === 1 ? s.toLowerCase() : s;
      TABLE[c] = l.charCodeAt(0);
      if (TABLE[c] !== c && s !== s.toLowerCase()) UPPER[c] = 1;
    }
  }
  for (const ch of '\u2019\u2018\u02bc\u0060\u00b4\u02bb\u02bf\u02be\u2032\u201b') TABLE[ch.charCodeAt(0)] = 39; // '
  for (const ch of '\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000') TABLE[ch.charCodeAt(0)] = 32;
  for (const ch of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d') TABLE[ch.charCodeAt(0)] = 45; // -
  // Letters NFD does not decompose but that readers treat as plain letters.
  const extra: Record<string, string> = { 'ø': 'o', 'Ø': 'o', 'ł': 'l', 'Ł': 'l', 'đ': 'd', 'Đ': 'd', 'ı': 'i', 'ħ': 'h', 'Ħ': 'h', 'ŧ': 't', 'Ŧ': 't', 'ŀ': 'l', 'Ŀ': 'l' };
  for (const [k, v] of Object.entries(extra)) TABLE[k.charCodeAt(0)] = v.charCodeAt(0);
  for (const k of ['Ø', 'Ł', 'Đ', 'Ħ', 'Ŧ', 'Ŀ']) UPPER[k.charCodeAt(0)] = 1;
})();

/** The folding table (one UTF-16 code unit → its folded code unit). */
export const FOLD_TABLE: Readonly<Uint16Array> = TABLE;

/** Folds one UTF-16 code unit. */
export function foldCode(c: number): number {
  return TABLE[c];
}

const SHORT = new Uint16Array(256);

/** The folded view of `text`, same length, same offsets. */
export function fold(text: string): string {
  const n = text.length;
  if (n <= 256) {
    // Short strings (names, keys): no buffer round trip.
    for (let i = 0; i < n; i++) SHORT[i] = TABLE[text.charCodeAt(i)];
    return String.fromCharCode.apply(null, SHORT.subarray(0, n) as unknown as number[]);
  }
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = TABLE[text.charCodeAt(i)];
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf16le');
}

/** Tokens of a folded string: maximal runs of word characters (combining marks dropped). */
export interface Tokens {
  /** Token strings (folded, canonical: "el" → "al"). */
  tok: string[];
  /** Start and end (exclusive) offsets of each token. */
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

/** Canonical form of a token: the Arabic article "el" is spelled "al". */
export function canonToken(t: string): string {
  return t === 'el' ? 'al' : t;
}

/** Splits a folded string into word tokens, keeping their offsets. */
export function tokenize(folded: string): Tokens {
  const tok: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const w = WORD[folded.charCodeAt(i)];
    if (w !== 1) { i++; continue; }
    const s = i;
    let hasMark = false;
    while (i < n) {
      const c = WORD[folded.charCodeAt(i)];
      if (c === 1) i++;
      else if (c === 2) { hasMark = true; i++; }
      else break;
    }
    let t = folded.slice(s, i);
    if (hasMark) t = t.replace(/\p{M}/gu, '');
    tok.push(canonToken(t));
    start.push(s);
    end.push(i);
  }
  return { tok, start, end };
}

/** The leading articles name keys drop (stripArticles). */
export const LEADING_ARTICLES: ReadonlySet<string> = new Set(['le', 'la', 'les', 'l', 'the', 'd', 'du', 'des', 'al']);

const ASCII_WORDS = /[a-z0-9]+/g;

/** The key tokens of a name (folded, tokenized, canonical), articles kept. */
export function keyTokens(s: string): string[] {
  // ASCII names (most keys): folding is lower-casing there (but for "`", an apostrophe), done
  // by the engine; the tokens are the runs of letters and digits. Same result, less work
  // (dictionaries of thousands of names are built while the first document waits).
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || c === 96) return tokenize(fold(s)).tok;
  }
  // The runs of ASCII letters and digits (the word characters below 128), found by the
  // regex engine: fast even before this code is optimized (dictionaries are built at start-up).
  const tok = s.toLowerCase().match(ASCII_WORDS);
  if (tok === null) return [];
  for (let k = 0; k < tok.length; k++) if (tok[k] === 'el') tok[k] = 'al';
  return tok;
}

/** Strips leading articles from key tokens (never down to nothing). */
export function stripArticles(toks: string[]): string[] {
  let i = 0;
  while (i < toks.length - 1 && LEADING_ARTICLES.has(toks[i])) i++;
  return i ? toks.slice(i) : toks;
}

/** The dictionary key of a name: folded tokens joined by a space, leading articles removed. */
export function foldKey(s: string): string {
  return stripArticles(keyTokens(s)).join(' ');
}
