/**
 * The framing stage: every occurrence of a loaded term of the language's framing lexicon
 * (src/lang/<lang>/framing.json), with its concept key and stance, offsets into doc.text.
 *
 * Matching: case-insensitive, ’ read as ', words whole (a letter, digit or hyphen on either
 * side blocks a match: "antiterroriste", "anti-terroriste" are not "terroriste"), inflections
 * as listed in the lexicon, the longest form wins where several start at the same place, and
 * an entry's `unless` phrases within UNLESS_WINDOW characters (same sentence) cancel an occurrence.
 * Lookup goes through the first word of each form, so the cost is one pass over the words.
 *
 * The stage reads the shared token layer (preparedOf): only the words holding a token that
 * starts some form (compared by token hash) are looked at with the scanner above, and a text
 * with no such token costs one pass over its token hashes. This gives the same terms as the
 * full scan for every text made of SAFE characters (see `safeText`); others get the full scan.
 */
import type { FramingTerm } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { FramingEntry, FramingLexicon } from './lexicon.js';
import { forgetPrepared, preparedOf } from '../match/prepared.js';
import { FOLD_TABLE, WORD as TOKEN_CHAR, fold, tokenize, canonToken } from '../match/fold.js';
import { hashToken, type Prepared } from '../match/matcher.js';

/** Characters around an occurrence searched for the entry's `unless` phrases. */
export const UNLESS_WINDOW = 40;

interface Form {
  form: string;
  entry: FramingEntry;
}

interface Matcher {
  /** First word of a form → the forms starting with it, longest first. */
  byFirst: Map<string, Form[]>;
  /**
   * hashToken() of the first shared-layer token of every form → null when some form is that
   * one token, else the hashes of the second tokens of the forms starting with it: a form can
   * only start at a token followed by its second token.
   */
  firstTokens: Map<number, Set<number> | null>;
  /** Bit (h & 0xffff) set for every key of firstTokens: most tokens are turned away by one bit test. */
  firstBits: Uint32Array;
  /** Length of the longest form. */
  maxForm: number;
  /** The first two code units of every key (the second 0 for one-letter keys): a word is looked up only when its start is one of these. */
  prefixes: Set<number>;
}

/** Code unit classes of the word scanner: 1 starts and continues a word (digits, a-z, Latin letters), 2 only continues one (_ ' -). */
const WORD = new Uint8Array(65536);
(function init() {
  for (let c = 48; c <= 57; c++) WORD[c] = 1;
  for (let c = 97; c <= 122; c++) WORD[c] = 1;
  for (let c = 0xc0; c <= 0x24f; c++) WORD[c] = 1;
  WORD[95] = 2;
  WORD[39] = 2;
  WORD[45] = 2;
})();

const prefixOf = (s: string, at: number): number => {
  const c1 = at + 1 < s.length && WORD[s.charCodeAt(at + 1)] !== 0 ? s.charCodeAt(at + 1) : 0;
  return s.charCodeAt(at) * 65536 + c1;
};

const matchers = new WeakMap<FramingLexicon, Matcher>();

