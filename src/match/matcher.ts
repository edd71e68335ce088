/**
 * Dictionary matchers over token boundaries. Keys and text are folded the same way (see
 * fold.ts), so case, accents, apostrophes, hyphens and the Arabic article's spelling
 * (al-/el-/al ) do not matter, and an elided article ("l'Aviation", "d'Alep") never hides the
 * name after it (the apostrophe splits tokens). Offsets are offsets into the original text.
 *
 * Speed: every dictionary token gets an integer id in one process-wide vocabulary; a text is
 * prepared once (folded, tokenized, each token looked up once), and every matcher then walks
 * integer ids only (no string hashing, no key building per token). `Matcher` is a small trie
 * of Maps for lexicons and the registry; `TokenTrie` is the large one of the gazetteer,
 * stored in typed arrays (an open-addressing edge table and the values in one Int32Array),
 * loaded as is from the gazetteer cache.
 */
import { FOLD_TABLE, UPPER, WORD, canonToken, keyTokens, stripArticles, type Tokens } from './fold.js';

// ------------------------------------------------------------------ vocabulary

/** FNV-1a over UTF-16 code units: the hash of a folded token, computed in the folding loop for text. */
export function hashToken(t: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < t.length; i++) h = hashStep(h, t.charCodeAt(i));
  return h;
}

/** hashToken's seed and step, for a scanner that hashes a word while reading it (then TokenTable.findIn). */
export const HASH_SEED = 0x811c9dc5 | 0;
export const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

/**
 * A string → id table in typed arrays, probed with a hash the caller already has (the text's
 * tokens are hashed while they are folded): no engine string hashing per word of a text.
 */
/** What TokenTable.fromImage() reads: line offsets (one more than lines), line hashes, the slots. */
export interface TokenTableImage {
  off: Int32Array;
  hashes: Int32Array;
  slots: Int32Array;
}

export class TokenTable {
  /**
   * Keys of the first `baseN` ids, when the table was built from a text of lines (fromLines):
   * key `id` is base[baseOff[id] .. baseOff[id + 1] - 1) (no string object per key).
   */
  private base = '';
  private baseOff: Int32Array<ArrayBufferLike> = new Int32Array(1);
  private baseN = 0;
  /** Keys of ids baseN, baseN + 1, ... */
  private keys: string[] = [];
  private hashes = new Int32Array(1024);
  /** Slot k: [2k] id + 1 (0 = empty), [2k + 1] the key's hash (one cache line per probe). */
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(4096);
  private mask = 2047;

  /**
   * A table of the lines of `text` (id = line number; the lines are distinct), built in one
   * pass: no string per line, no rehashing.
   */
  static fromLines(text: string): TokenTable {
    const t = new TokenTable();
    let n = 1;
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) n++;
    const off = new Int32Array(n + 1);
    const hashes = new Int32Array(n + 1024);
    let id = 0, s = 0;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) { off[id] = s; hashes[id] = h; id++; s = i + 1; h = 0x811c9dc5 | 0; }
      else h = Math.imul(h ^ c, 0x01000193);
    }
    off[id] = s; hashes[id] = h;
    off[n] = text.length + 1;
    let size = 2048;
    while (n * 2 > size) size *= 2;
    t.base = text; t.baseOff = off; t.baseN = n; t.hashes = hashes;
    t.slots = new Int32Array(size * 2);
    t.mask = size - 1;
    for (let k = 0; k < n; k++) t.place(k, hashes[k]);
    return t;
  }

  /** A table of the lines of `text` from its image (see image()), as read from a file: no loop at all. */
  static fromImage(text: string, img: TokenTableImage): TokenTable {
    const t = new TokenTable();
    t.base = text; t.baseOff = img.off; t.baseN = img.off.length - 1;
    const hashes = new Int32Array(t.baseN + 1024);
    hashes.set(img.hashes);
    t.hashes = hashes;
    t.slots = img.slots;
    t.mask = img.slots.length / 2 - 1;
    return t;
  }

  /** The tables of a table built by fromLines() with no key added since. */
  image(): TokenTableImage {
    if (this.keys.length) throw new Error('TokenTable.image: keys were added after fromLines');
    return { off: this.baseOff, hashes: this.hashes.subarray(0, this.baseN), slots: this.slots };
  }

  get size(): number {
    return this.baseN + this.keys.length;
  }

  /** The id of token `t` whose hash is `h`, or -1. */
  find(t: string, h: number): number {
    const { slots, mask } = this;
    let k = h & mask;
    for (;;) {
      const v = slots[2 * k];
      if (v === 0) return -1;
      if (slots[2 * k + 1] === h && this.keyIs(v - 1, t)) return v - 1;
      k = (k + 1) & mask;
    }
  }

  /** The id of the token whose code units are buf[s .. e) and whose hash is `h`, or -1. */
  findCodes(buf: Uint16Array, s: number, e: number, h: number): number {
    const { slots, mask } = this;
    let k = h & mask;
    for (;;) {
      const v = slots[2 * k];
      if (v === 0) return -1;
      if (slots[2 * k + 1] === h && this.keyIsCodes(v - 1, buf, s, e)) return v - 1;
      k = (k + 1) & mask;
    }
  }

  /**
   * The id of the word text[s .. e) whose hash (HASH_SEED, hashStep over its code units, or
   * over unit(code unit) when given) is `h`, or -1: a scanner looks a word up while reading it,
   * without cutting it out; `unit` lets it read a folded view of the text without building it.
   */
  findIn(text: string, s: number, e: number, h: number, unit?: (c: number) => number): number {
    const { slots, mask } = this;
    let k = h & mask;
    for (;;) {
      const v = slots[2 * k];
      if (v === 0) return -1;
      if (slots[2 * k + 1] === h && this.keyIsIn(v - 1, text, s, e, unit)) return v - 1;
      k = (k + 1) & mask;
    }
  }

  private keyIsIn(id: number, text: string, s: number, e: number, unit: ((c: number) => number) | undefined): boolean {
    const n = e - s;
    let b: string;
    let o: number;
    if (id >= this.baseN) { b = this.keys[id - this.baseN]; o = 0; if (b.length !== n) return false; }
    else { b = this.base; o = this.baseOff[id]; if (this.baseOff[id + 1] - 1 - o !== n) return false; }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(s + i);
      if ((unit ? unit(c) : c) !== b.charCodeAt(o + i)) return false;
    }
    return true;
  }

  private keyIsCodes(id: number, buf: Uint16Array, s: number, e: number): boolean {
    const n = e - s;
    if (id >= this.baseN) {
      const t = this.keys[id - this.baseN];
      if (t.length !== n) return false;
      for (let i = 0; i < n; i++) if (t.charCodeAt(i) !== buf[s + i]) return false;
      return true;
    }
    const o = this.baseOff[id];
    if (this.baseOff[id + 1] - 1 - o !== n) return false;
    const b = this.base;
    for (let i = 0; i < n; i++) if (b.charCodeAt(o + i) !== buf[s + i]) return false;
    return true;
  }

  private keyIs(id: number, t: string): boolean {
    if (id >= this.baseN) return this.keys[id - this.baseN] === t;
    const s = this.baseOff[id];
    if (this.baseOff[id + 1] - 1 - s !== t.length) return false;
    const b = this.base;
    for (let i = 0; i < t.length; i++) if (b.charCodeAt(s + i) !== t.charCodeAt(i)) return false;
    return true;
  }

  get(t: string): number {
    return this.find(t, hashToken(t));
  }

  key(id: number): string {
    return id < this.baseN ? this.base.slice(this.baseOff[id], this.baseOff[id + 1] - 1) : this.keys[id - this.baseN];
  }

  add(t: string): number {
    const h = hashToken(t);
    const found = this.find(t, h);
    if (found >= 0) return found;
    const id = this.size;
    this.keys.push(t);
    if (id >= this.hashes.length) { const x = new Int32Array(this.hashes.length * 2); x.set(this.hashes); this.hashes = x; }
    this.hashes[id] = h;
    if ((id + 1) * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    else this.place(id, h);
    return id;
  }

  private place(id: number, h: number): void {
    let k = h & this.mask;
    while (this.slots[2 * k] !== 0) k = (k + 1) & this.mask;
    this.slots[2 * k] = id + 1;
    this.slots[2 * k + 1] = h;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let id = 0; id < this.size; id++) this.place(id, this.hashes[id]);
  }
}

