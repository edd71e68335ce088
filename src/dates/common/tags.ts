import type { ParsingResult } from 'chrono-node';
/**
 * Tags Vigie's parsers and refiners put on chrono results; src/dates/resolve.ts reads them.
 * (chrono's own tags look like "parser/ENMonthNameParser", "result/relativeDate".)
 */
export const TAG = {
  /** The precision the expression supports, when chrono's certain components would say more. */
  precision: (p: 'day' | 'week' | 'month' | 'year') => `vigie/precision/${p}`,
  /** Relative to the reference date (value unknown without a publication date). */
  relative: 'vigie/relative',
  /** Direction markers: "dernier" (past), "prochain" (future), "ce" (near). */
  past: 'vigie/dir/past',
  future: 'vigie/dir/future',
  near: 'vigie/dir/near',
  /** Anaphoric day, offset in days from the date mentioned last ("le lendemain" → +1). */
  anaphora: (n: number) => `vigie/anaphora/${n}`,
  /** Flags copied to DateMention.flags. */
  flag: (f: string) => `vigie/flag/${f}`,
} as const;

export const FLAG_PREFIX = 'vigie/flag/';
export const ANAPHORA_PREFIX = 'vigie/anaphora/';
export const PRECISION_PREFIX = 'vigie/precision/';

/**
 * The tags of a result, as r.tags() gives them, without r.tags()'s two copies when the result
 * has no end: chrono's own set of the start (chrono-node 2.10 keeps it in _tags; r.tags() is
 * used when it is not there). Only to be read, and before any addTag on the result.
 */
export function tagsOf(r: ParsingResult): ReadonlySet<string> {
  if (!r.end) {
    const own = (r.start as unknown as { _tags?: unknown })._tags;
    if (own instanceof Set) return own as Set<string>;
  }
  return r.tags();
}
