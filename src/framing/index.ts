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

/** Characters around an occurrence searched for the entry's `unless` phrases. */
export const UNLESS_WINDOW = 40;

interface Form {
  form: string;
  entry: FramingEntry;
}

interface Matcher {
  /** First word of a form → the forms starting with it, longest first. */
  byFirst: Map<string, Form[]>;
}

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
    m = { byFirst };
    matchers.set(lex, m);
  }
  return m;
}

/** A lower-cased copy of the text with the same length (so offsets carry over). */
function lowerSameLength(text: string): string {
  const l = norm(text).replace(/[\u00A0\u202F\u2007\u2009\n\t\r]/g, ' ');
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
  const { byFirst } = matcherFor(lex);
  const low = lowerSameLength(text);
  const out: FramingTerm[] = [];
  // no "u" flag (several times faster): Latin letters, digits, ' and - make the words
  const word = /[0-9a-z\u00C0-\u024F][0-9a-z_'\u00C0-\u024F-]*/g;
  let skipUntil = 0;
  for (let m = word.exec(low); m; m = word.exec(low)) {
    if (m.index < skipUntil) continue;
    // candidates: the word up to its first apostrophe ("d'occupation" → "d'"), the whole word,
    // and, after an elided article ("l'occupant"), the rest
    const w = m[0];
    const apo = w.indexOf("'");
    if (apo < 0 && !byFirst.has(w)) continue; // the common case: one Map lookup per word
    const starts: { at: number; key: string }[] = [];
    if (apo > 0) {
      starts.push({ at: m.index, key: w.slice(0, apo + 1) });
      if (apo + 1 < w.length) {
        const rest = w.slice(apo + 1);
        const apo2 = rest.indexOf("'");
        starts.push({ at: m.index + apo + 1, key: apo2 >= 0 ? rest.slice(0, apo2 + 1) : rest });
      }
    } else {
      starts.push({ at: m.index, key: w });
    }
    for (const { at, key } of starts) {
      const hit = longestAt(low, at, byFirst.get(key));
      if (hit) {
        const end = at + hit.form.length;
        out.push({ start: at, end, text: text.slice(at, end), term: hit.entry.term, stance: hit.entry.stance });
        skipUntil = end;
        break;
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
  },
};
