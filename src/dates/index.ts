/**
 * The dates stage: every temporal expression of the text, normalized against the publication
 * date (doc.published), with the precision the text supports.
 *
 * Built on chrono-node (French and English casual configurations) with Vigie's parsers and
 * refiners (src/dates/common, src/dates/locales/<lang>); the words are data in
 * src/lang/<lang>/dates.json. chrono reads only the sentences a quick filter flags (a month,
 * weekday, relative word or digit shape of the lexicon), each sentence normalized first with
 * same-length substitutions (non-breaking spaces, ’, the letter O typed for a zero in a year),
 * so offsets stay those of doc.text.
 */
import type { DateMention, Doc } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { DateLexicon } from './lexicon.js';
import { parseIsoDay } from './calendar.js';
import { SPACE } from '../match/units.js';
import type { DateParser } from './common/configure.js';
import { alternation, trieAlternation } from './common/patterns.js';
import type { VigieParsingOption } from './common/refiners/options.js';
import { createEnglishParser } from './locales/en/index.js';
import { createFrenchParser } from './locales/fr/index.js';
import { mergeAscending } from './common/sort.js';
import { sortBy } from '../common/sort.js';
import { PLACEHOLDER_YEAR, resolveAnaphora, toMentions, type RawMention } from './resolve.js';

interface Engine {
  chrono: DateParser;
  /** Lower-case anchor words: a month, a weekday, the longest word of each phrase of the lexicon ("lendemain", "dernière"). */
  anchors: Set<string>;
  /** The anchors (3 letters or more) as one case-sensitive pattern over the lower-cased text, each after a non-letter or the start (see quickHits). */
  anchorWords: RegExp | null;
  /** Phrases made of short words only ("il y a"), found with a regex instead (group 1: the character before the phrase). */
  shortPhrases: RegExp | null;
  anchorOf: RegExp | null;
  connector: RegExp;
}

const engines = new WeakMap<DateLexicon, Engine>();

