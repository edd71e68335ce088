/** The end-of-run summary of ingest and annotate. */
import type { InputError } from '../document.js';

/** A refusal as printed: "file[:line]: reason". */
export function refusalLine(e: InputError): string {
  return `${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.reason}`;
}

export interface Summary {
  /** Documents read (refusals not counted). */
  read: number;
  /** Documents newly stored (ingest) or printed (annotate). */
  new: number;
  duplicates: number;
  refused: InputError[];
  /** Files a directory walk left out on purpose (not an article format: README.md, images). */
  skipped?: { path: string; reason: string }[];
}

export function formatSummary(s: Summary, verb: 'ingest' | 'annotate'): string {
  const lines = [
    verb === 'ingest'
      ? `read ${s.read}, new ${s.new}, duplicates ${s.duplicates}, refused ${s.refused.length}`
      : `read ${s.read}, annotated ${s.new}, refused ${s.refused.length}`,
  ];
  const skipped = s.skipped ?? [];
  if (skipped.length > 0) lines[0] += `, skipped ${skipped.length} (not article files)`;
  for (const e of s.refused) lines.push(`  refused ${refusalLine(e)}`);
  for (const k of skipped) lines.push(`  skipped ${k.path}: ${k.reason}`);
  return lines.join('\n');
}
