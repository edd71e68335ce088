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

/** fmix with the same 32 bits as a signed integer (stays a small integer in the engine: no boxing). */
function fmixI(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Code units of the hex digits 0-9a-f. */
const HEX_DIGIT = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
/**
 * (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0'), in one
 * flat string from its 16 digits (no number-to-string conversions, pads or concatenations).
 */
function hex64(hi: number, lo: number): string {
  const d = HEX_DIGIT;
  return String.fromCharCode(
    d[(hi >>> 28) & 15], d[(hi >>> 24) & 15], d[(hi >>> 20) & 15], d[(hi >>> 16) & 15],
    d[(hi >>> 12) & 15], d[(hi >>> 8) & 15], d[(hi >>> 4) & 15], d[hi & 15],
    d[(lo >>> 28) & 15], d[(lo >>> 24) & 15], d[(lo >>> 20) & 15], d[(lo >>> 16) & 15],
    d[(lo >>> 12) & 15], d[(lo >>> 8) & 15], d[(lo >>> 4) & 15], d[lo & 15],
  );
}

const SHINGLE = 3;
let HA = new Int32Array(1024);
let HB = new Int32Array(1024);
/** Share of the words at each end of the text whose shingles weigh 1 instead of 3 (at most EDGE_MAX words). */
const EDGE_SHARE = 0.1;
const EDGE_MAX = 40;

/**
 * Per-bit counters in SWAR nibbles: NIB[k] (k = 0..3) holds, in its nibble j, how many shingles
 * since the last flush had bit 4j + k of the high half set; NIB[4 + k] the same for the low
 * half. A nibble holds 15 at most, so the nibbles are flushed into CNT (bit → weighted count,
 * high half 0..31, low half 32..63) every NIB_MAX shingles and where the weight changes.
 */
const NIB_MAX = 15;
const NIB = new Int32Array(8);
const CNT = new Int32Array(64);

/** Adds the nibble counters, times `w`, to CNT and empties them. */
function flushNibbles(w: number): void {
  for (let k = 0; k < 8; k++) {
    const v = NIB[k];
    if (v === 0) continue;
    NIB[k] = 0;
    const base = k < 4 ? k : 32 + (k - 4);
    for (let j = 0; j < 8; j++) CNT[base + 4 * j] += w * ((v >>> (4 * j)) & 15);
  }
}

/** Counts the bits of shingles [from, to) (hashes of words ha/hb), each weighing `w`. */
function countShingles(ha: Int32Array, hb: Int32Array, from: number, to: number, w: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  let pending = 0;
  for (let i = from; i < to; i++) {
    const hi = fmixI(Math.imul(fmixI(Math.imul(ha[i], 31) ^ ha[i + 1]), 31) ^ ha[i + 2]);
    const lo = fmixI(Math.imul(fmixI(Math.imul(hb[i], 37) ^ hb[i + 1]), 37) ^ hb[i + 2]);
    a0 = (a0 + (hi & 0x11111111)) | 0;
    a1 = (a1 + ((hi >>> 1) & 0x11111111)) | 0;
    a2 = (a2 + ((hi >>> 2) & 0x11111111)) | 0;
    a3 = (a3 + ((hi >>> 3) & 0x11111111)) | 0;
    b0 = (b0 + (lo & 0x11111111)) | 0;
    b1 = (b1 + ((lo >>> 1) & 0x11111111)) | 0;
    b2 = (b2 + ((lo >>> 2) & 0x11111111)) | 0;
    b3 = (b3 + ((lo >>> 3) & 0x11111111)) | 0;
    if (++pending === NIB_MAX || i + 1 === to) {
      NIB[0] = a0;
      NIB[1] = a1;
      NIB[2] = a2;
      NIB[3] = a3;
      NIB[4] = b0;
      NIB[5] = b1;
      NIB[6] = b2;
      NIB[7] = b3;
      flushNibbles(w);
      a0 = a1 = a2 = a3 = b0 = b1 = b2 = b3 = 0;
      pending = 0;
    }
  }
}

/**
 * 64-bit SimHash over 3-word shingles of folded words (case, accents and punctuation do not
 * matter). One pass over the text: each word is hashed as it is read (two 32-bit FNV-style
 * hashes), each shingle's 64 bits are mixed from its three words' hashes. Shingles in the
 * first and last 10% of the words (40 at most) weigh a third of the others.
 */
export function simhash(text: string): string {
  // Word hashes go to buffers kept between calls (allocating typed arrays per call costs more than hashing).
  const len = text.length;
  // A word is one code unit or more and words are apart, so a text holds at most (len + 1) / 2
  // of them: the buffers are grown once here, not checked per word.
  if (HA.length < (len + 1) >>> 1) {
    let size = HA.length;
    while (size < (len + 1) >>> 1) size *= 2;
    HA = new Int32Array(size);
    HB = new Int32Array(size);
  }
  const ha = HA;
  const hb = HB;
  let n = 0;
  let i = 0;
  while (i < len) {
    let f = FOLD[text.charCodeAt(i)];
    // A combining mark outside a word is skipped (it does not start one).
    if (f === 0 || f === 0xffff) {
      i++;
      continue;
    }
    let a = 0x811c9dc5;
    let b = 0x9e3779b9;
    // The word's code units up to the next non-word one; combining marks inside add nothing.
    for (;;) {
      if (f !== 0xffff) {
        a = Math.imul(a ^ f, 0x01000193);
        b = Math.imul(b ^ f, 0x5bd1e995);
        b ^= b >>> 15;
      }
      if (++i === len) break;
      f = FOLD[text.charCodeAt(i)];
      if (f === 0) break;
    }
    ha[n] = fmixI(a);
    hb[n] = fmixI(b ^ a);
    n++;
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
    return hex64(hi, lo);
  }
  // Headers and footers (titles, credits, "published by…") are where copies of one
  // dispatch differ: shingles near the edges weigh less than the body's.
  CNT.fill(0);
  const edge = Math.min(EDGE_MAX, Math.floor(n * EDGE_SHARE));
  // Shingle i weighs 1 when i < edge or i + SHINGLE > n - edge, else 3: a weight-1 head, a
  // weight-3 core (possibly empty), a weight-1 tail.
  const count = n - SHINGLE + 1;
  const coreFrom = Math.min(edge, count);
  const coreTo = Math.max(coreFrom, n - edge - SHINGLE + 1);
  countShingles(ha, hb, 0, coreFrom, 1);
  countShingles(ha, hb, coreFrom, coreTo, 3);
  countShingles(ha, hb, coreTo, count, 1);
  // A bit is set when the weight of the shingles having it exceeds half the total.
  const total = count + 2 * (coreTo - coreFrom);
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * CNT[bit] - total > 0) hi |= 1 << bit;
    if (2 * CNT[32 + bit] - total > 0) lo |= 1 << bit;
  }
  return hex64(hi, lo);
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
