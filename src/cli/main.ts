#!/usr/bin/env -S node --max-semi-space-size=32
/**
 * The `vigie` command. Each command lives in its own module; this file assembles them.
 *   vigie ingest | annotate | search | events | export | stats | eval | serve
 * The shebang's node flag, tuneHeap() and tuneCompiler() set V8 for the pipeline (heap.ts).
 */
import { Command, CommanderError } from 'commander';
import { addEvalCommand } from '../eval/command.js';
import { addIngestCommands } from './ingest.js';
import { addQueryCommands } from './query.js';
import { addServeCommand } from '../serve/command.js';
import { FatalError } from './common.js';
import { tuneCompiler, tuneHeap } from './heap.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('vigie')
    .description('Turns news articles about armed conflict (French, English) into a sourced, dated, geolocated event database.')
    .version('0.1.0')
    .option('--db <path>', 'database: a SQLite file path, sqlite:PATH or postgres://… (default: $VIGIE_DB or ./vigie.db)')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Examples:
  vigie ingest articles/                 read, annotate and store a folder of articles
  vigie events --type Battles            list stored battles
  vigie search "hopital"                 full-text, accent-insensitive
  vigie export --format acled-csv --out events.csv
  vigie annotate article.txt             print the annotation record (no database)

Run "vigie <command> --help" for the options of each command.`,
    );
  addIngestCommands(program);
  addQueryCommands(program);
  addEvalCommand(program);
  addServeCommand(program);
  return program;
}

async function main(): Promise<void> {
  tuneHeap();
  tuneCompiler();
  // `vigie events | head` closes the pipe early: not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander.
      process.exitCode = e.exitCode === 0 ? 0 : 1;
      return;
    }
    if (e instanceof FatalError) {
      process.stderr.write(`vigie: ${e.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`vigie: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}

await main();
