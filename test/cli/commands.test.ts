/**
 * Every `vigie` command on the bundled examples, with a temporary database.
 * Spawns the compiled CLI (dist/src/cli/main.js) like a user would.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACLED_COLUMNS } from '../../src/cli/formats.js';
import { EXAMPLE_ARTICLES, exampleFiles, jsonl, tempDir, vigie, write } from './cli.js';

interface Rec {
  id: string;
  lang: string;
  title: string | null;
  text: string;
  hash: string;
  entities: { mentions: { start: number; end: number; text: string }[] }[];
  places: { mentions: { start: number; end: number; text: string }[] }[];
  dates: { start: number; end: number; text: string }[];
  events: { evidence: { start: number; end: number; text: string } }[];
}
interface EventRow {
  id: string;
  doc_id: string;
  type: string;
  subtype: string;
  date: string | null;
  outlet: string | null;
  place: { name: string; lat: number; lon: number } | null;
  actor1: { name: string }[];
}

const summaryOf = (stderr: string): { read: number; new: number; duplicates: number; refused: number } => {
  const m = /read (\d+), new (\d+), duplicates (\d+), refused (\d+)/.exec(stderr);
  assert.ok(m, `no ingest summary in: ${stderr}`);
  return { read: +m[1], new: +m[2], duplicates: +m[3], refused: +m[4] };
};

const tmp = tempDir();
const db = join(tmp.dir, 'examples.db');
after(() => tmp.cleanup());

describe('help and usage', () => {
  for (const cmd of ['ingest', 'annotate', 'search', 'events', 'export', 'stats']) {
    test(`vigie ${cmd} --help shows usage and examples`, () => {
      const r = vigie([cmd, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Usage: vigie ${cmd}`));
      assert.match(r.stdout, /Examples:/);
    });
  }
  test('vigie --help lists every command, eval included', () => {
    const r = vigie(['--help']);
    assert.equal(r.code, 0);
    for (const cmd of ['ingest', 'annotate', 'search', 'events', 'export', 'stats']) assert.match(r.stdout, new RegExp(`\\n  ${cmd} `));
  });
  test('an unknown option is a fatal error (exit 1)', () => {
    const r = vigie(['events', '--no-such-option']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown option/);
  });
  test('a bad --from date is refused (exit 1)', () => {
    const r = vigie(['events', '--db', db, '--from', '2016-13-45']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ISO date/);
  });
  test('an unopenable database is a fatal error (exit 1)', () => {
    const r = vigie(['stats', '--db', join(tmp.dir, 'no', 'such', 'dir', 'x.db')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot open database/);
  });
});

describe('annotate', () => {
  let records: Rec[] = [];
  before(() => {
    const r = vigie(['annotate', ...exampleFiles(), '--format', 'jsonl']);
    assert.equal(r.code, 0, r.stderr);
    records = jsonl<Rec>(r.stdout);
  });

  test('one record per article, distinct ids, the input ids kept', () => {
    assert.equal(records.length, EXAMPLE_ARTICLES);
    assert.equal(new Set(records.map((x) => x.id)).size, EXAMPLE_ARTICLES);
    const ids = new Set(records.map((x) => x.id));
    for (const id of ['vigie-ex-deir-ez-zor-2017', 'vigie-ex-kidal-2023', 'vigie-ex-bakhmut-2023', 'vigie-ex-taiz-2016']) assert.ok(ids.has(id), `missing ${id}`);
  });

  test('records follow the output contract (fields, offsets into text)', () => {
    for (const x of records) {
      for (const k of ['id', 'lang', 'title', 'outlet', 'published', 'text', 'hash', 'entities', 'places', 'dates', 'attributions', 'events']) assert.ok(k in x, `${x.id} lacks ${k}`);
      assert.ok(x.text.length > 100, `${x.id}: text too short`);
      assert.ok(/^[0-9a-f]{16,}$/.test(x.hash), `${x.id}: hash ${x.hash}`);
      for (const m of [...x.entities.flatMap((e) => e.mentions), ...x.places.flatMap((p) => p.mentions), ...x.dates, ...x.events.map((e) => e.evidence)]) {
        assert.equal(x.text.slice(m.start, m.end), m.text, `${x.id}: offsets ${m.start}-${m.end}`);
      }
    }
  });

  test('French articles are fr, English ones en', () => {
    const byTitle = (re: RegExp): Rec => {
      const r = records.find((x) => re.test(x.text));
      assert.ok(r, `no record about ${re}`);
      return r;
    };
    assert.equal(byTitle(/Izioum et de Koupiansk/).lang, 'fr');
    assert.equal(byTitle(/withdrawing from the city of Kherson/).lang, 'en');
    assert.equal(records.find((x) => x.id === 'vigie-ex-kidal-2023')!.lang, 'fr');
    assert.equal(records.find((x) => x.id === 'vigie-ex-bakhmut-2023')!.lang, 'en');
  });

  test('--format json prints one array with the same records', () => {
    const r = vigie(['annotate', ...exampleFiles(), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const arr = JSON.parse(r.stdout) as Rec[];
    assert.ok(Array.isArray(arr));
    assert.deepEqual(arr.map((x) => x.id), records.map((x) => x.id));
  });

  test('- reads standard input', () => {
    const line = JSON.stringify({ id: 'stdin-1', text: "Des frappes aériennes ont visé la ville d'Idleb mardi, faisant cinq morts selon l'OSDH." });
    const r = vigie(['annotate', '-'], { input: line + '\n' });
    assert.equal(r.code, 0, r.stderr);
    const out = jsonl<Rec>(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].id, 'stdin-1');
  });

  test('an unknown --format is refused', () => {
    const r = vigie(['annotate', exampleFiles()[0], '--format', 'xml']);
    assert.equal(r.code, 1);
  });
});

describe('refusals', () => {
  const bad = tempDir('vigie-bad-');
  after(() => bad.cleanup());
  before(() => {
    write(join(bad.dir, 'good.txt'), "Combats à Gao\n\nDe violents combats ont opposé l'armée malienne à des hommes armés près de Gao, mardi 3 mai 2022, selon des sources locales.\n");
    write(join(bad.dir, 'empty.txt'), '');
    write(join(bad.dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3, 0xff, 0xfe, 0, 0]));
    write(
      join(bad.dir, 'lines.jsonl'),
      [
        JSON.stringify({ id: 'ok-1', text: 'Des tirs ont visé Kharkiv lundi, tuant deux civils, selon le gouverneur régional.' }),
        '{"id": "broken", "text": "unterminated',
        JSON.stringify({ id: 'ok-3', text: 'Gunmen abducted three aid workers near Menaka on Sunday, local sources said.' }),
      ].join('\n') + '\n',
    );
  });

  const checkRefusals = (stderr: string): void => {
    assert.match(stderr, /empty\.txt/);
    assert.match(stderr, /binary\.txt/);
    assert.match(stderr, /lines\.jsonl:2\b/);
    // each refusal line names a reason after the file
    for (const f of ['empty.txt', 'binary.txt', 'lines.jsonl:2']) {
      const line = stderr.split('\n').find((l) => l.includes(f));
      assert.ok(line && /:\s*\S+/.test(line.slice(line.indexOf(f) + f.length)), `no reason for ${f}: ${line}`);
    }
  };

  test('annotate: bad inputs refused with file, line and reason; exit 2; good ones printed', () => {
    const r = vigie(['annotate', bad.dir]);
    assert.equal(r.code, 2, r.stderr);
    checkRefusals(r.stderr);
    const ids = jsonl<Rec>(r.stdout).map((x) => x.id);
    assert.equal(ids.length, 3);
    assert.ok(ids.includes('ok-1') && ids.includes('ok-3'));
  });

  test('ingest: same refusals, exit 2, the good documents stored', () => {
    const bdb = join(bad.dir, 'bad.db');
    const r = vigie(['ingest', '--db', bdb, bad.dir]);
    assert.equal(r.code, 2, r.stderr);
    checkRefusals(r.stderr);
    const s = summaryOf(r.stderr);
    assert.equal(s.new, 3);
    assert.equal(s.refused, 3);
    const st = JSON.parse(vigie(['stats', '--db', bdb, '--format', 'json']).stdout) as { documents: number };
    assert.equal(st.documents, 3);
  });
});

describe('ingest, then query', () => {
  let events: EventRow[] = [];
  before(() => {
    const r = vigie(['ingest', '--db', db, ...exampleFiles()]);
    assert.equal(r.code, 0, r.stderr);
    const s = summaryOf(r.stderr);
    assert.deepEqual(s, { read: EXAMPLE_ARTICLES, new: EXAMPLE_ARTICLES, duplicates: 0, refused: 0 });
    const e = vigie(['events', '--db', db, '--format', 'json']);
    assert.equal(e.code, 0, e.stderr);
    events = JSON.parse(e.stdout) as EventRow[];
  });

  test('ingesting the examples a second time stores nothing new', () => {
    const r = vigie(['ingest', '--db', db, ...exampleFiles()]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(summaryOf(r.stderr), { read: EXAMPLE_ARTICLES, new: 0, duplicates: EXAMPLE_ARTICLES, refused: 0 });
    const st = JSON.parse(vigie(['stats', '--db', db, '--format', 'json']).stdout) as { documents: number };
    assert.equal(st.documents, EXAMPLE_ARTICLES);
  });

  test('VIGIE_DB is the default database', () => {
    const r = vigie(['stats', '--format', 'json'], { env: { VIGIE_DB: db } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { documents: number }).documents, EXAMPLE_ARTICLES);
  });

  test('stats (text) shows the counts', () => {
    const r = vigie(['stats', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`documents\\s+${EXAMPLE_ARTICLES}\\b`));
    assert.match(r.stdout, /by language/);
  });

  test('search is accent- and case-insensitive', () => {
    const plain = JSON.parse(vigie(['search', '--db', db, 'hopital', '--format', 'json']).stdout) as { id: string; snippet: string }[];
    const accented = JSON.parse(vigie(['search', '--db', db, 'HÔPITAL', '--format', 'json']).stdout) as { id: string }[];
    assert.ok(plain.length >= 1, 'hopital should find hôpital');
    assert.deepEqual(accented.map((h) => h.id).sort(), plain.map((h) => h.id).sort());
    const en = JSON.parse(vigie(['search', '--db', db, 'truce', '--format', 'json']).stdout) as { id: string }[];
    assert.ok(en.length >= 1, 'truce should be found');
    const none = JSON.parse(vigie(['search', '--db', db, 'zzqxwv', '--format', 'json']).stdout) as unknown[];
    assert.equal(none.length, 0);
    const text = vigie(['search', '--db', db, 'hopital', '--limit', '1']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /1 result\b/);
  });

  test('the examples yield events', () => {
    assert.ok(events.length >= EXAMPLE_ARTICLES, `only ${events.length} events from ${EXAMPLE_ARTICLES} articles`);
  });

  test('events filters: type, from/to, outlet, place, actor, limit', () => {
    const type = events[0].type;
    const ofType = JSON.parse(vigie(['events', '--db', db, '--type', type, '--format', 'json']).stdout) as EventRow[];
    assert.equal(ofType.length, events.filter((e) => e.type === type).length);
    assert.ok(ofType.every((e) => e.type === type));

    const dated = JSON.parse(vigie(['events', '--db', db, '--from', '2019', '--to', '2021-12-31', '--format', 'json']).stdout) as EventRow[];
    assert.ok(dated.every((e) => e.date !== null && e.date.slice(0, 4) >= '2019' && e.date.slice(0, 4) <= '2021'), JSON.stringify(dated.map((e) => e.date)));
    assert.ok(dated.length < events.length);

    const withOutlet = events.find((e) => e.outlet);
    assert.ok(withOutlet, 'no event has an outlet');
    const byOutlet = JSON.parse(vigie(['events', '--db', db, '--outlet', withOutlet.outlet!, '--format', 'json']).stdout) as EventRow[];
    assert.ok(byOutlet.length >= 1 && byOutlet.every((e) => e.outlet === withOutlet.outlet));

    const withPlace = events.find((e) => e.place);
    assert.ok(withPlace, 'no event has a place');
    const byPlace = JSON.parse(vigie(['events', '--db', db, '--place', withPlace.place!.name, '--format', 'json']).stdout) as EventRow[];
    assert.ok(byPlace.some((e) => e.id === withPlace.id));
    assert.ok(byPlace.length < events.length);

    const withActor = events.find((e) => e.actor1.length);
    assert.ok(withActor, 'no event has an actor1');
    const byActor = JSON.parse(vigie(['events', '--db', db, '--actor', withActor.actor1[0].name, '--format', 'json']).stdout) as EventRow[];
    assert.ok(byActor.some((e) => e.id === withActor.id));

    const two = JSON.parse(vigie(['events', '--db', db, '--limit', '2', '--format', 'json']).stdout) as EventRow[];
    assert.equal(two.length, 2);
  });

  test('events --offset with --limit pages through every event once, in storage order', () => {
    assert.ok(events.length > 4, 'the fixture needs more than 4 events');
    const seen: string[] = [];
    for (let offset = 0; offset < events.length + 3; offset += 3) {
      const page = JSON.parse(vigie(['events', '--db', db, '--limit', '3', '--offset', String(offset), '--format', 'json']).stdout) as EventRow[];
      assert.ok(page.length <= 3);
      seen.push(...page.map((e) => `${e.doc_id}/${e.id}`));
    }
    assert.deepEqual(seen, events.map((e) => `${e.doc_id}/${e.id}`));
    const bad = vigie(['events', '--db', db, '--offset', '-1']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--offset must be a whole number/);
  });

  test('events formats: table, csv, jsonl, geojson', () => {
    const table = vigie(['events', '--db', db]);
    assert.equal(table.code, 0);
    assert.match(table.stdout, /^date\s+type \/ subtype/);
    assert.match(table.stdout, new RegExp(`${events.length} events?\\n$`));
    const csv = vigie(['events', '--db', db, '--format', 'csv']).stdout.trim().split('\n');
    assert.match(csv[0], /^id,doc_id,date,type,subtype,/);
    const lines = vigie(['events', '--db', db, '--format', 'jsonl']).stdout;
    assert.equal(jsonl(lines).length, events.length);
    const geo = JSON.parse(vigie(['events', '--db', db, '--format', 'geojson']).stdout) as { type: string; features: unknown[] };
    assert.equal(geo.type, 'FeatureCollection');
  });

  test('export acled-csv: ACLED column names, one row per event, to a file', () => {
    const out = join(tmp.dir, 'acled.csv');
    const r = vigie(['export', '--db', db, '--format', 'acled-csv', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const header: string[] = lines[0].split(',');
    assert.deepEqual(header, [...ACLED_COLUMNS]);
    for (const c of ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'inter1', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'vigie_status']) assert.ok((lines[0].split(',') as string[]).includes(c), c);
    // rows may contain newlines only inside quotes; count records via the vigie_event_id column instead
    const stdout = vigie(['export', '--db', db, '--format', 'acled-csv']).stdout;
    for (const e of events) assert.ok(stdout.includes(e.id), `event ${e.id} not exported`);
  });

  test('export geojson: a FeatureCollection of Points at the events places', () => {
    const r = vigie(['export', '--db', db, '--format', 'geojson']);
    assert.equal(r.code, 0, r.stderr);
    const fc = JSON.parse(r.stdout) as { type: string; features: { geometry: { type: string; coordinates: number[] }; properties: { id: string } }[] };
    assert.equal(fc.type, 'FeatureCollection');
    const placed = events.filter((e) => e.place);
    assert.equal(fc.features.length, placed.length);
    assert.ok(fc.features.length > 0);
    for (const f of fc.features) {
      assert.equal(f.geometry.type, 'Point');
      const ev = placed.find((e) => e.id === f.properties.id)!;
      assert.deepEqual(f.geometry.coordinates, [ev.place!.lon, ev.place!.lat]);
    }
  });

  test('export jsonl: one event per line', () => {
    const r = vigie(['export', '--db', db, '--format', 'jsonl', '--type', events[0].type]);
    assert.equal(r.code, 0, r.stderr);
    const rows = jsonl<EventRow>(r.stdout);
    assert.equal(rows.length, events.filter((e) => e.type === events[0].type).length);
  });

  test('export needs --format', () => {
    const r = vigie(['export', '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--format/);
  });
});

describe('files a folder walk leaves out', () => {
  test('a README and an image in a folder of articles are reported as skipped, not refused, not stored', () => {
    const t = tempDir();
    const d = tempDir();
    try {
      write(join(t.dir, 'depeche.txt'), 'Frappes sur Idleb\n\nDes frappes aériennes ont visé Idleb mardi, selon une ONG.\n');
      write(join(t.dir, 'README.md'), '# Notes\n\nCe dossier contient des dépêches.\n');
      write(join(t.dir, 'carte.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      const r = vigie(['ingest', '--db', join(d.dir, 'x.db'), t.dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(summaryOf(r.stderr), { read: 1, new: 1, duplicates: 0, refused: 0 });
      assert.match(r.stderr, /skipped 2 \(not article files\)/);
      assert.match(r.stderr, /skipped .*README\.md: not an article format \(\.md\)/);
      assert.match(r.stderr, /skipped .*carte\.png: not an article format \(\.png\)/);
      const st = JSON.parse(vigie(['stats', '--db', join(d.dir, 'x.db'), '--format', 'json']).stdout) as { documents: number };
      assert.equal(st.documents, 1);
    } finally {
      t.cleanup();
      d.cleanup();
    }
  });
});
