/**
 * Fingerprints of the cleaned text:
 *  - `contentHash`: SHA-256 (hex) of the text with Unicode NFC and whitespace collapsed (case
 *    kept): the same article re-ingested gets the same hash;
 *  - `simhash`: a 64-bit SimHash (16 hex chars) over 3-word shingles of folded words, for
 *    near-duplicates (the same wire dispatch on several sites with other headers/footers).
 */
import * as crypto from 'node:crypto';

const SPACE_RUN = /[\s\u00A0\u202F]{2,}|[^\S ]/g;

/** SHA-256 hex of a string: the one-shot crypto.hash where Node has it (20.12+), else createHash. */
const sha256: (s: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (s) => (crypto as unknown as { hash: (alg: string, data: string, enc: string) => string }).hash('sha256', s, 'hex')
    : (s) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Code units that may not be NFC as they stand: anything but ASCII, Latin-1 and Latin Extended
 * letters, spacing modifiers, general punctuation from U+2010 and currency signs (none of
 * those decomposes or composes with its neighbours).
 */
const NOT_NFC_SAFE = /[^\x00-\u02FF\u2010-\u205E\u20A0-\u20BF]/;

export function contentHash(text: string): string {
  // NFC only changes text with combining marks or rarer scripts; only runs of spaces and
  // other whitespace are rewritten (replacing every single space costs more than the hash).
  const nfc = NOT_NFC_SAFE.test(text) ? text.normalize('NFC') : text;
  return sha256(nfc.replace(SPACE_RUN, ' ').trim());
}

/**
 * Folding table for the SimHash tokenizer: 0 for non-word code units, else the folded code
 * (lower case, accents removed via NFD's base letter). Built once.
 */
const FOLD = new Uint16Array(65536);
(function init() {
  const word = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (!word.test(ch)) {
      // Combining marks are part of a word but add nothing (decomposed accents).
      if (/\p{M}/u.test(ch)) FOLD[c] = 0xffff;
      continue;
    }
    const base = ch.normalize('NFD')[0].toLowerCase();
    FOLD[c] = base.length === 1 ? base.charCodeAt(0) : ch.toLowerCase().charCodeAt(0);
  }
})();

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SHINGLE = 3;
let HA = new Uint32Array(1024);
let HB = new Uint32Array(1024);
/** Share of the words at each end of the text whose shingles weigh 1 instead of 3 (at most EDGE_MAX words). */
const EDGE_SHARE = 0.1;
const EDGE_MAX = 40;

/**
 * Bit-sliced counters: 32 counters (one per bit of a 32-bit word) stored as PLANES words, the
 * p-th holding bit p of every counter. Four sets at PLANES-word strides: high and low halves of
 * the edge shingles (weight 1), high and low halves of the others (weight 3). Adding a word adds
 * one to the counter of each of its set bits with a ripple carry (about two steps on average).
 */
const PLANES = 32;
const VC = new Int32Array(4 * PLANES);

function vadd(off: number, x: number): void {
  let carry = x;
  for (let p = off; carry !== 0; p++) {
    const t = VC[p] & carry;
    VC[p] ^= carry;
    carry = t;
  }
}

/** Counter `bit` of the set at `off`, whose counters all fit in `planes` bits (at most 31). */
function vget(off: number, bit: number, planes: number): number {
  let v = 0;
  for (let p = 0; p < planes; p++) v |= ((VC[off + p] >>> bit) & 1) << p;
  return v;
}

/**
 * 64-bit SimHash over 3-word shingles of folded words (case, accents and punctuation do not
 * matter). One pass over the text: each word is hashed as it is read (two 32-bit FNV-style
 * hashes), each shingle's 64 bits are mixed from its three words' hashes. Shingles in the
 * first and last 10% of the words (40 at most) weigh a third of the others.
 */
export function simhash(text: string): string {
  // Word hashes go to buffers kept between calls (allocating typed arrays per call costs more than hashing).
  let ha = HA;
  let hb = HB;
  let n = 0;
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i <= len; i++) {
    const f = i < len ? FOLD[text.charCodeAt(i)] : 0;
    if (f !== 0) {
      if (f === 0xffff) continue;
      a = Math.imul(a ^ f, 0x01000193);
      b = Math.imul(b ^ f, 0x5bd1e995);
      b ^= b >>> 15;
      inWord = true;
    } else if (inWord) {
      if (n === ha.length) {
        const na = new Uint32Array(n * 2);
        na.set(ha);
        ha = na;
        const nb = new Uint32Array(n * 2);
        nb.set(hb);
        hb = nb;
        HA = ha;
        HB = hb;
      }
      ha[n] = fmix(a);
      hb[n] = fmix(b ^ a);
      n++;
      a = 0x811c9dc5;
      b = 0x9e3779b9;
      inWord = false;
    }
  }
  if (n === 0) return '0'.repeat(16);
  if (n < SHINGLE) {
    // One shingle of all the words: its bits are the hash.
    let hi = 0x9e3779b9;
    let lo = 0x85ebca6b;
    for (let i = 0; i < n; i++) {
      hi = fmix(Math.imul(hi, 31) ^ ha[i]);
      lo = fmix(Math.imul(lo, 37) ^ hb[i]);
    }
    return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
  }
  // Headers and footers (titles, credits, "published by…") are where copies of one
  // dispatch differ: shingles near the edges weigh less than the body's.
  VC.fill(0);
  const edge = Math.min(EDGE_MAX, Math.floor(n * EDGE_SHARE));
  let n1 = 0;
  let n3 = 0;
  for (let i = 0; i + SHINGLE <= n; i++) {
    const hi = fmix(Math.imul(fmix(Math.imul(ha[i], 31) ^ ha[i + 1]), 31) ^ ha[i + 2]);
    const lo = fmix(Math.imul(fmix(Math.imul(hb[i], 37) ^ hb[i + 1]), 37) ^ hb[i + 2]);
    if (i < edge || i + SHINGLE > n - edge) {
      n1++;
      vadd(0, hi);
      vadd(PLANES, lo);
    } else {
      n3++;
      vadd(2 * PLANES, hi);
      vadd(3 * PLANES, lo);
    }
  }
  // A bit is set when the weight of the shingles having it exceeds half the total.
  const total = n1 + 3 * n3;
  // no counter exceeds the number of shingles
  const planes = 32 - Math.clz32(n);
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * (vget(0, bit, planes) + 3 * vget(2 * PLANES, bit, planes)) - total > 0) hi |= 1 << bit;
    if (2 * (vget(PLANES, bit, planes) + 3 * vget(3 * PLANES, bit, planes)) - total > 0) lo |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two 16-hex-char SimHashes. */
export function hamming(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/i.test(a) || !/^[0-9a-f]{16}$/i.test(b)) throw new Error(`not a 64-bit simhash: ${a} / ${b}`);
  const x = parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16);
  const y = parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16);
  return popcount32(x) + popcount32(y);
}

/** Similarity in [0, 1]: 1 - hamming / 64. */
export function simhashSimilarity(a: string, b: string): number {
  return 1 - hamming(a, b) / 64;
}
