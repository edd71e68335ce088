/**
 * English: chrono's casual English configuration with Vigie's parsers and refiners.
 * Dropped from chrono: ENTimeUnitWithinFormatParser ("for/within/in three days": durations;
 * it also reads "in 2016 …" as 2016 years ahead) and ENTimeUnitLaterFormatParser ("three days
 * later" counts from an earlier event, not from the publication date).
 */
import * as chrono from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { configure, type DateParser } from '../../common/configure.js';

export function createEnglishParser(lex: DateLexicon): DateParser {
  return configure(chrono.en.casual, lex, { drop: ['ENTimeUnitWithinFormatParser', 'ENTimeUnitLaterFormatParser'] });
}
