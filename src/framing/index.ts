/**
 * The framing stage: every occurrence of a loaded term of the language's framing lexicon
 * (src/lang/<lang>/framing.json), with its concept key and stance, offsets into doc.text.
 *
 * Matching: case-insensitive, ’ read as ', words whole (a letter, digit or hyphen on either
 * side blocks a match: "antiterroriste", "anti-terroriste" are not "terroriste"), inflections
 * as listed in the lexicon, the longest form wins where several start at the same place, and
 * an entry's `unless` phrases within UNLESS_WINDOW characters (same sentence) cancel an occurrence.
 * Lookup goes through the first word of each form, so the cost is one pass over the words.
 */
import type { FramingTerm } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { FramingEntry, FramingLexicon } from './lexicon.js';
import { forgetPrepared } from '../match/prepared.js';

/** Characters around an occurrence searched for the entry's `unless` phrases. */
export const UNLESS_WINDOW = 40;

interface Form {
  form: string;
  entry: FramingEntry;
}

interface Matcher {
  /** First word of a form → the forms starting with it, longest first. */
  byFirst: Map<string, Form[]>;
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
    m = { byFirst, prefixes };
    matchers.set(lex, m);
  }
  return m;
}

/** A lower-cased copy of the text with the same length (so offsets carry over). */
function lowerSameLength(text: string): string {
  const l = text.toLowerCase().replace(/[’ʼ\u00A0\u202F\u2007\u2009\n\t\r]/g, (c) => (c === '’' || c === 'ʼ' ? "'" : ' '));
  if (l.length === text.length) return l;
  let out = '';
  for (const ch of text) {
    const lc = norm(ch);
    out += lc.length === ch.length ? lc : ch;
  }
  return out.replace(/[\u00A0\u202F\u2007\u2009\s]/g, ' ');
}

/** Every loaded term of the text, in text order. */
export function findFraming(text: string, lex: FramingLexicon): FramingTerm[] {
  const { byFirst, prefixes } = matcherFor(lex);
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
    const a = i;
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
      out.push({ start: hit.at, end, text: text.slice(hit.at, end), term: hit.form.entry.term, stance: hit.form.entry.stance });
      // words starting inside the match are skipped (a word the match ends in, too)
      if (end > i) {
        i = end;
        while (i < len && WORD[low.charCodeAt(i - 1)] !== 0 && WORD[low.charCodeAt(i)] !== 0) i++;
      }
    }
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
    doc.framing = findFraming(doc.text, pack.framing);
    // The last stage that reads the shared token layer: let it go with the young garbage.
    forgetPrepared(doc);
  },
};
