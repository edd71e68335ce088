/**
 * The SQLite schema, as an ordered list of migrations. `schema_version` holds the version
 * reached; opening a database runs the missing migrations, each in its own transaction, so
 * an older database is brought up to date and a crash mid-migration leaves the previous
 * version intact.
 *
 * Offsets are UTF-16 code unit indexes into documents.text (start inclusive, end exclusive).
 * Since version 3 a document's annotation lists are kept whole, as put, in one JSON column
 * (`annotations`: entities, places, dates, attributions, events, framing, every span with its
 * offsets), so getDocument returns exactly what was stored; `events` has one row per event
 * with only the columns `events()` filters on (names, coordinates and evidence are read from
 * the document's JSON).
 */
import type Database from 'better-sqlite3';
import { stemLine } from '../text.js';
import { EVENT_SLOTS } from '../rows.js';

export interface SqliteMigration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const SQLITE_MIGRATIONS: SqliteMigration[] = [
  {
    version: 1,
    description: 'documents, stories, annotations',
    up(db) {
      db.exec(`
        CREATE TABLE stories (
          id TEXT PRIMARY KEY,
          first_doc TEXT NOT NULL,
          size INTEGER NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE documents (
          key INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          hash TEXT NOT NULL UNIQUE,
          simhash TEXT,
          b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER,
          story_id TEXT REFERENCES stories(id),
          raw TEXT NOT NULL,
          html TEXT,
          text TEXT NOT NULL,
          title TEXT,
          outlet TEXT,
          outlet_key TEXT,
          author TEXT,
          dateline TEXT,
          published TEXT,
          url TEXT,
          lang TEXT NOT NULL,
          lang_confidence REAL NOT NULL,
          origin_path TEXT,
          origin_format TEXT,
          origin_line INTEGER,
          origin_encoding TEXT,
          warnings TEXT NOT NULL,
          sentences TEXT NOT NULL,
          ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_b0 ON documents(b0);
        CREATE INDEX documents_b1 ON documents(b1);
        CREATE INDEX documents_b2 ON documents(b2);
        CREATE INDEX documents_b3 ON documents(b3);
        CREATE INDEX documents_story ON documents(story_id);
        CREATE TABLE story_members (
          doc_id TEXT PRIMARY KEY REFERENCES documents(id),
          story_id TEXT NOT NULL REFERENCES stories(id),
          similarity REAL NOT NULL,
          linked_to TEXT
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE entities (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          eid TEXT NOT NULL,
          name TEXT NOT NULL,
          kind TEXT NOT NULL,
          linked INTEGER NOT NULL,
          country TEXT,
          inter INTEGER,
          search_key TEXT NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE INDEX entities_eid ON entities(eid);
        CREATE TABLE entity_mentions (
          doc_key INTEGER NOT NULL,
          entity_ord INTEGER NOT NULL,
          ord INTEGER NOT NULL,
          start_off INTEGER NOT NULL,
          end_off INTEGER NOT NULL,
          text TEXT NOT NULL,
          label TEXT,
          via TEXT,
          PRIMARY KEY (doc_key, entity_ord, ord),
          FOREIGN KEY (doc_key, entity_ord) REFERENCES entities(doc_key, ord)
        ) WITHOUT ROWID;
        CREATE TABLE places (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          pid TEXT NOT NULL,
          name TEXT NOT NULL,
          country TEXT,
          admin1 TEXT,
          lat REAL NOT NULL,
          lon REAL NOT NULL,
          precision TEXT NOT NULL,
          geo_precision INTEGER NOT NULL,
          search_key TEXT NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE INDEX places_pid ON places(pid);
        CREATE TABLE place_mentions (
          doc_key INTEGER NOT NULL,
          place_ord INTEGER NOT NULL,
          ord INTEGER NOT NULL,
          start_off INTEGER NOT NULL,
          end_off INTEGER NOT NULL,
          text TEXT NOT NULL,
          label TEXT,
          via TEXT,
          PRIMARY KEY (doc_key, place_ord, ord),
          FOREIGN KEY (doc_key, place_ord) REFERENCES places(doc_key, ord)
        ) WITHOUT ROWID;
        CREATE TABLE dates (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          start_off INTEGER NOT NULL,
          end_off INTEGER NOT NULL,
          text TEXT NOT NULL,
          value TEXT,
          precision TEXT NOT NULL,
          date_lo TEXT,
          date_hi TEXT,
          data TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE TABLE attributions (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          source TEXT,
          source_text TEXT NOT NULL,
          cue TEXT NOT NULL,
          start_off INTEGER NOT NULL,
          end_off INTEGER NOT NULL,
          anonymous INTEGER NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE TABLE events (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          eid TEXT NOT NULL,
          type TEXT NOT NULL,
          subtype TEXT NOT NULL,
          date TEXT,
          date_lo TEXT,
          date_hi TEXT,
          status TEXT NOT NULL,
          fatalities INTEGER,
          place_id TEXT,
          place_key TEXT NOT NULL,
          evidence_start INTEGER NOT NULL,
          evidence_end INTEGER NOT NULL,
          data TEXT NOT NULL,
          resolved TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE INDEX events_type ON events(type COLLATE NOCASE, subtype COLLATE NOCASE);
        CREATE INDEX events_date ON events(date_lo);
        CREATE TABLE event_actors (
          doc_key INTEGER NOT NULL,
          event_ord INTEGER NOT NULL,
          role INTEGER NOT NULL CHECK (role IN (1, 2)),
          ord INTEGER NOT NULL,
          entity_id TEXT NOT NULL,
          search_key TEXT NOT NULL,
          PRIMARY KEY (doc_key, event_ord, role, ord),
          FOREIGN KEY (doc_key, event_ord) REFERENCES events(doc_key, ord)
        ) WITHOUT ROWID;
        CREATE INDEX event_actors_entity ON event_actors(entity_id);
        CREATE TABLE event_sources (
          doc_key INTEGER NOT NULL,
          event_ord INTEGER NOT NULL,
          ord INTEGER NOT NULL,
          entity_id TEXT NOT NULL,
          name TEXT NOT NULL,
          PRIMARY KEY (doc_key, event_ord, ord),
          FOREIGN KEY (doc_key, event_ord) REFERENCES events(doc_key, ord)
        ) WITHOUT ROWID;
        CREATE TABLE framing_terms (
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          term TEXT NOT NULL,
          stance TEXT,
          start_off INTEGER NOT NULL,
          end_off INTEGER NOT NULL,
          text TEXT NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (doc_key, ord)
        ) WITHOUT ROWID;
        CREATE INDEX framing_terms_term ON framing_terms(term);
      `);
    },
  },
  {
    version: 2,
    description: 'full-text index (FTS5, accent-insensitive, stemmed column), backfilled',
    up(db) {
      // Contentless: the text lives once, in documents; snippets are made from it in JS.
      db.exec(`CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, stems, content='', tokenize='unicode61 remove_diacritics 2')`);
      const ins = db.prepare('INSERT INTO documents_fts (rowid, title, body, stems) VALUES (?, ?, ?, ?)');
      for (const r of db.prepare('SELECT key, title, text, lang FROM documents').all() as Array<{ key: number; title: string | null; text: string; lang: string }>) {
        ins.run(r.key, r.title ?? '', r.text, stemLine(`${r.title ?? ''}\n${r.text}`, r.lang));
      }
    },
  },
  {
    version: 3,
    description: 'annotations as one JSON per document, one narrow row per event, SimHash bands in memory',
    up(db) {
      // Each annotation list used to be a table of small rows (about 100 rows per article);
      // only the event filters need columns, so the lists are now one JSON text per document
      // and events keep one row each with what `events()` filters on. The band columns are
      // gone: stores keep the SimHash multi-index in memory (src/fuse/simhash.ts SimIndex),
      // loaded through documents_simhash (appended in key order, cheap to scan).
      db.exec(`
        CREATE TABLE documents_v3 (
          key INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          hash TEXT NOT NULL UNIQUE,
          simhash TEXT,
          story_id TEXT REFERENCES stories(id),
          lang TEXT NOT NULL,
          lang_confidence REAL NOT NULL,
          title TEXT,
          outlet TEXT,
          outlet_key TEXT,
          author TEXT,
          dateline TEXT,
          published TEXT,
          url TEXT,
          origin_path TEXT,
          origin_format TEXT,
          origin_line INTEGER,
          origin_encoding TEXT,
          ingested_at TEXT NOT NULL,
          n_entities INTEGER NOT NULL,
          n_places INTEGER NOT NULL,
          warnings TEXT NOT NULL,
          -- Large columns last, the most read first (a row's later columns sit in overflow pages).
          text TEXT NOT NULL,
          annotations TEXT NOT NULL,
          sentences TEXT NOT NULL,
          raw TEXT NOT NULL,
          html TEXT
        );
        INSERT INTO documents_v3 (key, id, hash, simhash, story_id, lang, lang_confidence, title, outlet, outlet_key, author, dateline,
            published, url, origin_path, origin_format, origin_line, origin_encoding, ingested_at, n_entities, n_places, warnings,
            text, annotations, sentences, raw, html)
          SELECT d.key, d.id, d.hash, nullif(d.simhash, ''), d.story_id, d.lang, d.lang_confidence, d.title, d.outlet, d.outlet_key, d.author,
            d.dateline, d.published, d.url, d.origin_path, d.origin_format, d.origin_line, d.origin_encoding, d.ingested_at,
            (SELECT count(*) FROM entities WHERE doc_key = d.key),
            (SELECT count(*) FROM places WHERE doc_key = d.key),
            d.warnings,
            d.text,
            json_object(
              'entities', (SELECT json_group_array(json(data)) FROM (SELECT data FROM entities WHERE doc_key = d.key ORDER BY ord)),
              'places', (SELECT json_group_array(json(data)) FROM (SELECT data FROM places WHERE doc_key = d.key ORDER BY ord)),
              'dates', (SELECT json_group_array(json(data)) FROM (SELECT data FROM dates WHERE doc_key = d.key ORDER BY ord)),
              'attributions', (SELECT json_group_array(json(data)) FROM (SELECT data FROM attributions WHERE doc_key = d.key ORDER BY ord)),
              'events', (SELECT json_group_array(json(data)) FROM (SELECT data FROM events WHERE doc_key = d.key ORDER BY ord)),
              'framing', (SELECT json_group_array(json(data)) FROM (SELECT data FROM framing_terms WHERE doc_key = d.key ORDER BY ord))
            ),
            d.sentences, d.raw, d.html
          FROM documents d ORDER BY d.key;
        CREATE TABLE events_v3 (
          key INTEGER PRIMARY KEY,
          doc_key INTEGER NOT NULL REFERENCES documents(key),
          ord INTEGER NOT NULL,
          type TEXT NOT NULL,
          subtype TEXT NOT NULL,
          date_lo TEXT,
          date_hi TEXT,
          place_key TEXT NOT NULL,
          actor_key TEXT NOT NULL
        );
        INSERT INTO events_v3 (key, doc_key, ord, type, subtype, date_lo, date_hi, place_key, actor_key)
          SELECT e.doc_key * ${EVENT_SLOTS} + e.ord, e.doc_key, e.ord, e.type, e.subtype, e.date_lo, e.date_hi, e.place_key,
            coalesce((SELECT group_concat(search_key, char(10)) FROM
              (SELECT search_key FROM event_actors a WHERE a.doc_key = e.doc_key AND a.event_ord = e.ord ORDER BY role, ord)), '')
          FROM events e ORDER BY e.doc_key, e.ord;
        DROP TABLE event_sources;
        DROP TABLE event_actors;
        DROP TABLE events;
        DROP TABLE entity_mentions;
        DROP TABLE entities;
        DROP TABLE place_mentions;
        DROP TABLE places;
        DROP TABLE dates;
        DROP TABLE attributions;
        DROP TABLE framing_terms;
        DROP TABLE documents;
        ALTER TABLE documents_v3 RENAME TO documents;
        ALTER TABLE events_v3 RENAME TO events;
        CREATE INDEX documents_simhash ON documents(key, simhash) WHERE simhash IS NOT NULL;
      `);
      const bad = db.prepare('PRAGMA foreign_key_check').all();
      if (bad.length) throw new Error(`migration 3: ${bad.length} foreign key violations`);
    },
  },
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1].version;

/** The version a database is at (0 when empty). */
export function schemaVersion(db: Database.Database): number {
  const t = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'`).get();
  if (!t) return 0;
  const r = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return r.v ?? 0;
}

/** Runs the migrations above the database's version, up to `target` (default: the latest). */
export function migrate(db: Database.Database, target = SQLITE_SCHEMA_VERSION): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)');
  let v = schemaVersion(db);
  if (v > SQLITE_SCHEMA_VERSION) throw new Error(`database schema version ${v} is newer than this Vigie (${SQLITE_SCHEMA_VERSION}); upgrade Vigie`);
  // Migrations rebuild tables (create, copy, drop, rename): foreign keys are checked by the
  // migration itself (PRAGMA foreign_key_check), not while tables are swapped.
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  if (v < target) db.pragma('foreign_keys = OFF');
  try {
    for (const m of SQLITE_MIGRATIONS) {
      if (m.version <= v || m.version > target) continue;
      db.transaction(() => {
        m.up(db);
        db.prepare('INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)').run(m.version, new Date().toISOString(), m.description);
      }).immediate();
      v = m.version;
    }
  } finally {
    if (fk) db.pragma('foreign_keys = ON');
  }
  return v;
}
