/**
 * A dictionary matcher over token boundaries: a token trie built once, scanned left to
 * right with longest match. Keys and text are folded the same way (see fold.ts), so case,
 * accents, apostrophes, hyphens and the Arabic article's spelling (al-/el-/al ) do not matter,
 * and an elided article ("l'Aviation", "d'Alep") never hides the name after it (the
 * apostrophe splits tokens). Offsets are offsets into the original text.
 */
import { fold, keyTokens, stripArticles, tokenize, type Tokens } from './fold.js';

/** What both matchers offer to the stages. */
export interface Dictionary<T> {
  matchesAt(p: Prepared, i: number): Match<T>[];
}

interface Node<T> {
  next: Map<string, Node<T>> | null;
  values: T[] | null;
}

/** One match: the original offsets, the token range and the values stored under the key. */
export interface Match<T> {
  start: number;
  end: number;
  /** Token index of the first token and one past the last. */
  t0: number;
  t1: number;
  values: T[];
}

/** A text prepared once and scanned by several matchers. */
export interface Prepared {
  text: string;
  folded: string;
  tokens: Tokens;
  /** 1 when the token's first letter is upper case in the original text. */
  cap: Uint8Array;
}

export function prepare(text: string): Prepared {
  const folded = fold(text);
  const tokens = tokenize(folded);
  const n = tokens.tok.length;
  const cap = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = tokens.start[i];
    const c = text.charCodeAt(s);
    // Upper case: the folded letter differs and is not simply an unaccented lower-case form.
    if (c !== folded.charCodeAt(s)) {
      const ch = text[s];
      if (ch !== ch.toLowerCase()) cap[i] = 1;
    }
  }
  return { text, folded, tokens, cap };
}

export class Matcher<T> {
  private root: Node<T> = { next: null, values: null };
  /** Number of keys stored. */
  size = 0;

  /**
   * Stores `value` under the name `name`. Both the name as written and the name without its
   * leading articles ("la Maison Blanche" → "maison blanche", "al-Nosra" → "nosra") are keys,
   * unless `exact` is set.
   */
  add(name: string, value: T, exact = false): void {
    const toks = keyTokens(name);
    if (!toks.length) return;
    this.addTokens(toks, value);
    if (!exact) {
      const s = stripArticles(toks);
      if (s.length !== toks.length && (s.length > 1 || s[0].length > 2)) this.addTokens(s, value);
    }
  }

  /** Stores `value` under an exact token sequence (already folded and canonical). */
  addTokens(toks: string[], value: T): void {
    let node = this.root;
    for (const t of toks) {
      if (!node.next) node.next = new Map();
      let n = node.next.get(t);
      if (!n) { n = { next: null, values: null }; node.next.set(t, n); }
      node = n;
    }
    if (!node.values) { node.values = []; this.size++; }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** The first tokens of every key (for a quick gate before matching). */
  firstTokens(): string[] {
    return this.root.next ? [...this.root.next.keys()] : [];
  }

  /** All keys starting at token `i`, longest first. */
  matchesAt(p: Prepared, i: number): Match<T>[] {
    const { tok, start, end } = p.tokens;
    const out: Match<T>[] = [];
    let node: Node<T> | undefined = this.root;
    for (let j = i; j < tok.length && node && node.next; j++) {
      node = node.next.get(tok[j]);
      if (!node) break;
      if (node.values) out.push({ start: start[i], end: end[j], t0: i, t1: j + 1, values: node.values });
    }
    return out.reverse();
  }

  /** The longest key starting at token `i`, or null. */
  longestAt(p: Prepared, i: number): Match<T> | null {
    const { tok, start, end } = p.tokens;
    let node: Node<T> | undefined = this.root;
    let best: Match<T> | null = null;
    for (let j = i; j < tok.length && node && node.next; j++) {
      node = node.next.get(tok[j]);
      if (!node) break;
      if (node.values) best = { start: start[i], end: end[j], t0: i, t1: j + 1, values: node.values };
    }
    return best;
  }

  /**
   * Leftmost-longest, non-overlapping matches over a text. `accept` may refuse a match
   * (then the next shorter key at that position is tried).
   */
  scan(input: string | Prepared, accept?: (m: Match<T>, p: Prepared) => boolean): Match<T>[] {
    const p = typeof input === 'string' ? prepare(input) : input;
    const out: Match<T>[] = [];
    const n = p.tokens.tok.length;
    let i = 0;
    while (i < n) {
      let taken: Match<T> | null = null;
      if (accept) {
        for (const m of this.matchesAt(p, i)) if (accept(m, p)) { taken = m; break; }
      } else taken = this.longestAt(p, i);
      if (taken) { out.push(taken); i = taken.t1; } else i++;
    }
    return out;
  }
}

/**
 * A dictionary matcher over a flat hash of keys (folded token sequences joined by one
 * space), for very large dictionaries loaded from a prebuilt index: no trie to build, one
 * Map insertion per key. `first` holds, per first token, the longest key length in tokens.
 * Values may be stored encoded (a string) and decoded on first use.
 */
export class HashMatcher<T> {
  private map = new Map<string, T[] | string>();
  private first = new Map<string, number>();
  constructor(private decode: (s: string) => T[] = () => []) {}

