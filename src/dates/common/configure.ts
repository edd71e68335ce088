/**
 * Builds a Vigie date parser from one of chrono's casual configurations, in chrono's own way:
 * clone, drop the parsers Vigie replaces, put Vigie's parsers first (on a tie in span, chrono's
 * overlap removal keeps the earlier parser's result) and its refiners last.
 */
import type { Chrono, Parser, ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { TAG } from './tags.js';
import type { DateLexicon } from '../lexicon.js';
import { AnaphoraParser } from './parsers/AnaphoraParser.js';
import { MonthParser } from './parsers/MonthParser.js';
import { PartOfPeriodParser } from './parsers/PartOfPeriodParser.js';
import { RelativePeriodParser } from './parsers/RelativePeriodParser.js';
import { SeasonParser } from './parsers/SeasonParser.js';
import { YearParser } from './parsers/YearParser.js';
import { ModifierRefiner } from './refiners/ModifierRefiner.js';
import { NewsYearRefiner } from './refiners/NewsYearRefiner.js';
import { UnlikelyDateFilter } from './refiners/UnlikelyDateFilter.js';
import { WeekdayCheckRefiner } from './refiners/WeekdayCheckRefiner.js';

export interface ConfigureOptions {
  /** chrono parser class names to remove ("FRTimeUnitWithinFormatParser": durations). */
  drop: string[];
  /** Extra, language-specific parsers, run before the common ones. */
  parsers?: Parser[];
}

export function configure(base: Chrono, lex: DateLexicon, opts: ConfigureOptions): Chrono {
  const c = base.clone();
  c.parsers = c.parsers.filter((p) => !opts.drop.includes(p.constructor.name)).map((p) => gated(cachingPattern(p), chronoGate(p)));
  const months = anyWord(Object.keys(lex.months));
  const digit: Gate = (w) => w.digit;
  c.parsers.unshift(
    ...(opts.parsers ?? []),
    gated(new AnaphoraParser(lex), anyWord(Object.keys(lex.anaphora))),
    gated(new RelativePeriodParser(lex), anyWord(Object.keys(lex.relative.phrases))),
    gated(new PartOfPeriodParser(lex), months ? (w) => w.digit || months(w) : null),
    gated(new SeasonParser(lex), anyWord(Object.keys(lex.seasons))),
    gated(new MonthParser(lex), months),
    gated(new YearParser(lex), digit),
  );
  // chrono's UnlikelyFormatFilter drops any result made of digits only: a lone year ("(1975)")
  // found by Vigie's YearParser must pass it
  c.refiners = c.refiners.map((r) => (r.constructor.name === 'UnlikelyFormatFilter' ? sparingVigieYears(r) : r));
  c.refiners.push(new UnlikelyDateFilter(lex), new ModifierRefiner(lex), new NewsYearRefiner(lex), new WeekdayCheckRefiner());
  return c;
}

function sparingVigieYears(inner: Refiner): Refiner {
  const isYear = (r: ParsingResult) => r.tags().has(TAG.precision('year')) && /^\d+$/.test(r.text);
  return {
    refine: (context: ParsingContext, results: ParsingResult[]) => {
      // one pass (tags() builds new sets on every call)
      const years: ParsingResult[] = [];
      const others: ParsingResult[] = [];
      for (const r of results) (/^\d+$/.test(r.text) && isYear(r) ? years : others).push(r);
      if (years.length === 0) return inner.refine(context, results);
      return [...inner.refine(context, others), ...years].sort((a, b) => a.index - b.index);
    },
  };
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
    extract: (context: ParsingContext, match: RegExpMatchArray) => p.extract(context, match),
  };
}

/**
 * Gates: a cheap necessary condition for a parser to match (a digit, one of its words), tested
 * once per chrono call before the parser's own, much costlier, pattern runs. Such a gate never
 * changes what is found: a parser whose gate fails could not have matched. (The time-of-day
 * gate below is the one exception, on purpose.)
 */
interface WindowInfo {
  /** The window holds a digit. */
  digit: boolean;
  /** The window in lower case. */
  low: string;
}
type Gate = (w: WindowInfo) => boolean;

/** Letter runs, as the quick filter of src/dates/index.ts cuts them (apostrophes, hyphens and spaces split). */
const LETTERS = /[a-z\u00C0-\u024F]+/g;
const infos = new WeakMap<ParsingContext, WindowInfo>();

