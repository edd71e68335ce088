/**
 * Chooses the year (or the day, for a weekday) of dates the text leaves open, the way a news
 * article means them. chrono picks the occurrence nearest to the reference, often in the
 * future ("le 25 janvier" read on 2016-11-02 → 2017-01-25). News reports the past, so:
 *
 * Let P be the publication date and W = 7 days.
 * - Day and month without a year ("le 25 janvier"):
 *     "dernier"/"last"            → the latest occurrence on or before P;
 *     "prochain"/"next"           → the earliest occurrence on or after P;
 *     "ce"/"this" before the date → the occurrence nearest to P (a tie goes to the future);
 *     a weekday that fits one of the years around P ("jeudi 16 septembre")
 *                                 → that year (else the rules below, and WeekdayCheckRefiner
 *                                   flags the mismatch);
 *     a future cue near the date (60 characters before, 40 after, same sentence: "doit",
 *     "devrait", "will", or a verb in the future tense, "reviendra", "achèvera")
 *                                 → the earliest occurrence on or after P − W;
 *     otherwise                   → the latest occurrence on or before P + W
 *                                   (an event announced for the next days stays in the future).
 * - A weekday alone ("mercredi"):
 *     "dernier"/"last"            → the latest such day strictly before P;
 *     "prochain"/"next"           → the earliest strictly after P;
 *     "ce"/"this"                 → the nearest to P (P itself when P is that weekday);
 *     a future cue near it         → the earliest on or after P;
 *     otherwise                   → the latest on or before P (P itself included).
 * - A month without a year ("en juillet", "fin mars", "septembre dernier"), and seasons:
 *     "dernier" → the latest month strictly before P's month; "prochain" → the earliest
 *     strictly after; future cue → the earliest on or after P's month; otherwise the latest on
 *     or before P's month.
 * Without a publication date this refiner does nothing: resolve.ts writes XXXX or null.
 */
import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { addDays, compareYmd, daysBetween, isValidYmd, weekdayOf, type Ymd } from '../../calendar.js';
import { alternation } from '../patterns.js';
import { ANAPHORA_PREFIX, TAG, tagsOf } from '../tags.js';
import { hasReference, windowAt, windowsOf } from './options.js';

export const WINDOW_DAYS = 7;
/** Characters before and after a date searched for a future cue. */
export const CUE_BEFORE = 60;
export const CUE_AFTER = 40;

type Direction = 'past' | 'future' | 'near' | 'cue' | 'none';

export class NewsYearRefiner implements Refiner {
  private readonly cue: RegExp | null;
  private readonly ending: RegExp | null;
  private readonly notVerbs: Set<string>;
  /** The endings as written: the ending pattern is case-sensitive, so a window without one of them has no verb in the future tense. */
  private readonly endings: string[];

  constructor(lex: DateLexicon) {
    // the boundary before a word is the start or a character taken into the match: the same
    // matches as a look-behind (?<!…), found faster; the verb is group 1
    this.cue = lex.futureCues.length
      ? new RegExp(`(?:^|[^\\p{L}\\p{N}_])(?:${alternation(lex.futureCues)})(?![\\p{L}\\p{N}_])`, 'iu')
      : null;
    this.ending = lex.futureEndings.length
      ? new RegExp(`(?:^|[^\\p{L}])(\\p{Ll}{2,}(?:${alternation(lex.futureEndings)}))(?![\\p{L}])`, 'gu')
      : null;
    this.notVerbs = new Set(lex.futureEndingExceptions.map((w) => w.toLowerCase()));
    this.endings = lex.futureEndings;
  }

