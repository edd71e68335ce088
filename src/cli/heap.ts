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
 */
import v8 from 'node:v8';

export const SEMI_SPACE_FLAG = '--max-semi-space-size=32';
export const HEAP_GROWING_PERCENT = 30;

/**
 * Sets the old generation's growth (HEAP_GROWING_PERCENT) unless the node command line or
 * NODE_OPTIONS already chose one. Returns, for reports, whether node was given a semi-space
 * size and the growth set here (null when node was given its own).
 */
export function tuneHeap(): { semiSpace: boolean; growingPercent: number | null } {
  // V8 spells its flags with - or _ alike
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => `--${a.replace(/^--/, '').replace(/_/g, '-')}`);
  const has = (flag: string): boolean => given.some((a) => a === flag || a.startsWith(`${flag}=`));
  let growingPercent: number | null = null;
  if (!has('--heap-growing-percent')) {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    growingPercent = HEAP_GROWING_PERCENT;
  }
  return { semiSpace: has('--max-semi-space-size'), growingPercent };
}
