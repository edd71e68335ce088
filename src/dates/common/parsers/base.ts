/**
 * Base of Vigie's chrono parsers, in chrono's style (its AbstractParserWithWordBoundaryChecking
 * is not exported): the inner pattern is wrapped with Unicode-aware word boundaries, so that
 * "enfin 2012" or "réfugiés" never match a trigger in the middle of a word.
 */
import type { Parser, ParsingContext, ParsingResult } from 'chrono-node';
import { WORD_CHAR } from '../patterns.js';

export abstract class VigieParser implements Parser {
  private compiled: RegExp | null = null;

  /** The inner pattern source (no boundaries, no flags). */
  protected abstract innerPattern(): string;

  /** Builds a result from the match (match.index is already the start in context.text). */
  protected abstract innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null;

  pattern(): RegExp {
    if (!this.compiled) {
      this.compiled = new RegExp(`(?<!${WORD_CHAR})(?:${this.innerPattern()})(?!${WORD_CHAR})`, 'iu');
    }
    return this.compiled;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    return this.innerExtract(context, match);
  }
}
