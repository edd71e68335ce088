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
  c.parsers = c.parsers.filter((p) => !opts.drop.includes(p.constructor.name)).map(cachingPattern);
  c.parsers.unshift(
    ...(opts.parsers ?? []),
    new AnaphoraParser(lex),
    new RelativePeriodParser(lex),
    new PartOfPeriodParser(lex),
    new SeasonParser(lex),
    new MonthParser(lex),
    new YearParser(lex),
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
      const years = results.filter(isYear);
      if (years.length === 0) return inner.refine(context, results);
      return [...inner.refine(context, results.filter((r) => !isYear(r))), ...years].sort((a, b) => a.index - b.index);
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
