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

/** Normalizes raw text (see the module comment). Idempotent. */
export function normalizeText(raw: string): string {
  let s = raw.normalize('NFC');
  if (NEEDS_FIX.test(s)) {
    s = s.replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n');
    s = s.replace(/\t/g, ' ');
    s = s.replace(JUNK, '');
  }
  if (HAS_TRAILING.test(s)) s = s.replace(TRAILING, '');
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

/** Lower case, accents removed, typographic apostrophes and dashes made plain: for matching only. */
export function foldText(s: string): string {
  if (!NON_ASCII.test(s)) {
    const l = s.toLowerCase();
    return l.includes('`') ? l.replace(/`/g, "'") : l;
  }
  // Surrogate pairs (letters outside the BMP) and combining sequences: the slow, exact way.
  if (/[\uD800-\uDFFF\u0300-\u036F]/.test(s)) return foldSlow(s);
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
