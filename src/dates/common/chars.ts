/**
 * Code-unit tables read off a regex: which UTF-16 code units a one-character pattern matches
 * (a class, \s, with or without case folding). Built with one pass of the regex over a string
 * of every code unit (not one test per code unit), so a table costs a fraction of a
 * millisecond at start-up and agrees with the regex by construction.
 */

let every: string | null = null;

/** Every BMP code unit in order (surrogates, which a Unicode regex cannot match alone, as NUL). */
function everyCodeUnit(): string {
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
 * 1 for each code unit the pattern (one character, e.g. "[ce]" or "\\s") matches with these
 * flags ("iu", "i", ""); NUL is never in a table.
 */
export function codeUnitTable(oneChar: string, flags: string): Uint8Array {
  const t = new Uint8Array(65536);
  const re = new RegExp(oneChar, `${flags.replace('g', '')}g`);
  for (const m of everyCodeUnit().matchAll(re)) if (m.index! > 0) t[m.index!] = 1;
  return t;
}

/** JavaScript's \s, by code unit. */
export const SPACE = codeUnitTable('\\s', '');