  get size(): number {
    return this.map.size;
  }

  /**
   * Adds an encoded entry (decoded lazily). `key` is a folded key. An empty `encoded` marks a
   * prefix of longer keys (no value), which lets a scan stop as soon as no key can follow.
   */
  addEncoded(key: string, encoded: string): void {
    const prev = this.map.get(key);
    if (prev === undefined || prev === '') this.map.set(key, encoded);
    else if (encoded !== '') this.map.set(key, [...this.values(key, prev), ...this.decode(encoded)]);
    this.noteFirst(key);
  }

  /** Marks every proper prefix of a multi-token key (for keys added after loading). */
  private addPrefixes(key: string): void {
    let sp = key.indexOf(' ');
    while (sp >= 0) {
      const pre = key.slice(0, sp);
      if (!this.map.has(pre)) this.map.set(pre, '');
      sp = key.indexOf(' ', sp + 1);
    }
  }

  private noteFirst(key: string): void {
    const sp = key.indexOf(' ');
    const f = sp < 0 ? key : key.slice(0, sp);
    let n = 1;
    if (sp >= 0) for (let i = sp; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
    if ((this.first.get(f) ?? 0) < n) this.first.set(f, n);
  }

  /** Adds `value` under a name (folded here); also under the name without leading articles. */
  add(name: string, value: T): void {
    const toks = keyTokens(name);
    if (!toks.length) return;
    this.addKey(toks.join(' '), value);
    const s = stripArticles(toks);
    if (s.length !== toks.length && (s.length > 1 || s[0].length > 2)) this.addKey(s.join(' '), value);
  }

  addKey(key: string, value: T): void {
    const prev = this.map.get(key);
    const list = prev === undefined || prev === '' ? [] : this.values(key, prev);
    if (!list.includes(value)) list.push(value);
    this.map.set(key, list);
    this.noteFirst(key);
    this.addPrefixes(key);
  }

  private values(key: string, v: T[] | string): T[] {
    if (typeof v !== 'string') return v;
    const d = this.decode(v);
    this.map.set(key, d);
    return d;
  }

  /** The values stored under an exact key, or undefined. */
  get(key: string): T[] | undefined {
    const v = this.map.get(key);
    return v === undefined || v === '' ? undefined : this.values(key, v);
  }

  /** All keys starting at token `i`, longest first. */
  matchesAt(p: Prepared, i: number): Match<T>[] {
    const { tok, start, end } = p.tokens;
    const max = this.first.get(tok[i]);
    if (!max) return [];
    const out: Match<T>[] = [];
    let key = tok[i];
    for (let n = 1; n <= max && i + n <= tok.length; n++) {
      if (n > 1) key += ' ' + tok[i + n - 1];
      const v = this.map.get(key);
      if (v === undefined) break; // neither a key nor the prefix of one
      if (v !== '') out.push({ start: start[i], end: end[i + n - 1], t0: i, t1: i + n, values: this.values(key, v) });
    }
    if (out.length > 1) out.reverse();
    return out;
  }
}
