/**
 * Base of Vigie's chrono parsers, in chrono's style (its AbstractParserWithWordBoundaryChecking
 * is not exported): the inner pattern is wrapped with Unicode-aware word boundaries, so that
 * "enfin 2012" or "réfugiés" never match a trigger in the middle of a word.
 */
import type { Parser, ParsingContext, ParsingResult } from 'chrono-node';
import { NOT_WORD_CHAR, WORD_CHAR } from '../patterns.js';

export abstract class VigieParser implements Parser {
  private compiled: RegExp | null = null;

  /** The inner pattern source (no boundaries, no flags). */
  protected abstract innerPattern(): string;

  /** Builds a result from the match (match.index is already the start in context.text). */
  protected abstract innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null;

  /**
   * The left boundary is the start of the text or a non-word character taken into the match
   * (group 1; the engine scans such a pattern much faster than one opening with a
   * look-behind); extract() takes it off again, so the match, its groups and the offsets are
   * those of (?<!word char)(?:inner). The leftmost match is the same: the inner text starts
   * right after the boundary character, so matches come in the same order.
   */
  pattern(): RegExp {
    if (!this.compiled) {
      this.compiled = new RegExp(`(?:^|(${NOT_WORD_CHAR}))(?:${this.innerPattern()})(?!${WORD_CHAR})`, 'iu');
    }
    return this.compiled;
  }

  extract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    // as chrono's AbstractParserWithWordBoundaryChecking: the boundary off the match (also for
    // chrono's loop, which goes on one character past match.index when nothing is extracted)
    const boundary = match[1]?.length ?? 0;
    match.index = match.index! + boundary;
    match[0] = match[0].slice(boundary);
    match.splice(1, 1);
    return this.innerExtract(context, match);
  }
}
