/**
 * Language data the events stage reads, one JSON file per language: src/lang/<code>/events.json.
 * Patterns use the mini-pattern syntax of ./patterns.ts (`*` = any letters, `(a|b)` alternation).
 */
import { z } from 'zod';
import { TAXONOMY, isSubtypeOf } from './taxonomy.js';

/** A sub-type change chosen by cue words near the trigger ("aviation" → Air/drone strike). */
export interface EventRefiner {
  cues: string[];
  type: string;
  subtype: string;
}

/** A sub-type chosen by the kind of the actors found ("a repris" by a state → Government regains territory). */
export interface ActorRule {
  /** Which actors are looked at: actor1 only, or any of actor1/actor2. */
  role: 'actor1' | 'any';
  /** Entity kinds; "state" also covers military and ACLED inter 1; "nonstate" is any actor that is not. */
  kinds: string[];
  type: string;
  subtype: string;
}

export interface TriggerEntry {
  /** Mini-patterns for the trigger words (verbs with their inflections, nouns, fixed phrases). */
  forms: string[];
  type: string;
  subtype: string;
  /** Names of refiners (keys of `refiners`) that may change the sub-type; the nearest cue wins. */
  refine?: string[];
  /** Actor-kind rules, tried in order after the refiners. */
  actorRules?: ActorRule[];
  /** Only used when no other trigger fires in the sentence ("ont été tués" alone). */
  fallback?: boolean;
  /** Needs an actor, an in-sentence place or a fatality figure to make an event. */
  weak?: boolean;
  /**
   * A general word: for fighting ("attack", "clashes"), when it is still read as an armed clash and the
   * same sentence names a more specific event (a capture, a protest or riot, an arrest, a ceasefire);
   * for an explosion ("blast", "exploded"), when it is still read as an explosive device and the sentence
   * names another kind of explosion (a grenade, a shell, a strike). It is then that event's wording, not
   * a second event.
   */
  generic?: boolean;
}

export interface EventLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
  triggers: TriggerEntry[];
  refiners: Record<string, EventRefiner>;
  roles: {
    /** Passive agent markers: "par", "by" → the mention after is actor1. */
    passiveAgent: string[];
    /** Target markers: "contre", "visant", "against" → actor2. */
    target: string[];
    /** Former holder: "aux mains de", "from" (recaptured from) → actor2 of territorial events. */
    heldBy: string[];
    /** Partner markers for meetings: "avec", "with" → actor2. */
    partner: string[];
    /** "entre X et Y", "between X and Y" → actor1 X, actor2 Y. */
    between: string[];
    /** Words joining coordinated actors ("et", "ainsi que", "and"); commas always join. */
    conjunctions: string[];
    /** Words that may sit between a noun trigger and its agent ("de", "du", "des", "of"). */
    genitive: string[];
    /** Pronoun subjects that refer back to the previous event's actor1 ("ces derniers", "they"). */
    anaphora: string[];
    /** Prepositions before a mention that make it a place, not an actor ("en", "à", "in"). */
    locative: string[];
    /** Entity kinds that are not actors of events unless nothing else is there (media, ngo). */
    nonActorKinds: string[];
  };
  place: {
    /** Prepositions introducing where the event happened ("à", "dans", "près de", "in", "near"). */
    locative: string[];
    /** Destination / direction markers: the place after them is not where the event happened. */
    destination: string[];
  };
  status: {
    /** Negation words just before the trigger ("sans", "aucun", "not", "no", "denied"). */
    negation: string[];
    /** French split negation: a particle ("ne", "n'") ... a completion ("pas", "jamais"). */
    negationParticles: string[];
    negationCompletions: string[];
    /** Intention, expectation, modality cues before the trigger ("pourrait", "se prépare à", "plans to"). */
    planned: string[];
    /** Cues that make the trigger right after them an aim, not a fact ("pour frapper", "to attack"). */
    plannedImmediate: string[];
    /** Word endings of the conditional mood ("rait", "raient"); empty for languages without it. */
    conditionalEndings: string[];
    /** Words with those endings that are not verbs ("retrait", "portrait"). */
    conditionalExceptions: string[];
    /** Hearsay forms (French "conditionnel journalistique": "auraient été", "aurait"): the event is reported. */
    hearsay: string[];
    /** Conditional clauses whose events are hypothetical ("si", "if"). */
    hypothetical: string[];
  };
  fatalities: {
    /** Death words (killed, dead, tués, morts, ont péri). */
    death: string[];
    /** Wounded words: a figure attached to them is not a fatality. */
    wounded: string[];
    /** Number words → value ("vingt" 20, "trois" 3); compounds ("vingt-trois") are summed. */
    numbers: Record<string, number>;
    /** Multipliers ("cent" 100, "mille" 1000, "hundred"). */
    multipliers: Record<string, number>;
    /** Vague quantities (ACLED rule: "une dizaine" 10, "dozens" 12, "des centaines" 100). */
    vague: Record<string, number>;
    /** Words that join number words ("et", "and"). */
    joiners: string[];
  };
  /** Words or punctuation that end a clause (";", ":", "mais", "tandis que", "but", "while"). */
  clauseBreaks: string[];
  /** Words before a year-precision date that make it a "since" date, not the event's date. */
  dateSince: string[];
  /**
   * Coreference: a noun trigger right after one of these determiners ("la bataille", "cette
   * offensive", "the attack") with no place of its own in the sentence refers back to an event
   * the article already reported; it is merged into it instead of making a new event.
   */
  coreference?: { determiners: string[] };
  /**
   * Cues right before a trigger that make it no event ("appelle à cesser l'offensive", "la fin
   * des combats", "le plan de la libération", "an end to the fighting"): the trigger is dropped.
   */
  nonEvent?: string[];
}

