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

/** Regex source for one mini-pattern (no boundaries). Alternatives are tried longest first. */
export function patternSource(form: string): string {
  return source(form.trim().toLowerCase());
}

function source(f: string): string {
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i];
    if (c === '*') out += `[${WORD}]*`;
    else if (c === '(') {
      let depth = 0;
      let j = i + 1;
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

/** A match of a phrase list: its span and the index of the group (list) it came from. */
export interface PhraseMatch {
  start: number;
  end: number;
  text: string;
  group: number;
}

const WORD_RE = /[\p{L}\p{N}]/u;
let WORDMAP: Uint8Array | null = null;
/** True when text[i] is a letter or digit (a 64K lookup table built once). */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== c) return false; // NaN: out of range
  if (!WORDMAP) {
    WORDMAP = new Uint8Array(65536);
    for (let k = 0; k < 65536; k++) if (k < 0xd800 || k > 0xdfff) WORDMAP[k] = WORD_RE.test(String.fromCharCode(k)) ? 1 : 0;
  }
  return WORDMAP[c] === 1;
}

/** Lower-case code of a UTF-16 unit, with ’ → ', non-breaking hyphens → -, white space → space. */
let LC: Uint16Array | null = null;
function lcTable(): Uint16Array {
  if (LC) return LC;
  LC = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) {
    const ch = String.fromCharCode(i);
    const k = keyChar(ch);
    LC[i] = k.length === 1 ? k.charCodeAt(0) : i;
  }
  return LC;
}
function codeKey(text: string, i: number): number {
  const t = lcTable();
  const a = t[text.charCodeAt(i)];
  const b = i + 1 < text.length ? t[text.charCodeAt(i + 1)] : 0;
  return a * 65536 + b;
}
function strKey(p: string): number {
  return p.charCodeAt(0) * 65536 + (p.length > 1 ? p.charCodeAt(1) : 0);
}

function keyChar(ch: string): string {
  if (ch === '’') return "'";
  if (ch === '‑' || ch === '‐') return '-';
  if (ch === '\u00a0' || ch === '\u202f' || ch === '\t' || ch === '\n' || ch === '\r') return ' ';
  return ch.toLowerCase();
}

/**
 * The possible first `n` characters of texts a mini-pattern matches (lower case, ’ as ', any
 * white space as a space), or null when a wildcard makes them open. Short results mean the
 * pattern's prefix is shorter than n.
 */
function prefixesOf(form: string, n: number): string[] | null {
  const f = form.trim().toLowerCase().replace(/’/g, "'").replace(/‑/g, '-').replace(/\s+/g, ' ');
  const out = new Set<string>();
  const walk = (rest: string, acc: string): boolean => {
    if (acc.length >= n || rest.length === 0) {
      out.add(acc.slice(0, n));
      return true;
    }
    const ch = rest[0];
    if (ch === '*') {
      out.add(acc);
      return true;
    }
    if (ch === '(') {
      // split the group at top level
      let depth = 0;
      let end = -1;
      const alts: string[] = [];
      let cur = '';
      for (let i = 1; i < rest.length; i++) {
        const c = rest[i];
        if (c === '(') depth++;
        if (c === ')' && depth === 0) {
          end = i;
          break;
        }
        if (c === ')') depth--;
        if (c === '|' && depth === 0) {
          alts.push(cur);
          cur = '';
        } else cur += c;
      }
      alts.push(cur);
      if (end < 0) return false;
      const after = rest.slice(end + 1);
      for (const a of alts) if (!walk(a + after, acc)) return false;
      return true;
    }
    return walk(rest.slice(1), acc + ch);
  };
  if (!walk(f, '')) return null;
  return [...out];
}

interface Entry {
  re: RegExp;
  group: number;
  /** The match must end at a word boundary. */
  boundary: boolean;
}

/**
 * A list (or several lists) of mini-patterns, matched by a token map: each pattern is a small
 * sticky regex filed under its first two characters, tried only at word starts (or at its own
 * punctuation) whose first characters agree. Much faster than one big alternation.
 */
export class Phrases {
  private readonly by2 = new Map<number, Entry[]>();
  private readonly by1 = new Map<number, Entry[]>();
  private readonly open: Entry[] = [];
  readonly size: number;
  /** Overlap class of each group for `scan` (groups of one class never overlap). */
  private readonly cls: number[];
  private readonly nClasses: number;
  private busy = new Int32Array(0);

