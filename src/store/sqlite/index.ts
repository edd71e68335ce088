/**
 * The embedded store: SQLite through better-sqlite3 (WAL, synchronous=NORMAL, foreign keys).
 *
 * putDocuments runs as ONE transaction: a process killed mid-batch leaves the database as it
 * was before the batch (and every earlier batch committed). Statements are prepared once.
 */
import Database from 'better-sqlite3';
import type { AnnotationRecord, Doc } from '../../document.js';
import { bandProbes, bands, bestMatch, storyIdFor, type StoryCandidate } from '../../fuse/simhash.js';
import type { EventFilter, EventRow, PutResult, SearchHit, Store, StoreStats, StoryInfo } from '../store.js';
import { docFields, docRows, disambiguate, likeContains, lowerBound, toEventRow, upperBound } from '../rows.js';
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

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly s: Record<string, Database.Statement>;
  private readonly ins: Record<string, Database.Statement>;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536'); // 64 MiB: a 500-document batch stays in memory until commit
    this.db.pragma('temp_store = MEMORY');
    migrate(this.db);
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    this.s = {
      byHash: p('SELECT id, story_id FROM documents WHERE hash = ?'),
      idTaken: p('SELECT 1 FROM documents WHERE id = ?'),
      candidates: p(
        `SELECT id, simhash, story_id AS story FROM documents WHERE b0 IN (${q(17)}) OR b1 IN (${q(17)}) OR b2 IN (${q(17)}) OR b3 IN (${q(17)})`,
      ),
      insStory: p('INSERT INTO stories (id, first_doc, size, created_at) VALUES (?, ?, 1, ?)'),
      growStory: p('UPDATE stories SET size = size + 1 WHERE id = ?'),
      insMember: p('INSERT INTO story_members (doc_id, story_id, similarity, linked_to) VALUES (?, ?, ?, ?)'),
      setStory: p('UPDATE documents SET story_id = ? WHERE id = ?'),
      insDoc: p(`INSERT INTO documents (id, hash, simhash, b0, b1, b2, b3, story_id, raw, html, text, title, outlet, outlet_key, author,
          dateline, published, url, lang, lang_confidence, origin_path, origin_format, origin_line, origin_encoding, warnings, sentences, ingested_at)
        VALUES (@id, @hash, @simhash, @b0, @b1, @b2, @b3, @story_id, @raw, @html, @text, @title, @outlet, @outlet_key, @author,
          @dateline, @published, @url, @lang, @lang_confidence, @origin_path, @origin_format, @origin_line, @origin_encoding, @warnings, @sentences, @ingested_at)`),
      insFts: p('INSERT INTO documents_fts (rowid, title, body, stems) VALUES (?, ?, ?, ?)'),
      docById: p('SELECT * FROM documents WHERE id = ?'),
      hasHash: p('SELECT 1 FROM documents WHERE hash = ?'),
      storyOfDoc: p('SELECT s.id, s.first_doc, s.size FROM documents d JOIN stories s ON s.id = d.story_id WHERE d.id = ?'),
      storyMembers: p('SELECT m.doc_id, m.similarity, m.linked_to FROM story_members m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ? ORDER BY d.key'),
      ids: p('SELECT id FROM documents ORDER BY key LIMIT ? OFFSET ?'),
    };
    const tables: [string, string, number][] = [
      ['entities', 'doc_key, ord, eid, name, kind, linked, country, inter, search_key, data', 10],
      ['entity_mentions', 'doc_key, entity_ord, ord, start_off, end_off, text, label, via', 8],
      ['places', 'doc_key, ord, pid, name, country, admin1, lat, lon, precision, geo_precision, search_key, data', 12],
      ['place_mentions', 'doc_key, place_ord, ord, start_off, end_off, text, label, via', 8],
      ['dates', 'doc_key, ord, start_off, end_off, text, value, precision, date_lo, date_hi, data', 10],
      ['attributions', 'doc_key, ord, source, source_text, cue, start_off, end_off, anonymous, data', 9],
      ['events', 'doc_key, ord, eid, type, subtype, date, date_lo, date_hi, status, fatalities, place_id, place_key, evidence_start, evidence_end, data, resolved', 16],
      ['event_actors', 'doc_key, event_ord, role, ord, entity_id, search_key', 6],
      ['event_sources', 'doc_key, event_ord, ord, entity_id, name', 5],
      ['framing_terms', 'doc_key, ord, term, stance, start_off, end_off, text, data', 8],
    ];
    this.ins = {};
    for (const [t, cols, n] of tables) this.ins[t] = p(`INSERT INTO ${t} (${cols}) VALUES (${q(n)})`);
    this.sel = {};
    for (const t of ['entities', 'places', 'dates', 'attributions', 'events', 'framing_terms']) {
      this.sel[t] = p(`SELECT data FROM ${t} WHERE doc_key = ? ORDER BY ord`).pluck();
    }
  }

  private readonly sel: Record<string, Database.Statement>;

  private putSync(docs: Doc[]): PutResult {
    const result: PutResult = { inserted: 0, duplicates: 0, items: [] };
    const now = new Date().toISOString();
    const founded = new Map<string, string>(); // documents of this batch that founded a story
    for (const doc of docs) {
      const dup = this.s.byHash.get(doc.hash) as { id: string; story_id: string | null } | undefined;
      if (dup) {
        result.duplicates++;
        result.items.push({ id: dup.id, hash: doc.hash, inserted: false, story: dup.story_id });
        continue;
      }
      const rows = docRows(doc); // validates: throws StoreError, the transaction rolls back
      let id = doc.id;
      if (this.s.idTaken.get(id)) id = disambiguate(id, (c) => this.s.idTaken.get(c) !== undefined);
      const b = bands(doc.simhash);
      let story: string | null = null;
      let link: { to: string; similarity: number } | null = null;
      if (b) {
        const params = [...bandProbes(b[0]), ...bandProbes(b[1]), ...bandProbes(b[2]), ...bandProbes(b[3])];
        const m = bestMatch(doc.simhash, this.s.candidates.all(...params) as StoryCandidate[]);
        if (m) {
          story = m.candidate.story;
          if (!story) {
            story = storyIdFor(m.candidate.id);
            this.s.insStory.run(story, m.candidate.id, now);
            this.s.insMember.run(m.candidate.id, story, 1, null);
            this.s.setStory.run(story, m.candidate.id);
            founded.set(m.candidate.id, story);
          }
          link = { to: m.candidate.id, similarity: m.similarity };
        }
      }
      const info = this.s.insDoc.run({
        id,
        hash: doc.hash,
        simhash: doc.simhash || null,
        b0: b?.[0] ?? null,
        b1: b?.[1] ?? null,
        b2: b?.[2] ?? null,
        b3: b?.[3] ?? null,
        story_id: story,
        ...docFields(doc),
        ingested_at: now,
      });
      const key = Number(info.lastInsertRowid);
      if (story && link) {
        this.s.insMember.run(id, story, link.similarity, link.to);
        this.s.growStory.run(story);
      }
      this.s.insFts.run(key, doc.title ?? '', doc.text, stemLine(`${doc.title ?? ''}\n${doc.text}`, doc.lang));
      const put = (t: string, list: (string | number | null)[][]): void => {
        const st = this.ins[t];
        for (const r of list) st.run(key, ...r);
      };
      put('entities', rows.entities);
      put('entity_mentions', rows.entityMentions);
      put('places', rows.places);
      put('place_mentions', rows.placeMentions);
      put('dates', rows.dates);
      put('attributions', rows.attributions);
      put('events', rows.events);
      put('event_actors', rows.eventActors);
      put('event_sources', rows.eventSources);
      put('framing_terms', rows.framing);
      result.inserted++;
      result.items.push({ id, hash: doc.hash, inserted: true, story });
    }
    if (founded.size) for (const it of result.items) if (it.story === null) it.story = founded.get(it.id) ?? null;
    return result;
  }

  async putDocuments(docs: Doc[]): Promise<PutResult> {
    return this.db.transaction((d: Doc[]) => this.putSync(d)).immediate(docs);
  }

  async hasHash(hash: string): Promise<boolean> {
    return this.s.hasHash.get(hash) !== undefined;
  }

  async getDocument(id: string): Promise<AnnotationRecord | null> {
    const d = this.s.docById.get(id) as Row | undefined;
    if (!d) return null;
    const list = <T>(t: string): T[] => (this.sel[t].all(d.key) as string[]).map((s) => JSON.parse(s) as T);
    return {
      id: d.id as string,
      lang: d.lang as AnnotationRecord['lang'],
      title: d.title as string | null,
      outlet: d.outlet as string | null,
      author: d.author as string | null,
      published: d.published as string | null,
      url: d.url as string | null,
      hash: d.hash as string,
      text: d.text as string,
      entities: list('entities'),
      places: list('places'),
      dates: list('dates'),
      attributions: list('attributions'),
      events: list('events'),
      framing: list('framing_terms'),
      warnings: JSON.parse(d.warnings as string) as string[],
    };
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    const terms = parseQuery(query);
    if (terms.length === 0) return [];
    const limit = Math.max(1, Math.min(opts.limit ?? 20, 10_000));
    const rows = this.db
      .prepare(
        `SELECT d.id, d.title, d.outlet, d.published, d.text, d.lang, bm25(documents_fts, 2.0, 1.0, 1.0) AS rank
         FROM documents_fts JOIN documents d ON d.key = documents_fts.rowid
         WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`,
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
      where.push(`EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_key = e.doc_key AND a.event_ord = e.ord AND a.search_key LIKE ? ESCAPE '\\')`);
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
    let sql = `SELECT e.eid, e.type, e.subtype, e.date, e.status, e.fatalities, e.data, e.resolved,
        d.id AS doc_id, d.outlet, d.published, d.url, d.title
      FROM events e JOIN documents d ON d.key = e.doc_key
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.doc_key, e.ord`;
    if (filter.limit !== undefined) {
      sql += ' LIMIT ?';
      args.push(Math.max(0, Math.floor(filter.limit)));
    }
    return (this.db.prepare(sql).all(...args) as Row[]).map(toEventRow);
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
      entities: one('SELECT count(*) FROM entities'),
      places: one('SELECT count(*) FROM places'),
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
