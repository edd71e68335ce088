/**
 * V8's settings for a process that runs the pipeline (`vigie` and the bench): the garbage
 * collector's (tuneHeap) and the optimizing compiler's (tuneCompiler, at the end).
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

/** The V8 flags node was given (command line, NODE_OPTIONS), spelt with - only. */
function givenFlags(): string[] {
  // V8 spells its flags with - or _ alike
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => `--${a.replace(/^--/, '').replace(/_/g, '-')}`);
}
const has = (given: string[], flag: string): boolean => given.some((a) => a === flag || a.startsWith(`${flag}=`));

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
  const given = givenFlags();
  let growingPercent: number | null = null;
  if (!has(given, '--heap-growing-percent')) {
    v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    growingPercent = HEAP_GROWING_PERCENT;
  }
  // the last of --allocation-site-pretenuring / --no-allocation-site-pretenuring wins, as in V8
  const said = given.filter((a) => a === '--allocation-site-pretenuring' || a === NO_PRETENURING_FLAG).pop();
  if (said === undefined) v8.setFlagsFromString(NO_PRETENURING_FLAG);
  return { semiSpace: has(given, '--max-semi-space-size'), growingPercent, pretenuring: said === '--allocation-site-pretenuring' };
}

/**
 * The optimizing compiler's inlining budget: TurboFan inlines callees into a function it
 * compiles until they add up to INLINING_BUDGET bytecodes (V8's default: 920). The pipeline's
 * large functions (findEntities, extractEvents, findPlaces…) call many middle-sized helpers,
 * and with the default each compilation took in most of them: over a cold bench run (10,000
 * articles) TurboFan spent ~1.7–1.9 s on the helper threads, a quarter of annotate's CPU time,
 * and the code was no faster. Measured on the bench (--stages, 3 alternated runs each, budget
 * 920 / 460 / 300): helper-thread CPU 1.70–1.85 / 1.51–1.56 / 1.32–1.45 s, annotate
 * 1,397–1,608 / 1,661–1,725 / 1,671–1,847 articles per CPU second, the warm second half
 * 2,020–2,461 / 2,407–2,680 / 2,413–2,656 art/s; 150 was no better than 300 (3 pairs). With
 * compilation on the main thread (--no-concurrent-recompilation --trace-opt, 2 runs each) its
 * total fell from 2,517–2,608 ms to 1,534–1,731 ms. TurboFan reads the flag at each
 * compilation, so it is set here, from inside the process, unless node was given one.
 */
export const INLINING_BUDGET = 300;

/** Sets the inlining budget (INLINING_BUDGET) unless node was given one; returns the budget set, or null. */
export function tuneCompiler(): number | null {
  if (has(givenFlags(), '--max-inlined-bytecode-size-cumulative')) return null;
  v8.setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
  return INLINING_BUDGET;
}
