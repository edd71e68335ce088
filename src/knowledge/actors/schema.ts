/**
 * The actor registry's schema. The registry is data (src/knowledge/actors/data/*.json, one
 * file per region or family), reviewed like code, validated by test/knowledge/registry.test.ts.
 */
import { z } from 'zod';

export const ACTOR_KINDS = ['state', 'military', 'armed_group', 'political', 'media', 'ngo', 'igo', 'person', 'org'] as const;

const isoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'ISO date YYYY[-MM[-DD]]');

export const actorEntrySchema = z
  .object({
    /** Stable id, lowercase slug: "syria-military", "hts", "person-bashar-al-assad". Never reused. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** Neutral canonical name in English, as ACLED would write it ("Military Forces of Syria"). */
    name: z.string().min(2),
    kind: z.enum(ACTOR_KINDS),
    /** ISO 3166-1 alpha-2 of the actor's home country, or null (IGOs, transnational groups). */
    country: z.string().regex(/^[A-Z]{2}$/).nullable(),
    /** ACLED inter code: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces. Null for media, NGOs, persons... */
    inter: z.number().int().min(1).max(8).nullable(),
    /** Names and aliases as written in French and English texts, with the usual transliterations. Matching folds case, accents, apostrophes and hyphens, so list real spelling variants, not case variants. */
    aliases: z.object({
      fr: z.array(z.string().min(1)),
      en: z.array(z.string().min(1)),
    }),
    /** Aliases this entry shares with another entry on purpose ("EI", "Assad"...): matched only when context decides. */
    ambiguous: z.array(z.string()).optional(),
    /** Id of the parent organisation (Russian Aerospace Forces → russia-military). */
    parent: z.string().nullable().optional(),
    /** Ids of coalition members (Jaysh al-Fatah → its member groups). */
    members: z.array(z.string()).optional(),
    /** Ids of documented allies. */
    allies: z.array(z.string()).optional(),
    /** Renamings: the id this entry was renamed from / to, with dates. */
    renamedFrom: z.string().optional(),
    renamedTo: z.string().optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    /** For persons: the role ("President of Syria", "Russian Foreign Minister"), and the organisation id they belong to. */
    role: z.string().optional(),
    memberOf: z.string().optional(),
    /** For media: the outlet's country and whether it is state-owned (framing analysis uses it). */
    stateOwned: z.boolean().optional(),
    /** Free note with sources for dates and relations. */
    note: z.string().optional(),
  })
  .strict();

export type ActorEntry = z.infer<typeof actorEntrySchema>;

export const actorFileSchema = z.object({
  _about: z.string(),
  actors: z.array(actorEntrySchema),
});
