/**
 * The clean stage's merged view of every language pack's clean lexicon (site furniture is
 * often mixed-language), with lookups precomputed once.
 */
import type { CleanLexicon } from './lexicon.js';
import { foldText, squash } from './normalize.js';
import { PACKS } from '../lang/language.js';
import media from './media.json' with { type: 'json' };

export interface MergedLexicon {
  furnitureWords: Set<string>;
  furniturePhrases: string[];
  furnitureHints: Set<string>;
  /** Multi-word hints (matched as substrings). */
  hintPhrases: string[];
  stopwords: Set<string>;
  creditLabels: string[];
  authorLabels: string[];
  sourceLabels: string[];
  relatedLabels: string[];
  datelineWords: Set<string>;
  months: Map<string, number>;
  /** Folded abbreviations (without final period). */
  abbreviations: Set<string>;
  /** Folded media name → name as written. */
  media: Map<string, string>;
  /** Folded agency names. */
  agencies: Set<string>;
  weekdays: Set<string>;
  nameConnectors: Set<string>;
  orgSuffixes: Set<string>;
  /** Regex source matching any month name (folded), longest first. */
  monthPattern: string;
}

const f = (s: string) => squash(foldText(s));

export function mergeLexicons(lexicons: CleanLexicon[]): MergedLexicon {
  const all = <K extends keyof CleanLexicon>(k: K) => lexicons.flatMap((l) => l[k] as unknown as string[]);
  const hints = all('furnitureHints').map(f);
  const months = new Map<string, number>();
  for (const l of lexicons) for (const [k, v] of Object.entries(l.months)) months.set(f(k), v);
  const byLength = (a: string, b: string) => b.length - a.length;
  const mediaMap = new Map<string, string>();
  for (const m of [...media.agencies, ...media.outlets]) mediaMap.set(f(m), m);
  return {
    furnitureWords: new Set(all('furnitureWords').map(f)),
    furniturePhrases: [...new Set(all('furniturePhrases').map(f))],
    furnitureHints: new Set(hints.filter((h) => !h.includes(' '))),
    hintPhrases: hints.filter((h) => h.includes(' ')),
    stopwords: new Set(all('stopwords').map(f)),
    creditLabels: [...new Set(all('creditLabels').map(f))].sort(byLength),
    authorLabels: [...new Set(all('authorLabels').map(f))].sort(byLength),
    sourceLabels: [...new Set(all('sourceLabels').map(f))].sort(byLength),
    relatedLabels: [...new Set(all('relatedLabels').map(f))].sort(byLength),
    datelineWords: new Set(all('datelineWords').map(f)),
    months,
    abbreviations: new Set(all('abbreviations').map(f)),
    weekdays: new Set(all('weekdays').map(f)),
    nameConnectors: new Set(all('nameConnectors').map(f)),
    orgSuffixes: new Set(all('orgSuffixes').map(f)),
    media: mediaMap,
    agencies: new Set(media.agencies.map(f)),
    monthPattern: [...months.keys()].sort(byLength).map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  };
}

/** The lexicons of every language Vigie ships, merged. */
export const LEX: MergedLexicon = mergeLexicons(Object.values(PACKS).map((p) => p.clean));
