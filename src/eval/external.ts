/**
 * External benchmarks in one command:
 *
 *   npm run eval:external -- DIR [--max-docs N] [--format table|json] [--sets a,b] [--save DIR]
 *
 * Runs Vigie over every `*.gold.jsonl` found under DIR (recursively), scores each set with the
 * same scorer as `vigie eval`, and prints one table: set, documents (and the subsample taken),
 * the measures the set supports (the gold keys it holds), and the published baselines from
 * `baselines.json` beside the figure each is closest to. Large sets are subsampled
 * deterministically (evenly spaced records) to at most --max-docs documents (default 500).
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import baselinesData from './baselines.json' with { type: 'json' };
import { parseGold, prf, pyRound3, score, toScoreJson, type ScoreJson, type ScoreResult } from './score.js';
import { annotateGold, loadAnnotate, subsample, type AnnotateFn } from './run.js';
import { textTable } from './report.js';
import { tuneCompiler, tuneHeap } from '../cli/heap.js';

export interface Baseline {
  measure: string;
  figure: 'p' | 'r' | 'f1';
  system: string;
  value: number;
  metric: string;
  note?: string;
  source: string;
}

interface BaselineFile {
  sets: Record<string, { title: string; baselines: Baseline[] }>;
}

export const BASELINES = (baselinesData as unknown as BaselineFile).sets;

export const DEFAULT_MAX_DOCS = 500;

export interface SetResult {
  /** File name without `.gold.jsonl`. */
  set: string;
  title: string | null;
  /** Path relative to the directory given. */
  file: string;
  /** Documents scored. */
  docs: number;
  /** Documents in the file. */
  totalDocs: number;
  /** Documents a stage failed on (scored as missing). */
  failures: number;
  seconds: number;
  result: ScoreResult;
  json: ScoreJson;
  baselines: Baseline[];
}

export interface ExternalOptions {
  maxDocs?: number;
  /** Only these sets (names without `.gold.jsonl`). */
  sets?: string[];
  /** Write each set's scored gold subsample and predictions here (for checking with another scorer). */
  save?: string;
  /** Progress notes (one line per set). */
  log?: (line: string) => void;
}

