/**
 * Builds a Vigie date parser from one of chrono's casual configurations, in chrono's own way:
 * clone, drop the parsers Vigie replaces, put Vigie's parsers first (on a tie in span, chrono's
 * overlap removal keeps the earlier parser's result) and its refiners last.
 */
import { Chrono, ParsingContext, ParsingResult, ReferenceWithTimezone, type ParsingComponents, type Parser, type Refiner } from 'chrono-node';
import { windowAt, windowsOf, type VigieParsingOption } from './refiners/options.js';
import { TAG, tagsOf } from './tags.js';
import { trieAlternation, YEAR } from './patterns.js';
import type { DateLexicon } from '../lexicon.js';
import { AnaphoraParser } from './parsers/AnaphoraParser.js';
import { MonthParser } from './parsers/MonthParser.js';
import { PartOfPeriodParser } from './parsers/PartOfPeriodParser.js';
import { RelativePeriodParser } from './parsers/RelativePeriodParser.js';
import { SeasonParser } from './parsers/SeasonParser.js';
import { YearParser } from './parsers/YearParser.js';
import type { VigieParser } from './parsers/base.js';
import { ModifierRefiner } from './refiners/ModifierRefiner.js';
import { NewsYearRefiner } from './refiners/NewsYearRefiner.js';
import { UnlikelyDateFilter } from './refiners/UnlikelyDateFilter.js';
import { WeekdayCheckRefiner } from './refiners/WeekdayCheckRefiner.js';
import { asResult, fastWeekdayParser } from './weekdays.js';
import { codeUnitTable, SPACE } from '../../match/units.js';
import { sortBy } from '../../common/sort.js';

const byIndex = (r: ParsingResult): number => r.index;

export interface ConfigureOptions {
  /** chrono parser class names to remove ("FRTimeUnitWithinFormatParser": durations). */
  drop: string[];
  /** Extra, language-specific parsers, run before the common ones. */
  parsers?: Parser[];
}

/**
 * A Vigie date parser: chrono's parsers and refiners, run by Vigie's own loop (see parse()).
 */
export interface DateParser {
  /** The parsers (each with its gate) and refiners, in chrono's order. */
  readonly parsers: readonly GatedParser[];
  readonly refiners: readonly Refiner[];
  /** chrono's parse(): every parser whose gate passes, results sorted by index, then every refiner. */
  parse(text: string, ref: Date, option: VigieParsingOption): ParsingResult[];
  /** The same with every parser searching the whole text (no keys): what parse() must equal (tests). */
  parseUnkeyed(text: string, ref: Date, option: VigieParsingOption): ParsingResult[];
}

export function configure(base: Chrono, lex: DateLexicon, opts: ConfigureOptions): DateParser {
  const parsers: GatedParser[] = base.parsers
    .filter((p) => !opts.drop.includes(p.constructor.name))
    .map((p) => {
      const fast = skippingCovered(fastParser(p), p, base.refiners);
      const { gate, allowed: own } = chronoGate(p);
      const allowed = own ?? KEYED_CHRONO[p.constructor.name];
      return { parser: fast, gate, keys: gate && allowed !== undefined ? keysOf(chronoPattern(p), gate, false, prefixTable(allowed, 'i'), fast) : null };
    });
  const months = anyWord(Object.keys(lex.months));
  // the code units Vigie's patterns can read between a match's start and its key word or
  // year: any character of the lexicon's phrases (and ' ’), white space
  const vigieAllowed = prefixTable(
    [
      ...Object.keys(lex.months), ...lex.monthTriggers, ...lex.yearTriggers, ...Object.keys(lex.seasons),
      ...lex.partOf.early, ...lex.partOf.mid, ...lex.partOf.late, ...Object.keys(lex.relative.phrases), ...Object.keys(lex.anaphora), "'’",
    ].join(''),
    'iu',
  );
  const vigie = (parser: VigieParser, gate: RegExp | null, years = false): GatedParser => ({
    parser,
    gate,
    keys: gate ? keysOf(parser.pattern(), gate, years, vigieAllowed, parser) : null,
  });
  parsers.unshift(
    ...(opts.parsers ?? []).map((p) => ({ parser: p, gate: null, keys: null })),
    vigie(new AnaphoraParser(lex), anyWord(Object.keys(lex.anaphora))),
    vigie(new RelativePeriodParser(lex), anyWord(Object.keys(lex.relative.phrases))),
    vigie(new PartOfPeriodParser(lex), months ? new RegExp(`\\d|${months.source}`) : null, true),
    vigie(new SeasonParser(lex), anyWord(Object.keys(lex.seasons))),
    vigie(new MonthParser(lex), months),
    vigie(new YearParser(lex), DIGIT, true),
  );
  // chrono's UnlikelyFormatFilter drops any result made of digits only: a lone year ("(1975)")
  // found by Vigie's YearParser must pass it
  const refiners: Refiner[] = base.refiners.map((r) =>
    r.constructor.name === 'UnlikelyFormatFilter' ? sparingVigieYears(r)
    : r.constructor.name === 'ExtractTimezoneAbbrRefiner' ? onlyKnownAbbreviations(r)
    : r.constructor.name === 'ENEndOfPeriodRefiner' ? onlyAfterOf(r)
    : isMerging(r) ? perWindow(keptPatternBetween(r))
    : r,
  );
  refiners.push(new UnlikelyDateFilter(lex), new ModifierRefiner(lex), new NewsYearRefiner(lex), new WeekdayCheckRefiner());
  const scan = gateScan(parsers);
  return {
    parsers,
    refiners,
    parse: (text, ref, option) => parse(parsers, refiners, scan, text, ref, option, true),
    parseUnkeyed: (text, ref, option) => parse(parsers, refiners, scan, text, ref, option, false),
  };
}

