/**
 * The PostgreSQL store runs the same conformance suite against a real server. The tests do
 * not skip: when the server is unreachable they fail and say how to start it.
 * Each run creates its own database vigie_test_<random> (one schema per opened store) and
 * drops it at the end.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import { openPostgres, parsePgUrl, PostgresStore } from '../../src/store/postgres/index.js';
import type { Store } from '../../src/store/store.js';
import { pgMigrate } from '../../src/store/postgres/schema.js';
import { copyFrom, copyRow, CopyBuffer } from '../../src/store/postgres/copy.js';
import { runStoreConformance } from './conformance.js';
import { tempPgDatabase } from '../pg.js';
import { numberedDoc, plainDoc, richFrench } from './fixtures.js';
import { legacyDocument, legacyRows } from './legacy.js';

const tempDb = tempPgDatabase('vigie_test');
const dbUrl = (): string => tempDb.url;
let n = 0;
const schemaUrl = (name = `s${++n}`): string => `${dbUrl()}${dbUrl().includes('?') ? '&' : '?'}schema=${name}`;

before(() => tempDb.create());

after(() => tempDb.drop());

/** A new schema at store version 1 (the oldest), filled by `fill`, then opened (and so migrated). */
async function legacySchema(fill: (c: pg.Client) => Promise<void>): Promise<Store> {
  const url = schemaUrl();
  const { connectionString, schema } = parsePgUrl(url);
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    await c.query(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
    await pgMigrate(c as unknown as pg.PoolClient, 1);
    await fill(c);
  } finally {
    await c.end();
  }
  return openStore(url);
}

runStoreConformance('postgres', () => openStore(schemaUrl()), {
  reopen: async (s) => {
    const schema = (s as PostgresStore).schema!;
    await s.close();
    return openStore(schemaUrl(schema));
  },
  openLegacy: () =>
    legacySchema(async (c) => {
      await c.query(
        `INSERT INTO documents (id, hash, raw, text, title, lang, lang_confidence, warnings, sentences)
         VALUES ('legacy-1', 'abcdef0123456789', 'x', 'Les hôpitaux de la ville et l''hôpital central.', 'Ancien', 'fr', 1, '[]', '[]')`,
      );
    }),
  openLegacyWith: (docs) =>
    legacySchema(async (c) => {
      for (const d of docs) {
        const row = legacyDocument(d);
        const cols = Object.keys(row);
        const r = await c.query(`INSERT INTO documents (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING key`, cols.map((k) => row[k]));
        const key = r.rows[0].key;
        for (const t of legacyRows(d)) {
          for (const vals of t.rows) {
            await c.query(`INSERT INTO ${t.table} (doc_key, ${t.cols.join(', ')}) VALUES (${['$1', ...t.cols.map((_, i) => `$${i + 2}`)].join(', ')})`, [key, ...vals]);
          }
        }
      }
    }),
  openSecond: async (s) => openStore(schemaUrl((s as PostgresStore).schema!)),
});

test('postgres: schema version recorded, one schema per store URL', async () => {
  const url = schemaUrl();
  const s = await openPostgres(url);
  await s.putDocuments([plainDoc('one', 'Un.')]);
  const { connectionString, schema } = parsePgUrl(url);
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    const v = await c.query(`SELECT version FROM ${schema}.schema_version ORDER BY version`);
    assert.deepEqual(v.rows.map((r) => r.version), [1, 2, 3]);
    const d = await c.query(`SELECT count(*)::int AS n FROM ${schema}.documents`);
    assert.equal(d.rows[0].n, 1);
    await s.putDocuments([richFrench()]);
    const fr = richFrench();
    const row = await c.query(
      `SELECT raw, html, text, sentences, warnings, origin_path, origin_format, origin_encoding, outlet_key, n_entities, n_places FROM ${schema}.documents WHERE id = 'fr-rich'`,
    );
    assert.deepEqual(row.rows[0], {
      raw: fr.raw,
      html: fr.html,
      text: fr.text,
      sentences: fr.sentences,
      warnings: fr.warnings,
      origin_path: 'articles/alep.html',
      origin_format: 'html',
      origin_encoding: 'windows-1252',
      outlet_key: 'agence france-presse',
      n_entities: 3,
      n_places: 1,
    });
    assert.equal((await c.query(`SELECT count(*)::int AS n FROM ${schema}.events`)).rows[0].n, 2);
  } finally {
    await c.end();
  }
  await s.close();
  assert.throws(() => parsePgUrl('postgres://x@h/db?schema=a;drop'), /invalid schema/);
});

