/**
 * The embedded store: SQLite through better-sqlite3 (WAL, synchronous=NORMAL, foreign keys).
 *
 * putDocuments runs as ONE transaction: a process killed mid-batch leaves the database as it
 * was before the batch (and every earlier batch committed). Statements are prepared once.
 * A batch costs three lookups (hashes, ids, matched near-duplicates; src/store/batch.ts) and,
 * per new article, one document row (its annotation lists as one JSON), one full-text row and
 * one row per event (schema v3, ./schema.ts).
 */
import Database from 'better-sqlite3';
import type { AnnotationRecord, Doc } from '../../document.js';
import { SimIndex } from '../../fuse/simhash.js';
import { assignIds, assignStories, matchNearDuplicates, planResult, splitDuplicates, type StoredDoc } from '../batch.js';
import type { EventFilter, EventRow, PutResult, SearchHit, Store, StoreStats, StoryInfo } from '../store.js';
import { buildRecord, DocEvents, EVENT_SLOTS, eventPage, foldFilter, likeContains, lowerBound, upperBound, type EventDocFields, type RecordFields, type RecordLists, recordOf, validateRecord } from '../rows.js';
import { makeSnippet, parseQuery, stemLine, type QueryTerm } from '../text.js';
import { migrate } from './schema.js';

type Row = Record<string, unknown>;


/** FTS5 query text for parsed terms (every term required). */
export function ftsQuery(terms: QueryTerm[]): string {
  return terms
    .map((t) => {
      if (t.kind === 'word') return `{title body stems} : (${t.keys.map((k) => `"${k}"`).join(' OR ')})`;
      if (t.kind === 'prefix') return `({title body} : "${t.prefix}"* OR stems : "${t.prefix}"*)`;
      return `{title body} : "${t.words.join(' ')}"`;
    })
    .join(' AND ');
}

/** Page size of a new database file. */
const PAGE_SIZE = 16384;
/** WAL size at which SQLite checkpoints. */
const WAL_CHECKPOINT_BYTES = 64 * 1048576;