  /**
   * A future cue near the date: a cue word, or a verb in the future tense, within
   * CUE_BEFORE/CUE_AFTER characters and within the date's own window of the text chrono reads
   * (see vigieWindows; a cue never matches across the separator between windows).
   */
  private futureNear(context: ParsingContext, start: number, end: number): boolean {
    const text = context.text;
    let lo = Math.max(0, start - CUE_BEFORE);
    let hi = Math.min(text.length, end + CUE_AFTER);
    const windows = windowsOf(context);
    if (windows) {
      const k = windowAt(windows, start);
      lo = Math.max(lo, windows[2 * k]);
      hi = Math.min(hi, windows[2 * k + 1]);
    }
    const w = text.slice(lo, hi);
    if (this.cue?.test(w)) return true;
    if (this.ending && this.endings.some((e) => w.includes(e))) {
      this.ending.lastIndex = 0;
      for (let m = this.ending.exec(w); m; m = this.ending.exec(w)) if (!this.notVerbs.has(m[1])) return true;
    }
    return false;
  }

  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    if (!hasReference(context)) return results;
    const ref = context.refDate;
    const P: Ymd = { y: ref.getFullYear(), m: ref.getMonth() + 1, d: ref.getDate() };
    for (const r of results) {
      const s = r.start;
      if (s.isCertain('year')) continue;
      const tags = tagsOf(r);
      if (hasAnaphora(tags)) continue;
      // the direction (its future-cue search is the costly part) only for a date it decides
      const dir = (): Direction =>
        tags.has(TAG.past)
          ? 'past'
          : tags.has(TAG.future)
            ? 'future'
            : tags.has(TAG.near)
              ? 'near'
              : this.futureNear(context, r.index, r.index + r.text.length)
                ? 'cue'
                : 'none';
      if (s.isCertain('day') && s.isCertain('month')) {
        const weekday = s.isCertain('weekday') ? s.get('weekday') : null;
        const y = chooseDayYear(P, s.get('month')!, s.get('day')!, dir(), weekday);
        if (y !== null) s.imply('year', y);
      } else if (s.isCertain('weekday') && !s.isCertain('day')) {
        const day = chooseWeekday(P, s.get('weekday')!, dir());
        s.imply('year', day.y);
        s.imply('month', day.m);
        s.imply('day', day.d);
      } else if (s.isCertain('month') || tags.has('vigie/season')) {
        s.imply('year', chooseMonthYear(P, s.get('month')!, dir()));
      }
    }
    return results;
  };
}

/** The year for a day and month without a year (see the rule above). */
export function chooseDayYear(P: Ymd, month: number, day: number, dir: Direction, weekday: number | null = null): number | null {
  const cands = [P.y - 1, P.y, P.y + 1].map((y) => ({ y, m: month, d: day })).filter(isValidYmd);
  if (cands.length === 0) return null;
  if (weekday !== null) {
    // "jeudi 16 septembre": the year in which the 16th is a Thursday, when one is near
    const fit = cands.filter((c) => weekdayOf(c) === weekday);
    if (fit.length > 0) return fit.sort((a, b) => Math.abs(daysBetween(P, a)) - Math.abs(daysBetween(P, b)))[0].y;
  }
  const onOrBefore = (limit: Ymd) => cands.filter((c) => compareYmd(c, limit) <= 0).pop();
  const onOrAfter = (limit: Ymd) => cands.find((c) => compareYmd(c, limit) >= 0);
  let pick: Ymd | undefined;
  switch (dir) {
    case 'past':
      pick = onOrBefore(P);
      break;
    case 'future':
      pick = onOrAfter(P);
      break;
    case 'near':
      pick = [...cands].sort((a, b) => Math.abs(daysBetween(P, a)) - Math.abs(daysBetween(P, b)) || compareYmd(b, a))[0];
      break;
    case 'cue':
      pick = onOrAfter(addDays(P, -WINDOW_DAYS));
      break;
    default:
      pick = onOrBefore(addDays(P, WINDOW_DAYS));
  }
  return (pick ?? cands[0]).y;
}

/** The day for a weekday alone (see the rule above). */
export function chooseWeekday(P: Ymd, weekday: number, dir: Direction): Ymd {
  const back = (weekdayOf(P) - weekday + 7) % 7; // 0..6 days back to the latest on or before P
  const fwd = (weekday - weekdayOf(P) + 7) % 7; // 0..6 days forward to the earliest on or after P
  switch (dir) {
    case 'past':
      return addDays(P, -(back === 0 ? 7 : back));
    case 'future':
      return addDays(P, fwd === 0 ? 7 : fwd);
    case 'near':
      return back <= fwd ? addDays(P, -back) : addDays(P, fwd);
    case 'cue':
      return addDays(P, fwd);
    default:
      return addDays(P, -back);
  }
}

/** The year of a month without a year (see the rule above). */
export function chooseMonthYear(P: Ymd, month: number, dir: Direction): number {
  switch (dir) {
    case 'past':
      return month < P.m ? P.y : P.y - 1;
    case 'future':
      return month > P.m ? P.y : P.y + 1;
    case 'cue':
      return month >= P.m ? P.y : P.y + 1;
    case 'near': {
      const diff = month - P.m;
      return diff > 6 ? P.y - 1 : diff < -6 ? P.y + 1 : P.y;
    }
    default:
      return month <= P.m ? P.y : P.y - 1;
  }
}

function hasAnaphora(tags: ReadonlySet<string>): boolean {
  for (const t of tags) if (t.startsWith(ANAPHORA_PREFIX)) return true;
  return false;
}
