/**
 * "fin juillet 2016" → 2016-07, "début 2012" → 2012, "mi-mars" → 03 (year from the reference),
 * "late July 2016", "early 2012", "the end of 2015". The value keeps the precision of the
 * period named (month or year); the part is kept as a flag ("late", "early", "mid").
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, lookup, YEAR } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class PartOfPeriodParser extends VigieParser {
  private readonly parts: Map<string, 'early' | 'mid' | 'late'> = new Map();

  constructor(private readonly lex: DateLexicon) {
    super();
    for (const part of ['early', 'mid', 'late'] as const) {
      for (const w of lex.partOf[part]) this.parts.set(w.toLowerCase().replace(/’/g, "'"), part);
    }
  }

  protected innerPattern(): string {
    const part = alternation(this.parts.keys());
    const month = alternation(Object.keys(this.lex.months));
    return `(${part})\\s*(?:(${month})(?:\\s*,?\\s*(${YEAR}))?|(${YEAR}))`;
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const partWord = match[1].toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
    // "mi-" glued, "mi mars", "fin juillet": a word part needs a space before the period
    const part = this.parts.get(partWord);
    if (!part) return null;
    const monthWord = match[2];
    const year = match[3] ?? match[4];
    if (monthWord && this.lex.monthsCapitalized && monthWord[0] === monthWord[0].toLowerCase()) return null;
    const result = context.createParsingResult(match.index!, match[0]);
    if (monthWord) {
      const month = lookup(this.lex.months, monthWord);
      if (!month) return null;
      result.start.assign('month', month);
      result.start.imply('day', 1);
      if (year) result.start.assign('year', +year);
      else result.start.imply('year', context.refDate.getFullYear());
      result.addTag(TAG.precision('month'));
    } else {
      result.start.assign('year', +year!);
      result.start.imply('month', 1);
      result.start.imply('day', 1);
      result.addTag(TAG.precision('year'));
    }
    result.addTag(TAG.flag(part));
    return result;
  }
}
