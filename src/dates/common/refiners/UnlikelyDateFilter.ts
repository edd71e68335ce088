/**
 * Drops what chrono finds that is not a date for Vigie:
 * - times alone ("à 14h30", "8:28 PM"): a time does not name a day (a time next to a date has
 *   already been merged into it by chrono);
 * - durations ("pendant trois jours", "for three days"): chrono reads them as "reference + 3
 *   days"; Vigie decides a duration is not a date;
 * - chrono's bare month names ("march", "May"): Vigie's MonthParser reads months with the
 *   lexicon's rules (capitalization, ambiguous words);
 * - relative dates absurdly far from the reference ("in 2016 years").
 * It also repairs chrono's "1 November, 10" (a day, a comma, then a number read as the year
 * 2010): the number is cut off and the year left open.
 */
import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation } from '../patterns.js';
import { isVigie } from './options.js';
import { tagsOf } from '../tags.js';
import { objectList } from '../../../common/arrays.js';

export class UnlikelyDateFilter implements Refiner {
  private readonly duration: RegExp;

  constructor(lex: DateLexicon) {
    this.duration = new RegExp(`^(?:${alternation(lex.durationWords)})\\s`, 'iu');
  }

  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    // a loop, not map().filter(): those answered, now and then, a list with holes, and
    // findDates, compiled for lists without, was deoptimized on it (src/common/arrays.ts)
    const kept = objectList<ParsingResult>();
    for (const r of results) if (this.keep(context, trimShortYear(r))) kept.push(r);
    return kept;
  };

  private keep(context: ParsingContext, r: ParsingResult): boolean {
    const tags = tagsOf(r);
    if (isVigie(tags)) return true;
    const s = r.start;
    const dateKnown = s.isCertain('day') || s.isCertain('weekday') || s.isCertain('month') || s.isCertain('year');
    if (!dateKnown) return false;
    if (tags.has('result/relativeDate') && this.duration.test(r.text)) return false;
    if (s.isCertain('month') && !s.isCertain('day') && !s.isCertain('year')) return false;
    const y = s.get('year');
    if (y !== null && Math.abs(y - context.refDate.getFullYear()) > 150 && tags.has('result/relativeDate')) return false;
    return true;
  }
}

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
