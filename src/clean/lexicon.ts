/**
 * Language data the clean stage reads, one JSON file per language: src/lang/<code>/clean.json.
 *
 * Every word list is matched on a folded view (lower case, accents removed, ’ → '), so the
 * JSON may be written with or without accents. Site furniture is often mixed-language (an
 * English "Share" button on a French page), so the stage merges the lists of every pack.
 */
import { z } from 'zod';

export interface CleanLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
  /** Words that make a SHORT line page furniture ("partager", "newsletter", "météo", "menu"). */
  furnitureWords: string[];
  /** Phrases that mark a line of any length as furniture when found at the edges of the text ("inscrivez-vous à notre newsletter"). Count 2. */
  furniturePhrases: string[];
  /** Weaker hints: a long edge line is furniture when its hints and phrases count at least 2. Count 1. */
  furnitureHints: string[];
  /** Small words ignored when measuring how much of a short line is furniture ("pour", "les", "notre"). */
  stopwords: string[];
  /**
   * Frequent function words of the language, used for a quick language vote before the n-gram
   * identifier ("les", "dans", "selon"; "the", "which", "said"). Prefer words that other
   * languages written in Latin script do not share.
   */
  languageWords: string[];
  /** Labels of photo/video credit lines ("photo", "crédit photo", "illustration"). */
  creditLabels: string[];
  /** Labels of author lines ("auteur", "par", "by"). */
  authorLabels: string[];
  /** Labels of source lines ("source", "sources"). */
  sourceLabels: string[];
  /** Labels of "related article" lines ("lire aussi", "read more"). */
  relatedLabels: string[];
  /** Words that may surround a date in a dateline ("reportage", "exclusif", "publié", "mis à jour"). */
  datelineWords: string[];
  /** Month names and abbreviations → month number (1-12). */
  months: Record<string, number>;
  /** Abbreviations (without their final period) after which a period does not end a sentence ("M", "Mme", "Gen", "U.S"). */
  abbreviations: string[];
  /** Weekday names and abbreviations (a weekday may precede the date of a dateline). */
  weekdays: string[];
  /** Small words inside personal names ("de", "van", "bin") for telling a byline from a sentence. */
  nameConnectors: string[];
  /** Last words that make a byline name an organization ("presse", "news", "agency"). */
  orgSuffixes: string[];
}

export const cleanLexiconSchema = z
  .object({
    _about: z.string().min(1),
    furnitureWords: z.array(z.string().min(1)),
    furniturePhrases: z.array(z.string().min(1)),
    furnitureHints: z.array(z.string().min(1)),
    stopwords: z.array(z.string().min(1)),
    languageWords: z.array(z.string().min(1)).min(10),
    creditLabels: z.array(z.string().min(1)),
    authorLabels: z.array(z.string().min(1)),
    sourceLabels: z.array(z.string().min(1)),
    relatedLabels: z.array(z.string().min(1)),
    datelineWords: z.array(z.string().min(1)),
    months: z.record(z.string().min(1), z.number().int().min(1).max(12)),
    abbreviations: z.array(z.string().min(1)),
    weekdays: z.array(z.string().min(1)),
    nameConnectors: z.array(z.string().min(1)),
    orgSuffixes: z.array(z.string().min(1)),
  })
  .strict();