const vocab = new TokenTable();

/** The id of a (folded, canonical) token, added to the vocabulary when new. */
export function tokenId(t: string): number {
  // Dictionaries repeat their words: a Map (the engine's string hash, computed natively and
  // kept in the string) answers the repeats without hashing the word in JavaScript again.
  let id = idByToken.get(t);
  if (id === undefined) { id = vocab.add(t); idByToken.set(t, id); }
  return id;
}

/** tokenId()'s answers so far (ids never change: the vocabulary only grows). */
const idByToken = new Map<string, number>();

/** The id of a token, or -1 when no dictionary holds it. */
export function lookupToken(t: string): number {
  return vocab.get(t);
}

/** Number of tokens in the vocabulary (grows as dictionaries are built). */
export function vocabSize(): number {
  return vocab.size;
}

/** Vocabulary ids of a token list (added when new). */
export function tokenIds(toks: string[]): number[] {
  return toks.map(tokenId);
}

// ------------------------------------------------------------------ prepared text

/** Gap flags (the characters between token i-1 and token i, or before the first token). */
export const GAP_SENTENCE = 1; // one of . ! ? ; : ( ) [ ] " « » newline
export const GAP_COMMA = 2; // a comma
export const GAP_STOP = 4; // one of . ! ?
export const GAP_START = 8; // one of . ! ? : newline « "  (a sentence or quote starts)
export const GAP_LOOSE = 16; // anything but white space, "-" and "'" (two words are not one stretch)
export const GAP_JOIN = 32; // the gap is exactly one hyphen or apostrophe (folded): "al-Akhbar"

const GAPCH = new Uint8Array(65536);
(function init() {
  for (let c = 0; c < 65536; c++) GAPCH[c] = GAP_LOOSE;
  for (const ch of ' \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-\'') GAPCH[ch.charCodeAt(0)] = 0;
  GAPCH[10] = GAP_SENTENCE | GAP_START; // a newline is white space: it does not break a stretch
  for (const ch of '.!?') GAPCH[ch.charCodeAt(0)] = GAP_LOOSE | GAP_SENTENCE | GAP_STOP | GAP_START;
  for (const ch of ';()[]»') GAPCH[ch.charCodeAt(0)] = GAP_LOOSE | GAP_SENTENCE;
  for (const ch of ':"«') GAPCH[ch.charCodeAt(0)] = GAP_LOOSE | GAP_SENTENCE | GAP_START;
  GAPCH[44] = GAP_LOOSE | GAP_COMMA;
})();

/** A text prepared once and scanned by several matchers. */
export interface Prepared {
  text: string;
  folded: string;
  tokens: Tokens;
  /** 1 when the token's first letter is upper case in the original text. */
  cap: Uint8Array;
  /** Vocabulary id of each token (-1: in no dictionary); see idsOf(). */
  ids: Int32Array;
  /** Vocabulary size when `ids` was computed. */
  idsAt: number;
  /** GAP_* flags of the characters before each token. */
  gap: Uint8Array;
  /** hashToken() of each token. */
  hash: Int32Array;
  /**
   * Per-text results of the stages that read this text (the gazetteer matches at each token,
   * the text's focus weights), kept here rather than in WeakMaps keyed by the text: no
   * ephemeron entry per document for the garbage collector. Owned by src/places/context.ts.
   */
  memo: PreparedMemo;
}

/** See Prepared.memo. */
export interface PreparedMemo {
  /** Gazetteer matches at each token, longest first (null: none). */
  scan: (Match<number>[] | null)[] | null;
  /** Focus weight of each country named in the text. */
  focus: Map<string, number> | null;
  /** `focus` sorted, heaviest first. */
  focusList: { cc: string; w: number }[] | null;
}

