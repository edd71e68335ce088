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

// ------------------------------------------------------------------ tokens

const WORD_RE = /[\p{L}\p{N}]/u;
/** Character classes: 1 word (letter or digit), 2 white space, 0 other (punctuation). */
let CLASS: Uint8Array | null = null;
function classTable(): Uint8Array {
  if (CLASS) return CLASS;
  CLASS = new Uint8Array(65536);
  for (let k = 0; k < 65536; k++) {
    if (k >= 0xd800 && k <= 0xdfff) continue;
    const ch = String.fromCharCode(k);
    CLASS[k] = WORD_RE.test(ch) ? 1 : /\s/u.test(ch) ? 2 : 0;
  }
  return CLASS;
}

/** Folded form of a punctuation character: ’ → ', non-breaking hyphens → -. */
function foldPunct(ch: string): string {
  if (ch === '’') return "'";
  if (ch === '‑' || ch === '‐') return '-';
  return ch;
}
const PUNCT = new Map<number, string>();

/**
 * A text cut into tokens once: maximal runs of letters and digits (words, lower-cased), and
 * every other non-space character alone (punctuation, folded). `sp[i]` is 1 when white space
 * comes right before token i. Phrase matching walks tokens instead of characters.
 */
export interface Tokens {
  text: string;
  n: number;
  start: Int32Array;
  end: Int32Array;
  sp: Uint8Array;
  /** 1 for word tokens. */
  word: Uint8Array;
  low: string[];
}

export function tokenize(text: string): Tokens {
  const cls = classTable();
  const len = text.length;
  let cap = 16;
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let sp = new Uint8Array(cap);
  let word = new Uint8Array(cap);
  const low: string[] = [];
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
    if (n === cap) {
      cap *= 2;
      const s2 = new Int32Array(cap);
      s2.set(start);
      start = s2;
      const e2 = new Int32Array(cap);
      e2.set(end);
      end = e2;
      const p2 = new Uint8Array(cap);
      p2.set(sp);
      sp = p2;
      const w2 = new Uint8Array(cap);
      w2.set(word);
      word = w2;
    }
    start[n] = i;
    sp[n] = space ? 1 : 0;
    space = false;
    if (k === 1) {
      let j = i + 1;
      while (j < len && cls[text.charCodeAt(j)] === 1) j++;
      end[n] = j;
      word[n] = 1;
      low.push(text.slice(i, j).toLowerCase());
      i = j;
    } else {
      end[n] = i + 1;
      word[n] = 0;
      let f = PUNCT.get(c);
      if (f === undefined) PUNCT.set(c, (f = foldPunct(text[i])));
      low.push(f);
      i++;
    }
    n++;
  }
  return { text, n, start, end, sp, word, low };
}

/** A few recently tokenized texts (the document, and the short strings callers pass). */
const TOK_CACHE: (Tokens | null)[] = [null, null, null, null];
let tokNext = 0;
export function tokensOf(text: string): Tokens {
  for (let i = 0; i < TOK_CACHE.length; i++) {
    const t = TOK_CACHE[i];
    if (t !== null && t.text === text) return t;
  }
  const t = tokenize(text);
  TOK_CACHE[tokNext] = t;
  tokNext = (tokNext + 1) % TOK_CACHE.length;
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
      const w = alt.slice(i, j).toLowerCase();
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
      out.push({ lit: foldPunct(alt[i]), pre: '', post: '', re: null, sp: space });
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

interface GlobEdge {
  pre: string;
  post: string;
  re: RegExp | null;
  sp: boolean;
  node: TNode;
}

class TNode {
  lit: Map<string, TNode> | null = null;
  globs: GlobEdge[] | null = null;
  terms: Term[] | null = null;
}

function globKey(s: string, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) k = k * 65536 + s.charCodeAt(i);
  return k;
}

function globOk(g: GlobEdge, w: string): boolean {
  if (g.re) return g.re.test(w);
  return w.length >= g.pre.length + g.post.length && w.startsWith(g.pre) && (g.post === '' || w.endsWith(g.post));
}

