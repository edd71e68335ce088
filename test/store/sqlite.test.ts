import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, defaultDbUrl } from '../../src/store/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { migrate, SQLITE_SCHEMA_VERSION, schemaVersion } from '../../src/store/sqlite/schema.js';
import { runStoreConformance } from './conformance.js';
import { plainDoc } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const nextPath = (): string => join(dir, `t${++n}.db`);

/** A database at schema version 1 holding one document written by plain SQL. */
function legacyDb(path: string): void {
  const db = new Database(path);
  migrate(db, 1);
  db.prepare(
    `INSERT INTO documents (id, hash, raw, text, title, lang, lang_confidence, warnings, sentences, ingested_at)
     VALUES ('legacy-1', 'abcdef0123456789', 'x', 'Les hôpitaux de la ville et l''hôpital central.', 'Ancien', 'fr', 1, '[]', '[]', '2020-01-01')`,
  ).run();
  db.close();
}

runStoreConformance('sqlite', () => openStore(`sqlite:${nextPath()}`), {
  reopen: async (s) => {
    const path = (s as SqliteStore).path;
    await s.close();
    return openStore(path);
  },
  openLegacy: async () => {
    const path = nextPath();
    legacyDb(path);
    return openStore(path);
  },
});

test('openStore: URL forms and the default database', async () => {
  const mem = await openStore(':memory:');
  assert.equal(mem.kind, 'sqlite');
  await mem.close();
  const p = nextPath();
  const a = await openStore(`sqlite:${p}`);
  await a.putDocuments([plainDoc('one', 'Un.')]);
  await a.close();
  const b = await openStore(p); // a plain path is SQLite too
  assert.deepEqual(await b.documentIds(), ['one']);
  await b.close();
  const saved = process.env.VIGIE_DB;
  try {
    delete process.env.VIGIE_DB;
    assert.equal(defaultDbUrl(), './vigie.db');
    process.env.VIGIE_DB = 'sqlite:/tmp/elsewhere.db';
    assert.equal(defaultDbUrl(), 'sqlite:/tmp/elsewhere.db');
  } finally {
    if (saved === undefined) delete process.env.VIGIE_DB;
    else process.env.VIGIE_DB = saved;
  }
  await assert.rejects(openStore('sqlite:'), /empty/);
});

test('sqlite: WAL, foreign keys, schema version recorded, migration from version 1', async () => {
  const p = nextPath();
  legacyDb(p);
  const raw = new Database(p);
  assert.equal(schemaVersion(raw), 1);
  raw.close();
  const s = (await openStore(p)) as SqliteStore;
  const db = s.database;
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(schemaVersion(db), SQLITE_SCHEMA_VERSION);
  assert.deepEqual(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all(), [1, 2]);
  await s.close();
});

test('sqlite: a database from a newer Vigie is refused, not damaged', async () => {
  const p = nextPath();
  const db = new Database(p);
  migrate(db);
  db.prepare(`INSERT INTO schema_version (version, applied_at, description) VALUES (99, 'x', 'future')`).run();
  db.close();
  await assert.rejects(openStore(p), /newer than this Vigie/);
});

test('sqlite: near-duplicate candidates come from the band indexes, not a scan', async () => {
  const s = (await openStore(nextPath())) as SqliteStore;
  const plan = s.database
    .prepare(`EXPLAIN QUERY PLAN SELECT id FROM documents WHERE b0 IN (1, 2) OR b1 IN (3) OR b2 IN (4) OR b3 IN (5)`)
    .all() as { detail: string }[];
  const details = plan.map((r) => r.detail).join('\n');
  assert.match(details, /documents_b0/);
  assert.match(details, /documents_b3/);
  assert.doesNotMatch(details, /SCAN documents(?! USING)/);
  await s.close();
});
