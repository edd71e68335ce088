/**
 * Text normalization for the clean stage. The returned text stays faithful to the source:
 * Unicode NFC, line ends unified, invisible junk removed (C0 controls, zero-width spaces, soft
 * hyphens, stray BOMs), trailing spaces trimmed, runs of blank lines collapsed to one.
 * Typographic apostrophes, no-break spaces and dashes are KEPT: matchers fold their own view.
 */

// C0 controls except \t \n, DEL, C1 controls, zero-width space/joiners used as junk, soft hyphen, BOM, line/paragraph separators handled below.
const JUNK = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF\uFFFE\uFFFF]/g;
/** Anything the line-end, tab and junk passes would change (one scan; most texts have none). */
const NEEDS_FIX = /[\r\t\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B\u2060\uFEFF\uFFFE\uFFFF]/;
const TRAILING = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+$/gm;
/** A space of the TRAILING class right before a line end or the end. */
const HAS_TRAILING = /[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000](?:\n|$)/;
const BLANK_RUNS = /\n{3,}/g;

/**
 * Anything but line feeds and code units known to be left alone by NFC and by the junk and
 * line-end passes: printable ASCII, Latin-1 and Latin Extended letters, spacing modifiers
 * (no combining marks: they start at U+0300), general punctuation from U+2010 (U+2000/U+2001
 * have canonical decompositions; U+2028/U+2029 and U+2060 are line ends and junk), currency
 * signs. A text with none of it is already NFC and has nothing to fix (most texts: one scan).
 */
const MAY_CHANGE = /[^\n\x20-\x7E\xA0-\xAC\xAE-\u02FF\u2010-\u2027\u202F-\u205E\u20A0-\u20BF]/;

/** NFC of `s` (returned as is when MAY_CHANGE finds nothing in it: then it is already NFC). */
export function nfc(s: string): string {
  return MAY_CHANGE.test(s) ? s.normalize('NFC') : s;
}

const isPlainSpace = (c: number): boolean => c === 32 || c === 0xa0 || c === 0x202f;

/**
 * HAS_TRAILING.test(s) for a text MAY_CHANGE finds nothing in, whose only spaces are plain,
 * no-break and narrow no-break ones: a look before each line feed and at the end.
 */
function hasTrailingPlain(s: string): boolean {
  if (s.length > 0 && isPlainSpace(s.charCodeAt(s.length - 1))) return true;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) if (i > 0 && isPlainSpace(s.charCodeAt(i - 1))) return true;
  return false;
}

/** Normalizes raw text (see the module comment). Idempotent. */
export function normalizeText(raw: string): string {
  let s = raw;
  const plain = !MAY_CHANGE.test(s);
  if (!plain) {
    s = s.normalize('NFC');
    if (NEEDS_FIX.test(s)) {
      s = s.replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n');
      s = s.replace(/\t/g, ' ');
      s = s.replace(JUNK, '');
    }
  }
  if (plain ? hasTrailingPlain(s) : HAS_TRAILING.test(s)) s = s.replace(TRAILING, '');
  if (s.includes('\n\n\n')) s = s.replace(BLANK_RUNS, '\n\n');
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) === 10) a++;
  while (b > a && s.charCodeAt(b - 1) === 10) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const NON_ASCII = /[^\x00-\x7F]/;
/** Per code unit: what foldText makes of it (filled on first sight). */
const FOLDED = new Map<number, string>();
function foldUnit(c: number): string {
  let f = FOLDED.get(c);
  if (f === undefined) {
    f = foldSlow(String.fromCharCode(c));
    FOLDED.set(c, f);
  }
  return f;
}

function foldSlow(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2019\u2018\u02BC\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ');
}

/** Per code unit ≥ 0x80: foldUnit's result when it is one code unit, plus one (0: not seen yet; 0xFFFF: not one unit). */
const FOLD1 = new Uint16Array(65536);
/** Code units foldText cannot fold one at a time (surrogates, combining marks): see foldText. */
export const NOT_UNIT_FOLDABLE = /[\uD800-\uDFFF\u0300-\u036F]/;

/**
 * The one code unit foldText makes of code unit `c` in a text without NOT_UNIT_FOLDABLE units,
 * or -1 when it makes none or several: then foldText(s) is the concatenation of its units'
 * folds and a scanner may read a text's folded view without building it.
 */
export function foldedUnit(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c === 96 ? 39 : c;
  let f = FOLD1[c];
  if (f === 0) {
    const s = foldUnit(c);
    f = s.length === 1 && s.charCodeAt(0) < 0xfffe ? s.charCodeAt(0) + 1 : 0xffff;
    FOLD1[c] = f;
  }
  return f === 0xffff ? -1 : f - 1;
}

/** Lower case, accents removed, typographic apostrophes and dashes made plain: for matching only. */
export function foldText(s: string): string {
  if (!NON_ASCII.test(s)) {
    const l = s.toLowerCase();
    return l.includes('`') ? l.replace(/`/g, "'") : l;
  }
  // Surrogate pairs (letters outside the BMP) and combining sequences: the slow, exact way.
  if (NOT_UNIT_FOLDABLE.test(s)) return foldSlow(s);
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (i > from) out += s.slice(from, i).toLowerCase();
    out += foldUnit(c);
    from = i + 1;
  }
  if (from < s.length) out += s.slice(from).toLowerCase();
  return out.includes('`') ? out.replace(/`/g, "'") : out;
}

const SPACE_RUN = /[\s\u00A0\u202F]{2,}|[^\S ]/g;

/** Whitespace (including no-break spaces) collapsed to one space and trimmed. */
export function squash(s: string): string {
  const t = s.replace(SPACE_RUN, ' ');
  // after the replace, an edge can only be one plain space
  return t.charCodeAt(0) === 32 || t.charCodeAt(t.length - 1) === 32 ? t.trim() : t;
}

/** Folded word tokens (letters and digits; apostrophes and hyphens split words). */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
