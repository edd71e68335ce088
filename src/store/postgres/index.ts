/**
 * The PostgreSQL store (scale-out): the same interface and behaviour as SQLite, over `pg`.
 *
 * putDocuments is ONE transaction (BEGIN … COMMIT, ROLLBACK on any error). Writers take a
 * transaction-scoped advisory lock, so concurrent ingests (several processes) never
 * allocate the same id, never both insert the same content, and link near-duplicates
 * consistently; the unique keys are a second guard (a conflict rolls the batch back).
 * Documents and events go in COPY … FROM STDIN (./copy.ts: text format, one COPY per 100
 * documents and one for the batch's events), the few other rows as arrays (INSERT … SELECT
 * FROM unnest): a batch of 500 articles is about a dozen round trips. The layout is SQLite's (see src/store/sqlite/schema.ts v3):
 * one JSON of annotation lists per document, one narrow row per event.
 *
 * URL: postgres://user@host:port/db[?schema=NAME] — the optional schema keeps Vigie's tables
 * apart (created when missing).
 */
import pg from 'pg';
import type { AnnotationRecord, Doc } from '../../document.js';
import { SimIndex } from '../../fuse/simhash.js';
import { assignIds, assignStories, matchNearDuplicates, planResult, splitDuplicates, type StoredDoc } from '../batch.js';
import type { EventFilter, EventRow, PutResult, SearchHit, Store, StoreStats, StoryInfo } from '../store.js';
import { buildRecord, DocEvents, EVENT_SLOTS, eventPage, foldFilter, likeContains, lowerBound, upperBound, type EventDocFields, type RecordFields, type RecordLists, recordOf, validateRecord } from '../rows.js';
import { makeSnippet, parseQuery, tsvectorLiteral, type QueryTerm } from '../text.js';
import { copyFrom, CopyBuffer } from './copy.js';
import { pgMigrate } from './schema.js';

const WRITE_LOCK = 7_420_002;

/** tsquery text for parsed terms (every term required); lexemes are already folded words. */
export function tsQuery(terms: QueryTerm[]): string {
  const lit = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return terms
    .map((t) => {
      if (t.kind === 'word') return `(${t.keys.map(lit).join(' | ')})`;
      if (t.kind === 'prefix') return `${lit(t.prefix)}:*`;
      return `(${t.words.map(lit).join(' <-> ')})`;
    })
    .join(' & ');
}

/** Columns written per document and per event (COPY text rows in this order). */
const DOC_COLUMNS = [
  'key', 'id', 'hash', 'simhash', 'story_id', 'raw', 'html', 'text', 'title', 'outlet', 'outlet_key', 'author', 'dateline', 'published', 'url',
  'lang', 'lang_confidence', 'origin_path', 'origin_format', 'origin_line', 'origin_encoding', 'warnings', 'sentences', 'fts', 'annotations',
  'n_entities', 'n_places',
];
const EVENT_COLUMNS = ['key', 'doc_key', 'ord', 'type', 'subtype', 'date_lo', 'date_hi', 'place_key', 'actor_key'];

/** Documents per COPY (a chunk of 100 articles is ~2.5 MB of COPY text). */
const DOC_CHUNK = 100;

type Cell = string | number | null;

