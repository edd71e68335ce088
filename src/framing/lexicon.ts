/**
 * Language data the framing stage reads, one JSON file per language: src/lang/<code>/framing.json.
 *
 * Vigie shows which loaded words each outlet used. The lexicon lists every side's loaded
 * vocabulary with the same care: each entry is a concept (`term`, the same keys in every
 * language), the conflict it belongs to, whose vocabulary it typically is (`stance`), its
 * inflected forms, and a short neutral alternative. A term is not wrong; it tells the reader
 * whose words the article borrows.
 */
import { z } from 'zod';

export interface FramingEntry {
  /** Concept key, the same in every language ("terrorist", "regime-forces", "liberate"). */
  term: string;
  /** Key of `conflicts` ("syria", "russia-ukraine"… or "any"). */
  conflict: string;
  /** Whose vocabulary it typically is: a key of `stances` ("pro-government", "pro-Ukrainian"…). */
  stance: string;
  /** The forms matched, lower case, inflections spelled out ("terroriste", "terroristes"). */
  forms: string[];
  /** A short neutral alternative (or, in parentheses, a note on usage). */
  neutral: string;
  /** Phrases that, within a few words of an occurrence, cancel it ("otages" near "libérée"). */
  unless?: string[];
}

export interface FramingLexicon {
  /** Free-text description of the file (who wrote it, what it covers). */
  _about: string;
  /** The conflicts covered, each with its two sides (empty for "any": every conflict). */
  conflicts: Record<string, { label: string; sides: string[] }>;
  /** What each stance means, in the pack's language. */
  stances: Record<string, string>;
  entries: FramingEntry[];
}

const entrySchema = z
  .object({
    term: z.string().regex(/^[a-z0-9-]+$/),
    conflict: z.string().min(1),
    stance: z.string().min(1),
    forms: z.array(z.string().min(2)).min(1),
    neutral: z.string().min(1),
    unless: z.array(z.string().min(2)).optional(),
  })
  .strict();

export const framingLexiconSchema = z
  .object({
    _about: z.string().min(1),
    conflicts: z.record(z.string().min(1), z.object({ label: z.string().min(1), sides: z.array(z.string().min(1)) }).strict()),
    stances: z.record(z.string().min(1), z.string().min(1)),
    entries: z.array(entrySchema).min(1),
  })
  .strict()
  .superRefine((lex, ctx) => {
    const terms = new Set<string>();
    const forms = new Map<string, string>();
    lex.entries.forEach((e, i) => {
      if (terms.has(e.term)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'term'], message: `duplicate term ${e.term}` });
      terms.add(e.term);
      if (!(e.conflict in lex.conflicts)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'conflict'], message: `unknown conflict ${e.conflict}` });
      if (!(e.stance in lex.stances)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'stance'], message: `unknown stance ${e.stance}` });
      for (const f of e.forms) {
        if (f !== f.toLowerCase()) ctx.addIssue({ code: 'custom', path: ['entries', i, 'forms'], message: `form not lower case: ${f}` });
        const other = forms.get(f);
        if (other && other !== e.term) ctx.addIssue({ code: 'custom', path: ['entries', i, 'forms'], message: `form "${f}" in ${other} and ${e.term}` });
        forms.set(f, e.term);
      }
    });
    for (const [c, { sides }] of Object.entries(lex.conflicts)) {
      for (const s of sides) {
        if (!(s in lex.stances)) ctx.addIssue({ code: 'custom', path: ['conflicts', c], message: `unknown stance ${s}` });
      }
    }
  });

export type FramingLexiconParsed = z.infer<typeof framingLexiconSchema>;
const _check: (x: FramingLexiconParsed) => FramingLexicon = (x) => x;
void _check;
