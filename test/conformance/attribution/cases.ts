/** The shape of an attribution conformance case (one table per language). */
export interface ExpectedAttribution {
  /** Entity id of the source, or null. */
  source?: string | null;
  /** The source as written (compared case-insensitively). */
  source_text?: string;
  anonymous?: boolean;
  /** A substring of the cue. */
  cue?: string;
}

export interface AttributionCase {
  name: string;
  /** Marked-up text (see ../events/build.ts). */
  text: string;
  published?: string | null;
  expect: ExpectedAttribution[];
  /** Exact number of attributions, when checked. */
  count?: number;
  /** For each listed event (by sub-type), the sources it must carry and its status. */
  events?: { subtype: string; sources: string[]; status: 'asserted' | 'reported' | 'planned' | 'negated' }[];
}
