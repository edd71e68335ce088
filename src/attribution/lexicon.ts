/**
 * Language data the attribution stage reads, one JSON file per language:
 * src/lang/<code>/attribution.json. Patterns use the mini-pattern syntax of
 * ../events/patterns.ts (`*` = any letters, `(a|b)` alternation, `'` = ' or ’).
 */
import { z } from 'zod';

export interface AttributionLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
  /** Cues written before the source: "selon", "d'après", "according to", "cité par", "citing". */
  before: string[];
  /** Phrases that look like a cue but introduce no source ("selon les attentes", "selon toute vraisemblance"). */
  notSources: string[];
  /** Reporting verbs, finite forms and participles ("a affirmé" → "affirmé"; "said", "told"). */
  verbs: string[];
  /** Auxiliaries and adverbs that may sit between the source and the verb or before an inverted verb ("a", "ont", "ainsi"). */
  auxiliaries: string[];
  /** Words right before a reporting verb that make it no report ("été", "were": "were reported killed"; "comme indiqué"). */
  notBefore: string[];
  /** Inverted pronoun subjects glued to the verb ("-t-il", "-t-elle", "-ils"): the source is the previous speaker. */
  invertedPronouns: string[];
  /** What must follow a preposed reporting verb in the same clause ("que", "qu'", ":"); empty = nothing required. */
  complementizers: string[];
  /** Head words of anonymous sources ("sources", "témoins", "activists", "officials"). */
  anonymousHeads: string[];
  /** Titles that, alone, refer back to a person already quoted ("le général", "the minister"). */
  titles: string[];
  /** Noun phrases that refer back to the previous source ("cette agence", "the agency"). */
  anaphora: string[];
  /** Personal pronouns as sources ("il", "elle", "he", "she", "they"). */
  pronouns: string[];
  /** Cues that a sentence keeps reporting the previous source ("toujours selon", "a-t-il ajouté", "he added"). */
  continuation: string[];
  /** Hearsay forms that keep reporting the previous source ("auraient été", "reportedly"). */
  hearsay: string[];
  /** Words that end a source noun phrase ("que", "qui", "à", "dans", "in", "on", "that"). */
  sourceBoundaries: string[];
  /** Determiners and possessives dropped from the front of a source ("le", "la", "l'", "the"). */
  determiners: string[];
  /** Particles allowed inside a proper name ("al", "de", "bin"): "Jaïsh al-Fateh", "Media de guerre". */
  nameParticles: string[];
}

const words = z.array(z.string().min(1));

export const attributionLexiconSchema = z.object({
  _about: z.string().min(1),
  before: words.min(1),
  notSources: words,
  verbs: words.min(1),
  auxiliaries: words,
  notBefore: words,
  invertedPronouns: words,
  complementizers: words,
  anonymousHeads: words,
  titles: words,
  anaphora: words,
  pronouns: words,
  continuation: words,
  hearsay: words,
  sourceBoundaries: words,
  determiners: words,
  nameParticles: words,
});
