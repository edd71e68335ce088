/**
 * "la semaine dernière" → the ISO week before the reference's ("2015-W40"), "le mois dernier"
 * → YYYY-MM, "l'année dernière"/"l'an dernier" → YYYY, "cette semaine", "next month"…
 * The phrases and their offsets are data (lexicon.relative.phrases). The precision is the
 * unit's: chrono reads these as a day (reference − 7 days), which claims more than the text.
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { addDays, addMonths } from '../../calendar.js';
import { alternation, lookup } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class RelativePeriodParser extends VigieParser {
  constructor(private readonly lex: DateLexicon) {
    super();
  }

  protected innerPattern(): string {
    return `(${alternation(Object.keys(this.lex.relative.phrases))})`;
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const spec = lookup(this.lex.relative.phrases, match[1]);
    if (!spec) return null;
    const ref = context.refDate;
    const today = { y: ref.getFullYear(), m: ref.getMonth() + 1, d: ref.getDate() };
    const result = context.createParsingResult(match.index!, match[0]);
    if (spec.unit === 'week') {
      const day = addDays(today, 7 * spec.offset);
      result.start.assign('year', day.y).assign('month', day.m).assign('day', day.d);
    } else if (spec.unit === 'month') {
      const mo = addMonths(today.y, today.m, spec.offset);
      result.start.assign('year', mo.y).assign('month', mo.m).imply('day', 1);
    } else {
      result.start.assign('year', today.y + spec.offset).imply('month', 1).imply('day', 1);
    }
    result.addTag(TAG.precision(spec.unit));
    result.addTag(TAG.relative);
    return result;
  }
}