const DOC_COLS = [
  'key', 'id', 'hash', 'simhash', 'story_id', 'lang', 'lang_confidence', 'title', 'outlet', 'outlet_key', 'author', 'dateline', 'published',
  'url', 'origin_path', 'origin_format', 'origin_line', 'origin_encoding', 'ingested_at', 'n_entities', 'n_places', 'warnings',
  'text', 'annotations', 'sentences', 'raw', 'html',
];
const EVENT_COLS = ['key', 'doc_key', 'ord', 'type', 'subtype', 'date_lo', 'date_hi', 'place_key', 'actor_key'];
/** Event rows per multi-row INSERT (one statement call instead of one per event). */
const EVENT_ROWS = 64;
type Cell = string | number | null;

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly s: Record<string, Database.Statement>;
  /** SimHashes of the stored documents (loaded on the first put, topped up under the write lock). */
  private index: SimIndex | null = null;

  constructor(readonly path: string) {
    this.db = new Database(path);
    // A new database gets 16 KiB pages: an article's row (text, raw, annotation JSON, ~20 KiB)
    // spans 2 pages instead of 6, and the full-text segments fewer. No effect on an existing file.
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    // Checkpoint (copy the WAL into the database, with fsync) every ~64 MiB of WAL instead of
    // every 4 MiB: with 500-article batches the default checkpointed, and fsynced, after every
    // commit. The WAL is truncated back to that size afterwards.
    this.db.pragma(`wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / (this.db.pragma('page_size', { simple: true }) as number))}`);
    this.db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_BYTES}`);
    this.db.pragma('synchronous = NORMAL'); // under WAL: a commit survives a process crash; only a power loss may drop the last ones
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 32 MiB of page cache: the B-tree interiors, the FTS segments being merged and a batch's new
    // pages (a larger batch spills to the WAL before commit, still one transaction).
    this.db.pragma('cache_size = -32768');
    this.db.pragma('temp_store = MEMORY');
    // No mmap: pages read through a memory map count in the process's resident memory (up to
    // the file size), which the ingest memory budget cannot afford.
    this.db.pragma('mmap_size = 0');
    migrate(this.db);
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    this.s = {
      byHashes: p('SELECT hash, id, story_id FROM documents WHERE hash IN (SELECT value FROM json_each(?))'),
      idsTaken: p('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck(),
      idTaken: p('SELECT 1 FROM documents WHERE id = ?'),
      byKeys: p('SELECT key, id, story_id FROM documents WHERE key IN (SELECT value FROM json_each(?))'),
      maxKey: p('SELECT coalesce(max(key), 0) FROM documents').pluck(),
      simhashes: p('SELECT key, simhash FROM documents INDEXED BY documents_simhash WHERE simhash IS NOT NULL AND key > ? ORDER BY key').raw(),
      insStory: p('INSERT INTO stories (id, first_doc, size, created_at) VALUES (?, ?, 0, ?)'),
      growStory: p('UPDATE stories SET size = size + ? WHERE id = ?'),
      insMember: p('INSERT INTO story_members (doc_id, story_id, similarity, linked_to) VALUES (?, ?, ?, ?)'),
      setStory: p('UPDATE documents SET story_id = ? WHERE key = ?'),
      insDoc: p(`INSERT INTO documents (${DOC_COLS.join(', ')}) VALUES (${q(DOC_COLS.length)})`),
      insFts: p('INSERT INTO documents_fts (rowid, title, body, stems) VALUES (?, ?, ?, ?)'),
      docById: p('SELECT id, lang, title, outlet, author, published, url, hash, text, warnings, annotations FROM documents WHERE id = ?'),
      hasHash: p('SELECT 1 FROM documents WHERE hash = ?'),
      storyOfDoc: p('SELECT s.id, s.first_doc, s.size FROM documents d JOIN stories s ON s.id = d.story_id WHERE d.id = ?'),
      storyMembers: p('SELECT m.doc_id, m.similarity, m.linked_to FROM story_members m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ? ORDER BY d.key'),
      ids: p('SELECT id FROM documents ORDER BY key LIMIT ? OFFSET ?'),
      eventDoc: p('SELECT id AS doc_id, outlet, published, url, title, annotations FROM documents WHERE key = ?'),
    };
  }

  /** Prepared `INSERT INTO events … VALUES (…), (…)` by number of rows. */
  private readonly eventInserts: Database.Statement[] = [];

  private insEvents(rows: number): Database.Statement {
    let st = this.eventInserts[rows];
    if (st === undefined) {
      const tuple = `(${q(EVENT_COLS.length)})`;
      st = this.db.prepare(`INSERT INTO events (${EVENT_COLS.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`);
      this.eventInserts[rows] = st;
    }
    return st;
  }

  /** The SimHash index, brought up to date with what other connections committed. */
  private simIndex(): SimIndex {
    const index = (this.index ??= new SimIndex());
    for (const [key, simhash] of this.s.simhashes.iterate(index.maxKey) as Iterable<[number, string]>) index.add(key, simhash);
    return index;
  }

  private putSync(docs: Doc[], index: SimIndex): PutResult {
    if (docs.length === 0) return { inserted: 0, duplicates: 0, items: [] };
    const now = new Date().toISOString();
    // 1. Duplicates: one query for the batch.
    const stored = new Map<string, StoredDoc>();
    const hashes = [...new Set(docs.map((d) => d.hash).filter((h) => typeof h === 'string'))];
    for (const r of this.s.byHashes.all(JSON.stringify(hashes)) as { hash: string; id: string; story_id: string | null }[]) {
      stored.set(r.hash, { id: r.id, story: r.story_id });
    }
    const split = splitDuplicates(docs, stored);
    // 2. Ids: one query for the wanted ids, single lookups only for "id~n" candidates.
    const wanted = new Set(split.fresh.map((f) => f.doc.id));
    const taken = new Set(this.s.idsTaken.all(JSON.stringify([...wanted])) as string[]);
    assignIds(split.fresh, (id) => (wanted.has(id) ? taken.has(id) : this.s.idTaken.get(id) !== undefined));
    // 3. Validation (a StoreError rolls the whole batch back). Each document's rows are built
    // right before it is written: a batch never holds every record at once.
    for (const f of split.fresh) validateRecord(f.doc);
    // 4. Keys and near-duplicates.
    const firstKey = (this.s.maxKey.get() as number) + 1;
    const matched = matchNearDuplicates(split.fresh, firstKey, index);
    const byKey = new Map<number, StoredDoc>();
    if (matched.length) {
      for (const r of this.s.byKeys.all(JSON.stringify(matched)) as { key: number; id: string; story_id: string | null }[]) {
        byKey.set(r.key, { key: r.key, id: r.id, story: r.story_id });
      }
    }
    const plan = assignStories(split, byKey);
    // 5. Writes.
    for (const st of plan.newStories) this.s.insStory.run(st.id, st.first, now);
    // Event rows go EVENT_ROWS at a time in one multi-row INSERT (after their documents; before
    // any full-text row of the batch, see below).
    const ev: Cell[] = [];
    for (const f of plan.fresh) {
      const doc = f.doc;
      const r = buildRecord(doc);
      const key = f.key;
      this.s.insDoc.run(
        key, f.id, doc.hash, doc.simhash || null, f.story, doc.lang, doc.langConfidence, doc.title, doc.outlet,
        doc.outlet ? foldFilter(doc.outlet) : null, doc.author, doc.dateline, doc.published, doc.url,
        doc.origin?.path ?? null, doc.origin?.format ?? null, doc.origin?.line ?? null, doc.origin?.encoding ?? null, now,
        r.nEntities, r.nPlaces, JSON.stringify(doc.warnings ?? []), doc.text, r.annotations, JSON.stringify(doc.sentences ?? []),
        doc.raw, doc.html ?? null,
      );
      const base = key * EVENT_SLOTS;
      for (const e of r.events) {
        ev.push(base + (e[0] as number), key);
        for (let j = 0; j < e.length; j++) ev.push(e[j]);
        if (ev.length === EVENT_ROWS * EVENT_COLS.length) {
          this.insEvents(EVENT_ROWS).run(ev);
          ev.length = 0;
        }
      }
    }
    if (ev.length) this.insEvents(ev.length / EVENT_COLS.length).run(ev);
    // Full-text rows last, in key order and with no other statement in between: a multi-row
    // INSERT opens a statement savepoint, and a savepoint makes FTS5 flush its pending terms
    // into a new segment, which would change how the index is laid out.
    for (const f of plan.fresh) {
      const doc = f.doc;
      this.s.insFts.run(f.key, doc.title ?? '', doc.text, stemLine(`${doc.title ?? ''}\n${doc.text}`, doc.lang));
    }
    for (const m of plan.members) this.s.insMember.run(...m);
    for (const [story, n] of plan.growth) this.s.growStory.run(n, story);
    for (const r of plan.restory) this.s.setStory.run(r.story, r.key);
    return planResult(plan, stored);
  }

  async putDocuments(docs: Doc[]): Promise<PutResult> {
    return this.db.transaction((d: Doc[]) => {
      // Under the write lock: the index sees every committed document, and is put back as it
      // was if the batch rolls back.
      const index = this.simIndex();
      const mark = index.mark();
      try {
        return this.putSync(d, index);
      } catch (e) {
        index.rollback(mark);
        throw e;
      }
    }).immediate(docs);
  }

  async hasHashes(hashes: string[]): Promise<Set<string>> {
    // In-process: one indexed lookup per hash costs less than building a JSON list for json_each.
    const out = new Set<string>();
    for (const h of hashes) if (this.s.hasHash.get(h) !== undefined) out.add(h);
    return out;
  }

  async getDocument(id: string): Promise<AnnotationRecord | null> {
    const d = this.s.docById.get(id) as Row | undefined;
    if (!d) return null;
    return recordOf(d as unknown as RecordFields, JSON.parse(d.annotations as string) as RecordLists, JSON.parse(d.warnings as string) as string[]);
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const limit = Math.max(1, Math.min(opts.limit ?? 20, 10_000));
    const rows = this.db
      .prepare(
        // The best `limit` matches first, then their documents (not every match's text).
        `SELECT d.id, d.title, d.outlet, d.published, d.text, d.lang, f.rank
         FROM (SELECT rowid, bm25(documents_fts, 2.0, 1.0, 1.0) AS rank FROM documents_fts
               WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?) f
         JOIN documents d ON d.key = f.rowid ORDER BY f.rank, d.key`,
      )
      .all(ftsQuery(terms), limit) as Row[];
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string | null,
      outlet: r.outlet as string | null,
      published: r.published as string | null,
      snippet: makeSnippet(r.title as string | null, r.text as string, r.lang as string, terms),
      score: -(r.rank as number),
    }));
  }

  async events(filter: EventFilter = {}): Promise<EventRow[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.type) {
      where.push('e.type = ? COLLATE NOCASE');
      args.push(filter.type);
    }
    if (filter.subtype) {
      where.push('e.subtype = ? COLLATE NOCASE');
      args.push(filter.subtype);
    }
    if (filter.actor) {
      where.push(`e.actor_key LIKE ? ESCAPE '\\'`);
      args.push(likeContains(filter.actor));
    }
    if (filter.place) {
      where.push(`e.place_key LIKE ? ESCAPE '\\'`);
      args.push(likeContains(filter.place));
    }
    if (filter.from) {
      where.push('e.date_hi >= ?');
      args.push(lowerBound(filter.from));
    }
    if (filter.to) {
      where.push('e.date_lo <= ?');
      args.push(upperBound(filter.to));
    }
    if (filter.outlet) {
      where.push(`d.outlet_key LIKE ? ESCAPE '\\'`);
      args.push(likeContains(filter.outlet));
    }
    let sql = `SELECT e.doc_key, e.ord FROM events e ${filter.outlet ? 'JOIN documents d ON d.key = e.doc_key' : ''}
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.key`;
    // The page is cut here, by the database: skipped events are never resolved. e.key is the
    // rowid (unique), so the order is total and pages neither overlap nor skip.
    const page = eventPage(filter);
    if (page.limit !== null || page.offset > 0) {
      sql += ' LIMIT ? OFFSET ?';
      args.push(page.limit ?? -1, page.offset);
    }
    // Names, coordinates and evidence come from the document's JSON, parsed once per document.
    const out: EventRow[] = [];
    let docKey = -1;
    let doc: DocEvents | null = null;
    for (const [k, ord] of this.db.prepare(sql).raw().all(...args) as [number, number][]) {
      if (k !== docKey) {
        const d = this.s.eventDoc.get(k) as EventDocFields & { annotations: string };
        doc = new DocEvents(JSON.parse(d.annotations) as RecordLists, d);
        docKey = k;
      }
      out.push(doc!.row(ord));
    }
    return out;
  }

  async stats(): Promise<StoreStats> {
    const one = (sql: string): number => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const group = (sql: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const r of this.db.prepare(sql).raw().all() as [string | null, number][]) out[r[0] ?? '(unknown)'] = r[1];
      return out;
    };
    return {
      documents: one('SELECT count(*) FROM documents'),
      stories: one('SELECT count(*) FROM stories'),
      events: one('SELECT count(*) FROM events'),
      entities: one('SELECT sum(n_entities) FROM documents'),
      places: one('SELECT sum(n_places) FROM documents'),
      byLang: group('SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY 2 DESC, 1'),
      byOutlet: group('SELECT outlet, count(*) FROM documents GROUP BY outlet ORDER BY 2 DESC, 1'),
      byEventType: group('SELECT type, count(*) FROM events GROUP BY type ORDER BY 2 DESC, 1'),
    };
  }

  async storyOf(docId: string): Promise<StoryInfo | null> {
    const s = this.s.storyOfDoc.get(docId) as { id: string; first_doc: string; size: number } | undefined;
    if (!s) return null;
    const members = (this.s.storyMembers.all(s.id) as { doc_id: string; similarity: number; linked_to: string | null }[]).map((m) => ({
      id: m.doc_id,
      similarity: m.similarity,
      linkedTo: m.linked_to,
    }));
    return { id: s.id, first: s.first_doc, size: s.size, members };
  }

  async documentIds(opts: { offset?: number; limit?: number } = {}): Promise<string[]> {
    return (this.s.ids.all(opts.limit ?? -1, opts.offset ?? 0) as { id: string }[]).map((r) => r.id);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** The underlying connection (tests and maintenance). */
  get database(): Database.Database {
    return this.db;
  }
}

function q(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export async function openSqlite(path: string): Promise<SqliteStore> {
  return new SqliteStore(path);
}
