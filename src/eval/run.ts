/**
 * Runs Vigie over the documents of a gold file: each gold record becomes an input document
 * WITHOUT its `gold` key (only id, text, published, outlet, lang, title, url reach the
 * pipeline), is annotated by every stage, and comes back as an annotation record.
 */
import { newDoc, toAnnotation, type AnnotationRecord, type Doc, type Lang } from '../document.js';
import { pyStr, type GoldRecord, type PredRecord } from './score.js';

/** Annotates one document in place (the pipeline's `annotate`). */
export type AnnotateFn = (doc: Doc) => Doc;

/** Loads the pipeline lazily, so that scoring existing predictions never needs it. */
export async function loadAnnotate(): Promise<AnnotateFn> {
  const mod = await import('../pipeline.js');
  return (doc) => mod.annotate(doc);
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
 * the run goes on.
 */
export function annotateGold(
  golds: GoldRecord[],
  annotate: AnnotateFn,
  opts: { source?: string; onDoc?: (done: number, total: number) => void } = {},
): RunResult {
  const t0 = performance.now();
  const predictions: PredRecord[] = [];
  const failures: RunFailure[] = [];
  golds.forEach((g, i) => {
    const doc = docFromGold(g, opts.source, i + 1);
    try {
      annotate(doc);
      const rec: AnnotationRecord & { id: unknown } = toAnnotation(doc);
      // The record keeps the gold's id as it was written (a number stays a number).
      rec.id = g.id as string;
      predictions.push(rec as unknown as PredRecord);
    } catch (e) {
      failures.push({ id: pyStr(g.id), message: (e as Error)?.message ?? String(e) });
    }
    opts.onDoc?.(i + 1, golds.length);
  });
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
