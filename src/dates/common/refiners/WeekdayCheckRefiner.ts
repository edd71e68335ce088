/**
 * "jeudi 20 janvier" 2017: the 20th was a Friday. The date wins (a weekday is the likelier
 * slip), and the result gets the flag "weekday-mismatch". Checked only when the year is known
 * (written, or chosen against a publication date).
 */
import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import { isValidYmd, weekdayOf } from '../../calendar.js';
import { TAG } from '../tags.js';
import { hasReference } from './options.js';

export const WEEKDAY_MISMATCH = 'weekday-mismatch';

export class WeekdayCheckRefiner implements Refiner {
  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    for (const r of results) {
      const s = r.start;
      if (!s.isCertain('weekday') || !s.isCertain('day') || !s.isCertain('month')) continue;
      if (!s.isCertain('year') && !hasReference(context)) continue;
      const ymd = { y: s.get('year')!, m: s.get('month')!, d: s.get('day')! };
      if (isValidYmd(ymd) && weekdayOf(ymd) !== s.get('weekday')) r.addTag(TAG.flag(WEEKDAY_MISMATCH));
    }
    return results;
  };
}
