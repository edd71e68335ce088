/**
 * The heavy half of `vigie ingest` / `vigie annotate`: readers and stages (loaded only when
 * those commands run, so that --help and the query commands start fast).
 */
import type { Doc } from '../document.js';
import { readInputs } from '../ingest/index.js';
import { BATCH_DOCS, STAGES, runBatch } from '../pipeline.js';
import type { Store } from '../store/store.js';
import { AFTER_CLEAN, countFiles, ensureIdentity, isInputError, runStages, type Summary } from './process.js';

/** Runs stages [from, to) over the documents in batches of BATCH_DOCS, calling `each` per document in order after its batch. */
async function inBatches(docs: readonly Doc[], from: number, to: number, each: (doc: Doc) => Promise<void> | void, between?: () => Promise<void> | undefined): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH_DOCS) {
    const part = docs.slice(i, i + BATCH_DOCS);
    runBatch(part, from, to);
    for (const doc of part) await each(doc);
    await between?.();
  }
}
import { progress } from './progress.js';

export interface IngestRunOptions {
  batch?: number;
  /** Called after each committed batch with (batch number, documents stored so far). */
  onCommit?: (batchNo: number, storedSoFar: number) => void;
  progressLabel?: string | null;
}

/** Reads, annotates and stores; returns the summary. Throws only on store failure. */
export async function ingestPaths(paths: string[], store: Store, opts: IngestRunOptions = {}): Promise<Summary> {
  const batchSize = Math.max(1, opts.batch ?? 200);
  const summary: Summary = { read: 0, new: 0, duplicates: 0, refused: [], skipped: [] };
  const onSkip = (path: string, reason: string): void => void summary.skipped!.push({ path, reason });
  const bar = opts.progressLabel === null ? progress(0, '') : progress(countFiles(paths), opts.progressLabel ?? 'ingest');
  const seen = new Set<string>();
  let batch: Doc[] = [];
  let batchNo = 0;
  // At most one batch is being written while the next one is annotated: a database server
  // (PostgreSQL) works on its transaction meanwhile. Batches still commit one after the
  // other, in input order, each in one transaction; a store failure is thrown at the next
  // flush (or at the end). Two batches of documents are in memory at most.
  let writing: Promise<void> | null = null;
  let writeDone = true;
  const settle = async (): Promise<void> => {
    const w = writing;
    writing = null;
    if (w) await w;
  };
  const flush = async (): Promise<void> => {
    await settle();
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    writeDone = false;
    const w = store.putDocuments(docs).then(
      (r) => {
        writeDone = true;
        summary.new += r.inserted;
        summary.duplicates += r.duplicates;
        batchNo++;
        opts.onCommit?.(batchNo, summary.new);
      },
      (e: unknown) => {
        writeDone = true;
        throw e;
      },
    );
    w.catch(() => {}); // rethrown by settle(); not an unhandled rejection meanwhile
    writing = w;
  };
  // While a write is in flight, give the event loop a turn between documents so that its
  // round trips go on during annotation (a store that writes synchronously is done at once).
  const yieldToWrite = (): Promise<void> | undefined => (writeDone ? undefined : new Promise<void>((r) => setImmediate(r)));
  // Cleaned documents waiting for the duplicate check: the store is asked once per group
  // (one round trip on PostgreSQL) instead of once per document.
  let cleaned: Doc[] = [];
  const annotateCleaned = async (): Promise<void> => {
    if (cleaned.length === 0) return;
    const group = cleaned;
    cleaned = [];
    const ask: string[] = [];
    for (const d of group) if (!seen.has(d.hash)) ask.push(d.hash);
    const stored = await store.hasHashes(ask);
    const todo: Doc[] = [];
    for (const doc of group) {
      // Already stored (earlier run) or already seen in this run: no need to annotate.
      if (seen.has(doc.hash) || stored.has(doc.hash)) {
        summary.duplicates++;
        continue;
      }
      seen.add(doc.hash);
      todo.push(doc);
    }
    // The remaining stages, batch by batch (see runBatch); between batches a write in flight
    // gets a turn of the event loop.
    await inBatches(
      todo,
      AFTER_CLEAN,
      STAGES.length,
      async (doc) => {
        batch.push(doc);
        if (batch.length >= batchSize) await flush();
      },
      yieldToWrite,
    );
  };
  try {
    for await (const item of readInputs(paths, { onSkip })) {
      if (isInputError(item)) {
        summary.refused.push(item);
        bar.tick(item.path);
        continue;
      }
      const doc = item as Doc;
      summary.read++;
      bar.tick(doc.origin.path);
      runStages(doc, 0, AFTER_CLEAN);
      ensureIdentity(doc);
      cleaned.push(doc);
      if (cleaned.length >= batchSize) await annotateCleaned();
    }
    await annotateCleaned();
    await flush();
    await settle();
  } finally {
    bar.stop();
    // Failing elsewhere: let a write in flight end before the caller closes the store.
    if (writing) await (writing as Promise<void>).catch(() => {});
  }
  return summary;
}

/** Reads and annotates, calling `emit` per record; no store. */
export async function annotatePaths(paths: string[], emit: (doc: Doc) => void | Promise<void>, label: string | null = 'annotate'): Promise<Summary> {
  const summary: Summary = { read: 0, new: 0, duplicates: 0, refused: [], skipped: [] };
  const onSkip = (path: string, reason: string): void => void summary.skipped!.push({ path, reason });
  const bar = label === null ? progress(0, '') : progress(countFiles(paths), label);
  let pending: Doc[] = [];
  const annotatePending = async (): Promise<void> => {
    const docs = pending;
    pending = [];
    runBatch(docs);
    for (const doc of docs) {
      ensureIdentity(doc);
      await emit(doc);
      summary.new++;
    }
  };
  try {
    for await (const item of readInputs(paths, { onSkip })) {
      if (isInputError(item)) {
        summary.refused.push(item);
        bar.tick(item.path);
        continue;
      }
      const doc = item as Doc;
      summary.read++;
      bar.tick(doc.origin.path);
      pending.push(doc);
      if (pending.length >= BATCH_DOCS) await annotatePending();
    }
    await annotatePending();
  } finally {
    bar.stop();
  }
  return summary;
}