/** chrono's own loop of one parser over the text (a static method its typings keep private). */
const executeParser = (Chrono as unknown as { executeParser(context: ParsingContext, parser: Parser): ParsingResult[] }).executeParser;


/**
 * chrono's Chrono.parse, with the gates: a parser whose gate fails on the lower-cased text is
 * not run (it could not have matched). Results are collected in one array. The gates made of
 * words and \d are all answered by one scan of the text (gateHits), which also notes where
 * each word is: a keyed parser (KeyedPattern) runs its pattern only from near those places.
 * The others are tested. (Running each parser only over the windows its gate passes was
 * measured slower: finding the windows costs more than the scans it saves; so was reading the
 * windows each gate passes off one scan and giving each parser a copy of its windows.)
 */
function parse(parsers: readonly GatedParser[], refiners: readonly Refiner[], scan: GateScan, text: string, ref: Date, option: VigieParsingOption, useKeys: boolean): ParsingResult[] {
  const context = new ParsingContext(text, ref, option);
  const low = text.toLowerCase();
  // the keys are found in the lower-cased text: only where its offsets are the text's, and
  // where no character matches a key letter only under case folding (ſ for s)
  const keyed = useKeys && low.length === text.length && !text.includes('\u017F');
  const at: number[][] = [];
  const mask = gateHits(scan, low, keyed ? at : null);
  covering = null;
  let years: number[] | null = null;
  const passed = new Map<RegExp, boolean>();
  let results: ParsingResult[] = [];
  for (const { parser, gate, keys } of parsers) {
    if (gate) {
      const g = scan.index.get(gate);
      if (g !== undefined) {
        if (!(mask & (1 << g))) continue;
      } else {
        let ok = passed.get(gate);
        if (ok === undefined) {
          ok = gate.test(low);
          passed.set(gate, ok);
        }
        if (!ok) continue;
      }
    }
    if (covered.has(parser)) covering = longestAt(results);
    const kg = keyed && keys ? scan.index.get(keys.gate) : undefined;
    if (keys && kg !== undefined) {
      const words = at[kg];
      if (keys.years) years ??= yearsIn(text);
      keys.pattern.reset(text, merged(words ?? NONE, keys.years ? years! : NONE));
      for (const r of executeParser(context, keys.parser)) if (r !== SKIPPED) results.push(r);
    } else {
      for (const r of executeParser(context, parser)) if (r !== SKIPPED) results.push(r);
    }
    covering = null;
  }
  sortBy(results, byIndex);
  for (const r of refiners) results = r.refine(context, results);
  return results;
}

/**
 * The gates answered by one scan: those whose pattern is an alternation of plain words (or
 * one escaped sign, see gateWord) and \d (no flags), numbered (at most 30). gate.test(low) is true exactly when low holds a digit
 * (for a gate with \d) or one of its words; the scan visits every position where a word
 * starts (lastIndex one past each hit, so words that overlap or share a start are all seen).
 */
export interface GateScan {
  /** Gate → its number (its bit in the mask). */
  index: Map<RegExp, number>;
  /** The gates holding \d. */
  digitGates: number;
  /** The gates holding words. */
  wordGates: number;
  /** Any of the words (global). */
  words: RegExp | null;
  /** By first code unit: each word and the gates holding it. */
  byFirst: Map<number, { word: string; gates: number }[]>;
}

export function gateScan(parsers: readonly GatedParser[]): GateScan {
  const index = new Map<RegExp, number>();
  let digitGates = 0;
  let wordGates = 0;
  const gatesOf = new Map<string, number>();
  for (const { gate } of parsers) {
    if (!gate || index.has(gate) || index.size >= 30 || gate.flags !== '') continue;
    const atoms = gate.source.split('|');
    if (!atoms.every((a) => a === '\\d' || gateWord(a) !== null)) continue;
    const bit = 1 << index.size;
    index.set(gate, index.size);
    for (const a of atoms) {
      if (a === '\\d') digitGates |= bit;
      else {
        wordGates |= bit;
        const w = gateWord(a)!;
        gatesOf.set(w, (gatesOf.get(w) ?? 0) | bit);
      }
    }
  }
  const byFirst = new Map<number, { word: string; gates: number }[]>();
  for (const [word, gates] of gatesOf) {
    const c = word.charCodeAt(0);
    let list = byFirst.get(c);
    if (!list) byFirst.set(c, (list = []));
    list.push({ word, gates });
  }
  // only where a word starts counts: a trie of the words (trieAlternation) finds the same places faster
  const words = gatesOf.size ? new RegExp(trieAlternation(gatesOf.keys()), 'g') : null;
  return { index, digitGates, wordGates, words, byFirst };
}

