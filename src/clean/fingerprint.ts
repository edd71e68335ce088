/**
 * Fingerprints of the cleaned text:
 *  - `contentHash`: SHA-256 (hex) of the text with Unicode NFC and whitespace collapsed (case
 *    kept): the same article re-ingested gets the same hash;
 *  - `simhash`: a 64-bit SimHash (16 hex chars) over 3-word shingles of folded words, for
 *    near-duplicates (the same wire dispatch on several sites with other headers/footers).
 */
import { createHash } from 'node:crypto';
import { foldText } from './normalize.js';

export function contentHash(text: string): string {
  const norm = text.normalize('NFC').replace(/[\s\u00A0\u202F]+/g, ' ').trim();
  return createHash('sha256').update(norm, 'utf8').digest('hex');
}

/** Two independent 32-bit FNV-1a style hashes of a string (different offsets and a final mix). */
function hash64(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // Final avalanche (murmur3 fmix32) so that near strings spread over all bits.
  const mix = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  };
  return [mix(a), mix(b ^ a)];
}

const SHINGLE = 3;

export function simhash(text: string): string {
  const toks = foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const v = new Int32Array(64);
  const n = toks.length;
  const add = (s: string) => {
    const [hi, lo] = hash64(s);
    for (let bit = 0; bit < 32; bit++) {
      v[bit] += (hi >>> bit) & 1 ? 1 : -1;
      v[32 + bit] += (lo >>> bit) & 1 ? 1 : -1;
    }
  };
  if (n === 0) return '0'.repeat(16);
  if (n < SHINGLE) add(toks.join(' '));
  else for (let i = 0; i + SHINGLE <= n; i++) add(toks[i] + ' ' + toks[i + 1] + ' ' + toks[i + 2]);
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (v[bit] > 0) hi |= 1 << bit;
    if (v[32 + bit] > 0) lo |= 1 << bit;
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