let scratch = new Uint16Array(4096);
let scratch8 = new Uint8Array(2048);
let scratchG = new Uint8Array(2048);
let scratchS = new Int32Array(2048);
let scratchH = new Int32Array(2048);
const HASH_AL = hashToken('al');
let scratchE = new Int32Array(2048);
/** A Buffer over `scratch`'s memory (for Buffer.write). */
let scratchB = Buffer.from(scratch.buffer, scratch.byteOffset, scratch.byteLength);

/**
 * The word cache: the recent words of ≤ WC_MAX code units (nearly all of a text's words) with
 * their vocabulary id and string, in a small direct-mapped table indexed by the word's hash.
 * A word is recognized by its code units packed into six integers (one cache line, no string
 * read), where the vocabulary's table and key strings lie all over memory. Entry: [1] id + 1,
 * [2..7] the packed code units (0 = empty); wcStr holds the string (at most 12 code units: V8
 * copies a slice that short, it does not keep its text alive). Cleared when the vocabulary grows (a
 * word in no dictionary may have joined one).
 */
const WC_MAX = 12;
const WC_STRIDE = 8;
const WC_MASK = 2047;
const wordCache = new Int32Array((WC_MASK + 1) * WC_STRIDE);
const wcStr: string[] = new Array<string>(WC_MASK + 1).fill('');
let wcAt = -1;

/**
 * The slab the typed arrays of prepared texts are cut from. A slab lives as long as one of
 * its texts' Prepared does; a text too large for a slab gets a buffer of its own.
 */
const SLAB = 1 << 18;
let slab = new ArrayBuffer(SLAB);
let slabUsed = 0;
/** Offset of the bytes slabAlloc() handed out last. */
let slabOff = 0;

/** `bytes` bytes (a multiple of 8) of zeroed memory: the buffer returned, the offset in slabOff. */
function slabAlloc(bytes: number): ArrayBuffer {
  if (bytes > SLAB >> 2) { slabOff = 0; return new ArrayBuffer(bytes); }
  if (slabUsed + bytes > SLAB) { slab = new ArrayBuffer(SLAB); slabUsed = 0; }
  slabOff = slabUsed;
  slabUsed += bytes;
  return slab;
}

export function prepare(text: string): Prepared {
  // One pass: fold each code unit, find the tokens, the capitals and the punctuation between tokens.
  const n = text.length;
  // Scratch space reused from one text to the next (fewer buffers for the garbage collector).
  if (scratch.length < n + 1) scratch = new Uint16Array(Math.max(n + 1, scratch.length * 2));
  const buf = scratch;
  const maxTok = (n >> 1) + 1; // at most one token every two code units
  if (scratchS.length < maxTok) { scratchS = new Int32Array(maxTok * 2); scratchE = new Int32Array(maxTok * 2); }
  const start = scratchS;
  const end = scratchE;
  let nt = 0;
  if (scratch8.length < maxTok) { scratch8 = new Uint8Array(maxTok * 2); scratchG = new Uint8Array(maxTok * 2); scratchH = new Int32Array(maxTok * 2); }
  const hashL = scratchH;
  const capL = scratch8;
  const gapL = scratchG;
  const marks: number[] = [];
  // The text's code units copied into the scratch buffer (one native copy), then folded in
  // place: typed-array reads in the loop below instead of charCodeAt (measured faster).
  if (scratchB.buffer !== buf.buffer) scratchB = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  scratchB.write(text, 0, n * 2, 'utf16le');
  const FT = FOLD_TABLE, WD = WORD, GC = GAPCH, UP = UPPER;
  let i = 0;
  let gf = 0;
  let prevEnd = 0;
  while (i < n) {
    const c = buf[i];
    const f = FT[c];
    buf[i] = f;
    if (WD[f] !== 1) { gf |= GC[c]; i++; continue; }
    const s = i;
    if (nt > 0 && s - prevEnd === 1) {
      const g = buf[prevEnd];
      if (g === 45 || g === 39) gf |= GAP_JOIN;
    }
    i++;
    let mark = false;
    let h = Math.imul(0x811c9dc5 ^ f, 0x01000193);
    while (i < n) {
      const c2 = buf[i];
      const f2 = FT[c2];
      const w = WD[f2];
      if (w === 0) break;
      buf[i] = f2;
      if (w === 2) mark = true;
      else h = Math.imul(h ^ f2, 0x01000193);
      i++;
    }
    if (i - s === 2 && f === 101 && buf[s + 1] === 108) h = HASH_AL; // "el" is spelled "al"
    hashL[nt] = h;
    if (mark) marks.push(nt);
    start[nt] = s;
    end[nt] = i;
    capL[nt] = UP[c];
    gapL[nt] = gf;
    nt++;
    gf = 0;
    prevEnd = i;
  }
  const folded = n <= 64 ? String.fromCharCode(...buf.subarray(0, n)) : Buffer.from(buf.buffer, buf.byteOffset, n * 2).toString('utf16le');
  const tok: string[] = new Array(nt);
  // The offsets, the ids, the capitals and the gaps: views into a slab shared by consecutive
  // texts (an ArrayBuffer per text costs more than the tokenizing: allocation, zeroing, and
  // external memory that makes the collector run more often).
  const bytes = (nt * 18 + 7) & ~7;
  const ab = slabAlloc(bytes);
  const o = slabOff;
  const tStart = new Int32Array(ab, o, nt);
  const tEnd = new Int32Array(ab, o + nt * 4, nt);
  const ids = new Int32Array(ab, o + nt * 8, nt);
  const hash = new Int32Array(ab, o + nt * 12, nt);
  const cap = new Uint8Array(ab, o + nt * 16, nt);
  const gap = new Uint8Array(ab, o + nt * 17, nt);
  hash.set(hashL.subarray(0, nt));
  tStart.set(start.subarray(0, nt));
  tEnd.set(end.subarray(0, nt));
  cap.set(capL.subarray(0, nt));
  gap.set(gapL.subarray(0, nt));
  // Each token is looked up in the vocabulary from the folded code units (no string yet); a
  // word of the vocabulary takes the vocabulary's string (no string per word, and its hash is
  // cached for later lookups), any other word a slice of the folded text. Words of up to
  // WC_MAX code units are looked up in the word cache first (see wordCache).
  if (wcAt !== vocab.size) { wordCache.fill(0); wcAt = vocab.size; }
  const wc = wordCache;
  let mi = 0;
  for (let k = 0; k < nt; k++) {
    const s = start[k], e = end[k];
    if (mi < marks.length && marks[mi] === k) {
      // Combining marks (decomposed input) are dropped from the token and its hash.
      mi++;
      const t = canonToken(folded.slice(s, e).replace(/\p{M}/gu, ''));
      tok[k] = t;
      hash[k] = hashToken(t);
      ids[k] = vocab.find(t, hash[k]);
      continue;
    }
    if (e - s === 2 && buf[s] === 101 && buf[s + 1] === 108) { tok[k] = 'al'; ids[k] = vocab.find('al', hash[k]); continue; }
    const len = e - s;
    const h = hash[k];
    if (len > WC_MAX) {
      const id = vocab.findCodes(buf, s, e, h);
      ids[k] = id;
      tok[k] = id >= 0 ? vocab.key(id) : folded.slice(s, e);
      continue;
    }
    // The word's code units packed two by two (0 past its end: no word has a code unit 0).
    const p0 = buf[s] | (len > 1 ? buf[s + 1] << 16 : 0);
    const p1 = len > 2 ? buf[s + 2] | (len > 3 ? buf[s + 3] << 16 : 0) : 0;
    const p2 = len > 4 ? buf[s + 4] | (len > 5 ? buf[s + 5] << 16 : 0) : 0;
    const p3 = len > 6 ? buf[s + 6] | (len > 7 ? buf[s + 7] << 16 : 0) : 0;
    const p4 = len > 8 ? buf[s + 8] | (len > 9 ? buf[s + 9] << 16 : 0) : 0;
    const p5 = len > 10 ? buf[s + 10] | (len > 11 ? buf[s + 11] << 16 : 0) : 0;
    const slot = h & WC_MASK;
    const b = slot * WC_STRIDE;
    if (wc[b + 2] === p0 && wc[b + 3] === p1 && wc[b + 4] === p2 && wc[b + 5] === p3 && wc[b + 6] === p4 && wc[b + 7] === p5) {
      ids[k] = wc[b + 1] - 1;
      tok[k] = wcStr[slot];
      continue;
    }
    const id = vocab.findCodes(buf, s, e, h);
    const t = id >= 0 ? vocab.key(id) : folded.slice(s, e);
    ids[k] = id;
    tok[k] = t;
    wc[b + 1] = id + 1; wc[b + 2] = p0; wc[b + 3] = p1; wc[b + 4] = p2; wc[b + 5] = p3; wc[b + 6] = p4; wc[b + 7] = p5;
    wcStr[slot] = t;
  }
  return { text, folded, tokens: { tok, start: tStart, end: tEnd }, cap, ids, idsAt: vocab.size, gap, hash, memo: { scan: null, focus: null, focusList: null } };
}

