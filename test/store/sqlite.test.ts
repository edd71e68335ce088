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
import { numberedDoc, plainDoc, richFrench } from './fixtures.js';
import { stemLine } from '../../src/store/text.js';
import { EVENT_SLOTS } from '../../src/store/rows.js';
import { legacyDocument, legacyRows } from './legacy.js';
import type { Doc } from '../../src/document.js';

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

/** A database at schema version 1 holding `docs` with their annotations, in that version's tables. */
function legacyDbWith(path: string, docs: Doc[]): void {
  const db = new Database(path);
  migrate(db, 1);
  db.transaction(() => {
    for (const d of docs) {
      const row = { ...legacyDocument(d), ingested_at: '2020-01-01' };
      const cols = Object.keys(row);
      const key = Number(db.prepare(`INSERT INTO documents (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row).lastInsertRowid);
      for (const t of legacyRows(d)) {
        const st = db.prepare(`INSERT INTO ${t.table} (doc_key, ${t.cols.join(', ')}) VALUES (${['?', ...t.cols.map(() => '?')].join(', ')})`);
        for (const r of t.rows) st.run(key, ...r);
      }
    }
  })();
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
  openLegacyWith: async (docs) => {
    const path = nextPath();
    legacyDbWith(path, docs);
    return openStore(path);
  },
  openSecond: async (s) => openStore((s as SqliteStore).path),
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
  assert.deepEqual(db.prepare('SELECT version FROM schema_version ORDER BY version').pluck().all(), [1, 2, 3]);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 1); // NORMAL
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

test('sqlite: the SimHash index loads through documents_simhash, not a table scan; new files use 16 KiB pages', async () => {
  const s = (await openStore(nextPath())) as SqliteStore;
  const plan = s.database
    .prepare(`EXPLAIN QUERY PLAN SELECT key, simhash FROM documents INDEXED BY documents_simhash WHERE simhash IS NOT NULL AND key > 0 ORDER BY key`)
    .all() as { detail: string }[];
  const details = plan.map((r) => r.detail).join('\n');
  assert.match(details, /documents_simhash/);
  assert.doesNotMatch(details, /TEMP B-TREE/);
  assert.equal(s.database.pragma('page_size', { simple: true }), 16384);
  // Only the indexes that queries use: unique id and hash, the SimHash loader, story members.
  const indexes = s.database.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name`).pluck().all();
  assert.deepEqual(indexes, ['documents_simhash', 'story_members_story']);
  await s.close();
});

test('sqlite: annotations are one JSON per document, events one row each', async () => {
  const s = (await openStore(nextPath())) as SqliteStore;
  await s.putDocuments([richFrench()]);
  const db = s.database;
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'documents_fts%' ORDER BY name`).pluck().all();
  assert.deepEqual(tables, ['documents', 'events', 'schema_version', 'stories', 'story_members']);
  assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), 2);
  const ann = JSON.parse(db.prepare('SELECT annotations FROM documents').pluck().get() as string);
  assert.equal(ann.entities.length, 3);
  assert.deepEqual(ann.events[0].evidence, richFrench().events[0].evidence);
  const fr = richFrench();
  const row = db.prepare('SELECT raw, html, text, sentences, warnings, origin_path, origin_format, origin_encoding, outlet_key, n_entities, n_places FROM documents').get();
  assert.deepEqual(row, {
    raw: fr.raw,
    html: fr.html,
    text: fr.text,
    sentences: JSON.stringify(fr.sentences),
    warnings: JSON.stringify(fr.warnings),
    origin_path: 'articles/alep.html',
    origin_format: 'html',
    origin_encoding: 'windows-1252',
    outlet_key: 'agence france-presse',
    n_entities: 3,
    n_places: 1,
  });
  await s.close();
});

test('sqlite: a batch writes its full-text rows as plain inserts would (no extra FTS5 segments), events rows as one per event', async () => {
  // numberedDoc has two events each; 150 documents make more than one multi-row event INSERT.
  const docs = Array.from({ length: 150 }, (_, i) => numberedDoc(i));
  const path = nextPath();
  const s = await openStore(`sqlite:${path}`);
  await s.putDocuments(docs.slice(0, 100));
  await s.putDocuments(docs.slice(100));
  await s.close();
  // The reference: the same full-text rows, inserted one by one, one transaction per batch.
  const ref = new Database(':memory:');
  ref.exec(`CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, stems, content='', tokenize='unicode61 remove_diacritics 2')`);
  const ins = ref.prepare('INSERT INTO documents_fts (rowid, title, body, stems) VALUES (?, ?, ?, ?)');
  const batch = ref.transaction((ds: Doc[], first: number) =>
    ds.forEach((d, i) => ins.run(first + i, d.title ?? '', d.text, stemLine(`${d.title ?? ''}\n${d.text}`, d.lang))),
  );
  batch(docs.slice(0, 100), 1);
  batch(docs.slice(100), 101);
  const db = new Database(path, { readonly: true });
  try {
    for (const t of ['documents_fts_data', 'documents_fts_idx', 'documents_fts_docsize', 'documents_fts_config']) {
      assert.deepEqual(db.prepare(`SELECT * FROM ${t}`).raw().all(), ref.prepare(`SELECT * FROM ${t}`).raw().all(), t);
    }
    const events = db.prepare('SELECT key, doc_key, ord, type FROM events ORDER BY key').raw().all() as [number, number, number, string][];
    assert.equal(events.length, docs.reduce((n, d) => n + d.events.length, 0));
    const keyOf = new Map((db.prepare('SELECT id, key FROM documents').raw().all() as [string, number][]).map(([id, k]) => [id, k]));
    let i = 0;
    for (const d of docs) {
      d.events.forEach((ev, ord) => {
        const k = keyOf.get(d.id)!;
        assert.deepEqual(events[i++], [k * EVENT_SLOTS + ord, k, ord, ev.type]);
      });
    }
  } finally {
    db.close();
    ref.close();
  }
});
