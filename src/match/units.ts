/**
 * Code-unit tables read off a regex: which UTF-16 code units a one-character pattern matches
 * (a class, \s, \p{L}, with or without case folding). Built with one pass of the regex over a
 * string of every code unit (not one test per code unit), so a table costs a fraction of a
 * millisecond at start-up and agrees with the regex by construction. Shared by the stages
 * that scan text by code unit (folding, dates, events, attribution).
 */

let every: string | null = null;

/** Every BMP code unit in order (surrogates, which a Unicode regex cannot match alone, as NUL). */
export function everyCodeUnit(): string {
  if (every === null) {
    const all = new Uint16Array(65536);
    for (let c = 0; c < 65536; c++) all[c] = c >= 0xd800 && c <= 0xdfff ? 0 : c;
    let s = '';
    for (let c = 0; c < 65536; c += 4096) s += String.fromCharCode.apply(null, all.subarray(c, c + 4096) as unknown as number[]);
    every = s;
  }
  return every;
}

/**
 * `value` (1 by default) for each code unit the pattern (one character, e.g. "[ce]", "\\s",
 * "\\p{L}") matches with these flags ("iu", "i", ""), written into `into` (a new table by
 * default; later calls over the same table override earlier ones); NUL is never in a table.
 */
export function codeUnitTable(oneChar: string, flags: string, value = 1, into: Uint8Array = new Uint8Array(65536)): Uint8Array {
  const re = new RegExp(`(?:${oneChar})+`, `${flags.replace('g', '')}g`);
  for (const m of everyCodeUnit().matchAll(re)) into.fill(value, m.index!, m.index! + m[0].length);
  into[0] = 0;
  return into;
}

/** JavaScript's \s, by code unit. */
export const SPACE = codeUnitTable('\\s', '');
