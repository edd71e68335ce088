/**
 * Drops what chrono finds that is not a date for Vigie:
 * - times alone ("à 14h30", "8:28 PM"): a time does not name a day (a time next to a date has
 *   already been merged into it by chrono);
 * - durations ("pendant trois jours", "for three days"): chrono reads them as "reference + 3
 *   days"; Vigie decides a duration is not a date;
 * - chrono's bare month names ("march", "May"): Vigie's MonthParser reads months with the
 *   lexicon's rules (capitalization, ambiguous words);
 * - relative dates absurdly far from the reference ("in 2016 years");
 * - a weekday alone written as one of chrono's abbreviations ("mer", "jeu", "sat", "wed",
 *   "Sun"): in running text those are nearly always other words ("la mer Noire", "les intérêts
 *   en jeu", "the court sat", "The Sun reported"). An abbreviation within a longer date ("ven
 *   4 novembre") stays, and so do chrono's "weekend" readings.
 * It also repairs chrono's "1 November, 10" (a day, a comma, then a number read as the year
 * 2010): the number is cut off and the year left open.
 */
import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation } from '../patterns.js';
import { isVigie } from './options.js';
import { tagsOf } from '../tags.js';
import { WEEKDAY_WORDS } from '../weekdays.js';
import { objectList } from '../../../common/arrays.js';

export class UnlikelyDateFilter implements Refiner {
  private readonly duration: RegExp;
  /** The lexicon's weekday names, lower case. */
  private readonly fullWeekdays: ReadonlySet<string>;

  constructor(lex: DateLexicon) {
    this.duration = new RegExp(`^(?:${alternation(lex.durationWords)})\\s`, 'iu');
    this.fullWeekdays = new Set(Object.keys(lex.weekdays).map((w) => w.toLowerCase()));
  }

  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    // a loop, not map().filter(): those answered, now and then, a list with holes, and
    // findDates, compiled for lists without, was deoptimized on it (src/common/arrays.ts)
    const kept = objectList<ParsingResult>();
    for (const r of results) if (this.keep(context, trimShortYear(r))) kept.push(r);
    return kept;
  };

  /** True when `text` names a weekday by one of chrono's abbreviations and by no full name of the lexicon. */
  private abbreviatedOnly(text: string): boolean {
    let abbreviated = false;
    for (const m of text.toLowerCase().matchAll(WORD)) {
      if (this.fullWeekdays.has(m[0])) return false;
      // a word of chrono's dictionaries that is no full name of the lexicon: an abbreviation
      if (WEEKDAY_WORDS.has(m[0])) abbreviated = true;
    }
    return abbreviated;
  }

  private keep(context: ParsingContext, r: ParsingResult): boolean {
    const tags = tagsOf(r);
    if (isVigie(tags)) return true;
    const s = r.start;
    const dateKnown = s.isCertain('day') || s.isCertain('weekday') || s.isCertain('month') || s.isCertain('year');
    if (!dateKnown) return false;
    if (tags.has('result/relativeDate') && this.duration.test(r.text)) return false;
    if (s.isCertain('month') && !s.isCertain('day') && !s.isCertain('year')) return false;
    if (s.isCertain('weekday') && !s.isCertain('day') && !s.isCertain('month') && !s.isCertain('year') && this.abbreviatedOnly(r.text)) return false;
    const y = s.get('year');
    if (y !== null && Math.abs(y - context.refDate.getFullYear()) > 150 && tags.has('result/relativeDate')) return false;
    return true;
  }
}

/** A run of letters: a word without the dot an abbreviation may have. */
const WORD = /[\p{L}]+/gu;

const SHORT_YEAR = /^(.*?\p{L}\.?)\s*,\s*\d{1,2}$/u;

function trimShortYear(r: ParsingResult): ParsingResult {
  // the pattern needs a final digit and a comma: most texts are turned away before it runs
  const last = r.text.charCodeAt(r.text.length - 1);
  if (!(last >= 48 && last <= 57) || !r.text.includes(',')) return r;
  const m = SHORT_YEAR.exec(r.text);
  if (m && r.start.isCertain('year')) {
    const year = r.start.get('year')!;
    r.text = m[1];
    r.start.delete('year');
    r.start.imply('year', year);
  }
  return r;
}
