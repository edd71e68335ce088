/**
 * SimHash helpers for near-duplicate detection (the same wire dispatch on several sites).
 *
 * A SimHash here is 64 bits written as 16 hex characters (Doc.simhash, computed by clean).
 * Two documents are near-duplicates when their similarity, 1 − hamming/64, reaches
 * STORY_SIMILARITY (0.9, i.e. at most 6 differing bits).
 *
 * Finding candidates without scanning every stored document (multi-index hashing): the 64
 * bits are cut into 4 bands of 16 bits, each stored in an indexed column. If two hashes
 * differ in at most 7 bits, then at least one band differs in at most 1 bit (pigeonhole:
 * 4 bands × 2 bits = 8 > 7). So looking up, for each band, its value and its 16 one-bit
 * neighbours (17 values × 4 bands) finds every candidate within the threshold, exactly.
 *
 * The SimHash itself and the Hamming distance come from the clean stage
 * (src/clean/fingerprint.ts); this module adds what the store needs to find and link them.
 */
import { hamming } from '../clean/fingerprint.js';

/** Similarity at or above which two documents are linked to one story. */
export const STORY_SIMILARITY = 0.9;
/** The largest Hamming distance (of 64 bits) that still reaches STORY_SIMILARITY. */
export const MAX_STORY_DISTANCE = Math.floor(64 * (1 - STORY_SIMILARITY) + 1e-9);

const HEX64 = /^[0-9a-f]{16}$/i;

/** True when `h` is a 64-bit SimHash in hex. */
export function isSimhash(h: string | null | undefined): h is string {
  return typeof h === 'string' && HEX64.test(h);
}

/** Number of differing bits between two 64-bit hex SimHashes (the clean stage's helper). */
export { hamming };

/** 1 − hamming/64, in [0, 1]. */
export function similarity(a: string, b: string): number {
  return 1 - hamming(a, b) / 64;
}

/** The four 16-bit bands of a SimHash (most significant first), or null when it is not one. */
export function bands(h: string | null | undefined): [number, number, number, number] | null {
  if (!isSimhash(h)) return null;
  return [
    parseInt(h.slice(0, 4), 16),
    parseInt(h.slice(4, 8), 16),
    parseInt(h.slice(8, 12), 16),
    parseInt(h.slice(12, 16), 16),
  ];
}

/** A band value and its 16 one-bit neighbours (17 values). */
export function bandProbes(v: number): number[] {
  const out = [v];
  for (let k = 0; k < 16; k++) out.push(v ^ (1 << k));
  return out;
}

export interface StoryCandidate {
  id: string;
  simhash: string;
  story: string | null;
}

/**
 * The best near-duplicate among candidates (smallest distance, then earliest in the list),
 * when its similarity reaches STORY_SIMILARITY; null otherwise.
 */
export function bestMatch<C extends StoryCandidate>(simhash: string, candidates: Iterable<C>): { candidate: C; similarity: number } | null {
  let best: C | null = null;
  let bestD = MAX_STORY_DISTANCE + 1;
  for (const c of candidates) {
    if (!isSimhash(c.simhash)) continue;
    const d = hamming(simhash, c.simhash);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best ? { candidate: best, similarity: 1 - bestD / 64 } : null;
}

/** The story id given to a story whose first document is `docId`. */
export function storyIdFor(docId: string): string {
  return `story:${docId}`;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * An in-memory multi-index over stored SimHashes (the same 4 bands × 17 probes as above),
 * so that linking a new document costs a few array reads instead of a database query.
 * Entries are (key, simhash) with increasing keys (document insertion order); a store keeps
 * one per connection, fills it lazily from the database, tops it up with rows other writers
 * added (keys above `maxKey`) when it takes the write lock, and undoes its own additions
 * when a batch rolls back (`mark` / `rollback`). About 30 bytes per document.
 */
export class SimIndex {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private keys = new Float64Array(1024);
  /** next[4 * i + band]: the previous entry with the same band value (-1 ends the chain). */
  private next = new Int32Array(4096);
  /** heads[band * 65536 + value]: the latest entry with that band value, or -1. */
  private readonly heads = new Int32Array(4 * 65536).fill(-1);
  private n = 0;
  /** The largest key added (0 when empty). */
  maxKey = 0;

  get size(): number {
    return this.n;
  }

  /** Adds a document; keys must increase. A value that is not a 64-bit hex SimHash is ignored. */
  add(key: number, simhash: string | null | undefined): void {
    if (key > this.maxKey) this.maxKey = key;
    if (!isSimhash(simhash)) return;
    if (this.n === this.hi.length) this.grow();
    const i = this.n++;
    const hi = parseInt(simhash.slice(0, 8), 16);
    const lo = parseInt(simhash.slice(8), 16);
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.keys[i] = key;
    const vals = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
    for (let b = 0; b < 4; b++) {
      const h = b * 65536 + vals[b];
      this.next[4 * i + b] = this.heads[h];
      this.heads[h] = i;
    }
  }

  /**
   * The nearest stored document within MAX_STORY_DISTANCE bits (ties: the earliest key), or
   * null. Exact: every hash within 7 bits shares a probed band value (see above).
   */
  nearest(simhash: string | null | undefined): { key: number; distance: number; similarity: number } | null {
    if (!isSimhash(simhash) || this.n === 0) return null;
    const hi = parseInt(simhash.slice(0, 8), 16);
    const lo = parseInt(simhash.slice(8), 16);
    const vals = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
    let best = -1;
    let bestD = MAX_STORY_DISTANCE + 1;
    for (let b = 0; b < 4; b++) {
      for (let p = -1; p < 16; p++) {
        const v = p < 0 ? vals[b] : vals[b] ^ (1 << p);
        for (let i = this.heads[b * 65536 + v]; i >= 0; i = this.next[4 * i + b]) {
          const d = popcount(this.hi[i] ^ hi) + popcount(this.lo[i] ^ lo);
          if (d < bestD || (d === bestD && best >= 0 && this.keys[i] < this.keys[best])) {
            best = i;
            bestD = d;
          }
        }
      }
    }
    return best < 0 ? null : { key: this.keys[best], distance: bestD, similarity: 1 - bestD / 64 };
  }

  /** A point to roll back to. */
  mark(): { n: number; maxKey: number } {
    return { n: this.n, maxKey: this.maxKey };
  }

  /** Removes the entries added since `m` (a rolled-back batch). */
  rollback(m: { n: number; maxKey: number }): void {
    for (let i = this.n - 1; i >= m.n; i--) {
      const hi = this.hi[i];
      const lo = this.lo[i];
      const vals = [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
      for (let b = 0; b < 4; b++) this.heads[b * 65536 + vals[b]] = this.next[4 * i + b];
    }
    this.n = Math.min(this.n, m.n);
    this.maxKey = m.maxKey;
  }

  private grow(): void {
    const cap = this.hi.length * 2;
    const hi = new Uint32Array(cap);
    hi.set(this.hi);
    this.hi = hi;
    const lo = new Uint32Array(cap);
    lo.set(this.lo);
    this.lo = lo;
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    this.keys = keys;
    const next = new Int32Array(cap * 4);
    next.set(this.next);
    this.next = next;
  }
}
