import type { ParsingContext, ParsingOption } from 'chrono-node';

/** chrono options plus what Vigie's refiners need to know. */
export interface VigieParsingOption extends ParsingOption {
  /** False when the document has no publication date (the reference is a placeholder). */
  vigieHasReference?: boolean;
}

export function hasReference(context: ParsingContext): boolean {
  return (context.option as VigieParsingOption).vigieHasReference !== false;
}

export function isVigie(tags: ReadonlySet<string>): boolean {
  for (const t of tags) if (t.startsWith('vigie/')) return true;
  return false;
}