/** The token ids of a prepared text, refreshed when dictionaries were added since. */
export function idsOf(p: Prepared): Int32Array {
  if (p.idsAt !== vocab.size) {
    const { tok } = p.tokens;
    for (let i = 0; i < tok.length; i++) if (p.ids[i] < 0) p.ids[i] = vocab.find(tok[i], p.hash[i]);
    p.idsAt = vocab.size;
  }
  return p.ids;
}

/** True when the characters between tokens a and a+1 contain none of `flags`. */
export function gapClear(p: Prepared, i: number, flags: number): boolean {
  return (p.gap[i] & flags) === 0;
}

// ------------------------------------------------------------------ small matcher (Map trie)

/** What both matchers offer to the stages. */
export interface Dictionary<T> {
  matchesAt(p: Prepared, i: number): Match<T>[];
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

/** Scratch for Matcher.matchesAt and longestAt: the keys met along one walk (values, end token). */
const walkVals: (unknown[] | null)[] = [];
const walkT1s: number[] = [];

/** Slot of edge (node, token) in a small matcher's edge table. */
function smallHash(node: number, tok: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(tok + 1, 0x85ebca77)) & mask;
}

/**
 * A trie over vocabulary ids whose edges are one open-addressing table of integers (no Map
 * per node: cheap to build at start-up, one probe per step); node 0 is the root.
 */
export class Matcher<T> {
  /** Number of keys stored. */
  size = 0;
  /**
   * Per vocabulary id: the root's child by that token + 1 (0: no key starts with it), a dense
   * first step: a lookup that fails at once costs one array read, one that goes on no probe
   * of the edge table. The root's edges are in the edge table too.
   */
  private first = new Int32Array(0);
  /** The root's tokens, in the order their first key was added. */
  private firstList: number[] = [];
  /** Edge slot h: [3h] token id (-1 empty), [3h + 1] parent node, [3h + 2] child node. */
  private et: Int32Array = new Int32Array(3 * 16).fill(-1);
  private mask = 15;
  private edges = 0;
  /** Values of each node (null: no key ends there). */
  private vals: (T[] | null)[] = [null];

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

  /** The child of `node` by vocabulary id `id`, or -1. */
  child(node: number, id: number): number {
    if (node === 0) return id >= 0 && id < this.first.length ? this.first[id] - 1 : -1;
    const et = this.et, mask = this.mask;
    let h = smallHash(node, id, mask);
    for (;;) {
      const b = 3 * h;
      const t = et[b];
      if (t < 0) return -1;
      if (t === id && et[b + 1] === node) return et[b + 2];
      h = (h + 1) & mask;
    }
  }

  /** The values stored at a node (null: no key ends there). */
  valuesAt(node: number): T[] | null {
    return this.vals[node];
  }

  private put(node: number, id: number, c: number): void {
    const et = this.et, mask = this.mask;
    let h = smallHash(node, id, mask);
    while (et[3 * h] >= 0) h = (h + 1) & mask;
    et[3 * h] = id; et[3 * h + 1] = node; et[3 * h + 2] = c;
  }

