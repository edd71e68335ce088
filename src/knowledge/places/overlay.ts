/** Schema of the curated overlay files (overlay/*.json). */
import { z } from 'zod';

/** Extra names for a gazetteer entry: "cc:SY", "SY/adm1/Idlib" (a region), "SY/Aleppo" (most populous town of that name). */
export const overlayAliasSchema = z
  .object({
    to: z.string().min(3),
    names: z.array(z.string().min(2)),
    /** Replaces the canonical English name (GeoNames "Ḩamāh" → "Hama"). */
    name: z.string().optional(),
    /** Corrected coordinates, when the GeoNames point is off. */
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .strict();

/** A place GeoNames' populated places do not hold: districts, roads, bases, crossings, dams, valleys. */
export const overlayPlaceSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    /** English canonical name. */
    name: z.string().min(2),
    /** Other names and spellings (French, transliterations). */
    names: z.array(z.string().min(2)),
    /** ISO2, or null for continents and cross-border regions. */
    country: z.string().regex(/^[A-Z]{2}$/).nullable(),
    /** district, road, airbase, crossing, dam, region, town, site... */
    kind: z.string(),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    precision: z.enum(['point', 'city', 'region', 'country']),
    /** ACLED geo_precision: 1 the town or site itself, 2 part of a region / near a town, 3 a region. */
    geo: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    population: z.number().int().optional(),
    note: z.string().optional(),
  })
  .strict();

export const overlayFileSchema = z
  .object({
    _about: z.string(),
    aliases: z.array(overlayAliasSchema).optional(),
    places: z.array(overlayPlaceSchema).optional(),
  })
  .strict();

export type OverlayFile = z.infer<typeof overlayFileSchema>;