/** An atom of a gate as the plain string it matches: letters and the like as they are, one escaped sign ("\\+") as the sign; null for any other pattern. */
export function gateWord(atom: string): string | null {
  if (/^\\[.*+?^${}()|[\]\\/-]$/.test(atom)) return atom[1];
  return atom.length > 0 && !/[\\^$.*+?()[\]{}|]/.test(atom) ? atom : null;
}

/** The mask of the scan's gates that pass on the lower-cased text. */
export function gatesPassed(scan: GateScan, low: string): number {
  let mask = scan.digitGates && DIGIT.test(low) ? scan.digitGates : 0;
  const re = scan.words;
  if (re) {
    re.lastIndex = 0;
    for (let m = re.exec(low); m; m = re.exec(low)) {
      const p = m.index;
      for (const { word, gates } of scan.byFirst.get(low.charCodeAt(p)) ?? []) {
        if ((mask & gates) !== gates && low.startsWith(word, p)) mask |= gates;
      }
      if ((mask & scan.wordGates) === scan.wordGates) break; // every gate with words has passed
      re.lastIndex = p + 1;
    }
  }
  return mask;
}

/**
 * gatesPassed, also noting in at[g] (when `at` is given) every offset of low where one of gate
 * g's words starts, in order.
 */
export function gateHits(scan: GateScan, low: string, at: number[][] | null): number {
  if (at === null) return gatesPassed(scan, low);
  let mask = scan.digitGates && DIGIT.test(low) ? scan.digitGates : 0;
  const re = scan.words;
  if (re) {
    re.lastIndex = 0;
    for (let m = re.exec(low); m; m = re.exec(low)) {
      const p = m.index;
      for (const { word, gates } of scan.byFirst.get(low.charCodeAt(p)) ?? []) {
        if (!low.startsWith(word, p)) continue;
        mask |= gates;
        for (let b = gates, g = 0; b !== 0; b >>>= 1, g++) {
          if (b & 1) {
            const list = (at[g] ??= []);
            if (list[list.length - 1] !== p) list.push(p);
          }
        }
      }
      re.lastIndex = p + 1;
    }
  }
  return mask;
}

const NONE: number[] = [];

/** Every offset where a year of Vigie's YEAR pattern (1500–2099) starts, overlapping ones too. */
function yearsIn(text: string): number[] {
  const out: number[] = [];
  YEAR_AT.lastIndex = 0;
  for (let m = YEAR_AT.exec(text); m; m = YEAR_AT.exec(text)) {
    out.push(m.index);
    YEAR_AT.lastIndex = m.index + 1;
  }
  return out;
}
const YEAR_AT = new RegExp(YEAR, 'g');

