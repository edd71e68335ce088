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
}

export function formatSummary(s: Summary, verb: 'ingest' | 'annotate'): string {
  const lines = [
    verb === 'ingest'
      ? `read ${s.read}, new ${s.new}, duplicates ${s.duplicates}, refused ${s.refused.length}`
      : `read ${s.read}, annotated ${s.new}, refused ${s.refused.length}`,
  ];
  for (const e of s.refused) lines.push(`  refused ${refusalLine(e)}`);
  return lines.join('\n');
}
