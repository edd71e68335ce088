/**
 * The one interface every language pack implements. A pack is data (JSON files in
 * src/lang/<code>/), one file per pipeline stage; the types live beside the stage that reads
 * them. Adding a language = a new folder with the same six files + an entry in PACKS below;
 * test/conformance/lang.test.ts checks every pack the same way.
 */
import type { CleanLexicon } from '../clean/lexicon.js';
import type { EntityLexicon } from '../entities/lexicon.js';
import type { DateLexicon } from '../dates/lexicon.js';
import type { EventLexicon } from '../events/lexicon.js';
import type { AttributionLexicon } from '../attribution/lexicon.js';
import type { FramingLexicon } from '../framing/lexicon.js';
import { fr } from './fr/index.js';
import { en } from './en/index.js';

export type PackCode = 'fr' | 'en';

export interface LanguagePack {
  code: PackCode;
  name: string;
  clean: CleanLexicon;
  entities: EntityLexicon;
  dates: DateLexicon;
  events: EventLexicon;
  attribution: AttributionLexicon;
  framing: FramingLexicon;
}

export const PACKS: Record<PackCode, LanguagePack> = { fr, en };

/** The pack for a document language; "other" falls back to English. */
export function packFor(lang: string): LanguagePack {
  return lang === 'fr' ? PACKS.fr : PACKS.en;
}
