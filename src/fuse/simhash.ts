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
