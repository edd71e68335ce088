/**
 * chrono's French and English weekday parsers (FRWeekdayParser, ENWeekdayParser, chrono-node
 * 2.10) with their own pattern and the same results, built without chrono's Date round trips:
 * createParsingComponentsAtWeekday makes three Date objects per weekday and deletes
 * components (which slows every later read of them); here the day is reached with calendar
 * arithmetic (calendar.ts) from the reference's local date, the way chrono's addDuration
 * moves a local date at noon by whole days. The values set are chrono's: implied day, month
 * and year of the day reached, the weekday assigned (chrono's implied weekday is removed by
 * that assignment). Words outside the day
 * dictionaries ("weekend", "weekday") go to chrono's own extract.
 */
import { ParsingComponents, type Parser, type ParsingContext, type ParsingResult, type ReferenceWithTimezone } from 'chrono-node';
import { addDays } from '../calendar.js';

type Modifier = 'this' | 'last' | 'next' | null;

/** chrono-node 2.10 locales/fr/constants.js WEEKDAY_DICTIONARY. */
const FR: Record<string, number> = { dimanche: 0, dim: 0, lundi: 1, lun: 1, mardi: 2, mar: 2, mercredi: 3, mer: 3, jeudi: 4, jeu: 4, vendredi: 5, ven: 5, samedi: 6, sam: 6 };
/** chrono-node 2.10 locales/en/constants.js WEEKDAY_DICTIONARY. */
const EN: Record<string, number> = {
  sunday: 0, sun: 0, 'sun.': 0, monday: 1, mon: 1, 'mon.': 1, tuesday: 2, tue: 2, 'tue.': 2, wednesday: 3, wed: 3, 'wed.': 3,
  thursday: 4, thurs: 4, 'thurs.': 4, thur: 4, 'thur.': 4, thu: 4, 'thu.': 4, friday: 5, fri: 5, 'fri.': 5, saturday: 6, sat: 6, 'sat.': 6,
};
/** The words of those dictionaries, without an abbreviation's dot: the full names and the abbreviations ("mer", "sat", "thurs"). */
export const WEEKDAY_WORDS: ReadonlySet<string> = new Set([...Object.keys(FR), ...Object.keys(EN)].map((k) => k.replace(/\.$/, '')));
const own = (dict: Record<string, number>, w: string): number | undefined => (Object.prototype.hasOwnProperty.call(dict, w) ? dict[w] : undefined);

/**
 * The parser `p` (chrono's FRWeekdayParser or ENWeekdayParser, by `lang`) with a faster
 * extract. Its match groups (with AbstractParserWithWordBoundaryChecking's left boundary
 * first): fr [1] boundary, [2] weekday, [3] dernier/prochain; en [1] boundary, [2] this/last/
 * past/next before, [3] weekday, [4] this/last/past/next … week after.
 */
export function fastWeekdayParser(p: Parser, lang: 'fr' | 'en'): Parser {
  let cached: RegExp | null = null;
  const dayGroup = lang === 'fr' ? 2 : 3;
  return {
    pattern: (context: ParsingContext) => (cached ??= p.pattern(context)),
    extract: (context: ParsingContext, match: RegExpMatchArray) => {
      const weekday = own(lang === 'fr' ? FR : EN, (match[dayGroup] ?? '').toLowerCase());
      if (weekday === undefined) return asResult(context, match, p.extract(context, match));
      let modifier: Modifier = null;
      if (lang === 'fr') {
        const suffix = (match[3] || '').toLowerCase();
        if (suffix == 'dernier') modifier = 'last';
        else if (suffix == 'prochain') modifier = 'next';
      } else {
        const word = (match[2] || match[4] || '').toLowerCase();
        if (word == 'last' || word == 'past') modifier = 'last';
        else if (word == 'next') modifier = 'next';
        else if (word == 'this') modifier = 'this';
      }
      // AbstractParserWithWordBoundaryChecking.extract: the match without its left boundary
      const header = match[1] ?? '';
      match.index = match.index! + header.length;
      match[0] = match[0].substring(header.length);
      for (let i = 2; i < match.length; i++) match[i - 1] = match[i];
      // the result executeParser would make of the components (asResult)
      return context.createParsingResult(match.index, match[0], atWeekday(context.reference, weekday, modifier));
    },
  };
}

/** createParsingComponentsAtWeekday (chrono calculation/weekdays.js), same values. */
function atWeekday(reference: ReferenceWithTimezone, weekday: number, modifier: Modifier): ParsingComponents {
  const refDate = reference.getDateWithAdjustedTimezone();
  const days = daysToWeekday(refDate.getDay(), weekday, modifier);
  const c = new ParsingComponents(reference);
  // addDurationAsImplied({ day: days }) from the implied local date (the constructor's)
  const to = addDays({ y: c.get('year')!, m: c.get('month')!, d: c.get('day')! }, days);
  c.imply('day', to.d);
  c.imply('month', to.m);
  c.imply('year', to.y);
  c.assign('weekday', weekday);
  return c;
}

/** getDaysToWeekday (chrono calculation/weekdays.js). */
function daysToWeekday(refWeekday: number, weekday: number, modifier: Modifier): number {
  const forward = (weekday - refWeekday + 7) % 7;
  const backward = forward === 0 ? -7 : forward - 7;
  switch (modifier) {
    case 'this':
      return forward;
    case 'last':
      return backward;
    case 'next':
      if (refWeekday == 0) return weekday == 0 ? 7 : weekday;
      if (refWeekday == 6) {
        if (weekday == 6) return 7;
        if (weekday == 0) return 8;
        return 1 + weekday;
      }
      return weekday < refWeekday && weekday != 0 ? forward : forward + 7;
  }
  return forward < -backward ? forward : backward;
}

/**
 * What chrono's executeParser makes of components an extract returns, made here: the result
 * at the match (as the extract left it) with these components as its start. (executeParser
 * first builds the result with components of its own, at once replaced.)
 */
export function asResult<T>(context: ParsingContext, match: RegExpMatchArray, r: T): T | ParsingResult {
  return r instanceof ParsingComponents ? context.createParsingResult(match.index!, match[0], r) : r;
}
