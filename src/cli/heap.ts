/**
 * The garbage collector's settings for a process that runs the pipeline (`vigie` and the bench).
 *
 * The pipeline allocates ~180 KB per document, and a batch of documents keeps its annotations
 * until it is written. With V8's default young generation (16 MB semi-spaces, about one
 * batch of allocation) nearly every batch's annotations meet a scavenge, are copied and then
 * promoted to the old generation, where they die and wait for a major collection: the bench
 * spent 10–14 % of annotate's wall time in collection pauses, more on the helper threads,
 * and the old generation grew to ~4× its live size before being compacted (that growth was
 * most of the peak memory of ingest).
 *
 * Two settings, measured together on the bench (10,000 articles):
 *   - SEMI_SPACE_FLAG, 32 MB semi-spaces: a batch's objects mostly die young; collection
 *     pauses ~12 % → ~4 % of annotate, annotate ~1,750 → ~2,050 articles/s. It must be given
 *     to node on its command line (V8 sizes the young generation when the process starts): the
 *     `vigie` bin's shebang, the npm scripts and scripts/demo.sh pass it. Without it Vigie runs
 *     the same, only slower.
 *   - HEAP_GROWING_PERCENT: the old generation may grow 30 % past its live size before a major
 *     collection (instead of up to 4×). 32 MB semi-spaces alone raise the bench's peak memory to
 *     ~495 MB, at the 500 MB budget; with this setting too it is ~335 MB (default settings:
 *     ~420 MB). V8 reads this flag each time it sets a limit, so it is set here, at start-up,
 *     from inside the process.
 *
 * And one more, also set here: no allocation-site pretenuring (NO_PRETENURING_FLAG). V8 watches
 * which object literals' objects survive scavenges and, past a ratio, allocates that site's
 * objects straight in the old generation. A document's annotations survive the scavenge that
 * meets their batch, so now and then V8 pretenured one of their sites; each such object, dead
 * once its batch was done, kept everything the pipeline had attached to it alive through the
 * next scavenges (pointers from the old generation into the young one count as live until a
 * major collection), and that was promoted too. It happened in about one bench run in five
 * (measured with --trace-gc-nvp, 5 runs: promoted 171 MB instead of 61, scavenge pauses 646 ms
 * instead of 343–391, annotate 1,370 art/s against 1,684–1,972), and in every run of a script
 * that fed the pipeline from an array. With the flag, none of 6 bench runs had it (promoted
 * 59–63 MB). `vigie ingest` of the 10,000 bench articles, 3 alternated runs: user CPU
 * 11.95–12.53 s with the flag, 12.24–12.60 s without (its batches wait for the store, and are
 * promoted either way).
 */
import v8 from 'node:v8';

export const SEMI_SPACE_FLAG = '--max-semi-space-size=32';
export const HEAP_GROWING_PERCENT = 30;
export const NO_PRETENURING_FLAG = '--no-allocation-site-pretenuring';

/**
 * Sets the old generation's growth (HEAP_GROWING_PERCENT) unless the node command line or
 * NODE_OPTIONS already chose one, and turns allocation-site pretenuring off unless they said
 * --allocation-site-pretenuring or --no-allocation-site-pretenuring. Returns, for reports,
 * whether node was given a semi-space size, the growth set here (null when node was given its
 * own) and whether pretenuring stays on.
 */
export function tuneHeap(): { semiSpace: boolean; growingPercent: number | null; pretenuring: boolean } {
  // V8 spells its flags with - or _ alike
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => `--${a.replace(/^--/, '').replace(/_/g, '-')}`);
  const has = (flag: string): boolean => given.some((a) => a === flag || a.startsWith(`${flag}=`));
  let growingPercent: number | null = null;
  if (!has('--heap-growing-percent')) {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    growingPercent = HEAP_GROWING_PERCENT;
  }
  // the last of --allocation-site-pretenuring / --no-allocation-site-pretenuring wins, as in V8
  const said = given.filter((a) => a === '--allocation-site-pretenuring' || a === NO_PRETENURING_FLAG).pop();
  if (said === undefined) v8.setFlagsFromString(NO_PRETENURING_FLAG);
  return { semiSpace: has('--max-semi-space-size'), growingPercent, pretenuring: said === '--allocation-site-pretenuring' };
}
