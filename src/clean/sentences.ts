/**
 * Sentence boundaries over the cleaned text (French and English).
 * A sentence ends at . ! ? … (with any closing quotes or brackets after it, « » included)
 * followed by a space and a capital, a digit or an opening quote/dash; not after an
 * abbreviation of the packs ("M.", "Mme", "Gen.", "U.S."), an initial ("J. Mattis") or inside
 * a number. Line breaks end sentences (headlines, paragraphs) unless the line is visibly
 * hard-wrapped (no final punctuation and the next line starts in lower case).
 */
import { PACKS } from '../lang/language.js';

export interface SentenceSpan {
  start: number;
  end: number;
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');
/** stripAccents of the words met before periods (they repeat); emptied when it holds STRIPPED_MAX words. */
const stripped = new Map<string, string>();
const STRIPPED_MAX = 10000;
function stripAccentsMemo(s: string): string {
  let r = stripped.get(s);
  if (r === undefined) {
    if (stripped.size >= STRIPPED_MAX) stripped.clear();
    r = stripAccents(s);
    // a copy as the key: a word cut from a text points into the whole text
    stripped.set((s + ' ').slice(0, -1), r);
  }
  return r;
}
const ABBR = new Set<string>(Object.values(PACKS).flatMap((p) => p.clean.abbreviations.map(stripAccents)));

const CLOSERS = '»"”’\')]';
/** Space, no-break space, narrow no-break space, thin space. */
const isSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;
/** Any white space (for trimming blocks). */
const isWhite = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x202f || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x0b || c === 0x0c || c === 0x85 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0xfeff;

const LETTER_DOT_HYPHEN = /[\p{L}.\-]/u;
/** A letter, a period or a hyphen (ASCII answered without a regex). */
function isWordish(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46 || c === 45;
  return LETTER_DOT_HYPHEN.test(String.fromCharCode(c));
}

/** Length of the longest abbreviation. */
const ABBR_MAX = Math.max(0, ...[...ABBR].map((a) => a.length));

function isAbbreviation(text: string, dot: number): boolean {
  // The word before the period (letters, inner periods, hyphens).
  let i = dot;
  let plain = true; // ASCII letters only
  for (;;) {
    if (i === 0) break;
    const c = text.charCodeAt(i - 1);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) i--;
    else if (isWordish(c)) {
      plain = false;
      i--;
    } else break;
  }
  if (plain && i < dot) {
    // The general case below, for a word of ASCII letters: an initial, or a listed abbreviation.
    if (dot - i === 1 && text.charCodeAt(i) <= 90) return true;
    return dot - i <= ABBR_MAX && ABBR.has(text.slice(i, dot));
  }
  const word = text.slice(i, dot);
  if (word === '') return false;
  if (/^\p{Lu}$/u.test(word)) return true; // initial: "J. Mattis", "M. Dupont"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "O.N.U"
  const bare = word.replace(/^[.\-]+/, '');
  return ABBR.has(/^[\x00-\x7f]*$/.test(bare) ? bare : stripAccentsMemo(bare));
}

const DOT = 46;
const BANG = 33;
const QUESTION = 63;
const ELLIPSIS = 0x2026;
const isEnd = (c: number): boolean => c === DOT || c === BANG || c === QUESTION || c === ELLIPSIS;
const ENDS = /[.!?\u2026]/g;
const OPENS = /[\p{Lu}\p{N}«"“(\[—–\-¿¡]/u;
/** OPENS for one code unit (ASCII answered without a regex: A-Z, 0-9, " ( [ -). */
function opens(text: string, n: number): boolean {
  const c = text.charCodeAt(n);
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 40 || c === 91 || c === 45;
  return OPENS.test(text[n]);
}

/** Splits one line (from `start` to `end` in `text`) into sentences. */
function splitLine(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let s = start;
  ENDS.lastIndex = start;
  // test() rather than exec(): ENDS matches one code unit, so the hit is at lastIndex - 1 (no match array per end)
  for (let i = ENDS.test(text) ? ENDS.lastIndex - 1 : -1; i >= 0 && i < end; i = ENDS.test(text) ? ENDS.lastIndex - 1 : -1) {
    const c = text.charCodeAt(i);
    let j = i + 1;
    while (j < end && isEnd(text.charCodeAt(j))) j++;
    ENDS.lastIndex = j;
    // Closing quotes/brackets, possibly after a (no-break) space as French typography has it.
    let k = j;
    for (;;) {
      let m = k;
      while (m < end && isSpace(text.charCodeAt(m))) m++;
      // After a space only French closing guillemets and right quotes close; '"' there opens the next sentence.
      if (m < end && CLOSERS.includes(text[m]) && (m === k || text[m] === '»' || text[m] === '”')) k = m + 1;
      else break;
    }
    if (k >= end) break;
    if (!isSpace(text.charCodeAt(k))) continue;
    let n = k;
    while (n < end && isSpace(text.charCodeAt(n))) n++;
    if (n >= end) break;
    if (!opens(text, n)) continue;
    if (c === DOT && j === i + 1 && isAbbreviation(text, i)) continue;
    out.push({ start: s, end: k });
    s = n;
    ENDS.lastIndex = n;
  }
  if (s < end) out.push({ start: s, end });
}

export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  // Lines, joined when hard-wrapped.
  let blockStart = -1;
  let pos = 0;
  const flush = (end: number) => {
    if (blockStart < 0) return;
    let a = blockStart;
    let b = end;
    while (a < b && isWhite(text.charCodeAt(a))) a++;
    while (b > a && isWhite(text.charCodeAt(b - 1))) b--;
    if (b > a) splitLine(text, a, b, out);
    blockStart = -1;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let first = pos;
    while (first < nl && isWhite(text.charCodeAt(first))) first++;
    if (first === nl) {
      flush(pos);
    } else {
      if (blockStart >= 0) {
        // Continue the block only when the previous line is visibly hard-wrapped.
        let last = pos - 1;
        while (last > blockStart && isWhite(text.charCodeAt(last - 1))) last--;
        const wrapped = last - blockStart >= 40 && !/[.!?…:;»"”)\]]/.test(text[last - 1]) && /\p{Ll}/u.test(text[first]);
        if (!wrapped) flush(pos - 1);
      }
      if (blockStart < 0) blockStart = pos;
    }
    pos = nl + 1;
  }
  flush(text.length);
  return out;
}
