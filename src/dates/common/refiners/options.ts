import type { ParsingContext, ParsingOption } from 'chrono-node';

/** chrono options plus what Vigie's refiners need to know. */
export interface VigieParsingOption extends ParsingOption {
  /** False when the document has no publication date (the reference is a placeholder). */
  vigieHasReference?: boolean;
  /**
   * The windows of the text chrono reads (src/dates/index.ts joins stretches of the document
   * with a separator): [start, end) of each, flattened (start0, end0, start1, end1, …), in
   * order. Absent: the whole text is one window.
   */
  vigieWindows?: readonly number[];
}

export function hasReference(context: ParsingContext): boolean {
  return (context.option as VigieParsingOption).vigieHasReference !== false;
}

export function isVigie(tags: ReadonlySet<string>): boolean {
  for (const t of tags) if (t.startsWith('vigie/')) return true;
  return false;
}

/** The windows of the context (see vigieWindows), or null when the text is one window. */
export function windowsOf(context: ParsingContext): readonly number[] | null {
  const w = (context.option as VigieParsingOption).vigieWindows;
  return w && w.length > 2 ? w : null;
}

/** The number of the last window starting at or before `index` (0 when none does). */
export function windowAt(windows: readonly number[], index: number): number {
  let lo = 0;
  let hi = windows.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (windows[2 * mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