function columns(rows: Cell[][], width: number): Cell[][] {
  const out: Cell[][] = Array.from({ length: width }, () => new Array<Cell>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < width; j++) out[j][i] = r[j];
  }
  return out;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  /** Documents fetched per query when events() completes its rows. */
  static eventDocPage = 500;
  /** SimHashes of the stored documents (loaded on the first put, topped up under the write lock). */
  private index: SimIndex | null = null;

  constructor(private readonly pool: pg.Pool, readonly schema: string | null) {}

  async putDocuments(docs: Doc[]): Promise<PutResult> {
    if (docs.length === 0) return { inserted: 0, duplicates: 0, items: [] };
    const c = await this.pool.connect();
    let index: SimIndex | null = null;
    let mark: ReturnType<SimIndex['mark']> | null = null;
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      // Under the lock: the index sees every committed document (other writers' too).
      index = await this.simIndex(c);
      mark = index.mark();
      const r = await this.putIn(c, docs, index);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      if (index && mark) index.rollback(mark);
      throw e;
    } finally {
      c.release();
    }
  }

  private async simIndex(c: pg.PoolClient): Promise<SimIndex> {
    const index = (this.index ??= new SimIndex());
    const r = await c.query({
      text: 'SELECT key, simhash FROM documents WHERE simhash IS NOT NULL AND key > $1 ORDER BY key',
      values: [index.maxKey],
      rowMode: 'array',
    });
    for (const [key, simhash] of r.rows as [string, string][]) index.add(Number(key), simhash);
    return index;
  }

  private async putIn(c: pg.PoolClient, docs: Doc[], index: SimIndex): Promise<PutResult> {
    // 1. Duplicates: stored before, or earlier in this batch (one query).
    const stored = new Map<string, StoredDoc>();
    const hashes = [...new Set(docs.map((d) => d.hash).filter((h) => typeof h === 'string'))];
    for (const r of (await c.query<{ hash: string; id: string; story_id: string | null }>('SELECT hash, id, story_id FROM documents WHERE hash = ANY($1::text[])', [hashes])).rows) {
      stored.set(r.hash, { id: r.id, story: r.story_id });
    }
    const split = splitDuplicates(docs, stored);
    // 2. Ids: the wanted ids, and for those taken every stored "id~n" (two queries at most).
    const wanted = [...new Set(split.fresh.map((f) => f.doc.id))];
    const taken = new Set((await c.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [wanted])).rows.map((r) => r.id));
    if (taken.size) {
      const likes = [...taken].map((id) => id.replace(/[\\%_]/g, (ch) => '\\' + ch) + '~%');
      const more = await c.query<{ id: string }>(`SELECT id FROM documents WHERE id LIKE ANY($1::text[])`, [likes]);
      for (const r of more.rows) taken.add(r.id);
    }
    assignIds(split.fresh, (id) => taken.has(id));
    // 3. Validation (a StoreError rolls the whole batch back). Rows are built one chunk of
    // documents at a time, right before the chunk is sent: a batch never holds them all.
    for (const f of split.fresh) validateRecord(f.doc);
    // 4. Keys (a block of the identity sequence, taken under the write lock) and near-duplicates.
    let firstKey = 0;
    if (split.fresh.length) {
      const n = split.fresh.length;
      const r = await c.query<{ last: string }>(
        `SELECT setval(pg_get_serial_sequence('documents', 'key'), nextval(pg_get_serial_sequence('documents', 'key')) + $1 - 1) AS last`,
        [n],
      );
      firstKey = Number(r.rows[0].last) - n + 1;
    }
    const matched = matchNearDuplicates(split.fresh, firstKey, index);
    const byKey = new Map<number, StoredDoc>();
    if (matched.length) {
      const r = await c.query<{ key: string; id: string; story_id: string | null }>('SELECT key, id, story_id FROM documents WHERE key = ANY($1::int8[])', [matched]);
      for (const row of r.rows) byKey.set(Number(row.key), { key: Number(row.key), id: row.id, story: row.story_id });
    }
    const plan = assignStories(split, byKey);
    // 5. Writes: stories, documents, events, memberships.
    if (plan.newStories.length) {
      await c.query('INSERT INTO stories (id, first_doc, size) SELECT id, first, 0 FROM unnest($1::text[], $2::text[]) AS u(id, first)', [
        plan.newStories.map((s) => s.id),
        plan.newStories.map((s) => s.first),
      ]);
    }
    if (plan.fresh.length) {
      const events = new CopyBuffer();
      const data = new CopyBuffer();
      let inserted = 0;
      for (let i = 0; i < plan.fresh.length; i += DOC_CHUNK) {
        // One COPY per chunk of documents, its text built right before it is sent.
        data.clear();
        for (let j = i; j < Math.min(i + DOC_CHUNK, plan.fresh.length); j++) {
          const f = plan.fresh[j];
          const d = f.doc;
          const r = buildRecord(d);
          const base = f.key * EVENT_SLOTS;
          for (const e of r.events) events.row([base + (e[0] as number), f.key, ...e]);
          data.row([
            f.key, f.id, d.hash, d.simhash || null, f.story, d.raw, d.html ?? null, d.text, d.title, d.outlet, d.outlet ? foldFilter(d.outlet) : null,
            d.author, d.dateline, d.published, d.url, d.lang, d.langConfidence, d.origin?.path ?? null, d.origin?.format ?? null,
            d.origin?.line ?? null, d.origin?.encoding ?? null, JSON.stringify(d.warnings ?? []), JSON.stringify(d.sentences ?? []),
            tsvectorLiteral(d.title, d.text, d.lang), r.annotations, r.nEntities, r.nPlaces,
          ]);
        }
        try {
          inserted += await copyFrom(c, 'documents', DOC_COLUMNS, data.bytes());
        } catch (e) {
          // A unique key taken: only possible if a writer bypassed the advisory lock.
          if ((e as { code?: string }).code === '23505') throw new Error('concurrent write of the same documents detected; the batch was rolled back, retry it');
          throw e;
        }
      }
      if (inserted !== plan.fresh.length) throw new Error(`documents: ${inserted} rows copied for ${plan.fresh.length}`);
      if (events.length) await copyFrom(c, 'events', EVENT_COLUMNS, events.bytes());
    }
    if (plan.members.length) {
      await c.query(
        'INSERT INTO story_members (doc_id, story_id, similarity, linked_to) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[])',
        columns(plan.members, 4),
      );
      await c.query('UPDATE stories s SET size = s.size + u.n FROM unnest($1::text[], $2::int[]) AS u(id, n) WHERE s.id = u.id', [
        [...plan.growth.keys()],
        [...plan.growth.values()],
      ]);
    }
    if (plan.restory.length) {
      await c.query('UPDATE documents d SET story_id = u.story FROM unnest($1::int8[], $2::text[]) AS u(key, story) WHERE d.key = u.key', [
        plan.restory.map((r) => r.key),
        plan.restory.map((r) => r.story),
      ]);
    }
    return planResult(plan, stored);
  }

  async hasHashes(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const r = await this.pool.query({ name: 'vigie_has_hashes', text: 'SELECT hash FROM documents WHERE hash = ANY($1::text[])', values: [hashes], rowMode: 'array' });
    return new Set((r.rows as [string][]).map((x) => x[0]));
  }

  async getDocument(id: string): Promise<AnnotationRecord | null> {
    const r = await this.pool.query('SELECT id, lang, title, outlet, author, published, url, hash, text, warnings, annotations FROM documents WHERE id = $1', [id]);
    const d = r.rows[0];
    if (!d) return null;
    return recordOf(d as RecordFields, d.annotations as RecordLists, d.warnings as string[]);
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const limit = Math.max(1, Math.min(opts.limit ?? 20, 10_000));
    const r = await this.pool.query(
      `SELECT id, title, outlet, published, text, lang, ts_rank(fts, q) AS score
       FROM documents, CAST($1 AS tsquery) AS q WHERE fts @@ q ORDER BY score DESC, key LIMIT $2`,
      [tsQuery(terms), limit],
    );
    return r.rows.map((x) => ({
      id: x.id,
      title: x.title,
      outlet: x.outlet,
      published: x.published,
      snippet: makeSnippet(x.title, x.text, x.lang, terms),
      score: Number(x.score),
    }));
  }

  async events(filter: EventFilter = {}): Promise<EventRow[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const arg = (v: string | number): string => {
      args.push(v);
      return `$${args.length}`;
    };
    if (filter.type) where.push(`lower(e.type) = lower(${arg(filter.type)})`);
    if (filter.subtype) where.push(`lower(e.subtype) = lower(${arg(filter.subtype)})`);
    if (filter.actor) {
      where.push(`e.actor_key LIKE ${arg(likeContains(filter.actor))} ESCAPE '\\'`);
    }
    if (filter.place) where.push(`e.place_key LIKE ${arg(likeContains(filter.place))} ESCAPE '\\'`);
    if (filter.from) where.push(`e.date_hi >= ${arg(lowerBound(filter.from))}`);
    if (filter.to) where.push(`e.date_lo <= ${arg(upperBound(filter.to))}`);
    if (filter.outlet) where.push(`d.outlet_key LIKE ${arg(likeContains(filter.outlet))} ESCAPE '\\'`);
    let sql = `SELECT e.doc_key, e.ord FROM events e ${filter.outlet ? 'JOIN documents d ON d.key = e.doc_key' : ''}
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.key`;
    // The page is cut here, by the database: skipped events are never resolved. e.key is the
    // primary key (unique), so the order is total and pages neither overlap nor skip.
    const page = eventPage(filter);
    if (page.limit !== null) sql += ` LIMIT ${arg(page.limit)}`;
    if (page.offset > 0) sql += ` OFFSET ${arg(page.offset)}`;
    const hits = (await this.pool.query({ text: sql, values: args, rowMode: 'array' })).rows as [string, number][];
    // Names, coordinates and evidence come from the documents' JSON, parsed once per document.
    const out: EventRow[] = [];
    const PAGE = PostgresStore.eventDocPage;
    let i = 0;
    while (i < hits.length) {
      // The next PAGE documents (hits are in key order, so a document's events are contiguous).
      const keys: number[] = [];
      let j = i;
      for (; j < hits.length; j++) {
        const k = Number(hits[j][0]);
        if (keys[keys.length - 1] === k) continue;
        if (keys.length === PAGE) break;
        keys.push(k);
      }
      const docs = new Map<number, DocEvents>();
      const r = await this.pool.query('SELECT key, id AS doc_id, outlet, published, url, title, annotations FROM documents WHERE key = ANY($1::int8[])', [keys]);
      for (const d of r.rows) docs.set(Number(d.key), new DocEvents(d.annotations as RecordLists, d as EventDocFields));
      for (; i < j; i++) out.push(docs.get(Number(hits[i][0]))!.row(hits[i][1]));
    }
    return out;
  }

  async stats(): Promise<StoreStats> {
    const one = async (sql: string): Promise<number> => Number((await this.pool.query(sql)).rows[0].n);
    const group = async (sql: string): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const r of (await this.pool.query(sql)).rows) out[r.k ?? '(unknown)'] = Number(r.n);
      return out;
    };
    return {
      documents: await one('SELECT count(*) AS n FROM documents'),
      stories: await one('SELECT count(*) AS n FROM stories'),
      events: await one('SELECT count(*) AS n FROM events'),
      entities: await one('SELECT coalesce(sum(n_entities), 0) AS n FROM documents'),
      places: await one('SELECT coalesce(sum(n_places), 0) AS n FROM documents'),
      byLang: await group('SELECT lang AS k, count(*) AS n FROM documents GROUP BY lang ORDER BY 2 DESC, 1'),
      byOutlet: await group('SELECT outlet AS k, count(*) AS n FROM documents GROUP BY outlet ORDER BY 2 DESC, 1'),
      byEventType: await group('SELECT type AS k, count(*) AS n FROM events GROUP BY type ORDER BY 2 DESC, 1'),
    };
  }

  async storyOf(docId: string): Promise<StoryInfo | null> {
    const s = (await this.pool.query('SELECT s.id, s.first_doc, s.size FROM documents d JOIN stories s ON s.id = d.story_id WHERE d.id = $1', [docId])).rows[0];
    if (!s) return null;
    const m = await this.pool.query(
      'SELECT m.doc_id, m.similarity, m.linked_to FROM story_members m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = $1 ORDER BY d.key',
      [s.id],
    );
    return {
      id: s.id,
      first: s.first_doc,
      size: Number(s.size),
      members: m.rows.map((r) => ({ id: r.doc_id, similarity: Number(r.similarity), linkedTo: r.linked_to })),
    };
  }

  async documentIds(opts: { offset?: number; limit?: number } = {}): Promise<string[]> {
    const r = await this.pool.query('SELECT id FROM documents ORDER BY key LIMIT $1 OFFSET $2', [opts.limit ?? null, opts.offset ?? 0]);
    return r.rows.map((x) => x.id as string);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Splits the Vigie-specific `schema` parameter off a PostgreSQL URL. */
export function parsePgUrl(url: string): { connectionString: string; schema: string | null } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return { connectionString: u.toString(), schema };
}

/** Opens (and migrates) a PostgreSQL store. */
export async function openPostgres(url: string, opts: { migrateTo?: number } = {}): Promise<PostgresStore> {
  const { connectionString, schema } = parsePgUrl(url);
  const pool = new pg.Pool({
    connectionString,
    max: 4,
    connectionTimeoutMillis: 10_000,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing
  try {
    const c = await pool.connect();
    try {
      if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await pgMigrate(c, opts.migrateTo);
    } finally {
      c.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return new PostgresStore(pool, schema);
}
