/**
 * Language data the entities and places stages read, one JSON file per language:
 * src/lang/<code>/entities.json. The places stage's cues live here too (the language pack
 * has no places file): `places`.
 */
import { z } from 'zod';

const strings = z.array(z.string().min(1));

export const entitiesLexiconSchema = z
  .object({
    /** Free-text description of the file (who wrote it, what it covers). */
    _about: z.string(),
    /** Word order of "head + demonym": "after" in French (l'armée russe), "before" in English (the Russian army). */
    demonymPosition: z.enum(['after', 'before']),
    /** Demonym forms the country lists lack (plurals, feminine plurals, short forms): folded form → ISO2. */
    demonyms: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)),
    /** Head nouns that make "<head> <demonym>" the country's armed forces (military-<cc>). */
    militaryHeads: strings,
    /** Head nouns that make "<head> <demonym>" the country's government (state-<cc>). */
    stateHeads: strings,
    /** Ministries: head noun(s), the words naming the portfolio, and the registry id suffix (state-<cc>-<suffix>). */
    ministries: z.array(z.object({ heads: strings, portfolio: strings, suffix: z.string() }).strict()),
    /** Plural demonyms as nouns ("les Russes") → the government (state-<cc>): capitalized only. */
    collectiveState: z.boolean(),
    /** Seats of government used for the government ("le Kremlin", "la Maison Blanche") → ISO2; never places. */
    seats: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)),
    /** Capitals (and country names) used as actors: ISO2 of each capital name. */
    capitals: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)),
    /** Words right after a capital or country name that make it an actor ("Moscou a indiqué", "Ankara accuse"). */
    actorVerbsAfter: strings,
    /** Words right before that make it an actor ("selon Moscou", "entre Damas et Ankara"). */
    actorCuesBefore: strings,
    /** Cues before that make a capital an actor but not a country name ("entre Damas et Ankara" vs "entre la Syrie et l'Irak"). */
    capitalOnlyCues: strings,
    /** Words right before that make it a place ("à Moscou", "vers Damas"). */
    placeCuesBefore: strings,
    /** Generic and loaded designations linked to the document's focus country: phrase → target kind. */
    generics: z.record(z.string(), z.enum(['military', 'rebels', 'state'])),
    /** Titles before a name that type an unknown proper noun ("le général X"). */
    titles: z.record(z.string(), z.enum(['person', 'media', 'org', 'armed_group', 'ngo', 'igo', 'political'])),
    /** Words after a name that type it ("X news agency"): phrase → kind. */
    suffixTitles: z.record(z.string(), z.enum(['person', 'media', 'org', 'armed_group', 'ngo', 'igo', 'political'])),
    /** Lower-case particles allowed inside a proper name (de, al, bin, abou...). */
    nameParticles: strings,
    /** Capitalized words that never start a name or a place (sentence-initial words, months, titles). */
    stopwords: strings,
    /**
     * Capitalized words that open an organisation's name ("Conseil", "Parti", "Ligue"): a run of
     * capitalized words starting with one, not in the registry, is an unlinked organisation.
     */
    orgHeads: strings.default([]),
    /** Places stage cues. */
    places: z
      .object({
        /** Phrases before a name that make it an admin-1 region ("province de", "gouvernorat de"). */
        regionBefore: strings,
        /** Words after a name that make it a region ("X province", "X governorate"). */
        regionAfter: strings,
        /** Phrases before a name that make it a town or place ("la ville de", "le quartier de", "à", "près de"). */
        placeBefore: strings,
        /** Frequent words that are also place names: never a place without a strong cue. */
        stoplist: strings,
        /**
         * Phrases before a name that make it the portfolio of an office, part of an organisation's
         * name, not a place ("ministère de la" Défense, "Secretary of" Defense: not the Paris
         * district La Défense). Countries, admin-1 regions and curated places stay places
         * ("Minister of Iraq", "health minister of Northern Ireland").
         */
        officeBefore: strings.default([]),
        /**
         * A capitalized one-word demonym not taken by an actor rule names its country as a place
         * ("Russian officials", "a Canadian town"): true in English, where demonyms are
         * capitalized adjectives; false in French, where capitalized demonyms are people ("les Russes").
         */
        demonymsAsPlaces: z.boolean().default(false),
      })
      .strict(),
  })
  .strict();

export type EntityLexicon = z.infer<typeof entitiesLexiconSchema>;
