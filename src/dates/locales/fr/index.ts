/**
 * French: chrono's casual French configuration with Vigie's parsers and refiners.
 * Dropped from chrono: FRTimeUnitWithinFormatParser ("pendant/en/pour trois jours" are
 * durations, not dates; chrono reads them as "reference + 3 days").
 */
import * as chrono from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { configure, type DateParser } from '../../common/configure.js';

export function createFrenchParser(lex: DateLexicon): DateParser {
  return configure(chrono.fr.casual, lex, { drop: ['FRTimeUnitWithinFormatParser'] });
}
