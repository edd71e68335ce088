/**
 * The PostgreSQL schema, as an ordered list of migrations (the same idea as SQLite's):
 * `schema_version` holds the version reached; opening runs the missing ones in ONE
 * transaction (PostgreSQL DDL is transactional) holding an advisory lock, so two processes
 * never migrate at once and a failed migration leaves the previous version intact.
 *
 * Full text: no `french`/`english` configuration is used on the server. The tsvector is
 * built in JavaScript with the same folding and Snowball stemming as SQLite (src/store/text.ts)
 * — each word's folded form and stems at the word's position — so both stores find the same
 * documents, and no extension (unaccent) or superuser right is needed.
 */
import type { PoolClient } from 'pg';
import { tsvectorLiteral } from '../text.js';
import { EVENT_SLOTS } from '../rows.js';

export interface PgMigration {
  version: number;
  description: string;
  up(c: PoolClient): Promise<void>;
}

export const PG_MIGRATIONS: PgMigration[] = [
  {
    version: 1,
    description: 'documents, stories, annotations',
    async up(c) {
      await c.query(`
        CREATE TABLE stories (
          id text PRIMARY KEY,
          first_doc text NOT NULL,
          size integer NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE documents (
          key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text NOT NULL UNIQUE,
          hash text NOT NULL UNIQUE,
          simhash text,
          b0 integer, b1 integer, b2 integer, b3 integer,
          story_id text REFERENCES stories(id),
          raw text NOT NULL,
          html text,
          text text NOT NULL,
          title text,
          outlet text,
          outlet_key text,
          author text,
          dateline text,
          published text,
          url text,
          lang text NOT NULL,
          lang_confidence double precision NOT NULL,
          origin_path text,
          origin_format text,
          origin_line integer,
          origin_encoding text,
          warnings jsonb NOT NULL,
          sentences jsonb NOT NULL,
          ingested_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX documents_b0 ON documents(b0);
        CREATE INDEX documents_b1 ON documents(b1);
        CREATE INDEX documents_b2 ON documents(b2);
        CREATE INDEX documents_b3 ON documents(b3);
        CREATE INDEX documents_story ON documents(story_id);
        CREATE TABLE story_members (
          doc_id text PRIMARY KEY REFERENCES documents(id),
          story_id text NOT NULL REFERENCES stories(id),
          similarity double precision NOT NULL,
          linked_to text
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE entities (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          eid text NOT NULL,
          name text NOT NULL,
          kind text NOT NULL,
          linked integer NOT NULL,
          country text,
          inter integer,
          search_key text NOT NULL,
          data jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE INDEX entities_eid ON entities(eid);
        CREATE TABLE entity_mentions (
          doc_key bigint NOT NULL,
          entity_ord integer NOT NULL,
          ord integer NOT NULL,
          start_off integer NOT NULL,
          end_off integer NOT NULL,
          text text NOT NULL,
          label text,
          via text,
          PRIMARY KEY (doc_key, entity_ord, ord),
          FOREIGN KEY (doc_key, entity_ord) REFERENCES entities(doc_key, ord)
        );
        CREATE TABLE places (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          pid text NOT NULL,
          name text NOT NULL,
          country text,
          admin1 text,
          lat double precision NOT NULL,
          lon double precision NOT NULL,
          precision text NOT NULL,
          geo_precision integer NOT NULL,
          search_key text NOT NULL,
          data jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE INDEX places_pid ON places(pid);
        CREATE TABLE place_mentions (
          doc_key bigint NOT NULL,
          place_ord integer NOT NULL,
          ord integer NOT NULL,
          start_off integer NOT NULL,
          end_off integer NOT NULL,
          text text NOT NULL,
          label text,
          via text,
          PRIMARY KEY (doc_key, place_ord, ord),
          FOREIGN KEY (doc_key, place_ord) REFERENCES places(doc_key, ord)
        );
        CREATE TABLE dates (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          start_off integer NOT NULL,
          end_off integer NOT NULL,
          text text NOT NULL,
          value text,
          precision text NOT NULL,
          date_lo text,
          date_hi text,
          data jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE TABLE attributions (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          source text,
          source_text text NOT NULL,
          cue text NOT NULL,
          start_off integer NOT NULL,
          end_off integer NOT NULL,
          anonymous integer NOT NULL,
          data jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE TABLE events (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          eid text NOT NULL,
          type text NOT NULL,
          subtype text NOT NULL,
          date text,
          date_lo text,
          date_hi text,
          status text NOT NULL,
          fatalities integer,
          place_id text,
          place_key text NOT NULL,
          evidence_start integer NOT NULL,
          evidence_end integer NOT NULL,
          data jsonb NOT NULL,
          resolved jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE INDEX events_type ON events(lower(type), lower(subtype));
        CREATE INDEX events_date ON events(date_lo);
        CREATE TABLE event_actors (
          doc_key bigint NOT NULL,
          event_ord integer NOT NULL,
          role integer NOT NULL CHECK (role IN (1, 2)),
          ord integer NOT NULL,
          entity_id text NOT NULL,
          search_key text NOT NULL,
          PRIMARY KEY (doc_key, event_ord, role, ord),
          FOREIGN KEY (doc_key, event_ord) REFERENCES events(doc_key, ord)
        );
        CREATE INDEX event_actors_entity ON event_actors(entity_id);
        CREATE TABLE event_sources (
          doc_key bigint NOT NULL,
          event_ord integer NOT NULL,
          ord integer NOT NULL,
          entity_id text NOT NULL,
          name text NOT NULL,
          PRIMARY KEY (doc_key, event_ord, ord),
          FOREIGN KEY (doc_key, event_ord) REFERENCES events(doc_key, ord)
        );
        CREATE TABLE framing_terms (
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          term text NOT NULL,
          stance text,
          start_off integer NOT NULL,
          end_off integer NOT NULL,
          text text NOT NULL,
          data jsonb NOT NULL,
          PRIMARY KEY (doc_key, ord)
        );
        CREATE INDEX framing_terms_term ON framing_terms(term);
      `);
    },
  },
  {
    version: 2,
    description: 'full-text index (JS-folded and stemmed tsvector, GIN), backfilled',
    async up(c) {
      await c.query('ALTER TABLE documents ADD COLUMN fts tsvector');
      const r = await c.query<{ key: string; title: string | null; text: string; lang: string }>('SELECT key, title, text, lang FROM documents');
      for (const d of r.rows) {
        await c.query('UPDATE documents SET fts = $1::tsvector WHERE key = $2', [tsvectorLiteral(d.title, d.text, d.lang), d.key]);
      }
      await c.query('CREATE INDEX documents_fts ON documents USING gin (fts)');
    },
  },
  {
    version: 3,
    description: 'annotations as one JSON per document, one narrow row per event, SimHash bands in memory',
    async up(c) {
      // Same layout as SQLite's version 3: the annotation lists kept whole (json: the text as
      // put, no reparse into jsonb), events with only the columns events() filters on, no band
      // columns (the SimHash multi-index lives in memory, src/fuse/simhash.ts SimIndex).
      await c.query(`
        ALTER TABLE documents ADD COLUMN annotations json, ADD COLUMN n_entities integer, ADD COLUMN n_places integer;
        UPDATE documents d SET
          n_entities = (SELECT count(*) FROM entities WHERE doc_key = d.key),
          n_places = (SELECT count(*) FROM places WHERE doc_key = d.key),
          annotations = json_build_object(
            'entities', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM entities WHERE doc_key = d.key),
            'places', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM places WHERE doc_key = d.key),
            'dates', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM dates WHERE doc_key = d.key),
            'attributions', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM attributions WHERE doc_key = d.key),
            'events', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM events WHERE doc_key = d.key),
            'framing', (SELECT coalesce(json_agg(data ORDER BY ord), '[]') FROM framing_terms WHERE doc_key = d.key));
        ALTER TABLE documents ALTER COLUMN annotations SET NOT NULL, ALTER COLUMN n_entities SET NOT NULL, ALTER COLUMN n_places SET NOT NULL;
        CREATE TABLE events_v3 (
          key bigint PRIMARY KEY,
          doc_key bigint NOT NULL REFERENCES documents(key),
          ord integer NOT NULL,
          type text NOT NULL,
          subtype text NOT NULL,
          date_lo text,
          date_hi text,
          place_key text NOT NULL,
          actor_key text NOT NULL
        );
        INSERT INTO events_v3 (key, doc_key, ord, type, subtype, date_lo, date_hi, place_key, actor_key)
          SELECT e.doc_key * ${EVENT_SLOTS} + e.ord, e.doc_key, e.ord, e.type, e.subtype, e.date_lo, e.date_hi, e.place_key,
            coalesce((SELECT string_agg(a.search_key, chr(10) ORDER BY a.role, a.ord) FROM event_actors a
              WHERE a.doc_key = e.doc_key AND a.event_ord = e.ord), '')
          FROM events e;
        DROP TABLE event_sources, event_actors, events, entity_mentions, entities, place_mentions, places, dates, attributions, framing_terms;
        ALTER TABLE events_v3 RENAME TO events;
        ALTER TABLE events RENAME CONSTRAINT events_v3_pkey TO events_pkey;
        ALTER TABLE documents DROP COLUMN b0, DROP COLUMN b1, DROP COLUMN b2, DROP COLUMN b3;
        DROP INDEX IF EXISTS documents_story;
        -- lz4 compresses the large columns several times faster than the default pglz.
        ALTER TABLE documents ALTER COLUMN annotations SET COMPRESSION lz4, ALTER COLUMN raw SET COMPRESSION lz4,
          ALTER COLUMN text SET COMPRESSION lz4, ALTER COLUMN html SET COMPRESSION lz4;
      `);
    },
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;

/** Lock key for schema migrations (any constant; scoped by the transaction). */
const MIGRATE_LOCK = 7_420_001;

export async function pgSchemaVersion(c: PoolClient): Promise<number> {
  const t = await c.query(`SELECT to_regclass('schema_version') AS t`);
  if (!t.rows[0].t) return 0;
  const r = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  return r.rows[0].v ?? 0;
}

/** Runs the migrations above the schema's version, up to `target` (default: the latest). */
export async function pgMigrate(c: PoolClient, target = PG_SCHEMA_VERSION): Promise<number> {
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), description text NOT NULL)');
    let v = await pgSchemaVersion(c);
    if (v > PG_SCHEMA_VERSION) throw new Error(`database schema version ${v} is newer than this Vigie (${PG_SCHEMA_VERSION}); upgrade Vigie`);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= v || m.version > target) continue;
      await m.up(c);
      await c.query('INSERT INTO schema_version (version, description) VALUES ($1, $2)', [m.version, m.description]);
      v = m.version;
    }
    await c.query('COMMIT');
    return v;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
