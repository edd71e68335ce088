/**
 * Language data the dates stage reads, one JSON file per language: src/lang/<code>/dates.json.
 *
 * The words are data; the parsers and refiners in src/dates/common and src/dates/locales turn
 * them into patterns. Every list is matched case-insensitively; give accented and unaccented
 * spellings both when the press uses both ("février", "fevrier").
 */
import { z } from 'zod';

export interface DateLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
  /** Month names and abbreviations → month number 1–12 ("janvier": 1, "janv.": 1). */
  months: Record<string, number>;
  /**
   * Month words that are also common words ("may", "march" in English): read as a month only
   * with a day, a year, a trigger before them or a modifier after them.
   */
  ambiguousMonths: string[];
  /** True when month names are capitalized in running text (English): lowercase forms are not months. */
  monthsCapitalized: boolean;
  /** Weekday names → 0 (Sunday) … 6 (Saturday). */
  weekdays: Record<string, number>;
  /** Season expressions (with their article: "l'été", "cet été", "in summer") → season code. */
  seasons: Record<string, 'SP' | 'SU' | 'FA' | 'WI'>;
  /** "fin", "début", "mi-": part of a month or year; the value keeps the period's precision. */
  partOf: { early: string[]; mid: string[]; late: string[] };
  /** Words before a bare year that make it a date ("en", "depuis", "in", "since"). */
  yearTriggers: string[];
  /** Triggers meaning "since": the date gets the flag "since". */
  sinceTriggers: string[];
  /** Words before a bare month that make it a date ("en", "au mois de", "in"). */
  monthTriggers: string[];
  /**
   * Words that, following a 4-digit number, still let it be a year ("en 2016 les forces…");
   * any other lowercase word after it means a quantity ("2000 soldats").
   */
  afterYearWords: string[];
  /** Words before a number that make it a quantity, not a year ("plus de", "près de", "over"). */
  quantityWords: string[];
  /** Modifiers after (or before) a date: "dernier" → past, "prochain" → future. */
  modifiers: { past: string[]; future: string[]; near: string[] };
  /** Relative periods: "la semaine dernière" → the unit and the offset. */
  relative: {
    /** Phrase → unit and offset in units from the reference (−1 last, 0 this, +1 next). */
    phrases: Record<string, { unit: 'week' | 'month' | 'year'; offset: number }>;
  };
  /** Anaphoric days: phrase → offset in days from the date mentioned last ("le lendemain": 1). */
  anaphora: Record<string, number>;
  /** Words after an anaphoric phrase that anchor it to the following date ("la veille du 25 janvier"). */
  anaphoraOf: string[];
  /** Words joining the two ends of a range ("du 19 au 23 juillet"): each end is its own mention. */
  rangeConnectors: string[];
  /** Prepositions that make a duration, not a date ("pendant trois jours", "for three days"). */
  durationWords: string[];
  /** Words in the sentence that point to the future (announced events): "doit", "will". */
  futureCues: string[];
  /** Endings of verbs in the future tense ("reviendra", "achèveront"); empty where the language has none. */
  futureEndings: string[];
  /** Words with those endings that are not verbs ("caméra", "choléra"). */
  futureEndingExceptions: string[];
  /**
   * Words of chrono's own vocabulary that may start a date and appear nowhere above ("hier",
   * "aujourd'hui", "il y a", "yesterday", "ago"): with the lexicon's other words and digit
   * shapes they make the quick filter that decides which sentences chrono reads.
   */
  signals: string[];
}

const months = z.record(z.string().min(1), z.number().int().min(1).max(12));
const words = z.array(z.string().min(1));

export const datesLexiconSchema = z
  .object({
    _about: z.string().min(1),
    months,
    ambiguousMonths: words,
    monthsCapitalized: z.boolean(),
    weekdays: z.record(z.string().min(1), z.number().int().min(0).max(6)),
    seasons: z.record(z.string().min(1), z.enum(['SP', 'SU', 'FA', 'WI'])),
    partOf: z.object({ early: words.min(1), mid: words.min(1), late: words.min(1) }).strict(),
    yearTriggers: words.min(1),
    sinceTriggers: words,
    monthTriggers: words,
    afterYearWords: words,
    quantityWords: words,
    modifiers: z.object({ past: words.min(1), future: words.min(1), near: words }).strict(),
    relative: z
      .object({
        phrases: z.record(
          z.string().min(1),
          z.object({ unit: z.enum(['week', 'month', 'year']), offset: z.number().int() }).strict(),
        ),
      })
      .strict(),
    anaphora: z.record(z.string().min(1), z.number().int()),
    anaphoraOf: words,
    rangeConnectors: words.min(1),
    durationWords: words,
    futureCues: words,
    futureEndings: words,
    futureEndingExceptions: words,
    signals: words.min(1),
  })
  .strict()
  .superRefine((lex, ctx) => {
    const monthNumbers = new Set(Object.values(lex.months));
    for (let m = 1; m <= 12; m++) {
      if (!monthNumbers.has(m)) ctx.addIssue({ code: 'custom', message: `no name for month ${m}` });
    }
    const days = new Set(Object.values(lex.weekdays));
    for (let d = 0; d <= 6; d++) {
      if (!days.has(d)) ctx.addIssue({ code: 'custom', message: `no name for weekday ${d}` });
    }
    for (const a of lex.ambiguousMonths) {
      if (!(a in lex.months)) ctx.addIssue({ code: 'custom', message: `ambiguous month "${a}" is not a month` });
    }
  });

/** Compile-time check that the schema and the interface agree. */
export type DateLexiconParsed = z.infer<typeof datesLexiconSchema>;
const _check: (x: DateLexiconParsed) => DateLexicon = (x) => x;
void _check;