  private grow(): void {
    const old = this.et, oldSize = this.mask + 1;
    const size = oldSize * 2;
    this.et = new Int32Array(size * 3).fill(-1);
    this.mask = size - 1;
    for (let k = 0; k < oldSize; k++) if (old[3 * k] >= 0) this.put(old[3 * k + 1], old[3 * k], old[3 * k + 2]);
  }

  /** Stores `value` under an exact token sequence (already folded and canonical). */
  addTokens(toks: string[], value: T): void {
    let node = 0;
    for (let q = 0; q < toks.length; q++) {
      const id = tokenId(toks[q]);
      if (q === 0 && id >= this.first.length) { const x = new Int32Array(Math.max(id + 1, this.first.length * 2, 64)); x.set(this.first); this.first = x; }
      let c = this.child(node, id);
      if (c < 0) {
        if ((this.edges + 1) * 2 > this.mask + 1) this.grow();
        c = this.vals.length;
        this.vals.push(null);
        this.put(node, id, c);
        this.edges++;
        if (q === 0) { this.first[id] = c + 1; this.firstList.push(id); }
      }
      node = c;
    }
    let v = this.vals[node];
    if (!v) { v = this.vals[node] = []; this.size++; }
    if (!v.includes(value)) v.push(value);
  }

  /** The first tokens of every key (for a quick gate before matching). */
  firstTokens(): string[] {
    return this.firstList.map((id) => vocab.key(id));
  }

  /** Vocabulary ids of the first tokens of every key. */
  firstIds(): number[] {
    return [...this.firstList];
  }

  /** True when some key starts with the token of vocabulary id `id` (one array read). */
  opens(id: number): boolean {
    return id >= 0 && id < this.first.length && this.first[id] !== 0;
  }

  /** True when some key starts at token i (one lookup). */
  startsAt(p: Prepared, i: number): boolean {
    const ids = idsOf(p);
    return i < ids.length && this.opens(ids[i]);
  }

  /** The values under an exact key (a name, folded here as in add(name, v, true)). */
  get(name: string): T[] | undefined {
    let node = 0;
    for (const t of keyTokens(name)) {
      const id = vocab.get(t);
      node = id < 0 ? -1 : this.child(node, id);
      if (node < 0) return undefined;
    }
    return this.vals[node] ?? undefined;
  }

  /** All keys starting at token `i`, longest first. */
  matchesAt(p: Prepared, i: number): Match<T>[] {
    const vals = walkVals as (T[] | null)[];
    const k = this.matchesInto(p, i, vals, walkT1s);
    if (k === 0) return EMPTY as Match<T>[];
    const { start, end } = p.tokens;
    // pushed, not stored into new Array(k): one array kind for every caller (src/common/arrays.ts)
    const out: Match<T>[] = [];
    for (let q = 0; q < k; q++) {
      const t1 = walkT1s[k - 1 - q];
      out.push({ start: start[i], end: end[t1 - 1], t0: i, t1, values: vals[k - 1 - q]! });
    }
    return out;
  }

  /**
   * The keys starting at token `i`, shortest first, without match objects: the values and the
   * end token (exclusive) of the k-th go to vals[k] and t1s[k]; returns their number.
   */
  matchesInto(p: Prepared, i: number, vals: (T[] | null)[], t1s: number[]): number {
    const ids = idsOf(p);
    if (i >= ids.length || !this.opens(ids[i])) return 0;
    let k = 0;
    let node = 0;
    for (let j = i; j < ids.length; j++) {
      const id = ids[j];
      if (id < 0) break;
      node = this.child(node, id);
      if (node < 0) break;
      const v = this.vals[node];
      if (v) { vals[k] = v; t1s[k] = j + 1; k++; }
    }
    return k;
  }