/**
 * A list (or several lists) of mini-patterns compiled into one token trie: each form is
 * expanded into its alternatives and cut into tokens like the text; matching walks the text's
 * tokens (cut once per text) from each token start. Wildcard words at the root are filed under
 * their first characters. Semantics are those of the mini-pattern regexes: whole words,
 * white space where the form has a space, case-insensitive, `’` = `'`.
 */
export class Phrases {
  private readonly root = new TNode();
  /** Root wildcard edges by the length of the key (0..3) and their first characters. */
  private readonly rootGlobs: Map<number, GlobEdge[]>[] = [new Map(), new Map(), new Map(), new Map()];
  readonly size: number;
  /** Overlap class of each group for `scan` (groups of one class never overlap). */
  private readonly cls: number[];
  private readonly nClasses: number;
  /** The most tokens a form spans. */
  private maxToks = 0;

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
        for (const alt of expand(t.toLowerCase())) {
          const toks = patternTokens(alt);
          if (!toks.length) continue;
          this.maxToks = Math.max(this.maxToks, toks.length);
          let node = this.root;
          toks.forEach((pt, k) => {
            if (pt.lit !== null) {
              const key = k === 0 ? pt.lit : (pt.sp ? ' ' : '') + pt.lit;
              if (!node.lit) node.lit = new Map();
              let nx = node.lit.get(key);
              if (!nx) node.lit.set(key, (nx = new TNode()));
              node = nx;
            } else {
              const same = (g: GlobEdge) => g.pre === pt.pre && g.post === pt.post && String(g.re) === String(pt.re) && (k === 0 || g.sp === pt.sp);
              let edge: GlobEdge | undefined;
              if (k === 0) {
                const n = Math.min(3, pt.pre.length);
                const m = this.rootGlobs[n];
                const key = globKey(pt.pre, n);
                const list = m.get(key) ?? [];
                edge = list.find(same);
                if (!edge) list.push((edge = { pre: pt.pre, post: pt.post, re: pt.re, sp: false, node: new TNode() }));
                m.set(key, list);
              } else {
                if (!node.globs) node.globs = [];
                edge = node.globs.find(same);
                if (!edge) node.globs.push((edge = { pre: pt.pre, post: pt.post, re: pt.re, sp: pt.sp, node: new TNode() }));
              }
              node = edge.node;
            }
          });
          const last = toks[toks.length - 1];
          const term: Term = { group, order, needB: boundary && last.lit !== null && !/[\p{L}\p{N}]/u.test(last.lit) };
          if (!node.terms) node.terms = [];
          node.terms.push(term);
        }
        order++;
      }
    });
    this.size = size;
  }

  static of(forms: readonly string[]): Phrases {
    return new Phrases([forms]);
  }

  /**
   * Calls `found(endToken, term)` for every form matching from token i (end token exclusive),
   * ending at or before character b.
   */
  private walk(t: Tokens, i: number, b: number, found: (j: number, term: Term) => void): void {
    const w0 = t.low[i];
    const n0 = this.root.lit?.get(w0);
    if (n0) this.descend(t, n0, i + 1, b, found);
    if (t.word[i] === 0) return;
    const lim = Math.min(3, w0.length);
    for (let n = 0; n <= lim; n++) {
      const m = this.rootGlobs[n];
      if (m.size === 0) continue;
      const list = m.get(globKey(w0, n));
      if (!list) continue;
      for (const g of list) if (globOk(g, w0)) this.descend(t, g.node, i + 1, b, found);
    }
  }

  private descend(t: Tokens, node: TNode, j: number, b: number, found: (j: number, term: Term) => void): void {
    if (t.end[j - 1] > b) return;
    if (node.terms) for (const term of node.terms) found(j, term);
    if (j >= t.n || t.start[j] >= b) return;
    const w = t.low[j];
    const sp = t.sp[j] === 1;
    if (node.lit) {
      const nx = node.lit.get(sp ? ' ' + w : w);
      if (nx) this.descend(t, nx, j + 1, b, found);
    }
    if (node.globs && t.word[j] === 1) for (const g of node.globs) if (g.sp === sp && globOk(g, w)) this.descend(t, g.node, j + 1, b, found);
  }

  /** True when the token after a match ending with token j-1 leaves a word boundary. */
  private bounded(t: Tokens, j: number): boolean {
    return j >= t.n || t.sp[j] === 1 || t.word[j] === 0 || t.start[j] !== t.end[j - 1];
  }

  /** The longest match from token i (ending at or before b), ties to the earliest form. */
  private longestAt(t: Tokens, i: number, b: number): PhraseMatch | null {
    let bestJ = -1;
    let bestTerm: Term | null = null;
    this.walk(t, i, b, (j, term) => {
      if (term.needB && !this.bounded(t, j)) return;
      if (j > bestJ || (j === bestJ && term.order < bestTerm!.order)) {
        bestJ = j;
        bestTerm = term;
      }
    });
    if (!bestTerm) return null;
    const s = t.start[i];
    const e = t.end[bestJ - 1];
    return { start: s, end: e, text: t.text.slice(s, e), group: (bestTerm as Term).group };
  }

  /** The longest match starting exactly at i and ending at or before b, if any. */
  at(text: string, i: number, b: number): PhraseMatch | null {
    if (i >= text.length || this.size === 0) return null;
    const t = tokensOf(text);
    const k = tokenAt(t, i);
    if (k >= t.n || t.start[k] !== i) return null;
    return this.longestAt(t, k, b);
  }

  /** Leftmost-longest, non-overlapping matches inside text[a, b). */
  all(text: string, a = 0, b = text.length): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    const t = tokensOf(text);
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
   */
  scan(text: string, a = 0, b = text.length): PhraseMatch[] {
    const out: PhraseMatch[] = [];
    if (this.size === 0) return out;
    const t = tokensOf(text);
    const nCls = this.nClasses;
    const busy = new Int32Array(nCls).fill(-1);
    const bestJ = new Int32Array(nCls);
    const bestT: (Term | null)[] = new Array(nCls).fill(null);
    const touched: number[] = [];
    const cls = this.cls;
    for (let i = tokenAt(t, a); i < t.n && t.start[i] < b; i++) {
      const s = t.start[i];
      this.walk(t, i, b, (j, term) => {
        const cl = cls[term.group];
        if (busy[cl] > s) return;
        if (term.needB && !this.bounded(t, j)) return;
        const cur = bestT[cl];
        if (cur === null) {
          touched.push(cl);
          bestT[cl] = term;
          bestJ[cl] = j;
        } else if (j > bestJ[cl] || (j === bestJ[cl] && term.order < cur.order)) {
          bestT[cl] = term;
          bestJ[cl] = j;
        }
      });
      if (!touched.length) continue;
      touched.sort((x, y) => (bestT[x]!.group - bestT[y]!.group));
      for (const cl of touched) {
        const e = t.end[bestJ[cl] - 1];
        out.push({ start: s, end: e, text: text.slice(s, e), group: bestT[cl]!.group });
        busy[cl] = e;
        bestT[cl] = null;
      }
      touched.length = 0;
    }
    return out;
  }

  /** True when some pattern matches inside text[a, b). */
  test(text: string, a = 0, b = text.length): boolean {
    if (this.size === 0) return false;
    const t = tokensOf(text);
    for (let i = tokenAt(t, a); i < t.n && t.start[i] < b; i++) if (this.longestAt(t, i, b)) return true;
    return false;
  }

  /** A match that ends at b (trailing white space allowed), the longest one. */
  endsAt(text: string, a: number, b: number): PhraseMatch | null {
    if (this.size === 0) return null;
    const t = tokensOf(text);
    let e = b;
    while (e > a && classTable()[text.charCodeAt(e - 1)] === 2) e--;
    // the token ending at e
    let last = tokenAt(t, e) - 1;
    if (last < 0 || t.end[last] !== e) return null;
    let best: PhraseMatch | null = null;
    const lo = Math.max(0, last - this.maxToks + 1);
    for (let i = last; i >= lo && t.start[i] >= a; i--) {
      const m = this.longestAt(t, i, e);
      if (m && m.end === e) best = m;
    }
    return best;
  }

  /** A match that starts at a (leading white space allowed). */
  startsAt(text: string, a: number, b: number): PhraseMatch | null {
    let s = a;
    while (s < b && classTable()[text.charCodeAt(s)] === 2) s++;
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