  constructor(groups: readonly (readonly string[])[], classes?: readonly number[]) {
    this.cls = groups.map((_, g) => (classes ? classes[g] : g));
    this.nClasses = Math.max(0, ...this.cls) + 1;
    let size = 0;
    groups.forEach((forms, group) => {
      for (const form of forms) {
        if (!form.trim()) continue;
        size++;
        const t = form.trim();
        // the word boundary after a match is checked in code (cheaper than a Unicode lookahead)
        const entry: Entry = {
          re: new RegExp(patternSource(form), t.includes('*') ? 'iuy' : 'iy'),
          group,
          boundary: /[\p{L}\p{N}*)]$/u.test(t),
        };
        const pre = prefixesOf(form, 2);
        if (!pre || pre.some((p) => p.length === 0)) {
          this.open.push(entry);
          continue;
        }
        for (const p of new Set(pre)) {
          const map = p.length >= 2 ? this.by2 : this.by1;
          const key = p.length >= 2 ? strKey(p) : p.charCodeAt(0) * 65536;
          const list = map.get(key) ?? [];
          list.push(entry);
          map.set(key, list);
        }
      }
    });
    this.size = size;
  }

  static of(forms: readonly string[]): Phrases {
    return new Phrases([forms]);
  }

  /** The longest match starting exactly at i and ending at or before b, if any. */
  at(text: string, i: number, b: number): PhraseMatch | null {
    if (i >= text.length) return null;
    if (i > 0 && isWordAt(text, i) && isWordAt(text, i - 1)) return null;
    const k2 = codeKey(text, i);
    const k1 = k2 - (k2 % 65536);
    let best: PhraseMatch | null = null;
    for (let pass = 0; pass < 3; pass++) {
      const list = pass === 0 ? this.by2.get(k2) : pass === 1 ? this.by1.get(k1) : this.open;
      if (!list) continue;
      for (let j = 0; j < list.length; j++) {
        const { re, group, boundary } = list[j];
        re.lastIndex = i;
        const m = re.exec(text);
        if (!m || m[0].length === 0) continue;
        const end = i + m[0].length;
        if (end > b || (boundary && isWordAt(text, end))) continue;
        if (!best || end > best.end) best = { start: i, end, text: m[0], group };
      }
    }
    return best;
  }

  /** Leftmost-longest, non-overlapping matches inside text[a, b). */
  all(text: string, a = 0, b = text.length): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    let prevWord = a > 0 && isWordAt(text, a - 1);
    for (let i = a; i < b; i++) {
      const w = isWordAt(text, i);
      if ((w && prevWord) || text.charCodeAt(i) === 32) {
        prevWord = w;
        continue;
      }
      prevWord = w;
      const m = this.at(text, i, b);
      if (m) {
        out.push(m);
        i = m.end - 1;
        prevWord = isWordAt(text, i);
      }
    }
    return out;
  }

  /**
   * Every group's matches inside text[a, b) in one pass: at each word start, the longest match
   * of each overlap class; matches of one class never overlap. Sorted by start.
   */
  scan(text: string, a = 0, b = text.length): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    const nCls = this.nClasses;
    if (this.busy.length < nCls) this.busy = new Int32Array(nCls);
    const busy = this.busy;
    busy.fill(-1, 0, nCls);
    const open = this.open;
    let prevWord = a > 0 && isWordAt(text, a - 1);
    for (let i = a; i < b; i++) {
      const w = isWordAt(text, i);
      if ((w && prevWord) || text.charCodeAt(i) === 32) {
        prevWord = w;
        continue;
      }
      prevWord = w;
      const k2 = codeKey(text, i);
      const l2 = this.by2.get(k2);
      const l1 = this.by1.get(k2 - (k2 % 65536));
      if (!l2 && !l1 && open.length === 0) continue;
      const found: PhraseMatch[] = [];
      for (let pass = 0; pass < 3; pass++) {
        const list = pass === 0 ? l2 : pass === 1 ? l1 : open;
        if (!list) continue;
        for (let j = 0; j < list.length; j++) {
          const { re, group, boundary } = list[j];
          const cl = this.cls[group];
          if (busy[cl] > i) continue;
          re.lastIndex = i;
          const m = re.exec(text);
          if (!m || m[0].length === 0) continue;
          const end = i + m[0].length;
          if (end > b || (boundary && isWordAt(text, end))) continue;
          let k = 0;
          while (k < found.length && this.cls[found[k].group] !== cl) k++;
          if (k === found.length) found.push({ start: i, end, text: m[0], group });
          else if (end > found[k].end) found[k] = { start: i, end, text: m[0], group };
        }
      }
      for (const m of found) {
        out.push(m);
        busy[this.cls[m.group]] = m.end;
      }
    }
    return out;
  }

  /** True when some pattern matches inside text[a, b). */
  test(text: string, a = 0, b = text.length): boolean {
    if (this.size === 0) return false;
    let prevWord = a > 0 && isWordAt(text, a - 1);
    for (let i = a; i < b; i++) {
      const w = isWordAt(text, i);
      if ((w && prevWord) || text.charCodeAt(i) === 32) {
        prevWord = w;
        continue;
      }
      prevWord = w;
      if (this.at(text, i, b)) return true;
    }
    return false;
  }

  /** A match that ends at b (trailing white space allowed), the longest one. */
  endsAt(text: string, a: number, b: number): PhraseMatch | null {
    let e = b;
    while (e > a && /[\s\u00a0\u202f]/u.test(text[e - 1])) e--;
    let best: PhraseMatch | null = null;
    for (let i = e - 1; i >= a; i--) {
      const m = this.at(text, i, e);
      if (m && m.end === e) best = m;
    }
    return best;
  }

  /** A match that starts at a (leading white space allowed). */
  startsAt(text: string, a: number, b: number): PhraseMatch | null {
    let s = a;
    while (s < b && /[\s\u00a0\u202f]/u.test(text[s])) s++;
    return this.at(text, s, b);
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
    return !!this.p.endsAt(s, 0, s.length);
  }
}