/** Two ordered lists of offsets as one, without repeats. */
function merged(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

/**
 * A parser's pattern, run by chrono's loop (executeParser), that starts its search near the
 * parser's keys instead of at the start of the text it is handed.
 *
 * The keys of a parser are places every match must hold: a word of its gate, or a year. More
 * exactly, each match has a key starting at an offset g at or after the match's start p, and
 * every code unit between p + 1 and g is in `allowed` (the boundary character at p is any).
 * So p >= bound(g) = (start of the run of allowed code units ending at g) - 1, and bound only
 * grows with g. chrono's loop hands exec text.substring(k) (the text past its last match);
 * every match in it starts at p >= k and holds a key g >= p, so g is at or after the first key
 * c >= k and p >= bound(c): the pattern, searching from max(k, bound(c)) in the same string,
 * finds the same leftmost match as searching from k (^ and look-behinds see the same string).
 * No key at or after k: no match.
 */
export class KeyedPattern extends RegExp {
  /** The pattern, sticky: tried at one offset (lastIndex). */
  private readonly attempt: RegExp;
  /** Code units that cannot start a match (the left boundary is ^ or a non-word character); null: any can. */
  private readonly word: Uint8Array | null;
  private text = '';
  private keys: readonly number[] = NONE;
  private bounds: number[] = [];

  constructor(
    pattern: RegExp,
    private readonly allowed: Uint8Array,
  ) {
    super(pattern.source, pattern.flags);
    this.attempt = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}y`);
    // the left boundaries of chrono's (\W|^) and of Vigie's patterns (base.ts)
    this.word =
      pattern.source.startsWith('(\\W|^)') ? sharedTable('\\w', pattern.flags.replace(/[gy]/g, ''))
      : pattern.source.startsWith('(?:^|([^\\p{L}\\p{N}_]))') ? sharedTable('[\\p{L}\\p{N}_]', pattern.flags.replace(/[gy]/g, ''))
      : null;
  }

  /** The text of the next executeParser call and the keys found in it, in order. */
  reset(text: string, keys: readonly number[]): void {
    this.text = text;
    this.keys = keys;
    const bounds = this.bounds;
    bounds.length = keys.length;
    let prevKey = -1;
    let prevRun = 0;
    for (let i = 0; i < keys.length; i++) {
      const g = keys[i];
      let r = g;
      while (r > 0 && this.allowed[text.charCodeAt(r - 1)] === 1) {
        r--;
        if (r === prevKey) {
          // the run reaches the previous key: it goes on as that key's run
          r = prevRun;
          break;
        }
      }
      prevKey = g;
      prevRun = r;
      let b = r > 0 ? r - 1 : 0;
      // the boundary character can be a surrogate pair (a Unicode pattern reads code points)
      if (b > 0 && isTrail(text.charCodeAt(b)) && isLead(text.charCodeAt(b - 1))) b--;
      bounds[i] = b;
    }
  }

  /**
   * The leftmost match in s = text.substring(k): the pattern tried at each offset that can
   * start one, in order (from each key's bound to the key, skipping the offsets tried and those
   * that cannot start a match: a word character other than at k, the second half of a
   * surrogate pair); the first that matches.
   */
  override exec(s: string): RegExpExecArray | null {
    const text = this.text;
    const k = text.length - s.length;
    if (k < 0 || (s.length > 0 && s.charCodeAt(0) !== text.charCodeAt(k))) {
      // not a suffix of the text announced (cannot happen with chrono's loop): every offset
      for (let p = 0; p <= s.length; p++) {
        this.attempt.lastIndex = p;
        const m = this.attempt.exec(s);
        if (m) return m;
      }
      return null;
    }
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < k) lo = mid + 1;
      else hi = mid;
    }
    const word = this.word;
    const attempt = this.attempt;
    const unicode = this.unicode; // a Unicode pattern steps by code point: never inside a surrogate pair
    let next = k; // the first offset not tried yet
    for (let i = lo; i < keys.length; i++) {
      const g = keys[i];
      for (let p = Math.max(next, this.bounds[i]); p <= g; p++) {
        if (p > k) {
          const c = text.charCodeAt(p);
          if (word !== null && word[c] === 1) continue;
          if (unicode && isTrail(c) && isLead(text.charCodeAt(p - 1))) continue;
        }
        attempt.lastIndex = p - k;
        const m = attempt.exec(s);
        if (m) return m;
      }
      if (g + 1 > next) next = g + 1;
    }
    return null;
  }
}

const isLead = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isTrail = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** A keyed parser: the parser with a KeyedPattern, the gate whose words are its keys, and whether years are keys too. */
interface Keys {
  parser: Parser;
  pattern: KeyedPattern;
  gate: RegExp;
  years: boolean;
}

function keysOf(pattern: RegExp, gate: RegExp, years: boolean, allowed: Uint8Array, parser: Parser): Keys {
  const keyed = new KeyedPattern(pattern, allowed);
  return { parser: { pattern: () => keyed, extract: (context, match) => parser.extract(context, match) }, pattern: keyed, gate, years };
}

/**
 * Code-unit tables, only ever read, kept by what they were built from: each costs a regex run
 * over all 65,536 code units, and the keyed parsers ask for the same few again and again
 * (building the parsers, on the first document, took ~30 ms more without).
 */
const tables = new Map<string, Uint8Array>();

/** codeUnitTable(cls, flags), built once. */
function sharedTable(cls: string, flags: string): Uint8Array {
  const key = `${flags}/${cls}`;
  let t = tables.get(key);
  if (!t) tables.set(key, (t = codeUnitTable(cls, flags)));
  return t;
}

/** White space and these characters (with the flags' case folding), built once. */
function prefixTable(chars: string, flags: string): Uint8Array {
  const key = `prefix/${flags}/${chars}`;
  let t = tables.get(key);
  if (!t) tables.set(key, (t = buildPrefixTable(chars, flags)));
  return t;
}

function buildPrefixTable(chars: string, flags: string): Uint8Array {
  const t = SPACE.slice();
  const set = [...new Set(chars)].filter((c) => !/\s/.test(c));
  if (set.length > 0) codeUnitTable(`[${set.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, flags, 1, t);
  return t;
}

/**
 * chrono's parsers run keyed: the code units their patterns can read between the left
 * boundary and the gate word (chrono-node 2.10 patterns; "" when the word comes right after
 * the boundary). FRWeekdayParser (?:[,(（]\s*)?(?:ce\s*)?(dimanche|…); ENWeekdayParser
 * (?:[,(（]\s*)?(?:on\s*?)?(?:(this|last|past|next)\s*)?(wednesday|…); FRCasualTimeParser
 * (cet?)?\s*(matin|…|a midi|à minuit); FRCasualDateParser (…|cette\s*nuit|la\s*veille);
 * ENCasualDateParser (…|last\s*night); ENCasualTimeParser (?:this)?\s{0,3}(morning|…);
 * ENEndOfCurrentMonthParser (?:last\s+day|end)\s+of\s+(?:the\s+)?month; ENMonthNameParser
 * ((?:in)\s*)?(september|…); ENMonthNameMiddleEndianParser, ENRelativeDateFormatParser and
 * ENTimeUnitCasualRelativeFormatParser ((this|last|past|next|after|\+|-)\s*(three|…)…) start
 * with their word.
 */
const KEYED_CHRONO: Record<string, string> = {
  FRWeekdayParser: ',(（ce',
  ENWeekdayParser: ',(（onthislastpastnext',
  FRCasualTimeParser: 'ceta\u00e0',
  FRCasualDateParser: 'cettela',
  ENCasualDateParser: 'last',
  ENCasualTimeParser: 'this',
  ENEndOfCurrentMonthParser: 'lastdayendoftheh',
  ENMonthNameParser: 'in',
  ENMonthNameMiddleEndianParser: '',
  ENRelativeDateFormatParser: '',
  ENTimeUnitCasualRelativeFormatParser: '',
};

/** A chrono parser's pattern (it does not depend on the context for these parsers). */
function chronoPattern(p: Parser): RegExp {
  return p.pattern({ text: '', refDate: new Date(), option: {} } as unknown as ParsingContext);
}

/**
 * chrono's ExtractTimezoneAbbrRefiner reads any 2–4 letter word after a date as a possible
 * timezone ("le 3 mars dans…"), computing the date of each result to look it up. It is handed
 * only the results followed by an abbreviation chrono knows: the others it leaves unchanged.
 */
function onlyKnownAbbreviations(inner: Refiner): Refiner {
  const known = new Map<string, boolean>();
  const isKnown = (abbr: string): boolean => {
    let k = known.get(abbr);
    if (k === undefined) {
      // chrono's own lookup (toTimezoneOffset) through its public ReferenceWithTimezone
      k = ReferenceWithTimezone.fromInput({ instant: new Date(0), timezone: abbr }).timezoneOffset !== null;
      known.set(abbr, k);
    }
    return k;
  };
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      if (context.option.timezones) return inner.refine(context, results);
      const some: ParsingResult[] = [];
      for (const r of results) {
        const m = TIMEZONE_NAME_PATTERN.exec(context.text.substring(r.index + r.text.length));
        if (m && isKnown(m[1].toUpperCase())) some.push(r);
      }
      if (some.length > 0) inner.refine(context, some); // changes the results in place
      return results;
    },
  };
}
/**
 * chrono's ENEndOfPeriodRefiner matches /\b(?:last\s+day|end)\s+of\s+(?:the\s+)?$/i against
 * all the text before each result. It is handed only the results whose text before ends with
 * "of" or "the" then white space (a necessary condition of that pattern); it changes the
 * results in place and leaves the others unchanged.
 */