const pattern = z.string().min(1);
const typeName = z.enum(Object.keys(TAXONOMY) as [string, ...string[]]);

const typed = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, type: typeName, subtype: z.string() })
    .refine((o) => isSubtypeOf((o as { type: string }).type, (o as { subtype: string }).subtype), {
      message: 'subtype is not a sub-type of type',
    });

export const actorRuleSchema = typed({
  role: z.enum(['actor1', 'any']),
  kinds: z.array(z.string().min(1)).min(1),
});

export const eventRefinerSchema = typed({ cues: z.array(pattern).min(1) });

export const triggerEntrySchema = typed({
  forms: z.array(pattern).min(1),
  refine: z.array(z.string()).optional(),
  actorRules: z.array(actorRuleSchema).optional(),
  fallback: z.boolean().optional(),
  weak: z.boolean().optional(),
  generic: z.boolean().optional(),
});

const words = z.array(pattern);

export const eventsLexiconSchema = z
  .object({
    _about: z.string().min(1),
    triggers: z.array(triggerEntrySchema).min(1),
    refiners: z.record(z.string(), eventRefinerSchema),
    roles: z.object({
      passiveAgent: words,
      target: words,
      heldBy: words,
      partner: words,
      between: words,
      conjunctions: words,
      genitive: words,
      anaphora: words,
      locative: words,
      nonActorKinds: words,
    }),
    place: z.object({ locative: words, destination: words }),
    status: z.object({
      negation: words,
      negationParticles: words,
      negationCompletions: words,
      planned: words,
      plannedImmediate: words,
      conditionalEndings: words,
      conditionalExceptions: words,
      hearsay: words,
      hypothetical: words,
    }),
    fatalities: z.object({
      death: words.min(1),
      wounded: words,
      numbers: z.record(z.string(), z.number().int().nonnegative()),
      multipliers: z.record(z.string(), z.number().int().positive()),
      vague: z.record(z.string(), z.number().int().nonnegative()),
      joiners: words,
    }),
    clauseBreaks: words,
    dateSince: words,
    coreference: z.object({ determiners: words }).optional(),
    nonEvent: words.optional(),
  })
  .superRefine((lex, ctx) => {
    lex.triggers.forEach((t, i) => {
      for (const r of t.refine ?? [])
        if (!(r in lex.refiners)) ctx.addIssue({ code: 'custom', path: ['triggers', i, 'refine'], message: `unknown refiner "${r}"` });
    });
  });