test('postgres: concurrent writers of the same documents store each once', async () => {
  const url = schemaUrl();
  const a = await openPostgres(url);
  const b = await openPostgres(url);
  try {
    const docs = () => [richFrench('c1'), plainDoc('c2', 'Deux.'), plainDoc('c3', 'Trois.')];
    const [ra, rb] = await Promise.all([a.putDocuments(docs()), b.putDocuments(docs())]);
    assert.equal(ra.inserted + rb.inserted, 3);
    assert.equal(ra.duplicates + rb.duplicates, 3);
    assert.equal((await a.stats()).documents, 3);
    assert.deepEqual(await a.documentIds(), ['c1', 'c2', 'c3']);
  } finally {
    await a.close();
    await b.close();
  }
});

test('postgres: events() fetches documents page by page', async () => {
  const s = await openPostgres(schemaUrl());
  const saved = PostgresStore.eventDocPage;
  try {
    await s.putDocuments(Array.from({ length: 7 }, (_, i) => numberedDoc(i)));
    const whole = await s.events();
    PostgresStore.eventDocPage = 2;
    const paged = await s.events();
    assert.equal(paged.length, 14);
    assert.deepEqual(paged, whole);
    assert.deepEqual((await s.events({ limit: 5 })).map((r) => `${r.doc_id}/${r.id}`), ['n0/e1', 'n0/e2', 'n1/e1', 'n1/e2', 'n2/e1']);
  } finally {
    PostgresStore.eventDocPage = saved;
    await s.close();
  }
});

test('postgres: COPY FROM STDIN stores what INSERT … VALUES stores (escapes, NULL, unicode, long values, every column type)', async () => {
  const { connectionString } = parsePgUrl(dbUrl());
  const c = new pg.Client({ connectionString });
  await c.connect();
  const cols = ['n', 't', 'jb', 'j', 'tv', 'f', 'i', 'b'];
  const types = ['int', 'text', 'jsonb', 'json', 'tsvector', 'float8', 'int', 'int8'];
  const texts = [
    '', 'plain', 'back\\slash', 'tab\there', 'new\nline', 'cr\rlf\r\n', '\\N', '\\.', '\\.\n', 'a\\tb', 'é ü — ’ 😀 \u2028', '\u0001\u001f\u007f',
    'x'.repeat(3_000_000) + '\n\\end', null, undefined,
  ];
  const rows: (string | number | null | undefined)[][] = texts.map((t, n) => [
    n,
    t,
    t == null ? null : JSON.stringify({ t, n: [1, 2.5, -0.001] }),
    t == null ? null : JSON.stringify([t, { "k\\": t }]),
    t == null ? null : `'${'w' + n}':1,3 'a\\\\b':2 'it''s':4`,
    [0.1, 1e-7, 123.456, -0, 1 / 3, 0.9375][n % 6],
    n % 3 === 0 ? null : -n,
    n * EVENT_KEY_STEP + n,
  ]);
  try {
    await c.query('CREATE TEMP TABLE by_insert (n int, t text, jb jsonb, j json, tv tsvector, f float8, i int, b int8)');
    await c.query('CREATE TEMP TABLE by_copy (LIKE by_insert)');
    await c.query('CREATE TEMP TABLE by_copy_text (LIKE by_insert)');
    for (const r of rows) {
      await c.query(`INSERT INTO by_insert (${cols.join(', ')}) VALUES (${types.map((t, i) => `$${i + 1}::${t}`).join(', ')})`, r);
    }
    const buf = new CopyBuffer();
    for (const r of rows) buf.row(r);
    const pc = c as unknown as pg.PoolClient;
    assert.equal(await copyFrom(pc, 'by_copy', cols, buf.bytes()), rows.length);
    assert.equal(await copyFrom(pc, 'by_copy_text', cols, rows.map(copyRow).join('')), rows.length);
    const dump = async (t: string): Promise<string[][]> =>
      (await c.query({ text: `SELECT ${cols.map((x) => `${x}::text`).join(', ')} FROM ${t} ORDER BY n`, rowMode: 'array' })).rows as string[][];
    const want = await dump('by_insert');
    assert.equal(want.length, rows.length);
    assert.deepEqual(await dump('by_copy'), want);
    assert.deepEqual(await dump('by_copy_text'), want);
    // A failing COPY rejects with the server's error; the connection stays usable.
    await c.query('CREATE TEMP TABLE uniq (k int PRIMARY KEY)');
    await assert.rejects(copyFrom(pc, 'uniq', ['k'], '1\n1\n'), (e: Error & { code?: string }) => e.code === '23505');
    await assert.rejects(copyFrom(pc, 'uniq', ['k'], 'not a number\n'), (e: Error & { code?: string }) => e.code === '22P02');
    assert.equal(await copyFrom(pc, 'uniq', ['k'], '2\n3\n'), 2);
    assert.equal((await c.query('SELECT count(*)::int AS n FROM uniq')).rows[0].n, 2);
  } finally {
    await c.end();
  }
});

/** A large step for int8 values (beyond 2^32). */
const EVENT_KEY_STEP = 2 ** 40;
