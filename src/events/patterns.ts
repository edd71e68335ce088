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

const WORD = '\\p{L}\\p{N}';

/** Regex source for one mini-pattern (no boundaries). */
export function patternSource(form: string): string {
  let out = '';
  const f = form.trim().toLowerCase();
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === '*') out += `[${WORD}]*`;
    else if (c === '(') out += '(?:';
    else if (c === ')' || c === '|') out += c;
    else if (c === ' ') {
      while (f[i + 1] === ' ') i++;
      out += '[\\s\\u00a0\\u202f]+';
    } else if (c === "'" || c === '’') out += "['’]";
    else if (c === '-' || c === '‑') out += '[-‑‐]';
    else out += c.replace(/[.+?^${}[\]\\/]/g, '\\$&');
  }
  return out;
}

function bounded(form: string): string {
  const src = patternSource(form);
  const t = form.trim();
  const tail = t.endsWith("'") || t.endsWith('’') ? '' : `(?![${WORD}])`;
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
export function findAll(re: RegExp, text: string, start = 0, end = text.length): { start: number; end: number; text: string }[] {
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
export function sentencesOf(text: string, given: readonly { start: number; end: number }[]): Sentence[] {
  const raw: { start: number; end: number }[] = [];
  const base = given.length ? given : naiveSentences(text);
  // Split given sentences at line breaks too (titles, headings, paragraphs).
  for (const s of base) {
    let a = s.start;
    for (let i = s.start; i < s.end; i++) {
      if (text.charCodeAt(i) === 10) {
        if (text.slice(a, i).trim()) raw.push(trim(text, a, i));
        a = i + 1;
      }
    }
    if (text.slice(a, s.end).trim()) raw.push(trim(text, a, s.end));
  }
  raw.sort((x, y) => x.start - y.start);
  const out: Sentence[] = [];
  let para = 0;
  let prevEnd = 0;
  for (const s of raw) {
    if (out.length && text.slice(prevEnd, s.start).includes('\n')) para++;
    out.push({ start: s.start, end: s.end, para });
    prevEnd = s.end;
  }
  return out;
}

function trim(text: string, a: number, b: number): { start: number; end: number } {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
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