function infoOf(context: ParsingContext): WindowInfo {
  let w = infos.get(context);
  if (!w) {
    const low = context.text.toLowerCase();
    w = { digit: /\d/.test(low), low };
    infos.set(context, w);
  }
  return w;
}

/**
 * A gate passed when the window holds (as a substring) the longest letter run of one of the
 * phrases; null when a phrase has no letters (no gate possible).
 */
function anyWord(phrases: string[]): Gate | null {
  const need = new Set<string>();
  for (const p of phrases) {
    const runs = p.toLowerCase().match(LETTERS);
    if (!runs) return null;
    need.add(runs.reduce((a, b) => (b.length > a.length ? b : a)));
  }
  if (need.size === 0) return null;
  const re = new RegExp([...need].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
  return (w) => re.test(w.low);
}

/** A gate passed when the lower-cased window matches `re` (a plain alternation every match of the parser must contain). */
const has = (re: RegExp): Gate => (w) => re.test(w.low);
const needsDigit: Gate = (w) => w.digit;
const enMonth = has(/jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/);

/**
 * Times of day: chrono's time parsers read any number up to 24 as an hour ("au moins 12
 * morts" → 12:00), which then only costs (a time alone is dropped) or glues a stray number to
 * a date ("mardi 12"). They run only where the text shows a time: "14h", "14 h 30", "8:28",
 * "9 am", "à 14", "at 9", "o'clock". This gate is a choice, not a necessary condition.
 */
const timeOfDay = has(/\d\s*h(?:\s*\d|[^a-z]|$)|\d\s*[:：.]\s*\d|\d\s*(?:a\.?m|p\.?m)(?![a-z])|(?:^|[^a-z])(?:à|a|at|from|vers|dès)\s*\d|o['’]?\s*clock/);

/** Gates of chrono's own parsers (fr and en casual), by class name; read off their patterns (chrono-node 2.x). */
const CHRONO_GATES: Record<string, Gate> = {
  ISOFormatParser: needsDigit,
  SlashDateFormatParser: needsDigit,
  FRMonthNameLittleEndianParser: needsDigit,
  FRTimeExpressionParser: timeOfDay,
  FRSpecificTimeExpressionParser: timeOfDay,
  ENYearMonthDayParser: needsDigit,
  ENSlashMonthFormatParser: needsDigit,
  ENTimeExpressionParser: timeOfDay,
  ENYearMonthNameParser: needsDigit,
  FRWeekdayParser: has(/dim|lun|mar|mer|jeu|ven|sam/),
  FRCasualTimeParser: has(/matin|soir|apr|midi|minuit/),
  FRCasualDateParser: has(/maintenant|aujourd|demain|hier|nuit|veille/),
  ENWeekdayParser: has(/sun|mon|tue|wed|thu|fri|sat|weekend|weekday/),
  ENCasualDateParser: has(/now|today|tonight|tomorrow|overmorrow|tmr|yesterday|night/),
  ENCasualTimeParser: has(/morning|afternoon|evening|night|midnight|midday|noon/),
  ENEndOfCurrentMonthParser: has(/month/),
  ENRelativeDateFormatParser: has(/this|last|past|next|after/),
  ENMonthNameParser: enMonth,
  ENMonthNameLittleEndianParser: enMonth,
  ENMonthNameMiddleEndianParser: enMonth,
};

/** The gate of one of chrono's parsers: by class name, else by what its pattern requires (two French classes share a name). */
function chronoGate(p: Parser): Gate | null {
  const byName = CHRONO_GATES[p.constructor.name];
  if (byName) return byName;
  let source = '';
  try {
    source = p.pattern({ text: '', refDate: new Date(), option: {} } as unknown as ParsingContext).source;
  } catch {
    return null;
  }
  if (source.includes('il y a')) return has(/il y a/); // "il y a trois jours"
  if (/\(\?:ago\|before\|earlier\)\(\?=\\W\|\$\)$/.test(source)) return has(/ago|before|earlier/); // "three days ago"
  return null;
}

/** A pattern that fails at once (anchored at the start, never matches). */
const NEVER = /^(?!)/;

function gated(p: Parser, gate: Gate | null): Parser {
  if (!gate) return p;
  return {
    pattern: (context: ParsingContext) => (gate(infoOf(context)) ? p.pattern(context) : NEVER),
    extract: (context: ParsingContext, match: RegExpMatchArray) => p.extract(context, match),
  };
}
