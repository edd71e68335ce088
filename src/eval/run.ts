/**
 * Runs Vigie over the documents of a gold file: each gold record becomes an input document
 * WITHOUT its `gold` key (only id, text, published, outlet, lang, title, url reach the
 * pipeline), is annotated by every stage, and comes back as an annotation record.
 */
import { newDoc, toAnnotation, type AnnotationRecord, type Doc, type Lang } from '../document.js';
import { pyStr, type GoldRecord, type PredRecord } from './score.js';

/**
 * Annotates one document in place (the pipeline's `annotate`). It may also carry `batch`,
 * which annotates several documents in place at once (the pipeline's `annotateBatch`, the
 * same output, faster); annotateGold uses it when present.
 */
export type AnnotateFn = ((doc: Doc) => Doc) & { batch?: (docs: readonly Doc[]) => void };

/** Documents annotated together by AnnotateFn.batch (the pipeline's batch size). */
const EVAL_BATCH = 64;

/** Loads the pipeline lazily, so that scoring existing predictions never needs it. */
export async function loadAnnotate(): Promise<AnnotateFn> {
  const mod = await import('../pipeline.js');
  const fn: AnnotateFn = (doc) => mod.annotate(doc);
  fn.batch = (docs) => void mod.annotateBatch(docs);
  return fn;
}

/** The input document for one gold record: metadata and text only, never the gold. */
export function docFromGold(g: GoldRecord, source = 'gold', line?: number): Doc {
  const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  const lang = g.lang === 'fr' || g.lang === 'en' || g.lang === 'other' ? (g.lang as Lang) : null;
  return newDoc({
    id: pyStr(g.id),
    origin: { path: source, format: 'jsonl', line },
    raw: typeof g.text === 'string' ? g.text : '',
    title: str(g.title),
    outlet: str(g.outlet),
    published: str(g.published),
    url: str(g.url),
    lang,
  });
}

export interface RunFailure {
  id: string;
  message: string;
}

export interface RunResult {
  /** One annotation record per gold document that was annotated, in gold order. */
  predictions: PredRecord[];
  /** Documents a stage threw on: they have no prediction and count as missing. */
  failures: RunFailure[];
  /** Wall time spent annotating, in milliseconds. */
  ms: number;
}

/**
 * Annotates the documents of the gold records, in order. A document a stage throws on is
 * reported in `failures` and left without a prediction (the scorer counts it as missing);
 * the run goes on. With `annotate.batch`, records go EVAL_BATCH at a time; a group the batch
 * throws on is annotated again one document at a time, from fresh documents, so that the
 * failure names its document and the others of the group still count.
 */
export function annotateGold(
  golds: GoldRecord[],
  annotate: AnnotateFn,
  opts: { source?: string; onDoc?: (done: number, total: number) => void } = {},
): RunResult {
  const t0 = performance.now();
  const predictions: PredRecord[] = [];
  const failures: RunFailure[] = [];
  const record = (g: GoldRecord, doc: Doc): void => {
    const rec: AnnotationRecord & { id: unknown } = toAnnotation(doc);
    // The record keeps the gold's id as it was written (a number stays a number).
    rec.id = g.id as string;
    predictions.push(rec as unknown as PredRecord);
  };
  const one = (g: GoldRecord, i: number): void => {
    const doc = docFromGold(g, opts.source, i + 1);
    try {
      annotate(doc);
      record(g, doc);
    } catch (e) {
      failures.push({ id: pyStr(g.id), message: (e as Error)?.message ?? String(e) });
    }
    opts.onDoc?.(i + 1, golds.length);
  };
  const step = annotate.batch ? EVAL_BATCH : 1;
  for (let at = 0; at < golds.length; at += step) {
    const group = golds.slice(at, at + step);
    let docs: Doc[] | null = null;
    if (annotate.batch && group.length > 1) {
      docs = group.map((g, k) => docFromGold(g, opts.source, at + k + 1));
      try {
        annotate.batch(docs);
      } catch {
        docs = null; // one at a time below, from fresh documents
      }
    }
    if (docs === null) {
      group.forEach((g, k) => one(g, at + k));
      continue;
    }
    group.forEach((g, k) => {
      record(g, docs[k]);
      opts.onDoc?.(at + k + 1, golds.length);
    });
  }
  return { predictions, failures, ms: performance.now() - t0 };
}

/**
 * Deterministic subsample: at most `max` records, evenly spaced (record ⌊i·n/max⌋ for
 * i = 0…max−1), in their original order. Returns the records unchanged when n ≤ max.
 */
export function subsample<T>(records: T[], max: number): T[] {
  const n = records.length;
  if (!(max > 0) || n <= max) return records;
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(records[Math.floor((i * n) / max)]);
  return out;
}