export function onlyAfterOf(inner: Refiner): Refiner {
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      const some = results.filter((r) => endsWithOfThenSpace(context.text, r.index));
      if (some.length > 0) inner.refine(context, some);
      return results;
    },
  };
}

/** text.slice(0, end) ends with "of" or "the" (any case), then at least one white space. */
export function endsWithOfThenSpace(text: string, end: number): boolean {
  let i = end;
  while (i > 0 && SPACE[text.charCodeAt(i - 1)] === 1) i--;
  if (i === end || i < 2) return false;
  const two = text.slice(i - 2, i).toLowerCase();
  return two === 'of' || (two === 'he' && i >= 3 && (text.charCodeAt(i - 3) | 0x20) === 0x74);
}

/**
 * chrono's merging refiners (MergingRefiner, chrono-node 2.10: MergeWeekdayComponentRefiner,
 * the date-time, date-range and relative-date merges) compare each result with the next,
 * reading the text between them; every one of them merges only when that text matches a
 * pattern ^…$ of white space and a few words or signs, never ¶.
 */
interface Merging extends Refiner {
  shouldMergeResults(textBetween: string, current: ParsingResult, next: ParsingResult, context: ParsingContext): boolean;
  mergeResults(textBetween: string, current: ParsingResult, next: ParsingResult, context: ParsingContext): ParsingResult;
  patternBetween?: () => RegExp;
}

function isMerging(r: Refiner): r is Merging {
  const m = r as Partial<Merging>;
  return typeof m.shouldMergeResults === 'function' && typeof m.mergeResults === 'function';
}

/**
 * patternBetween() builds a new RegExp on every call in some refiners (ENMergeDateTimeRefiner):
 * the first is kept (no g or y flag: it holds no state). The refiner is chrono's own instance
 * (shared with chrono.fr/en.casual), which merges the same with it.
 */
function keptPatternBetween(r: Merging): Merging {
  if (typeof r.patternBetween === 'function') {
    const p = r.patternBetween();
    if (!p.global && !p.sticky) r.patternBetween = () => p;
  }
  return r;
}

/**
 * A merging refiner run on the results of each window apart (see vigieWindows): it merges a
 * result with the next only when the text between them matches its pattern, and the text
 * between a result that ends inside its window and one that starts in a later window holds
 * the separator's ¶, so no such pair merges; the refiner's loop starts afresh after a pair
 * that does not merge, so running it on each group gives the same results as on all. A
 * result reaching past its window's end (only chrono's "o\W*clock" can cross a separator)
 * keeps the next result in its group.
 */
