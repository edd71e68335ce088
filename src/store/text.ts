/**
 * Full-text helpers shared by every Store implementation, so that SQLite and PostgreSQL
 * find the same documents for the same query.
 *
 * Accents: folded (src/match/fold.ts: lower case, accents stripped, same offsets).
 * Stemming: Snowball (French or English, by the document's language), applied to the
 * lower-cased word WITH its accents and only then folded ("libérée" → "liber", "libéré" →
 * "liber"; folding first would give "liberee" → "libere"). The stem of the folded word is
 * indexed too, so a query typed without accents still stems to something indexed.
 *
 * A query is a list of terms (bare words, "quoted phrases", or prefix words ending in *); a
 * document matches when it matches every term. A bare word matches the folded word itself
 * or any of its French/English stems.
 */
import { foldCode, WORD } from '../match/fold.js';
import { snowball, type Stemmer } from './snowball.js';

const STEMMERS: Record<'fr' | 'en', Stemmer> = {
  fr: snowball().snowball.newStemmer('french'),
  en: snowball().snowball.newStemmer('english'),
};
const CACHES: Record<'fr' | 'en', Map<string, string>> = { fr: new Map(), en: new Map() };
const CACHE_MAX = 200_000;

/** Snowball stem of a lower-case word (cached). */
export function stem(word: string, lang: 'fr' | 'en'): string {
  const cache = CACHES[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = STEMMERS[lang].stem(word);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(word, s);
  }
  return s;
}

/** Words longer than this are not indexed (hashes, base64 runs, URLs without spaces). */
const MAX_WORD = 60;

/** Word tokens of a text with their offsets (letters and digits; combining marks kept inside). */
export function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (WORD[text.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    const s = i;
    while (i < n && WORD[text.charCodeAt(i)] !== 0) i++;
    out.push({ word: text.slice(s, i), start: s, end: i });
  }
  return out;
}

/** Folds a word and drops combining marks (decomposed input). */
function foldWord(w: string): string {
  let f = '';
  let marks = false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (WORD[c] === 2) marks = true;
    f += String.fromCharCode(foldCode(c));
  }
  return marks ? f.replace(/\p{M}/gu, '') : f;
}

/** Per language: word → [folded word, …keys that differ from it]. */
const KEY_CACHES: Record<string, Map<string, string[]>> = { fr: new Map(), en: new Map(), other: new Map() };

function entry(word: string, lang: string, cache: Map<string, string[]>): string[] {
  const folded = foldWord(word);
  const e = [folded];
  for (const k of computeKeys(word, lang)) if (k !== folded) e.push(k);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(word, e);
  return e;
}

/** The index keys of one word in a document of language `lang`: folded stems (or the folded word). */
export function wordKeys(word: string, lang: string): string[] {
  const cache = KEY_CACHES[lang] ?? KEY_CACHES.other;
  const e = cache.get(word) ?? entry(word, lang, cache);
  return e.length === 1 ? e : e.slice(1);
}

function computeKeys(word: string, lang: string): string[] {
  const lower = word.toLowerCase();
  const folded = foldWord(word);
  if (lang !== 'fr' && lang !== 'en') return [folded];
  const a = foldWord(stem(lower, lang));
  const b = folded === lower ? a : stem(folded, lang);
  return a === b ? [a] : [a, b];
}

/**
 * Per language, an open-addressing table word → index keys, probed with a hash computed while
 * the word is scanned, so a word seen before costs no substring and no engine string hashing.
 * Holds, per word, its index keys.
 */
interface WordEntry {
  /** The folded word, then its stems that differ from it (a tsvector position's lexemes). */
  all: string[];
  /** The stems that differ from the folded word, or null (the FTS5 stems column). */
  extra: string[] | null;
  /** `all` as tsvector literal lexemes ('…', quotes and backslashes escaped). */
  quoted: string[];
  /** `all` as the table's interned lexemes (one object per distinct string). */
  lexemes: Lexeme[];
  /** `extra` as the table's interned lexemes, or null. */
  extraLexemes: Lexeme[] | null;
}

/**
 * One distinct index key of a word table, shared by every word that has it. A document's
 * distinct keys are found by stamping them with the document's number (no Set or Map per
 * document); `pos` collects the document's tsvector positions of the key.
 */
interface Lexeme {
  key: string;
  quoted: string;
  /** The last document (stemLine) that listed this key. */
  stemMark: number;
  /** The last document (tsvectorLiteral) that listed this key. */
  posMark: number;
  /** That document's positions of the key, as the literal writes them ("3,17,40"), and how many. */
  pos: string;
  nPos: number;
}

