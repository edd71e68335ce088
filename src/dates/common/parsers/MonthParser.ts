/**
 * A month without a day: "juillet 2016", "mars 2O11" (fixed before parsing), "octobre '98",
 * "en juillet", "juin prochain", "septembre dernier", "au mois de juin", "July of 2016".
 *
 * A month with a day in front ("28 octobre") is chrono's; this parser steps aside. Without a
 * year, a month is read only when it is plainly a month: lowercase in French; in English
 * capitalized, and "May"/"March" only after a trigger ("in May") or before a modifier.
 * The trigger is not part of the span ("juillet 2016"), except that "depuis"/"since" add the
 * flag "since".
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, key, lookup, YEAR } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class MonthParser extends VigieParser {
  private readonly since: Set<string>;
  private readonly past: Set<string>;
  private readonly future: Set<string>;
  private readonly ambiguous: Set<string>;
  private readonly dayBefore: RegExp;
  /** Abbreviations ("sept", "oct."): a key ending in a dot or a prefix of a longer name of the same month. */
  private readonly abbreviations: Set<string>;

  constructor(private readonly lex: DateLexicon) {
    super();
    this.since = new Set(lex.sinceTriggers.map(key));
    this.past = new Set(lex.modifiers.past.map(key));
    this.future = new Set(lex.modifiers.future.map(key));
    this.ambiguous = new Set(lex.ambiguousMonths.map(key));
    const names = Object.entries(lex.months);
    this.abbreviations = new Set(
      names
        .filter(([k, m]) => k.endsWith('.') || names.some(([k2, m2]) => m2 === m && k2 !== k && k2.startsWith(k)))
        .map(([k]) => key(k)),
    );
    // a day number (or a weekday) right before the month: chrono's day-month parsers own it
    this.dayBefore = new RegExp(`(?:(?<!\\d)\\d{1,2}(?:er|st|nd|rd|th)?\\s*(?:de\\s+|of\\s+)?|(?:${alternation(Object.keys(lex.weekdays))})\\s*,?\\s*)$`, 'iu');
  }

  protected innerPattern(): string {
    const trig = alternation(this.lex.monthTriggers);
    const month = alternation(Object.keys(this.lex.months));
    const mods = alternation([...this.lex.modifiers.past, ...this.lex.modifiers.future]);
    return (
      `(?:(${trig})\\s+)?(${month})` +
      `(?:\\s*,?\\s*(?:de\\s+l['’]année\\s+|of\\s+)?(${YEAR}(?!\\d)|['’]\\d\\d(?!\\d)))?` +
      `(?:\\s+(${mods})(?![\\p{L}\\p{N}_]))?`
    );
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [whole, trigger, monthWord, yearText, modifier] = match;
    const month = lookup(this.lex.months, monthWord);
    if (!month) return null;
    const monthIndex = match.index! + whole.indexOf(monthWord, trigger ? trigger.length : 0);
    if (this.dayBefore.test(context.text.slice(Math.max(0, monthIndex - 14), monthIndex))) return null;
    const lowerWord = monthWord[0] === monthWord[0].toLowerCase();
    if (!yearText) {
      if (this.lex.monthsCapitalized && lowerWord) return null;
      if (!trigger && !modifier && this.ambiguous.has(key(monthWord))) return null;
      // an abbreviation alone ("oct.", "sept") is too weak without a year
      if (this.abbreviations.has(key(monthWord)) && !trigger && !modifier) return null;
    }
    // Start the span at the month: the trigger is a relation, not part of the date.
    const text = whole.slice(monthIndex - match.index!);
    const result = context.createParsingResult(monthIndex, text);
    result.start.assign('month', month);
    result.start.imply('day', 1);
    if (yearText) {
      const y = yearText.replace(/['’]/, '');
      const year = y.length === 2 ? (+y > 40 ? 1900 + +y : 2000 + +y) : +y;
      result.start.assign('year', year);
    } else {
      result.start.imply('year', context.refDate.getFullYear());
    }
    result.addTag(TAG.precision('month'));
    if (trigger && this.since.has(key(trigger))) result.addTag(TAG.flag('since'));
    if (modifier) {
      if (this.past.has(key(modifier))) result.addTag(TAG.past);
      else if (this.future.has(key(modifier))) result.addTag(TAG.future);
    }
    return result;
  }
}
