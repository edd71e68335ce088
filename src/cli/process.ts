/**
 * The work behind `vigie ingest` and `vigie annotate`: read inputs, run the stages, (store),
 * count. Kept apart from the command definitions so the benchmark and tests can call it.
 *
 * Ingest runs `clean` first (it computes the content hash), asks the store which hashes of a
 * group of cleaned documents (one batch's worth) are already stored — one question per group —
 * and only then runs the remaining stages: a rerun after a crash skips the committed documents
 * quickly and annotates only the rest.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Doc } from '../document.js';
export { formatSummary, refusalLine, type Summary } from './summary.js';
import { STAGES } from '../pipeline.js';
import { packFor } from '../lang/language.js';
import { formatOfPath } from '../ingest/index.js';

/** Runs the stages from index `from` (inclusive) to `to` (exclusive) on one document. */
export function runStages(doc: Doc, from = 0, to = STAGES.length): Doc {
  for (let i = from; i < to; i++) STAGES[i].run(doc, { pack: packFor(doc.lang) });
  return doc;
}

/** Index just after the clean stage (0 when there is no clean stage). */
export const AFTER_CLEAN = Math.max(0, STAGES.findIndex((s) => s.name === 'clean') + 1);

/**
 * Defensive: a document must leave clean with a hash and an id. Clean fills both; if it did
 * not (e.g. an older clean), fill them here from the cleaned text so the store never sees an
 * empty hash (which would make every document a duplicate of the first).
 */
export function ensureIdentity(doc: Doc): Doc {
  if (!doc.hash) doc.hash = createHash('sha256').update(doc.text.normalize('NFC')).digest('hex');
  if (!doc.id) doc.id = `doc-${doc.hash.slice(0, 16)}`;
  return doc;
}

export function isInputError(x: unknown): x is InputError {
  return x instanceof InputError || (typeof x === 'object' && x !== null && (x as { name?: string }).name === 'InputError' && 'reason' in x);
}

/**
 * Counts the regular files under the given paths (for the progress bar's total). Hidden files
 * are skipped like ingest does; "-" counts as one. Unreadable paths count as one (they will be
 * refused by ingest).
 */
export function countFiles(paths: string[]): number {
  let n = 0;
  const walk = (p: string, top = false): void => {
    let st;
    try {
      st = statSync(p);
    } catch {
      n++;
      return;
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        n++;
        return;
      }
      for (const name of names) if (!name.startsWith('.')) walk(join(p, name));
    } else if (top || formatOfPath(p) !== null) n++;
  };
  for (const p of paths) {
    if (p === '-') n++;
    else walk(p, true);
  }
  return n;
}