  /** The longest key starting at token `i`, or null. */
  longestAt(p: Prepared, i: number): Match<T> | null {
    const vals = walkVals as (T[] | null)[];
    const k = this.matchesInto(p, i, vals, walkT1s);
    if (k === 0) return null;
    const t1 = walkT1s[k - 1];
    return { start: p.tokens.start[i], end: p.tokens.end[t1 - 1], t0: i, t1, values: vals[k - 1]! };
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

const EMPTY: Match<unknown>[] = [];
Object.freeze(EMPTY);

/**
 * A set of phrases (folded token sequences) matched forwards from a token ("X province") or
 * backwards, ending just before a token ("province de X"), with no sentence punctuation
 * between the phrase and that token nor inside it. Each phrase may carry a value.
 */
export class PhraseSet<T = true> {
  private fwd = new Matcher<{ key: string; value: T }>();
  private bwd = new Matcher<{ key: string; value: T }>();
  /** Longest phrase length in tokens. */
  max = 1;
  size = 0;

  constructor(entries: Iterable<string | [string, T]> = []) {
    for (const e of entries) {
      if (typeof e === 'string') this.add(e, true as T);
      else this.add(e[0], e[1]);
    }
  }

  add(phrase: string, value: T): void {
    const t = keyTokens(phrase);
    if (!t.length) return;
    const v = { key: t.join(' '), value };
    this.fwd.addTokens(t, v);
    this.bwd.addTokens([...t].reverse(), v);
    this.max = Math.max(this.max, t.length);
    this.size++;
  }

  /** Vocabulary ids of the first tokens of every phrase (read forwards). */
  firstIds(): number[] {
    return this.fwd.firstIds();
  }

  /** The longest phrase starting at token i (not after sentence punctuation), or null. */
  startsAt(p: Prepared, i: number): { key: string; value: T; t1: number } | null {
    if (i <= 0 || i >= p.cap.length || (p.gap[i] & GAP_SENTENCE)) return null;
    const ids = idsOf(p);
    const fwd = this.fwd;
    if (!fwd.opens(ids[i])) return null;
    let node = 0;
    let best: { key: string; value: T } | null = null;
    let bestJ = -1;
    for (let j = i; j < ids.length; j++) {
      if (j > i && (p.gap[j] & GAP_SENTENCE)) break;
      const id = ids[j];
      if (id < 0) break;
      node = fwd.child(node, id);
      if (node < 0) break;
      const v = fwd.valuesAt(node);
      if (v) { best = v[0]; bestJ = j; }
    }
    return best ? { key: best.key, value: best.value, t1: bestJ + 1 } : null;
  }

  /** The longest phrase ending just before token i (no sentence punctuation before i), or null. */
  endsBefore(p: Prepared, i: number): { key: string; value: T; t0: number } | null {
    if (i <= 0 || i > p.cap.length) return null;
    if (i < p.cap.length && (p.gap[i] & GAP_SENTENCE)) return null;
    const ids = idsOf(p);
    const bwd = this.bwd;
    if (!bwd.opens(ids[i - 1])) return null;
    let node = 0;
    let best: { key: string; value: T } | null = null;
    let bestJ = -1;
    for (let j = i - 1; j >= 0; j--) {
      const id = ids[j];
      if (id < 0) break;
      node = bwd.child(node, id);
      if (node < 0) break;
      const v = bwd.valuesAt(node);
      if (v) { best = v[0]; bestJ = j; }
      if (p.gap[j] & GAP_SENTENCE) break;
    }
    return best ? { key: best.key, value: best.value, t0: bestJ } : null;
  }

  /** True when the folded phrase is in the set. */
  has(phrase: string): boolean {
    return !!this.fwd.get(phrase);
  }
}

// ------------------------------------------------------------------ large matcher (typed arrays)

/** The parts of a TokenTrie as stored in the gazetteer cache. */
export interface TokenTrieData {
  /** The trie's own tokens, local id = index (or one token a line: the gazetteer cache's vocab.txt as read). */
  tokens: string[] | string;
  /** Edge table (open addressing, size a power of two): parent node, local token id (-1 empty), child node. */
  eNode: Int32Array;
  eTok: Int32Array;
  eChild: Int32Array;
  /** Values of node k: vals[valStart[k] .. valStart[k+1]). */
  valStart: Int32Array;
  vals: Int32Array;
}

/** Scratch for TokenTrie.matchesAt: the nodes with values met along one walk and their last tokens. */
const walkNodes: number[] = [];
const walkEnds: number[] = [];

/** Size of TokenTrie's table of recent words of no shared vocabulary (a power of two). */
const OTHER_SIZE = 1024;

/** A TokenTrie's tables ready to use (see TokenTrie.image). */
export interface TokenTrieImage {
  /** The trie's tokens (local id = index, or line number), or their table ready to use. */
  tokens: string[] | string | TokenTable;
  /** The edge table, interleaved: slot h holds [3h] the local token id (-1 empty), [3h + 1] the parent node, [3h + 2] the child node. */
  et: Int32Array;
  /** Number of edges (used slots of `et`). */
  edges: number;
  /** Number of keys (nodes holding values). */
  keys: number;
  valStart: Int32Array;
  vals: Int32Array;
}

function edgeHash(node: number, tok: number, mask: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(tok + 1, 0x85ebca77)) & mask;
}

/**
 * A trie of integer values (gazetteer rows) over token ids, in typed arrays: no object per
 * key or node, nothing for the garbage collector to walk, loaded from a file without parsing.
 * Keys added after loading (the curated overlay) extend the same tables.
 */
export class TokenTrie implements Dictionary<number> {
  /**
   * The edge table, interleaved (one cache line per probe): slot h holds [3h] the local token
   * id (-1 empty), [3h + 1] the parent node, [3h + 2] the child node.
   */
  private et: Int32Array;
  private edges = 0;
  private mask: number;
  private valStart: Int32Array;
  private vals: Int32Array;
  private nodes: number;
  private baseNodes: number;
  /**
   * The trie's own tokens → local id. Kept apart from the shared vocabulary: the gazetteer's
   * 100k+ tokens would make the lookup of every word of every text slower; a word is looked
   * up here only when a walk reaches it (a capitalized word, the next words of a name).
   */
  private tmap: TokenTable;
  /** Local ids of the tokens of the last text scanned (-2: not looked up yet). */
  private lastP: Prepared | null = null;
  private lastL: Int32Array = new Int32Array(0);
  /** child(0, l) + 2 of each local token id l (0: not looked up yet); cleared when keys are added. */
  private rootMemo: Int32Array = new Int32Array(0);
  /** Local id + 2 of each shared vocabulary id (0: not looked up yet); cleared when keys are added. */
  private byVocab: Int32Array = new Int32Array(0);
  /** rootChild() + 2 of the local id of each shared vocabulary id (0: not looked up yet); cleared when keys are added. */
  private rootByVocab: Int32Array = new Int32Array(0);
  /**
   * Local ids of recent words of no shared vocabulary, by their hash (a small direct-mapped
   * table, the word string as the key: prepare() hands the same string for a short word met
   * again): no probe of the large token table. Cleared when keys are added.
   */
  private otherWord: string[] = new Array<string>(OTHER_SIZE).fill('');
  private otherL = new Int32Array(OTHER_SIZE);
  /** Whether one of the memos above may hold something (addTokens clears them only then). */
  private memoized = false;
  /** Values added after loading, and decoded value lists (stable identity per node). */
  private more = new Map<number, number[]>();
  private moreFlag = new Uint8Array(0);
  /** Decoded value lists by node (a plain array: one index read per matched node). */
  private decoded: (number[] | undefined)[] = [];
  /**
   * One bit per node: 1 when the node has a child (most of a gazetteer's nodes end a name and
   * have none): a walk stops there without probing the large edge table. Built on first use,
   * dropped when keys are added.
   */
  private kids: Int32Array | null = null;
  /** Number of keys (nodes holding values). */
  size = 0;