/** Every `*.gold.jsonl` under dir, sorted by path (hidden folders skipped). */
export function findGoldFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.gold.jsonl')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs and scores every gold set under dir. */
export async function runExternal(dir: string, opts: ExternalOptions = {}, annotateFn?: AnnotateFn): Promise<SetResult[]> {
  const maxDocs = opts.maxDocs ?? DEFAULT_MAX_DOCS;
  let files = findGoldFiles(dir);
  if (opts.sets?.length) files = files.filter((f) => opts.sets!.includes(basename(f, '.gold.jsonl')));
  const annotate = annotateFn ?? (await loadAnnotate());
  if (opts.save) mkdirSync(opts.save, { recursive: true });
  const results: SetResult[] = [];
  for (const file of files) {
    const set = basename(file, '.gold.jsonl');
    const all = parseGold(readFileSync(file, 'utf8'));
    const golds = subsample(all, maxDocs);
    opts.log?.(`${set}: annotating ${golds.length}${golds.length < all.length ? ` of ${all.length}` : ''} documents…`);
    const run = annotateGold(golds, annotate, { source: file });
    const result = score(golds, run.predictions);
    if (opts.save) {
      writeFileSync(join(opts.save, `${set}.gold.jsonl`), golds.map((g) => JSON.stringify(g)).join('\n') + '\n');
      writeFileSync(join(opts.save, `${set}.pred.jsonl`), run.predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
    }
    const known = BASELINES[set];
    results.push({
      set,
      title: known?.title ?? null,
      file: relative(dir, file) || basename(file),
      docs: golds.length,
      totalDocs: all.length,
      failures: run.failures.length,
      seconds: run.ms / 1000,
      result,
      json: toScoreJson(result),
      baselines: known?.baselines ?? [],
    });
  }
  return results;
}

function pct(x: number): string {
  return (pyRound3(x) * 100).toFixed(1);
}

/** The one table, with numbered footnotes for the baselines. */
export function externalTable(results: SetResult[], totalSeconds?: number): string {
  const rows: string[][] = [];
  const notes: string[] = [];
  const noteOf = new Map<string, number>();
  for (const r of results) {
    const docs = r.docs < r.totalDocs ? `${r.docs} of ${r.totalDocs} (subsample)` : String(r.docs);
    let firstRow = true;
    if (r.result.counts.size === 0) rows.push([r.set, docs, '(no scorable gold key)', '', '', '', '']);
    for (const [k, c] of r.result.counts) {
      const v = prf(c);
      const here = r.baselines.filter((b) => b.measure === k);
      const cells = here.map((b) => {
        const key = `${b.system}|${b.metric}|${b.source}|${b.note ?? ''}`;
        let n = noteOf.get(key);
        if (n === undefined) {
          n = notes.length + 1;
          noteOf.set(key, n);
          notes.push(`[${n}] ${b.system}: ${b.metric}${b.note ? `; ${b.note}` : ''}. ${b.source}.`);
        }
        return `${b.system} ${b.value} [${n}] vs ${b.figure.toUpperCase()}`;
      });
      const empty = c.nP === 0 && c.nG === 0;
      rows.push([firstRow ? r.set : '', firstRow ? docs : '', k, empty ? '-' : pct(v.p), empty ? '-' : pct(v.r), empty ? '-' : pct(v.f1), empty ? 'nothing to score' : cells.join('; ')]);
      firstRow = false;
    }
  }
  const lines = [textTable(['set', 'documents', 'measure', 'P', 'R', 'F1', 'published baseline'], rows, (i) => i >= 3 && i <= 5)];
  lines.push('');
  lines.push('Figures in %. Vigie runs end to end (it finds the mentions itself, then resolves them) and is scored by');
  lines.push("the team's scorer rules (docs/EVALUATION.md); the published figures use their own metrics and setups,");
  lines.push('so they are orientation, not like-for-like comparisons. places_right P (found places within 161 km or');
  lines.push("the gold's tolerance) is the analogue of accuracy@161 km; its R also counts the places Vigie did not find.");
  lines.push('"-": the set gives nothing to score for that measure in the documents scored (e.g. no gold status).');
  const sub = results.filter((r) => r.docs < r.totalDocs);
  if (sub.length) lines.push(`Subsampled sets use evenly spaced records (record ⌊i·n/N⌋), the same on every run.`);
  const failed = results.filter((r) => r.failures > 0);
  if (failed.length) lines.push(`Annotation failed on some documents (scored as missing): ${failed.map((r) => `${r.set} ${r.failures}`).join(', ')}.`);
  lines.push(...notes);
  const secs = results.map((r) => `${r.set} ${r.seconds.toFixed(0)} s`).join(', ');
  lines.push(`Annotation time: ${secs}${totalSeconds !== undefined ? `; total ${totalSeconds.toFixed(0)} s` : ''}.`);
  return lines.join('\n');
}

/** The JSON report: per set, the score.py-style object plus the run's facts and the baselines. */
export function externalJson(results: SetResult[], maxDocs: number, totalSeconds?: number): unknown {
  return {
    max_docs: maxDocs,
    seconds: totalSeconds !== undefined ? Math.round(totalSeconds * 10) / 10 : undefined,
    sets: results.map((r) => ({
      set: r.set,
      title: r.title,
      file: r.file,
      docs: r.docs,
      total_docs: r.totalDocs,
      subsampled: r.docs < r.totalDocs,
      failures: r.failures,
      seconds: Math.round(r.seconds * 10) / 10,
      scores: r.json,
      baselines: r.baselines,
    })),
  };
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got "${v}"`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('eval:external')
    .description('score Vigie on every *.gold.jsonl under DIR, beside published baselines')
    .argument('<dir>', 'directory holding *.gold.jsonl files (searched recursively)')
    .option('--max-docs <n>', `at most N documents per set, evenly spaced (default ${DEFAULT_MAX_DOCS})`, positiveInt)
    .option('--sets <list>', 'only these sets (file names without .gold.jsonl), comma-separated', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--save <dir>', "write each set's scored gold subsample and predictions there")
    .option('--quiet', 'no progress lines on standard error')
    .exitOverride();
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode ?? 1;
  }
  const o = program.opts<{ maxDocs?: number; sets?: string[]; format: 'table' | 'json'; save?: string; quiet?: boolean }>();
  const dir = resolve(program.args[0]);
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    process.stderr.write(`eval:external: ${program.args[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  const t0 = performance.now();
  const results = await runExternal(dir, {
    maxDocs: o.maxDocs,
    sets: o.sets,
    save: o.save,
    log: o.quiet ? undefined : (l) => process.stderr.write(l + '\n'),
  });
  const total = (performance.now() - t0) / 1000;
  if (results.length === 0) {
    process.stderr.write(`eval:external: no *.gold.jsonl under ${dir}\n`);
    return 1;
  }
  const text =
    o.format === 'json' ? JSON.stringify(externalJson(results, o.maxDocs ?? DEFAULT_MAX_DOCS, total), null, 2) : `Vigie on the external sets under ${dir}\n\n${externalTable(results, total)}`;
  process.stdout.write(text + '\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  tuneHeap();
  tuneCompiler();
  process.exitCode = await main(process.argv.slice(2));
}
