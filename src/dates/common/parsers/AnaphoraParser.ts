/**
 * "le lendemain", "la veille", "le même jour", "the next day", "the day before": a day counted
 * from the date mentioned last in the text (or, with "de"/"of" + a date right after, from
 * that date: "la veille du 25 janvier"). The parser only marks the offset; the stage resolves
 * it once every date of the document is known (src/dates/resolve.ts).
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, lookup } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class AnaphoraParser extends VigieParser {
  constructor(private readonly lex: DateLexicon) {
    super();
  }

  protected innerPattern(): string {
    return `(${alternation(Object.keys(this.lex.anaphora))})`;
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const offset = lookup(this.lex.anaphora, match[1]);
    if (offset === undefined) return null;
    const ref = context.refDate;
    // placeholder components, certain so that chrono's merge refiners do not take this for a
    // time of day; resolve.ts replaces the value
    const result = context.createParsingResult(match.index!, match[0]);
    result.start.assign('year', ref.getFullYear()).assign('month', ref.getMonth() + 1).assign('day', ref.getDate());
    result.addTag(TAG.anaphora(offset));
    result.addTag(TAG.precision('day'));
    return result;
  }
}