  constructor(d?: TokenTrieData | TokenTrieImage) {
    const img = !d ? TokenTrie.image(TokenTrie.build([])) : 'et' in d ? d : TokenTrie.image(d);
    this.et = img.et;
    this.mask = img.et.length / 3 - 1;
    this.edges = img.edges;
    this.size = img.keys;
    this.valStart = img.valStart;
    this.vals = img.vals;
    this.nodes = img.valStart.length - 1;
    this.baseNodes = this.nodes;
    this.decoded = new Array(this.nodes).fill(undefined);
    if (img.tokens instanceof TokenTable) this.tmap = img.tokens;
    else if (typeof img.tokens === 'string') this.tmap = img.tokens ? TokenTable.fromLines(img.tokens) : new TokenTable();
    else {
      this.tmap = new TokenTable();
      for (let l = 0; l < img.tokens.length; l++) this.tmap.add(img.tokens[l]);
    }
  }

  /**
   * The tables as the trie uses them (the edge table interleaved, the counts): what the
   * gazetteer cache stores, so that loading it runs no loop over the tables.
   */
  static image(d: TokenTrieData): TokenTrieImage {
    const size = d.eTok.length;
    const et = new Int32Array(size * 3);
    let edges = 0;
    for (let k = 0; k < size; k++) {
      et[3 * k] = d.eTok[k];
      et[3 * k + 1] = d.eNode[k];
      et[3 * k + 2] = d.eChild[k];
      if (d.eTok[k] >= 0) edges++;
    }
    let keys = 0;
    for (let k = 0; k + 1 < d.valStart.length; k++) if (d.valStart[k + 1] > d.valStart[k]) keys++;
    return { tokens: d.tokens, et, edges, keys, valStart: d.valStart, vals: d.vals };
  }

  /** Builds the tables from keys (token lists) and their values. */
  static build(entries: Iterable<[string[], number[]]>): TokenTrieData & { tokens: string[] } {
    const tokIds = new Map<string, number>();
    const tokens: string[] = [];
    const edges = new Map<string, number>(); // `${node} ${tok}` → child
    const values: number[][] = [[]];
    for (const [toks, v] of entries) {
      let node = 0;
      for (const t of toks) {
        let l = tokIds.get(t);
        if (l === undefined) { l = tokens.length; tokIds.set(t, l); tokens.push(t); }
        const ek = `${node} ${l}`;
        let c = edges.get(ek);
        if (c === undefined) { c = values.length; values.push([]); edges.set(ek, c); }
        node = c;
      }
      for (const x of v) if (!values[node].includes(x)) values[node].push(x);
    }
    let size = 16;
    while (size < edges.size * 2) size *= 2;
    const eNode = new Int32Array(size), eTok = new Int32Array(size).fill(-1), eChild = new Int32Array(size);
    const mask = size - 1;
    for (const [ek, c] of edges) {
      const sp = ek.indexOf(' ');
      const node = +ek.slice(0, sp), tok = +ek.slice(sp + 1);
      let h = edgeHash(node, tok, mask);
      while (eTok[h] >= 0) h = (h + 1) & mask;
      eNode[h] = node; eTok[h] = tok; eChild[h] = c;
    }
    const valStart = new Int32Array(values.length + 1);
    let total = 0;
    for (let k = 0; k < values.length; k++) { valStart[k] = total; total += values[k].length; }
    valStart[values.length] = total;
    const vals = new Int32Array(total);
    let o = 0;
    for (const v of values) for (const x of v) vals[o++] = x;
    return { tokens, eNode, eTok, eChild, valStart, vals };
  }

  /** Local id of token i of a text (looked up once per text). */
  private localAt(p: Prepared, i: number): number {
    if (this.lastP !== p) {
      this.lastP = p;
      const n = p.tokens.tok.length;
      if (this.lastL.length < n) this.lastL = new Int32Array(Math.max(n, this.lastL.length * 2));
      this.lastL.fill(-2, 0, n);
    }
    let l = this.lastL[i];
    if (l === -2) {
      // A word of the shared vocabulary: its local id is remembered across texts (one array
      // read instead of a probe of the large table and a string comparison).
      const v = p.ids[i];
      if (v >= 0) {
        if (v >= this.byVocab.length) { const x = new Int32Array(Math.max(v + 1, vocab.size, this.byVocab.length * 2)); x.set(this.byVocab); this.byVocab = x; }
        l = this.byVocab[v] - 2;
        if (l === -2) { l = this.tmap.find(p.tokens.tok[i], p.hash[i]); this.byVocab[v] = l + 2; this.memoized = true; }
      } else {
        const t = p.tokens.tok[i];
        const slot = p.hash[i] & (OTHER_SIZE - 1);
        if (this.otherWord[slot] === t) l = this.otherL[slot];
        else {
          l = this.tmap.find(t, p.hash[i]);
          // Short strings only: a longer one may be a slice that keeps its whole text alive.
          if (t.length <= 12) { this.otherWord[slot] = t; this.otherL[slot] = l; this.memoized = true; }
        }
      }
      this.lastL[i] = l;
    }
    return l;
  }

  private child(node: number, l: number): number {
    const mask = this.mask, et = this.et;
    let h = edgeHash(node, l, mask);
    for (;;) {
      const b = 3 * h;
      const t = et[b];
      if (t < 0) return -1;
      if (t === l && et[b + 1] === node) return et[b + 2];
      h = (h + 1) & mask;
    }
  }

  /** child(0, l), remembered per token (the words of texts recur; the edge table is large). */
  private rootChild(l: number): number {
    if (l >= this.rootMemo.length) { const x = new Int32Array(Math.max(l + 1, this.tmap.size)); x.set(this.rootMemo); this.rootMemo = x; }
    const c = this.rootMemo[l];
    if (c !== 0) return c - 2;
    const r = this.child(0, l);
    this.rootMemo[l] = r + 2;
    this.memoized = true;
    return r;
  }

  /** The child of the root by token i of a text, or -1 (for a word of the shared vocabulary, one array read across texts). */
  private rootAt(p: Prepared, i: number): number {
    const v = p.ids[i];
    if (v >= 0 && v < this.rootByVocab.length) {
      const c = this.rootByVocab[v];
      if (c !== 0) return c - 2;
    }
    const l = this.localAt(p, i);
    const r = l < 0 ? -1 : this.rootChild(l);
    if (v >= 0) {
      if (v >= this.rootByVocab.length) { const x = new Int32Array(Math.max(v + 1, vocab.size, this.rootByVocab.length * 2)); x.set(this.rootByVocab); this.rootByVocab = x; }
      this.rootByVocab[v] = r + 2;
      this.memoized = true;
    }
    return r;
  }