function perWindow(inner: Refiner): Refiner {
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      const windows = windowsOf(context);
      if (windows === null || results.length < 2) return inner.refine(context, results);
      const n = windows.length / 2;
      let k = windowAt(windows, results[0].index); // the window of results[i - 1]
      let from = 0;
      let out: ParsingResult[] | null = null;
      for (let i = 1; i < results.length; i++) {
        const prev = results[i - 1];
        const r = results[i];
        const split = k + 1 < n && r.index >= windows[2 * k + 2] && prev.index + prev.text.length <= windows[2 * k + 1];
        while (k + 1 < n && windows[2 * k + 2] <= r.index) k++;
        if (!split) continue;
        out ??= [];
        refineGroup(inner, context, results, from, i, out);
        from = i;
      }
      if (out === null) return inner.refine(context, results);
      refineGroup(inner, context, results, from, results.length, out);
      return out;
    },
  };
}

function refineGroup(inner: Refiner, context: ParsingContext, results: ParsingResult[], from: number, to: number, out: ParsingResult[]): void {
  if (to - from === 1) out.push(results[from]);
  else for (const r of inner.refine(context, results.slice(from, to))) out.push(r);
}

/** chrono's pattern (ExtractTimezoneAbbrRefiner). */
const TIMEZONE_NAME_PATTERN = /^\s*,?\s*\(?([A-Z]{2,4})\)?(?=\W|$)/i;

function sparingVigieYears(inner: Refiner): Refiner {
  // chrono's casual UnlikelyFormatFilter (not strict), with its checks answered faster
  const plain = (inner as { strictMode?: unknown }).strictMode === false;
  const filter = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] =>
    plain && !(context.option as { debug?: unknown }).debug ? results.filter(likelyFormat) : inner.refine(context, results);
  const isYear = (r: ParsingResult) => tagsOf(r).has(TAG.precision('year')) && /^\d+$/.test(r.text);
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      // one pass
      const years: ParsingResult[] = [];
      const others: ParsingResult[] = [];
      for (const r of results) (/^\d+$/.test(r.text) && isYear(r) ? years : others).push(r);
      if (years.length === 0) return filter(context, results);
      return sortBy([...filter(context, others), ...years], byIndex);
    },
  };
}

/**
 * UnlikelyFormatFilter.isValid (chrono-node 2.10, not strict): a result whose text, without its
 * first space, is a plain number is dropped, and so is one whose start or end is no valid date.
 */
export function likelyFormat(r: ParsingResult): boolean {
  if (!NOT_NUMBER.test(r.text) && /^\d*(\.\d*)?$/.test(r.text.replace(' ', ''))) return false;
  return validDate(r.start) && (!r.end || validDate(r.end));
}
/** A code unit that no text matching ^\d*(\.\d*)?$ once a space is taken out holds. */
const NOT_NUMBER = /[^\d. ]/;

/**
 * ParsingComponents.isValidDate (a Date built from the values, compared with them), answered
 * by arithmetic when the values are plain: whole numbers, a year from 100 to 200000 (Date.UTC
 * reads 0–99 as 1900–1999), a month 1–12, a time of day in range or absent. Then the Date keeps
 * every value exactly when the day is in the month (proleptic Gregorian, as Date); any other
 * whole day moves the month, so the date is not valid. Other values: chrono's own check.
 */
