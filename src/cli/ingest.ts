/** `vigie ingest` and `vigie annotate`. */
import type { Command } from 'commander';
import { parsePositive } from './common.js';
import { toAnnotation } from '../document.js';
import { formatSummary, type Summary } from './summary.js';
import { openDb, type GlobalOptions, fail, writeOut } from './common.js';

export function addIngestCommands(program: Command): void {
  program
    .command('ingest')
    .description('read articles, annotate them (all stages) and store them in the database')
    .argument('<paths...>', 'files, directories (walked recursively) or - for standard input')
    .option('--batch <n>', 'documents per transaction', (v) => parsePositive(v, '--batch'), 200)
    .option('-q, --quiet', 'no summary on standard error (refusals are still listed)')
    .option('-v, --verbose', 'print a line on standard error after each committed batch')
    .addHelpText(
      'after',
      `
Examples:
  vigie ingest articles/
  vigie ingest --db /tmp/war.db articles/*.html feeds/sahel.xml
  cat dispatches.jsonl | vigie ingest -

A document whose content hash is already stored is skipped (counted as duplicate).
Each batch is one transaction: if the process is killed, committed batches are kept and a
rerun stores exactly the documents that were missing.
Exit status: 0 all read, 2 some inputs refused (the others were stored), 1 fatal error.`,
    )
    .action(async (paths: string[], opts: { batch: number; quiet?: boolean; verbose?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const store = await openDb(g);
      const { ingestPaths } = await import('./run.js');
      let summary: Summary;
      try {
        summary = await ingestPaths(paths, store, {
          batch: opts.batch,
          onCommit: opts.verbose ? (n, total) => process.stderr.write(`committed batch ${n} (${total} new so far)\n`) : undefined,
        });
      } catch (e) {
        await store.close().catch(() => {});
        return fail(`ingest failed: ${(e as Error).message}`);
      }
      await store.close();
      if (!opts.quiet || summary.refused.length) process.stderr.write(formatSummary(summary, 'ingest') + '\n');
      process.exitCode = summary.refused.length ? 2 : 0;
    });

  program
    .command('annotate')
    .description('read articles and print their annotation records (no database)')
    .argument('<paths...>', 'files, directories (walked recursively) or - for standard input')
    .option('-f, --format <format>', 'jsonl (one record per line) or json (one array)', 'jsonl')
    .option('-q, --quiet', 'no summary on standard error (refusals are still listed)')
    .addHelpText(
      'after',
      `
Examples:
  vigie annotate examples/fr-alep-frappes.txt
  vigie annotate --format json examples/ > records.json
  echo '{"id":"a1","text":"Des frappes ont visé Idleb mardi."}' | vigie annotate -

Each record holds id, lang, title, outlet, author, published, url, hash, the cleaned text and
the lists entities, places, dates, attributions, events, framing (offsets into text).
Exit status: 0 all read, 2 some inputs refused (the others were printed), 1 fatal error.`,
    )
    .action(async (paths: string[], opts: { format: string; quiet?: boolean }) => {
      if (opts.format !== 'jsonl' && opts.format !== 'json') return fail(`unknown --format "${opts.format}" (jsonl or json)`);
      const json = opts.format === 'json';
      const { annotatePaths } = await import('./run.js');
      let first = true;
      if (json) await writeOut('[');
      const summary = await annotatePaths(paths, async (doc) => {
        const rec = toAnnotation(doc);
        if (json) {
          await writeOut((first ? '\n' : ',\n') + JSON.stringify(rec, null, 2));
          first = false;
        } else await writeOut(JSON.stringify(rec) + '\n');
      });
      if (json) await writeOut(first ? ']\n' : '\n]\n');
      if (!opts.quiet || summary.refused.length) process.stderr.write(formatSummary(summary, 'annotate') + '\n');
      process.exitCode = summary.refused.length ? 2 : 0;
    });
}