  /** Writes an edge into the first free slot of its probe sequence. */
  private static put(et: Int32Array, mask: number, node: number, l: number, c: number): void {
    let h = edgeHash(node, l, mask);
    while (et[3 * h] >= 0) h = (h + 1) & mask;
    et[3 * h] = l; et[3 * h + 1] = node; et[3 * h + 2] = c;
  }

  private hasValues(node: number): boolean {
    return (node < this.baseNodes && this.valStart[node + 1] > this.valStart[node]) || (node < this.moreFlag.length && this.moreFlag[node] === 1);
  }

  /** The values of a node (one array per node, the same array every time). */
  private valuesOf(node: number): number[] {
    let v = this.decoded[node];
    if (v) return v;
    v = [];
    if (node < this.baseNodes) for (let k = this.valStart[node]; k < this.valStart[node + 1]; k++) v.push(this.vals[k]);
    for (const x of this.more.get(node) ?? []) if (!v.includes(x)) v.push(x);
    this.decoded[node] = v;
    return v;
  }

  private grow(): void {
    const size = (this.mask + 1) * 2;
    const et = new Int32Array(size * 3);
    for (let k = 0; k < size; k++) et[3 * k] = -1;
    const mask = size - 1;
    const old = this.et;
    for (let k = 0; k <= this.mask; k++) {
      if (old[3 * k] < 0) continue;
      TokenTrie.put(et, mask, old[3 * k + 1], old[3 * k], old[3 * k + 2]);
    }
    this.et = et; this.mask = mask;
  }

  /** The `kids` bits of every node (see kids). */
  private buildKids(): Int32Array {
    const k = new Int32Array((this.nodes >> 5) + 1);
    const et = this.et;
    for (let h = 0; h <= this.mask; h++) {
      if (et[3 * h] < 0) continue;
      const node = et[3 * h + 1];
      k[node >> 5] |= 1 << (node & 31);
    }
    this.kids = k;
    return k;
  }

  /** Adds `value` under a token list (folded, canonical). */
  addTokens(toks: string[], value: number): void {
    let node = 0;
    this.lastP = null;
    this.kids = null;
    if (this.memoized) {
      this.byVocab.fill(0);
      this.rootMemo.fill(0);
      this.rootByVocab.fill(0);
      this.otherWord.fill('');
      this.memoized = false;
    }
    for (const t of toks) {
      const l = this.tmap.add(t);
      let c = this.child(node, l);
      if (c < 0) {
        if ((this.edges + 1) * 2 > this.mask + 1) this.grow();
        c = this.nodes++;
        TokenTrie.put(this.et, this.mask, node, l, c);
        this.edges++;
      }
      node = c;
    }
    if (!this.hasValues(node)) this.size++;
    const m = this.more.get(node);
    if (m) { if (!m.includes(value)) m.push(value); } else this.more.set(node, [value]);
    if (node >= this.moreFlag.length) { const f = new Uint8Array(Math.max(node + 1, this.moreFlag.length * 2, 1024)); f.set(this.moreFlag); this.moreFlag = f; }
    this.moreFlag[node] = 1;
    this.decoded[node] = undefined;
  }

  /** Adds `value` under a name (folded here); also under the name without leading articles. */
  add(name: string, value: number): void {
    const toks = keyTokens(name);
    if (!toks.length) return;
    this.addTokens(toks, value);
    const s = stripArticles(toks);
    if (s.length !== toks.length && (s.length > 1 || s[0].length > 2)) this.addTokens(s, value);
  }

  /** The values stored under an exact folded key ("deir ez zor"), or undefined. */
  get(key: string): number[] | undefined {
    let node = 0;
    for (const t of key.split(' ')) {
      const l = this.tmap.get(t);
      if (l < 0) return undefined;
      node = this.child(node, l);
      if (node < 0) return undefined;
    }
    return this.hasValues(node) ? this.valuesOf(node) : undefined;
  }

  /** True when some key starts with the token at i. */
  startsAt(p: Prepared, i: number): boolean {
    return this.rootAt(p, i) >= 0;
  }

  /** All keys starting at token `i`, longest first. */
  matchesAt(p: Prepared, i: number): Match<number>[] {
    const { start, end } = p.tokens;
    const n = start.length;
    // The nodes holding values and their last tokens, then a list of exactly that size.
    let k = 0;
    let node = 0;
    const kids = this.kids ?? this.buildKids();
    for (let j = i; j < n; j++) {
      if (j === i) node = this.rootAt(p, i);
      else {
        if ((kids[node >> 5] & (1 << (node & 31))) === 0) break; // a node with no child: no probe
        const l = this.localAt(p, j);
        node = l < 0 ? -1 : this.child(node, l);
      }
      if (node < 0) break;
      if (this.hasValues(node)) { if (k === walkNodes.length) { walkNodes.push(0); walkEnds.push(0); } walkNodes[k] = node; walkEnds[k] = j; k++; }
    }
    if (k === 0) return EMPTY as Match<number>[];
    const s = start[i];
    if (k === 1) return [{ start: s, end: end[walkEnds[0]], t0: i, t1: walkEnds[0] + 1, values: this.valuesOf(walkNodes[0]) }];
    // pushed, not stored into new Array(k): the same array kind as the one-match list above (src/common/arrays.ts)
    const out: Match<number>[] = [];
    for (let q = 0; q < k; q++) {
      const j = walkEnds[k - 1 - q];
      out.push({ start: s, end: end[j], t0: i, t1: j + 1, values: this.valuesOf(walkNodes[k - 1 - q]) });
    }
    return out;
  }

  /** The longest key starting at token `i`, or null. */
  longestAt(p: Prepared, i: number): Match<number> | null {
    return this.matchesAt(p, i)[0] ?? null;
  }
}
