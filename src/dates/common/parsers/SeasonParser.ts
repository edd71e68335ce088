/**
 * "l'été 2016", "au printemps", "cet hiver", "in the summer of 2015": a season, kept at year
 * precision (the date types have no season) with the flag "season:SU" (TimeML codes SP, SU,
 * FA, WI). Bare "été" is never read (it is the participle of "être"): the lexicon lists the
 * seasons with their article or preposition.
 */
import type { ParsingContext, ParsingResult } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, key, lookup, YEAR } from '../patterns.js';
import { TAG } from '../tags.js';
import { VigieParser } from './base.js';

export class SeasonParser extends VigieParser {
  private readonly past: Set<string>;
  private readonly future: Set<string>;

  constructor(private readonly lex: DateLexicon) {
    super();
    this.past = new Set(lex.modifiers.past.map(key));
    this.future = new Set(lex.modifiers.future.map(key));
  }

  protected innerPattern(): string {
    const mods = alternation([...this.lex.modifiers.past, ...this.lex.modifiers.future]);
    return `(${alternation(Object.keys(this.lex.seasons))})(?:\\s+(?:de\\s+|d['’]|of\\s+)?(${YEAR}))?(?:\\s+(${mods})(?![\\p{L}\\p{N}_]))?`;
  }

  protected innerExtract(context: ParsingContext, match: RegExpMatchArray): ParsingResult | null {
    const [whole, seasonWord, yearText, modifier] = match;
    const season = lookup(this.lex.seasons, seasonWord);
    if (!season) return null;
    const result = context.createParsingResult(match.index!, whole);
    const startMonth = { SP: 3, SU: 6, FA: 9, WI: 12 }[season];
    // the month is certain only so that chrono's merge refiners do not take this for a time
    result.start.assign('month', startMonth).imply('day', 1);
    if (yearText) result.start.assign('year', +yearText);
    else result.start.imply('year', context.refDate.getFullYear());
    result.addTag(TAG.precision('year'));
    result.addTag(TAG.flag(`season:${season}`));
    result.addTag('vigie/season');
    if (modifier && this.past.has(key(modifier))) result.addTag(TAG.past);
    if (modifier && this.future.has(key(modifier))) result.addTag(TAG.future);
    return result;
  }
}
