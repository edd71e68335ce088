/**
 * `vigie eval`: annotates the documents of a gold file (the gold never reaches the pipeline)
 * and scores the output against the gold (docs/EVALUATION.md).
 *
 *   vigie eval --gold FILE.jsonl [--measures actors,places,dates,sources,events,ner]
 *              [--verbose] [--format table|json] [--out PRED.jsonl] [--pred PRED.jsonl] [--max-docs N]
 *
 * `--format json` prints the same object, byte for byte, as the reference `score.py --json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FAMILY_NAMES, parseGold, parsePredictions, score, scoreJsonText, toScoreJson, type GoldRecord, type MeasureFamily, type PredRecord } from './score.js';
import { annotateGold, loadAnnotate, subsample, type AnnotateFn } from './run.js';
import { findingsText, measuresTable } from './report.js';

export interface EvalOptions {
  gold: string;
  /** Score this existing annotation file instead of running the pipeline. */
  pred?: string;
  measures?: MeasureFamily[];
  verbose?: boolean;
  format?: 'table' | 'json';
  /** Write the predictions (annotation records, JSON Lines) here. */
  out?: string;
  /** Score at most this many documents (evenly spaced, deterministic). */
  maxDocs?: number;
}

export interface EvalOutput {
  /** What goes to standard output. */
  stdout: string;
  /** Notes for standard error (failures, verbose lines in JSON mode). */
  stderr: string;
  exitCode: number;
}

/** An error in the user's input: printed as "vigie: …", exit status 1. */
export class EvalInputError extends Error {}

/** Parses "actors,places" into measure families; rejects unknown names. */
export function parseMeasures(v: string): MeasureFamily[] {
  const out: MeasureFamily[] = [];
  for (const raw of v.split(',')) {
    const m = raw.trim();
    if (!m) continue;
    if (!(FAMILY_NAMES as string[]).includes(m)) throw new InvalidArgumentError(`unknown measure "${m}" (expected some of ${FAMILY_NAMES.join(', ')})`);
    if (!out.includes(m as MeasureFamily)) out.push(m as MeasureFamily);
  }
  if (out.length === 0) throw new InvalidArgumentError('no measure given');
  return out;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new EvalInputError(`cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The whole command, without touching process.stdout (tests call it directly). */
export async function runEval(opts: EvalOptions, annotateFn?: AnnotateFn): Promise<EvalOutput> {
  let golds: GoldRecord[];
  try {
    golds = parseGold(readText(opts.gold, 'gold file'));
  } catch (e) {
    if (e instanceof EvalInputError) throw e;
    throw new EvalInputError(`${opts.gold}: ${(e as Error).message}`);
  }
  const total = golds.length;
  if (opts.maxDocs) golds = subsample(golds, opts.maxDocs);
  const err: string[] = [];
  let preds: PredRecord[];
  let ms = 0;
  if (opts.pred) {
    try {
      preds = parsePredictions(readText(opts.pred, 'prediction file'));
    } catch (e) {
      if (e instanceof EvalInputError) throw e;
      throw new EvalInputError(`${opts.pred}: ${(e as Error).message}`);
    }
  } else {
    const annotate = annotateFn ?? (await loadAnnotate());
    const run = annotateGold(golds, annotate, { source: opts.gold });
    preds = run.predictions;
    ms = run.ms;
    for (const f of run.failures) err.push(`vigie eval: ${f.id}: annotation failed: ${f.message}`);
  }
  if (opts.out) writeFileSync(opts.out, preds.map((p) => JSON.stringify(p)).join('\n') + (preds.length ? '\n' : ''));

  const res = score(golds, preds);
  const fams = opts.measures;
  const verbose = opts.verbose ? findingsText(res.findings, fams, res.missingIds) : '';
  let stdout: string;
  if (opts.format === 'json') {
    stdout = scoreJsonText(toScoreJson(res, fams)) + '\n';
    if (verbose) err.unshift(verbose);
  } else {
    const head =
      `${basename(opts.gold)}: ${res.docs} documents` +
      (res.docs < total ? ` (evenly spaced subsample of ${total})` : '') +
      (res.missingDocs ? `, ${res.missingDocs} without prediction` : '') +
      (opts.pred ? `, predictions from ${basename(opts.pred)}` : `, annotated in ${(ms / 1000).toFixed(1)} s`);
    stdout = (verbose ? verbose + '\n\n' : '') + head + '\n\n' + measuresTable(res, fams) + '\n';
  }
  return { stdout, stderr: err.length ? err.join('\n') + '\n' : '', exitCode: 0 };
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${v}"`);
  return n;
}

function write(stream: NodeJS.WriteStream, s: string): Promise<void> {
  return new Promise((resolve) => {
    if (!s || stream.write(s)) resolve();
    else stream.once('drain', () => resolve());
  });
}

/** Registers `vigie eval` on the CLI program. */
export function addEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('annotate the documents of a gold file and score the output against the gold (docs/EVALUATION.md)')
    .requiredOption('--gold <file>', 'gold records, JSON Lines (docs/EVALUATION.md)')
    .option('--measures <list>', `comma-separated measures to report: ${FAMILY_NAMES.join(',')} (default: every measure the gold supports)`, parseMeasures)
    .option('--verbose', 'list misses, false alarms and wrong values per document')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--out <file>', 'also write the predictions (annotation records, JSON Lines)')
    .option('--pred <file>', 'score this annotation file instead of running the pipeline')
    .option('--max-docs <n>', 'score at most N documents, evenly spaced (deterministic)', positiveInt)
    .addHelpText(
      'after',
      `
The gold records' text and metadata (id, text, published, outlet, lang, title, url) are
annotated; their "gold" key never reaches the pipeline. --format json prints the same object
as the team's reference scorer (score.py --json): docs, missing_docs, then {p, r, f1} per measure.

Examples:
  vigie eval --gold my-articles.gold.jsonl
  vigie eval --gold my-articles.gold.jsonl --measures places,events --verbose
  vigie eval --gold my-articles.gold.jsonl --format json --out predictions.jsonl`,
    )
    .action(async (o: { gold: string; measures?: MeasureFamily[]; verbose?: boolean; format: 'table' | 'json'; out?: string; pred?: string; maxDocs?: number }) => {
      let r: EvalOutput;
      try {
        r = await runEval({ gold: o.gold, measures: o.measures, verbose: o.verbose, format: o.format, out: o.out, pred: o.pred, maxDocs: o.maxDocs });
      } catch (e) {
        if (e instanceof EvalInputError) {
          process.stderr.write(`vigie: ${e.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
      await write(process.stderr, r.stderr);
      await write(process.stdout, r.stdout);
      if (r.exitCode) process.exitCode = r.exitCode;
    });
}