const quoteLexeme = (k: string): string => `'${k.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

class WordTable {
  private size = 1 << 15;
  private hashes = new Int32Array(this.size);
  private words: (string | undefined)[] = new Array(this.size);
  private stems: WordEntry[] = new Array(this.size);
  private count = 0;
  /** Interned keys; emptied (with the words) only between documents, see startDocument. */
  private lexemes = new Map<string, Lexeme>();
  /** Number of the current document, for Lexeme.stemMark / posMark. */
  mark = 0;

  constructor(private readonly lang: string) {}

  /**
   * Called before each document: a new document number, and when the interned keys grew past
   * the cap, a fresh start (never in the middle of a document, where one key must stay one object).
   */
  startDocument(): number {
    if (this.lexemes.size > LEXEME_MAX) {
      this.lexemes = new Map();
      this.hashes = new Int32Array(this.size);
      this.words = new Array(this.size);
      this.stems = new Array(this.size);
      this.count = 0;
    }
    return ++this.mark;
  }

  private lexeme(key: string): Lexeme {
    let l = this.lexemes.get(key);
    if (l === undefined) this.lexemes.set(key, (l = { key, quoted: quoteLexeme(key), stemMark: 0, posMark: 0, pos: '', nPos: 0 }));
    return l;
  }

  /** The entry of the word text[start, end) whose hash is h, computed once. */
  get(text: string, start: number, end: number, h: number): WordEntry {
    const mask = this.size - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const w = this.words[i];
      if (w === undefined) break;
      if (this.hashes[i] === h && w.length === len) {
        let k = 0;
        while (k < len && w.charCodeAt(k) === text.charCodeAt(start + k)) k++;
        if (k === len) return this.stems[i];
      }
    }
    const word = text.slice(start, end);
    const folded = foldWord(word);
    const keys = wordKeys(word, this.lang);
    const extra = keys.length === 1 && keys[0] === folded ? null : keys;
    const all = [...new Set([folded, ...keys])];
    const lexemes = all.map((k) => this.lexeme(k));
    const stems: WordEntry = { all, extra, quoted: lexemes.map((l) => l.quoted), lexemes, extraLexemes: extra === null ? null : extra.map((k) => this.lexeme(k)) };
    if (this.count >= this.size >> 1) this.clearOrGrow();
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.words[i] === undefined) {
        this.words[i] = word;
        this.hashes[i] = h;
        this.stems[i] = stems;
        this.count++;
        break;
      }
    }
    return stems;
  }

  private clearOrGrow(): void {
    const old = { words: this.words, hashes: this.hashes, stems: this.stems, size: this.size };
    if (this.size < CACHE_MAX * 2) this.size *= 2;
    this.hashes = new Int32Array(this.size);
    this.words = new Array(this.size);
    this.stems = new Array(this.size);
    this.count = 0;
    if (this.size === old.size) return; // at the cap: start over
    const mask = this.size - 1;
    for (let j = 0; j < old.size; j++) {
      const w = old.words[j];
      if (w === undefined) continue;
      let i = old.hashes[j] & mask;
      while (this.words[i] !== undefined) i = (i + 1) & mask;
      this.words[i] = w;
      this.hashes[i] = old.hashes[j];
      this.stems[i] = old.stems[j];
      this.count++;
    }
  }
}
const WORD_TABLES = new Map<string, WordTable>();
/** Interned keys per word table before it starts over (checked between documents). */
const LEXEME_MAX = CACHE_MAX * 2;

function wordTable(lang: string): WordTable {
  const l = lang === 'fr' || lang === 'en' ? lang : 'other';
  let table = WORD_TABLES.get(l);
  if (!table) WORD_TABLES.set(l, (table = new WordTable(l)));
  return table;
}

/**
 * The FTS "stems" column: the distinct folded stems of a text's words, leaving out a stem
 * equal to its own folded word (that word is already in the accent-folded title/body columns,
 * and a query looks for each of its keys in all three columns).
 */
export function stemLine(text: string, lang: string): string {
  const table = wordTable(lang);
  const mark = table.startDocument();
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (WORD[c] !== 1) {
      i++;
      continue;
    }
    const s = i;
    let h = 0x811c9dc5;
    while (i < n && WORD[(c = text.charCodeAt(i))] !== 0) {
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    if (i - s > MAX_WORD) continue;
    const ls = table.get(text, s, i, h).extraLexemes;
    if (ls === null) continue;
    for (let k = 0; k < ls.length; k++) {
      const l = ls[k];
      if (l.stemMark === mark) continue;
      l.stemMark = mark;
      out = out === '' ? l.key : out + ' ' + l.key;
    }
  }
  return out;
}

/**
 * Positions and keys for a PostgreSQL tsvector literal: each word contributes its folded form
 * and its stems at the same position, so phrases (`<->`) and stems both work.
 */
export function tsvectorLiteral(title: string | null, text: string, lang: string): string {
  const table = wordTable(lang);
  const mark = table.startDocument();
  // The document's keys in order of first occurrence (as a Map's insertion order).
  const seen: Lexeme[] = [];
  let pos = 0;
  const add = (s: string): void => {
    const n = s.length;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (WORD[c] !== 1) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      while (i < n && WORD[(c = s.charCodeAt(i))] !== 0) {
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
      if (i - start > MAX_WORD || pos > 16383) continue;
      pos++;
      if (pos > 16383) continue;
      const ls = table.get(s, start, i, h).lexemes;
      for (let k = 0; k < ls.length; k++) {
        const l = ls[k];
        if (l.posMark !== mark) {
          l.posMark = mark;
          l.pos = String(pos);
          l.nPos = 1;
          seen.push(l);
        } else if (l.nPos < 256) {
          l.pos += ',' + pos;
          l.nPos++;
        }
      }
    }
  };
  if (title) add(title);
  pos += 1; // keeps a title's last word and the text's first word from forming a phrase
  add(text);
  let out = '';
  for (let k = 0; k < seen.length; k++) {
    const l = seen[k];
    out += (k ? ' ' : '') + l.quoted + ':' + l.pos;
    l.pos = '';
  }
  return out;
}

/** One term of a query. */
export type QueryTerm =
  | { kind: 'word'; word: string; keys: string[] }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'phrase'; words: string[] };

/**
 * Parses a search query: "quoted phrases", words, and `word*` prefixes. Punctuation and FTS
 * operators are ignored (they are never passed through to the database).
 */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /"([^"]*)"?|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query)) !== null) {
    if (m[1] !== undefined) {
      const ws = words(m[1]).map((w) => foldWord(w.word));
      if (ws.length === 1) terms.push(wordTerm(m[1]));
      else if (ws.length > 1) terms.push({ kind: 'phrase', words: ws });
      continue;
    }
    const raw = m[2];
    const ws = words(raw);
    if (ws.length === 0) continue;
    if (raw.endsWith('*') && ws.length === 1) {
      terms.push({ kind: 'prefix', prefix: foldWord(ws[0].word) });
      continue;
    }
    // "Alep-Est", "l'hôpital": a token holding several words is a phrase.
    if (ws.length > 1) terms.push({ kind: 'phrase', words: ws.map((w) => foldWord(w.word)) });
    else terms.push(wordTerm(ws[0].word));
  }
  return terms;
}

function wordTerm(w: string): QueryTerm {
  const word = foldWord(words(w)[0]?.word ?? w);
  const keys = new Set<string>([word, ...wordKeys(w, 'fr'), ...wordKeys(w, 'en')]);
  return { kind: 'word', word, keys: [...keys] };
}

/** Every folded key of a query term, for marking matches in snippets. */
function termMatcher(terms: QueryTerm[]): (word: string, lang: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const t of terms) {
    if (t.kind === 'word') for (const k of t.keys) exact.add(k);
    else if (t.kind === 'prefix') prefixes.push(t.prefix);
    else for (const w of t.words) exact.add(w);
  }
  return (word, lang) => {
    const f = foldWord(word);
    if (exact.has(f)) return true;
    for (const p of prefixes) if (f.startsWith(p)) return true;
    for (const k of wordKeys(word, lang)) if (exact.has(k)) return true;
    return false;
  };
}

/**
 * A short excerpt of `text` around the best cluster of matched words, each matched word
 * marked [like this]. Falls back to the title (marked) or the start of the text.
 */
export function makeSnippet(title: string | null, text: string, lang: string, terms: QueryTerm[], width = 24): string {
  const match = termMatcher(terms);
  const ws = words(text);
  const hits: number[] = [];
  for (let i = 0; i < ws.length; i++) if (match(ws[i].word, lang)) hits.push(i);
  if (hits.length === 0) {
    if (title) {
      const tw = words(title).filter((w) => match(w.word, lang));
      if (tw.length) return mark(title, tw, 0, title.length);
    }
    const end = ws.length > width ? ws[width - 1].end : text.length;
    return text.slice(0, end).replace(/\s+/g, ' ').trim() + (end < text.length ? ' …' : '');
  }
  // The window of `width` words holding the most hits.
  let bestStart = hits[0];
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < hits.length; i++) {
    while (hits[i] - hits[j] >= width) j++;
    if (i - j + 1 > bestCount) {
      bestCount = i - j + 1;
      bestStart = hits[j];
    }
  }
  const first = Math.max(0, bestStart - Math.floor(width / 4));
  const last = Math.min(ws.length - 1, first + width - 1);
  const from = ws[first].start;
  const to = ws[last].end;
  const marked = ws.slice(first, last + 1).filter((w) => match(w.word, lang));
  return (first > 0 ? '… ' : '') + mark(text, marked, from, to) + (last < ws.length - 1 ? ' …' : '');
}

function mark(text: string, hits: { start: number; end: number }[], from: number, to: number): string {
  let out = '';
  let p = from;
  for (const h of hits) {
    out += text.slice(p, h.start) + '[' + text.slice(h.start, h.end) + ']';
    p = h.end;
  }
  out += text.slice(p, to);
  return out.replace(/\s+/g, ' ').trim();
}