const norm = (s: string): string => s.toLowerCase().replace(/[’ʼ]/g, "'");
const firstWord = (s: string): string => /^[^\s']+'?/.exec(s)?.[0] ?? s;
const WORD_CHAR = /[\p{L}\p{N}_-]/u;
const isWordChar = (c: string | undefined): boolean => c !== undefined && WORD_CHAR.test(c);

function matcherFor(lex: FramingLexicon): Matcher {
  let m = matchers.get(lex);
  if (!m) {
    const byFirst = new Map<string, Form[]>();
    for (const entry of lex.entries) {
      for (const f of entry.forms) {
        const form = norm(f);
        const k = firstWord(form);
        const list = byFirst.get(k) ?? [];
        list.push({ form, entry });
        byFirst.set(k, list);
      }
    }
    for (const list of byFirst.values()) list.sort((a, b) => b.form.length - a.form.length);
    const prefixes = new Set<number>();
    for (const k of byFirst.keys()) prefixes.add(k.charCodeAt(0) * 65536 + (k.length > 1 ? k.charCodeAt(1) : 0));
    const firstTokens = new Map<number, Set<number> | null>();
    const firstBits = new Uint32Array(2048);
    let maxForm = 0;
    for (const list of byFirst.values()) {
      for (const { form } of list) {
        maxForm = Math.max(maxForm, form.length);
        const toks = tokenize(fold(form)).tok.map((t) => hashToken(canonToken(t)));
        if (toks.length === 0) continue; // no letter or digit: it never matches a safe text (see SAFE_RE)
        const h = toks[0];
        const seconds = firstTokens.get(h);
        if (toks.length === 1 || seconds === null) firstTokens.set(h, null);
        else firstTokens.set(h, (seconds ?? new Set<number>()).add(toks[1]));
        firstBits[(h & 0xffff) >>> 5] |= 1 << (h & 31);
      }
    }
    m = { byFirst, prefixes, firstTokens, firstBits, maxForm };
    matchers.set(lex, m);
  }
  return m;
}

const SPACES = /[\u00A0\u202F\u2007\u2009\n\t\r]/g;
const APOSTROPHES = /[’ʼ]/g;

/** A lower-cased copy of the text with the same length (so offsets carry over). */
function lowerSameLength(text: string): string {
  // two replaces with a fixed replacement (no callback per newline)
  let l = text.toLowerCase().replace(SPACES, ' ');
  if (l.includes('’') || l.includes('ʼ')) l = l.replace(APOSTROPHES, "'");
  if (l.length === text.length) return l;
  let out = '';
  for (const ch of text) {
    const lc = norm(ch);
    out += lc.length === ch.length ? lc : ch;
  }
  return out.replace(/[\u00A0\u202F\u2007\u2009\s]/g, ' ');
}

/** Every loaded term of the text, in text order (full scan of the text). */
export function findFraming(text: string, lex: FramingLexicon): FramingTerm[] {
  const m = matcherFor(lex);
  const low = lowerSameLength(text);
  const out: FramingTerm[] = [];
  // Words: a letter or digit, then letters, digits, _ ' and - (Latin script). Scanned by code
  // unit; a word is cut out and looked up only when it starts like a key.
  const len = low.length;
  let i = 0;
  while (i < len) {
    if (WORD[low.charCodeAt(i)] !== 1) {
      i++;
      continue;
    }
    i = scanWord(text, low, i, m, out);
  }
  return out;
}

/**
 * Looks up the word starting at `a` (a word character) of `low` and returns where the scan goes
 * on: the end of the word, or past the word a match ends in. `low` may be a window of the
 * lower-cased text starting at offset `base` of `text` (terms get text offsets).
 */
function scanWord(text: string, low: string, a: number, { byFirst, prefixes }: Matcher, out: FramingTerm[], base = 0): number {
  const len = low.length;
  let i = a;
  let apo = -1;
  i++;
  while (i < len && WORD[low.charCodeAt(i)] !== 0) {
    if (apo < 0 && low.charCodeAt(i) === 39) apo = i;
    i++;
  }
  // candidates: the word up to its first apostrophe ("d'occupation" → "d'"), the whole word,
  // and, after an elided article ("l'occupant"), the rest
  let hit: { at: number; form: Form } | null = null;
  if (apo < 0) {
    if (prefixes.has(prefixOf(low, a))) {
      const f = longestAt(low, a, byFirst.get(low.slice(a, i)));
      if (f) hit = { at: a, form: f };
    }
  } else {
    if (prefixes.has(prefixOf(low, a))) {
      const f = longestAt(low, a, byFirst.get(low.slice(a, apo + 1)));
      if (f) hit = { at: a, form: f };
    }
    const r = apo + 1;
    if (!hit && r < i && prefixes.has(prefixOf(low, r))) {
      const apo2 = low.indexOf("'", r);
      const key = apo2 >= 0 && apo2 < i ? low.slice(r, apo2 + 1) : low.slice(r, i);
      const f = longestAt(low, r, byFirst.get(key));
      if (f) hit = { at: r, form: f };
    }
  }
  if (hit) {
    const end = hit.at + hit.form.form.length;
    out.push({ start: base + hit.at, end: base + end, text: text.slice(base + hit.at, base + end), term: hit.form.entry.term, stance: hit.form.entry.stance });
    // words starting inside the match are skipped (a word the match ends in, too)
    if (end > i) {
      i = end;
      while (i < len && WORD[low.charCodeAt(i - 1)] !== 0 && WORD[low.charCodeAt(i)] !== 0) i++;
    }
  }
  return i;
}

/**
 * SAFE[c] = 1 for the code units the token-layer path is exact on: those whose lower case
 * (as lowerSameLength makes it) is one code unit, folds like the unit itself and is a word
 * character (\p{L}\p{N}_-) whenever the shared layer reads the unit as part of a token. On such
 * text, a form found at `at` (forms start and end with a letter or digit) covers a whole token
 * starting at `at` whose hash is that of the form's first folded token: the scanner's edge
 * tests and the form's own separators are token edges too. Only Latin, punctuation and currency
 * ranges are considered; anything else (Greek, Cyrillic, combining marks, İ, K-sign) sends
 * the text to the full scan.
 */
/** WORD of the lower-cased code unit, for SAFE units (what the scanner sees in `low`). */
const WORD_LOW = new Uint8Array(65536);
const SAFE_RE: RegExp = (() => {
  const ok: number[] = [];
  const special = (c: string) => (c === '’' || c === 'ʼ' ? "'" : /[\u00A0\u202F\u2007\u2009\n\t\r]/.test(c) ? ' ' : c);
  const check = (c: number): boolean => {
    const low = String.fromCharCode(c).toLowerCase();
    if (low.length !== 1) return false;
    const l = special(low).charCodeAt(0);
    const wc = TOKEN_CHAR[FOLD_TABLE[c]];
    if (wc !== TOKEN_CHAR[FOLD_TABLE[l]]) return false;
    if (wc !== 0 && FOLD_TABLE[c] !== FOLD_TABLE[l]) return false;
    if (wc !== 0 && !WORD_CHAR.test(String.fromCharCode(l))) return false;
    return true;
  };
  for (const [a, b] of [[0, 0x250], [0x2000, 0x2070], [0x20a0, 0x20c0]]) {
    for (let c = a; c < b; c++) {
      if (!check(c)) continue;
      ok.push(c);
      WORD_LOW[c] = WORD[special(String.fromCharCode(c).toLowerCase()).charCodeAt(0)];
    }
  }
  // ranges of consecutive code units, as a negated class
  let cls = '';
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  for (let k = 0; k < ok.length; ) {
    let e = k;
    while (e + 1 < ok.length && ok[e + 1] === ok[e] + 1) e++;
    cls += e > k ? `${hex(ok[k])}-${hex(ok[e])}` : hex(ok[k]);
    k = e + 1;
  }
  return new RegExp(`[^${cls}]`);
})();

/** True when every code unit of `text` is SAFE (see SAFE_RE). */
export function safeText(text: string): boolean {
  return !SAFE_RE.test(text);
}

/**
 * The terms of a text through its shared token layer: the same as findFraming(p.text, lex).
 * Only the words holding a token that starts some form (and is followed by the form's second
 * token, for longer forms) are scanned, in text order, each on a lower-cased window of the
 * text wide enough for everything the scanner reads; a word is skipped when an earlier match
 * already passed it, as the full scan does.
 */
export function findFramingPrepared(p: Prepared, lex: FramingLexicon): FramingTerm[] {
  const text = p.text;
  if (!safeText(text)) return findFraming(text, lex);
  const m = matcherFor(lex);
  const { firstTokens, firstBits, maxForm } = m;
  const hash = p.hash;
  const nt = hash.length;
  const starts = p.tokens.start;
  const len = text.length;
  const out: FramingTerm[] = [];
  let pos = 0;
  for (let k = 0; k < nt; k++) {
    const h = hash[k];
    if ((firstBits[(h & 0xffff) >>> 5] & (1 << (h & 31))) === 0) continue;
    const seconds = firstTokens.get(h);
    if (seconds === undefined || (seconds !== null && !(k + 1 < nt && seconds.has(hash[k + 1])))) continue;
    const s = starts[k];
    if (s < pos || WORD_LOW[text.charCodeAt(s)] === 0) continue;
    // the scanner's word holding s: back to the start of its run, then its first word character
    let a = s;
    while (a > 0 && WORD_LOW[text.charCodeAt(a - 1)] !== 0) a--;
    while (WORD_LOW[text.charCodeAt(a)] !== 1) a++;
    if (a < pos) continue;
    let runEnd = s + 1;
    while (runEnd < len && WORD_LOW[text.charCodeAt(runEnd)] !== 0) runEnd++;
    // A match starts inside the word and is at most maxForm long; the scan may go on to the end
    // of the run it ends in; `unless` reads UNLESS_WINDOW characters on both sides.
    let far = Math.min(len, runEnd + maxForm);
    while (far < len && WORD_LOW[text.charCodeAt(far - 1)] !== 0 && WORD_LOW[text.charCodeAt(far)] !== 0) far++;
    const w0 = Math.max(0, a - UNLESS_WINDOW - 2);
    const w1 = Math.min(len, far + UNLESS_WINDOW + 2);
    // on SAFE text lower-casing is per code unit: the window's lower case is the text's, sliced
    const low = lowerSameLength(text.slice(w0, w1));
    pos = w0 + scanWord(text, low, a - w0, m, out, w0);
  }
  return out;
}

function longestAt(low: string, at: number, forms: Form[] | undefined): Form | null {
  if (!forms) return null;
  for (const f of forms) {
    if (!low.startsWith(f.form, at)) continue;
    if (isWordChar(low[at - 1]) && !/^[-']/.test(f.form)) continue;
    if (isWordChar(low[at + f.form.length]) && !/[-']$/.test(f.form)) continue;
    if (f.entry.unless && cancelled(low, at, at + f.form.length, f.entry.unless)) continue;
    return f;
  }
  return null;
}

function cancelled(low: string, start: number, end: number, unless: string[]): boolean {
  // the window stops at sentence ends: "l'otage a été libérée." does not cancel the next sentence
  let before = low.slice(Math.max(0, start - UNLESS_WINDOW), start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('; '), before.lastIndexOf('\n'));
  if (cut >= 0) before = before.slice(cut + 1);
  let after = low.slice(end, Math.min(low.length, end + UNLESS_WINDOW));
  const stop = after.search(/[.!?;]\s|\n/);
  if (stop >= 0) after = after.slice(0, stop);
  const window = before + low.slice(start, end) + after;
  return unless.some((u) => {
    const p = norm(u);
    for (let i = window.indexOf(p); i >= 0; i = window.indexOf(p, i + 1)) {
      if (!isWordChar(window[i - 1]) && !isWordChar(window[i + p.length])) return true;
    }
    return false;
  });
}

/** The framing stage (name "framing"): fills doc.framing. */
export const framingStage: Stage = {
  name: 'framing',
  run(doc, { pack }) {
    doc.framing = findFramingPrepared(preparedOf(doc), pack.framing);
    // The last stage that reads the shared token layer: let it go with the young garbage.
    forgetPrepared(doc);
  },
};
