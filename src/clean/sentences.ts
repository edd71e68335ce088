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
const ABBR = new Set<string>(Object.values(PACKS).flatMap((p) => p.clean.abbreviations.map(stripAccents)));

const CLOSERS = '»"”’\')]';
const SPACE = /[ \u00A0\u202F\u2009]/;

function isAbbreviation(text: string, dot: number): boolean {
  // The word before the period (letters, inner periods, hyphens).
  let i = dot;
  while (i > 0 && /[\p{L}.\-]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dot);
  if (word === '') return false;
  if (/^\p{Lu}$/u.test(word)) return true; // initial: "J. Mattis", "M. Dupont"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "O.N.U"
  const bare = stripAccents(word.replace(/^[.\-]+/, ''));
  return ABBR.has(bare);
}

/** Splits one line (from `start` to `end` in `text`) into sentences. */
function splitLine(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let s = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < end && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    // Closing quotes/brackets, possibly after a (no-break) space as French typography has it.
    let k = j;
    for (;;) {
      let m = k;
      while (m < end && SPACE.test(text[m])) m++;
      // After a space only French closing guillemets and right quotes close; '"' there opens the next sentence.
      if (m < end && CLOSERS.includes(text[m]) && (m === k || text[m] === '»' || text[m] === '”')) k = m + 1;
      else break;
    }
    if (k >= end) break;
    if (!SPACE.test(text[k])) {
      i = j - 1;
      continue;
    }
    let n = k;
    while (n < end && SPACE.test(text[n])) n++;
    if (n >= end) break;
    const next = text[n];
    const opens = /[\p{Lu}\p{N}«"“(\[—–\-¿¡]/u.test(next);
    if (!opens) {
      i = j - 1;
      continue;
    }
    if (c === '.' && j === i + 1 && isAbbreviation(text, i)) {
      i = j - 1;
      continue;
    }
    out.push({ start: s, end: k });
    s = n;
    i = n - 1;
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
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) splitLine(text, a, b, out);
    blockStart = -1;
  };
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    if (line.trim() === '') {
      flush(pos);
    } else {
      if (blockStart >= 0) {
        // Continue the block only when the previous line is visibly hard-wrapped.
        const prev = text.slice(blockStart, pos - 1).trimEnd();
        const wrapped = !/[.!?…:;»"”)\]]$/.test(prev) && /^\s*\p{Ll}/u.test(line) && prev.length >= 40;
        if (!wrapped) flush(pos - 1);
      }
      if (blockStart < 0) blockStart = pos;
    }
    pos = nl + 1;
  }
  flush(text.length);
  return out;
}
