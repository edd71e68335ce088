/**
 * Text normalization for the clean stage. The returned text stays faithful to the source:
 * Unicode NFC, line ends unified, invisible junk removed (C0 controls, zero-width spaces, soft
 * hyphens, stray BOMs), trailing spaces trimmed, runs of blank lines collapsed to one.
 * Typographic apostrophes, no-break spaces and dashes are KEPT: matchers fold their own view.
 */

// C0 controls except \t \n, DEL, C1 controls, zero-width space/joiners used as junk, soft hyphen, BOM, line/paragraph separators handled below.
const JUNK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF\uFFFE\uFFFF]/g;
const TRAILING = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+$/gm;
const BLANK_RUNS = /\n{3,}/g;

/** Normalizes raw text (see the module comment). Idempotent. */
export function normalizeText(raw: string): string {
  let s = raw.normalize('NFC');
  s = s.replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n');
  s = s.replace(/\t/g, ' ');
  s = s.replace(JUNK, '');
  s = s.replace(TRAILING, '');
  s = s.replace(BLANK_RUNS, '\n\n');
  return s.replace(/^\n+/, '').replace(/\n+$/, '');
}

/** Lower case, accents removed, typographic apostrophes and dashes made plain: for matching only. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2019\u2018\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** Whitespace (including no-break spaces) collapsed to one space and trimmed. */
export function squash(s: string): string {
  return s.replace(/[\s\u00A0\u202F]+/g, ' ').trim();
}

/** Folded word tokens (letters and digits; apostrophes and hyphens split words). */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