export function validDate(c: ParsingComponents): boolean {
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  if (
    isWhole(y, 100, 200000) && isWhole(m, 1, 12) && isWhole(d, -1e9, 1e9) &&
    isWholeOrNull(c.get('hour'), 23) && isWholeOrNull(c.get('minute'), 59) &&
    isWholeOrNull(c.get('second'), 59) && isWholeOrNull(c.get('millisecond'), 999)
  ) {
    return d! >= 1 && d! <= (m === 2 ? (y! % 4 === 0 && (y! % 100 !== 0 || y! % 400 === 0) ? 29 : 28) : MONTH_DAYS[m!]);
  }
  return c.isValidDate();
}
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isWhole = (v: unknown, min: number, max: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isWholeOrNull = (v: unknown, max: number): boolean => v === null || isWhole(v, 0, max);

/**
 * Relative periods Vigie's RelativePeriodParser reads ("la semaine prochaine", "next week")
 * that a chrono parser run later reads again, with the same start and no longer text: that
 * result is never kept. chrono's OverlapRemovalRefiner, the first refiner to see it, keeps of
 * two overlapping results the longer, the earlier on a tie; Vigie's result comes first (same
 * index, pushed before), and whatever result the refiner holds when it reaches the later one
 * overlaps it and is at least as long, so the later one is dropped and nothing else changes.
 * Its extract (durations, Date arithmetic) is skipped: a placeholder with the same span stands
 * in (chrono's loop goes on after it as after the result) and is left out. Only where the
 * extract would return a result (else chrono's loop would go on elsewhere), and, in English,
 * where ENEndOfPeriodRefiner (run before the overlap removal) leaves the results at that start
 * as they are (no "of"/"the" then white space before it, see onlyAfterOf).
 */
const COVERED: Record<string, { source: string; yields: (match: RegExpMatchArray) => boolean; guard: boolean }> = {
  // chrono-node 2.10's FRTimeUnitRelativeFormatParser (its class is named FRTimeUnitAgoFormatParser):
  // groups [1] boundary, [3] and [5] the modifier; no modifier, no result
  FRTimeUnitAgoFormatParser: { source: "(?:les?|la|l'|du|des?)", yields: (m) => Boolean(m[3] || m[5]), guard: false },
  // ENRelativeDateFormatParser: a result for every match
  ENRelativeDateFormatParser: { source: '(this|last|past|next|after\\s*this)', yields: () => true, guard: true },
};

/** The chrono parsers (as run) whose results another parser may already cover (COVERED). */
const covered = new WeakSet<Parser>();
/** While such a parser runs: the length of the longest result so far at each index. */
let covering: Map<number, number> | null = null;
/** The placeholder for a result never kept (see COVERED). */
const SKIPPED = Object.create(ParsingResult.prototype) as ParsingResult;

function longestAt(results: readonly ParsingResult[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of results) {
    const l = m.get(r.index);
    if (l === undefined || r.text.length > l) m.set(r.index, r.text.length);
  }
  return m;
}

function skippingCovered(fast: Parser, p: Parser, refiners: readonly Refiner[]): Parser {
  const spec = COVERED[p.constructor.name];
  if (!spec || !chronoPattern(p).source.startsWith(`(\\W|^)${spec.source}`)) return fast;
  // the overlap removal must be the first refiner, or come right after ENEndOfPeriodRefiner (guarded)
  const first = refiners.findIndex((r) => r.constructor.name === 'OverlapRemovalRefiner');
  const before = refiners.slice(0, Math.max(0, first)).map((r) => r.constructor.name);
  if (first < 0 || !before.every((n) => n === 'ENEndOfPeriodRefiner') || (before.length > 0 && !spec.guard)) return fast;
  const wrapped: Parser = {
    pattern: (context: ParsingContext) => fast.pattern(context),
    extract: (context: ParsingContext, match: RegExpMatchArray) => {
      const cover = covering;
      if (cover !== null) {
        const header = match[1] ?? '';
        const index = match.index! + header.length;
        const longest = cover.get(index);
        if (longest !== undefined && longest >= match[0].length - header.length && spec.yields(match) && !(spec.guard && endsWithOfThenSpace(context.text, index))) {
          SKIPPED.index = index;
          SKIPPED.text = match[0].slice(header.length);
          return SKIPPED;
        }
      }
      return fast.extract(context, match);
    },
  };
  covered.add(wrapped);
  return wrapped;
}

/** chrono's weekday parsers with the faster extract of weekdays.ts; every other parser with its pattern kept (cachingPattern). */
function fastParser(p: Parser): Parser {
  const name = p.constructor.name;
  if (name === 'FRWeekdayParser') return fastWeekdayParser(p, 'fr');
  if (name === 'ENWeekdayParser') return fastWeekdayParser(p, 'en');
  return cachingPattern(p);
}

/**
 * Several chrono parsers rebuild their RegExp on every call (innerPattern() builds a new
 * pattern each time, so chrono's own cache never hits); their patterns do not depend on the
 * context, so the first one is kept.
 */
function cachingPattern(p: Parser): Parser {
  let cached: RegExp | null = null;
  return {
    pattern: (context: ParsingContext) => (cached ??= p.pattern(context)),
    extract: (context: ParsingContext, match: RegExpMatchArray) => asResult(context, match, p.extract(context, match)),
  };
}


/**
 * Gates: a cheap necessary condition for a parser to match (a digit, one of its words), tested
 * once per chrono call on the lower-cased text before the parser's own, much costlier, pattern
 * runs. Such a gate never changes what is found: a parser whose gate fails could not have
 * matched. (The time-of-day gate below is the one exception, on purpose.)
 */
interface GatedParser {
  parser: Parser;
  /** Matched against the lower-cased text; null: no gate, the parser reads everything. */
  gate: RegExp | null;
  /** When set, the parser is run keyed (KeyedPattern) where the text allows. */
  keys: Keys | null;
}

/** Letter runs, as the quick filter of src/dates/index.ts cuts them (apostrophes, hyphens and spaces split). */
const LETTERS = /[a-z\u00C0-\u024F]+/g;

/**
 * A gate passed when the window holds (as a substring) the longest letter run of one of the
 * phrases; null when a phrase has no letters (no gate possible).
 */
function anyWord(phrases: string[]): RegExp | null {
  const need = new Set<string>();
  for (const p of phrases) {
    const runs = p.toLowerCase().match(LETTERS);
    if (!runs) return null;
    need.add(runs.reduce((a, b) => (b.length > a.length ? b : a)));
  }
  if (need.size === 0) return null;
  return new RegExp([...need].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

const DIGIT = /\d/;
const enMonth = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/;

/**
 * Times of day: chrono's time parsers read any number up to 24 as an hour ("au moins 12
 * morts" → 12:00), which then only costs (a time alone is dropped) or glues a stray number to
 * a date ("mardi 12"). They run only where the text shows a time: "14h", "14 h 30", "8:28",
 * "9 am", "à 14", "at 9", "o'clock". This gate is a choice, not a necessary condition.
 * ("à 14" is found from its digit, looking behind: the same texts pass as with the plain
 * (?:^|[^a-z])(?:à|a|at|from|vers|dès)\s*\d, whose every non-letter was a start to try.)
 */
const timeOfDay = /\d\s*h(?:\s*\d|[^a-z]|$)|\d\s*[:：.]\s*\d|\d\s*(?:a\.?m|p\.?m)(?![a-z])|\d(?<=(?:^|[^a-z])(?:à|a|at|from|vers|dès)\s*\d)|o['’]?\s*clock/;

/** Gates of chrono's own parsers (fr and en casual), by class name; read off their patterns (chrono-node 2.x). */
const CHRONO_GATES: Record<string, RegExp> = {
  ISOFormatParser: DIGIT,
  SlashDateFormatParser: DIGIT,
  FRMonthNameLittleEndianParser: DIGIT,
  FRTimeExpressionParser: timeOfDay,
  FRSpecificTimeExpressionParser: timeOfDay,
  ENYearMonthDayParser: DIGIT,
  ENSlashMonthFormatParser: DIGIT,
  ENTimeExpressionParser: timeOfDay,
  ENYearMonthNameParser: DIGIT,
  FRWeekdayParser: /dim|lun|mar|mer|jeu|ven|sam/,
  FRCasualTimeParser: /matin|soir|apr|midi|minuit/,
  FRCasualDateParser: /maintenant|aujourd|demain|hier|nuit|veille/,
  ENWeekdayParser: /sun|mon|tue|wed|thu|fri|sat|weekend|weekday/,
  ENCasualDateParser: /now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night/,
  ENCasualTimeParser: /morning|afternoon|evening|night|midnight|midday|noon/,
  ENEndOfCurrentMonthParser: /month/,
  ENRelativeDateFormatParser: /this|last|past|next|after/,
  ENTimeUnitCasualRelativeFormatParser: /this|last|past|next|after|\+|-/,
  ENMonthNameParser: enMonth,
  ENMonthNameLittleEndianParser: enMonth,
  ENMonthNameMiddleEndianParser: enMonth,
};
const IL_Y_A = /il y a/;
const AGO = /ago|before|earlier/;

/**
 * chrono-node 2.10's FRTimeUnitRelativeFormatParser (class FRTimeUnitAgoFormatParser): (\W|^),
 * an article, a number, a modifier, a unit, a modifier; its extract returns nothing without a
 * modifier ("les trois jours" is no date). Its gate is the modifiers: a text without one holds
 * matches but no result, so the parser is not run there; this is the one gate that is a
 * necessary condition of a result, not of a match (executeParser goes on one character past a
 * match without a result, so skipping such matches changes nothing either: see KeyedPattern).
 * The modifier is its key: before it, a match holds only the article, the number, the unit,
 * the other modifier and white space (FR_RELATIVE_ALLOWED).
 */
const FR_RELATIVE_SOURCE = /^\(\\W\|\^\)\(\?:les\?\|la\|l'\|du\|des\?\)\\s\*.*\(prochaine\?s\?\|derni\[eè\]re\?s\?\|pass\[ée\]e\?s\?\|pr\[ée\]c\[ée\]dents\?\|suivante\?s\?\)\)\?\(\?=\\W\|\$\)$/;
const FR_RELATIVE_GATE = /prochain|dernier|dernièr|passe|passé|precedent|précédent|précedent|precédent|suivant/;

/** The gate of one of chrono's parsers: by class name, else by what its pattern requires (two French classes share a name). */
function chronoGate(p: Parser): { gate: RegExp | null; allowed?: string } {
  let source = '';
  try {
    source = p.pattern({ text: '', refDate: new Date(), option: {} } as unknown as ParsingContext).source;
  } catch {
    source = '';
  }
  if (FR_RELATIVE_SOURCE.test(source)) {
    // every character the pattern spells out (a superset of what a match holds before its last
    // modifier), digits, white space (prefixTable)
    return { gate: FR_RELATIVE_GATE, allowed: `${source.slice(6).replace(/\\[sbW]|[()?:|[\]\\*+{}^$=]/g, '')}0123456789.-'` };
  }
  const byName = CHRONO_GATES[p.constructor.name];
  if (byName) return { gate: byName };
  if (source.includes('il y a')) return { gate: IL_Y_A }; // "il y a trois jours"
  if (/\(\?:ago\|before\|earlier\)\(\?=\\W\|\$\)$/.test(source)) return { gate: AGO }; // "three days ago"
  return { gate: null };
}
