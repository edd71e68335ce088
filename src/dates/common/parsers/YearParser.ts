/**
 * A bare year: "en 2016", "depuis 2012" (flag "since"), "in 2016", "l'année 2001", "(1975)".
 *
 * A four-digit number is a year only when a trigger word stands before it, or when it stands
 * alone before punctuation; and never after a quantity word ("plus de 2000", "over 2000") nor
 * before a lowercase word that is not a function word ("2000 soldats", "2000 troops").
 * The span keeps the trigger ("depuis 2012"): without it the number would not be a date.
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, endsWithAny, key, YEAR } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class YearParser extends VigieParser {
  private readonly since: Set<string>;
  private readonly after: Set<string>;
  private readonly quantity: RegExp | null;

  constructor(private readonly lex: DateLexicon) {
    super();
    this.since = new Set(lex.sinceTriggers.map(key));
    this.after = new Set(lex.afterYearWords.map(key));
    this.quantity = endsWithAny(lex.quantityWords);
  }

  protected innerPattern(): string {
    return `(?:(${alternation(this.lex.yearTriggers)})\\s+)?(${YEAR})`;
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [whole, trigger, yearText] = match;
    const start = match.index!;
    const yearStart = start + whole.length - yearText.length;
    const before = context.text.slice(Math.max(0, start - 24), start);
    // part of a bigger number: "20 000", "1.2000", "3 2000"
    if (/\d[\s.,]?$/.test(before) && !trigger) return null;
    const rest = context.text.slice(yearStart + yearText.length);
    // "2016-2017", "2000,5", "2000 000", "2000 km", "2000%"
    if (/^(?:[.,]\d|\s?\d|\s*%|-\d)/.test(rest)) return null;
    if (this.quantity && this.quantity.test(context.text.slice(Math.max(0, yearStart - 24), yearStart))) return null;
    const next = /^\s+([\p{L}]+)/u.exec(rest);
    if (next) {
      const w = next[1];
      const lower = w[0] === w[0].toLowerCase() && w[0] !== w[0].toUpperCase();
      if (lower && !this.after.has(key(w))) return null;
    }
    if (!trigger) {
      // a lone year: only before punctuation or at the end ("(1975)", "… en 1990.")
      if (!/^\s*(?:[,.;:)!?»"]|$|\s[–—-]\s)/.test(rest)) return null;
      if (/[\p{L}]\s*$/u.test(before) && !/[(,;:]\s*$/.test(before)) {
        // after a word that is not a trigger: "les 2000." is a quantity; accept only after "("/","
        return null;
      }
    }
    const result = context.createParsingResult(start, whole);
    result.start.assign('year', +yearText);
    result.start.imply('month', 1);
    result.start.imply('day', 1);
    result.addTag(TAG.precision('year'));
    if (trigger && this.since.has(key(trigger))) result.addTag(TAG.flag('since'));
    return result;
  }
}
