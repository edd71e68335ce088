/** `vigie search`, `vigie events`, `vigie export`, `vigie stats`. */
import { createWriteStream } from 'node:fs';
import { Option, type Command } from 'commander';
import type { EventFilter, EventRow } from '../store/store.js';
import { acledCsv, eventsCsv, eventsGeoJson, eventsTable, searchText, statsText } from './formats.js';
import { dbUrl, fail, openDb, parseIsoBound, parseNonNegative, parsePositive, writeOut, type GlobalOptions } from './common.js';

interface EventOpts {
  type?: string;
  subtype?: string;
  actor?: string;
  place?: string;
  from?: string;
  to?: string;
  outlet?: string;
  limit?: number;
  offset?: number;
}

function filterOf(o: EventOpts): EventFilter {
  const f: EventFilter = {};
  for (const k of ['type', 'subtype', 'actor', 'place', 'from', 'to', 'outlet', 'limit', 'offset'] as const) {
    if (o[k] !== undefined) (f as Record<string, unknown>)[k] = o[k];
  }
  return f;
}

function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('--type <type>', 'event type, e.g. "Battles", "Explosions/Remote violence"')
    .option('--subtype <subtype>', 'sub-event type, e.g. "Air/drone strike"')
    .option('--actor <name>', 'actor name, alias or id (case- and accent-insensitive)')
    .option('--place <name>', 'place name or id (case- and accent-insensitive)')
    .option('--from <date>', 'first date, ISO YYYY[-MM[-DD]] (inclusive)', parseIsoBound)
    .option('--to <date>', 'last date, ISO YYYY[-MM[-DD]] (inclusive)', parseIsoBound)
    .option('--outlet <outlet>', 'outlet that published the article');
}

async function writeTo(out: string | undefined, text: string): Promise<void> {
  if (!out || out === '-') return writeOut(text);
  await new Promise<void>((resolve, reject) => {
    const s = createWriteStream(out);
    s.on('error', reject);
    s.end(text, () => resolve());
  }).catch((e: Error) => fail(`cannot write ${out}: ${e.message}`));
}

function render(rows: EventRow[], format: string): string {
  switch (format) {
    case 'table':
      return eventsTable(rows);
    case 'csv':
      return eventsCsv(rows);
    case 'json':
      return JSON.stringify(rows, null, 2) + '\n';
    case 'jsonl':
      return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
    case 'geojson':
      return JSON.stringify(eventsGeoJson(rows)) + '\n';
    case 'acled-csv':
      return acledCsv(rows);
    default:
      return fail(`unknown format "${format}"`);
  }
}

export function addQueryCommands(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored articles (accent- and case-insensitive, French and English)')
    .argument('<text>', 'words to look for')
    .option('--limit <n>', 'maximum number of results', (v) => parsePositive(v, '--limit'), 20)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  vigie search "hopital"          finds "hôpital", "Hôpital", "hôpitaux"
  vigie search "frappes aériennes Idleb" --limit 5
  vigie search "ceasefire" --format json`,
    )
    .action(async (text: string, opts: { limit: number; format: string }, cmd: Command) => {
      const store = await openDb(cmd.optsWithGlobals() as GlobalOptions);
      try {
        const hits = await store.search(text, { limit: opts.limit });
        await writeOut(opts.format === 'json' ? JSON.stringify(hits, null, 2) + '\n' : searchText(hits));
      } finally {
        await store.close();
      }
    });

  addFilterOptions(
    program.command('events').description('list stored events, filtered'),
  )
    .option('--limit <n>', 'maximum number of events', (v) => parsePositive(v, '--limit'))
    .option('--offset <n>', 'skip this many events first (events come in storage order, so --offset with --limit pages through them)', (v) => parseNonNegative(v, '--offset'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json', 'jsonl', 'geojson']).default('table'))
    .addHelpText(
      'after',
      `
Examples:
  vigie events
  vigie events --type Battles --place Alep --from 2016-07 --to 2016-12
  vigie events --actor "Wagner" --format csv > wagner.csv
  vigie events --subtype "Air/drone strike" --format geojson > strikes.geojson
  vigie events --limit 100 --offset 200          (the third page of 100)

Filters combine (AND). --from/--to compare on the date's known prefix ("2016-07" matches
the whole month).`,
    )
    .action(async (opts: EventOpts & { format: string }, cmd: Command) => {
      const store = await openDb(cmd.optsWithGlobals() as GlobalOptions);
      try {
        const rows = await store.events(filterOf(opts));
        await writeOut(render(rows, opts.format));
      } finally {
        await store.close();
      }
    });

  addFilterOptions(program.command('export').description('export stored events (all, or filtered) in an exchange format'))
    .addOption(new Option('-f, --format <format>', 'export format').choices(['acled-csv', 'geojson', 'jsonl']).makeOptionMandatory())
    .option('-o, --out <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      `
Examples:
  vigie export --format acled-csv --out events.csv
  vigie export --format geojson --type "Explosions/Remote violence" --out strikes.geojson
  vigie export --format jsonl --from 2022 > events-2022.jsonl

acled-csv: ACLED's column names where they apply (event_id_cnty, event_date, year,
  time_precision, disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, inter1,
  actor2, assoc_actor_2, inter2, interaction, iso, country, admin1, location, latitude,
  longitude, geo_precision, source, notes, fatalities, timestamp), then Vigie's columns
  vigie_event_id, vigie_status (asserted|reported|planned|negated), vigie_doc_id, vigie_url,
  vigie_evidence (the sentence the event was read from). Unknown fatalities are left empty.
geojson: a FeatureCollection of Points [lon, lat]; events without a place are left out.
jsonl: one event per line, with actor names, place and coordinates, sources, outlet.`,
    )
    .action(async (opts: EventOpts & { format: string; out?: string }, cmd: Command) => {
      const store = await openDb(cmd.optsWithGlobals() as GlobalOptions);
      let rows: EventRow[];
      try {
        rows = await store.events(filterOf(opts));
      } finally {
        await store.close();
      }
      await writeTo(opts.out, render(rows, opts.format));
      if (opts.out && opts.out !== '-') process.stderr.write(`wrote ${rows.length} events to ${opts.out}\n`);
    });

  program
    .command('stats')
    .description('counts of stored documents, stories, events, entities and places')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
Examples:
  vigie stats
  vigie stats --db /tmp/war.db --format json`)
    .action(async (opts: { format: string }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const store = await openDb(g);
      try {
        const s = await store.stats();
        await writeOut(opts.format === 'json' ? JSON.stringify(s, null, 2) + '\n' : statsText(s, dbUrl(g)));
      } finally {
        await store.close();
      }
    });
}