function engineFor(lang: string, lex: DateLexicon): Engine {
  let e = engines.get(lex);
  if (!e) {
    const phrases = [
      ...Object.keys(lex.seasons),
      ...Object.keys(lex.relative.phrases),
      ...Object.keys(lex.anaphora),
      ...lex.signals,
    ];
    const anchors = new Set<string>([...Object.keys(lex.months), ...Object.keys(lex.weekdays)].map((w) => low(w).replace(/\.$/, '')));
    const short: string[] = [];
    for (const p of phrases) {
      const words = low(p).split(/[\s'-]+/).filter(Boolean);
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      if (longest.length >= 3) anchors.add(longest);
      else short.push(p); // "il y a": no word long enough to anchor on
    }
    e = {
      chrono: lang === 'fr' ? createFrenchParser(lex) : createEnglishParser(lex),
      anchors,
      anchorWords: anchorPattern(anchors),
      // the boundary before the phrase taken into the match (group 1; faster than a look-behind)
      shortPhrases: short.length ? new RegExp(`(?:^|([^0-9A-Za-z_\\u00C0-\\u024F]))(?:${alternation(short)})(?![0-9A-Za-z_\\u00C0-\\u024F])`, 'gi') : null,
      connector: new RegExp(`\\s+(?:${alternation(lex.rangeConnectors)})\\s+|\\s*[-–—]\\s*`, 'iu'),
      anchorOf: lex.anaphoraOf.length ? new RegExp(`^\\s*(?:${alternation(lex.anaphoraOf)})\\s*(?:l['’]|le\\s+|the\\s+)?$`, 'iu') : null,
    };
    engines.set(lex, e);
  }
  return e;
}

/**
 * Same-length normalization for the parser: spaces of every kind → " ", ’ → ', non-breaking
 * hyphens → "-", and a letter O typed for a zero inside a year ("2O11" → "2011").
 * Returns the text and the positions of the O fixed.
 */
export function normalizeForDates(s: string): { text: string; oFixed: number[] } {
  const oFixed: number[] = [];
  let text = TO_NORMALIZE.test(s) ? s.replace(/[\u00A0\u202F\u2007\u2009\u200A]/g, ' ').replace(/[’ʼ]/g, "'").replace(/[\u2010\u2011]/g, '-') : s;
  // a year with a letter O: a 1 or 2, then an O within the next three digits or O
  if (!O_IN_YEAR.test(text)) return { text, oFixed };
  text = text.replace(/(?<![\p{L}\p{N}_])[12][0-9Oo]{3}(?![\p{L}\p{N}_])/gu, (m, at: number) => {
    if (!/[Oo]/.test(m) || (m.match(/\d/g) ?? []).length < 2) return m;
    return m.replace(/[Oo]/g, (_o, i: number) => {
      oFixed.push(at + i);
      return '0';
    });
  });
  return { text, oFixed };
}

/** Any character normalizeForDates replaces; a 1 or 2 followed by an O within a year's four characters. */
const TO_NORMALIZE = /[\u00A0\u202F\u2007\u2009\u200A’ʼ\u2010\u2011]/;
const O_IN_YEAR = /[12][0-9Oo]{0,2}[Oo]/;

export interface FindDatesOptions {
  /** Publication date "YYYY-MM-DD" (or longer ISO), or null. */
  published: string | null;
}

/**
 * Sentences for the dates stage: cut at line breaks and at . ! ? … followed by a space and a
 * capital, a quote or a dash; "Jan. 15" and "15 janv. 2017" stay whole. (The clean stage's
 * sentences are not used: a cut inside a date would lose it, and this costs little.)
 */
export function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = SENTENCE_END;
  re.lastIndex = 0;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Where a sentence ends (splitSentences): the end of a match. */
const SENTENCE_END = /[.!?…]+(?=\s+["«“(\-–—\p{Lu}])|\n+/gu;

/**
 * The sentences of splitSentences one after the other, without the list: each ends where the
 * next match of SENTENCE_END ends (test() leaves it in lastIndex; no match array), the last at
 * the end of the text.
 */
class SentenceCursor {
  start = 0;
  end = 0;
  private done = false;

  constructor(private readonly text: string) {
    SENTENCE_END.lastIndex = 0;
    this.end = this.nextEnd();
  }

  /** A sentence is current (false past the last one, or for an empty text). */
  get valid(): boolean {
    return this.start < this.text.length;
  }

  /** Moves to the next sentence. */
  next(): void {
    this.start = this.end;
    if (this.start < this.text.length) this.end = this.nextEnd();
  }

  private nextEnd(): number {
    if (!this.done && SENTENCE_END.test(this.text)) return SENTENCE_END.lastIndex;
    this.done = true; // (a failed test() sets lastIndex back to 0)
    return this.text.length;
  }
}

/** Lower case, ’ → '. (The lexicon lists accented and unaccented spellings both.) */
const low = (s: string): string => s.toLowerCase().replace(/’/g, "'");

/** Characters kept before and after a filter hit: the longest expressions ("mercredi 3 avril au samedi 6 avril") and the future cues fit. */
export const WINDOW_BEFORE = 45;
export const WINDOW_AFTER = 45;

/**
 * The stretches chrono reads: around each filter hit, WINDOW_BEFORE/AFTER characters, never
 * across a sentence end, widened to whole words, merged when they touch.
 */
function windows(text: string, hits: number[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const cursor = new SentenceCursor(text);
  const whole = { start: 0, end: text.length };
  for (const h of hits) {
    while (cursor.valid && cursor.end <= h) cursor.next();
    const sent = cursor.valid ? cursor : whole;
    let start = Math.max(sent.start, h - WINDOW_BEFORE);
    let end = Math.min(sent.end, h + WINDOW_AFTER);
    while (start > sent.start && !SPACE[text.charCodeAt(start - 1)]) start--;
    while (end < sent.end && !SPACE[text.charCodeAt(end)]) end++;
    const last = out[out.length - 1];
    if (last && start <= last.end && last.end <= sent.end && last.start >= sent.start) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

/**
 * The quick filter's words and numbers. A word is a maximal run of Latin letters (A-Z, a-z,
 * U+00C0–U+024F) of the lower-cased text; a number a maximal run of digits, o, O, / . -
 * holding a digit, from its first digit to its last ("2O11", "28/10/2016").
 */
const LETTER = 'A-Za-z\\u00C0-\\u024F';
/**
 * A number that is a year ("2016", "2O11") or a numeric date ("28/10/2016"): no digit before
 * it in the same run of digits, o, / . - (else it is the tail of a longer number), none after.
 */
const NUMBER_HIT = /(?<!\d[\doO/.-]*)(?:[12][\doO]{2}\d|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})(?![oO/.-]*\d)/g;
/** Every word of 3 letters or more (the rare texts whose lower-casing changes their length). */
const LONG_WORD = new RegExp(`[${LETTER}]{3,}`, 'g');

/** The anchor words as a pattern: after the start or a non-letter (taken into the match), before a non-letter. */
function anchorPattern(anchors: Set<string>): RegExp | null {
  const words = [...anchors].filter((a) => a.length >= 3 && new RegExp(`^[${LETTER}]+$`).test(a));
  if (words.length === 0) return null;
  // as a trie (trieAlternation): at most one word, a whole run of letters, can match at a place
  return new RegExp(`(?:^|[^${LETTER}])(?:${trieAlternation(words)})(?![${LETTER}])`, 'g');
}

/**
 * Offsets of the quick filter's hits: a year ("2016", "2O11"), a numeric date, an anchor word
 * of the lexicon (3 letters or more), in text order. Found by two regexes (the engine scans
 * faster than a loop over code units): the anchors over the lower-cased text, case-sensitive
 * (when lower-casing keeps the length, else word by word), the numbers over the text.
 */
function quickHits(text: string, engine: Engine): number[] {
  // two lists, each in text order, merged
  const numbers: number[] = [];
  const hits: number[] = [];
  NUMBER_HIT.lastIndex = 0;
  for (let m = NUMBER_HIT.exec(text); m; m = NUMBER_HIT.exec(text)) numbers.push(m.index);
  const lowText = text.toLowerCase();
  if (lowText.length === text.length) {
    const re = engine.anchorWords;
    if (re) {
      re.lastIndex = 0;
      for (let m = re.exec(lowText); m; m = re.exec(lowText)) {
        // the match starts with the non-letter before the word, unless the word starts the text
        hits.push(isLetter(m[0].charCodeAt(0)) ? m.index : m.index + 1);
      }
    }
  } else {
    LONG_WORD.lastIndex = 0;
    for (let m = LONG_WORD.exec(text); m; m = LONG_WORD.exec(text)) if (engine.anchors.has(m[0].toLowerCase())) hits.push(m.index);
  }
  return mergeAscending(numbers, hits);
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);

/**
 * Between two windows in the one string chrono reads: a line break, a character that is no
 * letter, digit or space, a line break. No pattern of the parsers or refiners reads across
 * it: each would have to match the ¶ between two white spaces (only chrono's "o\W*clock" can,
 * and its \W* crosses a separator of any length). The look-arounds see the same characters
 * next to a window as with any longer such separator: the two nearest on each side. The one
 * refiner that reads farther, NewsYearRefiner's future-cue search (60 characters before a date,
 * 40 after), stops at the date's window (vigieWindows).
 */
const SEPARATOR = '\n\u00B6\n';

const byStart = (m: RawMention): number => m.start;

/**
 * The text the quick filter and chrono read: `text` itself, or, when it holds ’ and every other
 * character is Latin-1, the same text with ’ → ' stored one byte per character. V8 stores a
 * text holding ’ (and every slice and join of it) two bytes per character, and the engine's
 * regexes read such strings several times slower. Same length and offsets; ’ and ' are read
 * alike by the quick filter (neither is a letter, digit, space or sentence end; the short
 * phrases' patterns take either) and normalizeForDates maps ’ → ' for chrono anyway. Mention
 * texts are taken from `text`.
 */
export function scanText(text: string): string {
  // (a one-byte text cannot hold ’: indexOf answers at once)
  if (text.indexOf('’') < 0) return text;
  if (NOT_LATIN1_NOR_APOSTROPHE.test(text) || text.indexOf('\u0019') >= 0) return text;
  // latin1 keeps the low byte of each code unit: ’ (U+2019) becomes 0x19, which the text does not hold otherwise
  const bytes = Buffer.from(text, 'latin1');
  for (let i = bytes.indexOf(0x19); i >= 0; i = bytes.indexOf(0x19, i + 1)) bytes[i] = 0x27; // '
  return bytes.toString('latin1');
}
const NOT_LATIN1_NOR_APOSTROPHE = /[^\x00-\xff’]/;

/** Every date mention of a text, in text order. */
export function findDates(original: string, lang: string, lex: DateLexicon, opts: FindDatesOptions): DateMention[] {
  const text = scanText(original);
  const engine = engineFor(lang, lex);
  const pub = parseIsoDay(opts.published);
  const hasReference = pub !== null;
  const ref = pub ? new Date(pub.y, pub.m - 1, pub.d, 12) : new Date(PLACEHOLDER_YEAR, 6, 1, 12);

  // the quick filter: where the text holds a date-ish word or number (see quickHits)
  let hits = quickHits(text, engine);
  if (engine.shortPhrases) {
    const short: number[] = [];
    engine.shortPhrases.lastIndex = 0;
    for (let m = engine.shortPhrases.exec(text); m; m = engine.shortPhrases.exec(text)) short.push(m.index + (m[1]?.length ?? 0));
    if (short.length > 0) hits = mergeAscending(hits, short);
  }
  if (hits.length === 0) return [];

  // One chrono call for all the windows, joined by a separator no pattern crosses (see
  // SEPARATOR; the call's fixed cost is paid once per document).
  // (joined in one go: a flat string, where += would build a tree chrono's first read flattens)
  const parts: { at: number; end: number; start: number; oFixed: number[] }[] = [];
  const pieces: string[] = [];
  const bounds: number[] = [];
  let length = 0;
  for (const w of windows(text, hits)) {
    const { text: norm, oFixed } = normalizeForDates(text.slice(w.start, w.end));
    if (parts.length > 0) length += SEPARATOR.length;
    parts.push({ at: length, end: length + norm.length, start: w.start, oFixed });
    bounds.push(length, length + norm.length);
    pieces.push(norm);
    length += norm.length;
  }
  const joined = pieces.join(SEPARATOR);
  const option: VigieParsingOption = { vigieHasReference: hasReference, vigieWindows: bounds };
  const mentions: RawMention[] = [];
  let p = 0;
  for (const r of engine.chrono.parse(joined, ref, option)) {
    while (p > 0 && parts[p].at > r.index) p--;
    while (p + 1 < parts.length && parts[p + 1].at <= r.index) p++;
    const part = parts[p];
    if (r.index < part.at || r.index + r.text.length > part.end) continue; // across a separator: cannot happen
    const shift = part.start - part.at;
    for (const m of toMentions(r, shift, hasReference, engine.connector)) {
      m.text = original.slice(m.start, m.end);
      if (part.oFixed.some((i) => i + part.start >= m.start && i + part.start < m.end)) (m.flags ??= []).push('letter-o-for-zero');
      mentions.push(m);
    }
  }
  sortBy(mentions, byStart);
  resolveAnaphora(mentions, original, engine.anchorOf);
  return mentions;
}

/** The dates stage (name "dates"): fills doc.dates. */
export const datesStage: Stage = {
  name: 'dates',
  run(doc, { pack }) {
    doc.dates = findDates(doc.text, pack.code, pack.dates, { published: doc.published });
    for (const d of doc.dates) {
      if (d.flags?.includes('weekday-mismatch')) {
        doc.warnings.push(`weekday mismatch: "${d.text}" is ${d.value}, another weekday`);
      }
    }
  },
};

/**
 * For the events stage: the date mention inside [start, end) (a clause or a sentence), the
 * first with a value, else the first; null when there is none (the caller decides on the
 * paragraph or publication fallback).
 */
export function dateForSpan(doc: Doc, start: number, end: number): DateMention | null {
  let first: DateMention | null = null;
  for (const d of doc.dates) {
    if (d.start < start || d.end > end) continue;
    if (d.value) return d;
    first ??= d;
  }
  return first;
}
