/**
 * The PostgreSQL store (scale-out): the same interface and behaviour as SQLite, over `pg`.
 *
 * putDocuments is ONE transaction (BEGIN … COMMIT, ROLLBACK on any error). Writers take a
 * transaction-scoped advisory lock, so concurrent ingests (several processes) never
 * allocate the same id, never both insert the same content, and link near-duplicates
 * consistently; documents are inserted with ON CONFLICT DO NOTHING as a second guard.
 * Rows are sent per table as arrays (INSERT … SELECT FROM unnest(…)), a few round trips
 * per batch instead of one per row.
 *
 * URL: postgres://user@host:port/db[?schema=NAME] — the optional schema keeps Vigie's tables
 * apart (created when missing).
 */
import pg from 'pg';
import type { AnnotationRecord, Doc } from '../../document.js';
import { bandProbes, bands, bestMatch, storyIdFor, type StoryCandidate } from '../../fuse/simhash.js';
import type { EventFilter, EventRow, PutResult, SearchHit, Store, StoreStats, StoryInfo } from '../store.js';
import { docFields, docRows, likeContains, lowerBound, toEventRow, upperBound, StoreError, type DocRows } from '../rows.js';
import { makeSnippet, parseQuery, tsvectorLiteral, type QueryTerm } from '../text.js';
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

const TABLES: { table: string; rows: keyof DocRows; cols: string[]; types: string[] }[] = [
  { table: 'entities', rows: 'entities', cols: ['ord', 'eid', 'name', 'kind', 'linked', 'country', 'inter', 'search_key', 'data'], types: ['int', 'text', 'text', 'text', 'int', 'text', 'int', 'text', 'jsonb'] },
  { table: 'entity_mentions', rows: 'entityMentions', cols: ['entity_ord', 'ord', 'start_off', 'end_off', 'text', 'label', 'via'], types: ['int', 'int', 'int', 'int', 'text', 'text', 'text'] },
  { table: 'places', rows: 'places', cols: ['ord', 'pid', 'name', 'country', 'admin1', 'lat', 'lon', 'precision', 'geo_precision', 'search_key', 'data'], types: ['int', 'text', 'text', 'text', 'text', 'float8', 'float8', 'text', 'int', 'text', 'jsonb'] },
  { table: 'place_mentions', rows: 'placeMentions', cols: ['place_ord', 'ord', 'start_off', 'end_off', 'text', 'label', 'via'], types: ['int', 'int', 'int', 'int', 'text', 'text', 'text'] },
  { table: 'dates', rows: 'dates', cols: ['ord', 'start_off', 'end_off', 'text', 'value', 'precision', 'date_lo', 'date_hi', 'data'], types: ['int', 'int', 'int', 'text', 'text', 'text', 'text', 'text', 'jsonb'] },
  { table: 'attributions', rows: 'attributions', cols: ['ord', 'source', 'source_text', 'cue', 'start_off', 'end_off', 'anonymous', 'data'], types: ['int', 'text', 'text', 'text', 'int', 'int', 'int', 'jsonb'] },
  {
    table: 'events',
    rows: 'events',
    cols: ['ord', 'eid', 'type', 'subtype', 'date', 'date_lo', 'date_hi', 'status', 'fatalities', 'place_id', 'place_key', 'evidence_start', 'evidence_end', 'data', 'resolved'],
    types: ['int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'int', 'int', 'jsonb', 'jsonb'],
  },
  { table: 'event_actors', rows: 'eventActors', cols: ['event_ord', 'role', 'ord', 'entity_id', 'search_key'], types: ['int', 'int', 'int', 'text', 'text'] },
  { table: 'event_sources', rows: 'eventSources', cols: ['event_ord', 'ord', 'entity_id', 'name'], types: ['int', 'int', 'text', 'text'] },
  { table: 'framing_terms', rows: 'framing', cols: ['ord', 'term', 'stance', 'start_off', 'end_off', 'text', 'data'], types: ['int', 'text', 'text', 'int', 'int', 'text', 'jsonb'] },
];

const DOC_COLS: [string, string][] = [
  ['id', 'text'], ['hash', 'text'], ['simhash', 'text'], ['b0', 'int'], ['b1', 'int'], ['b2', 'int'], ['b3', 'int'], ['story_id', 'text'],
  ['raw', 'text'], ['html', 'text'], ['text', 'text'], ['title', 'text'], ['outlet', 'text'], ['outlet_key', 'text'], ['author', 'text'],
  ['dateline', 'text'], ['published', 'text'], ['url', 'text'], ['lang', 'text'], ['lang_confidence', 'float8'], ['origin_path', 'text'],
  ['origin_format', 'text'], ['origin_line', 'int'], ['origin_encoding', 'text'], ['warnings', 'jsonb'], ['sentences', 'jsonb'], ['fts', 'tsvector'],
];

/** INSERT … SELECT * FROM unnest($1::t1[], $2::t2[], …): one round trip for many rows. */
function unnestInsert(table: string, cols: string[], types: string[], extra = ''): string {
  // jsonb and tsvector arrays are sent as text[] and cast per element.
  const sel = cols.map((c, i) => (types[i] === 'jsonb' || types[i] === 'tsvector' ? `${c}::${types[i]}` : c)).join(', ');
  const params = types.map((t, i) => `$${i + 1}::${t === 'jsonb' || t === 'tsvector' ? 'text' : t}[]`).join(', ');
  return `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${sel} FROM unnest(${params}) AS u(${cols.join(', ')}) ${extra}`;
}

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

  constructor(private readonly pool: pg.Pool, readonly schema: string | null) {}

  async putDocuments(docs: Doc[]): Promise<PutResult> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      const r = await this.putIn(c, docs);
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  private async putIn(c: pg.PoolClient, docs: Doc[]): Promise<PutResult> {
    const result: PutResult = { inserted: 0, duplicates: 0, items: [] };
    for (const d of docs) if (typeof d.hash !== 'string' || d.hash === '') throw new StoreError(String(d.id), `invalid content hash "${String(d.hash)}"`);
    // 1. Duplicates: stored before, or earlier in this batch.
    const hashes = [...new Set(docs.map((d) => d.hash))];
    const stored = new Map<string, { id: string; story: string | null }>();
    for (const r of (await c.query<{ hash: string; id: string; story_id: string | null }>('SELECT hash, id, story_id FROM documents WHERE hash = ANY($1::text[])', [hashes])).rows) {
      stored.set(r.hash, { id: r.id, story: r.story_id });
    }
    const fresh: { doc: Doc; id: string; story: string | null; link: { to: string; similarity: number } | null; b: number[] | null }[] = [];
    const slot: (number | { hash: string })[] = []; // per input: index in fresh, or a duplicate
    const batchHash = new Map<string, number>();
    for (const doc of docs) {
      const seen = batchHash.get(doc.hash);
      if (stored.has(doc.hash) || seen !== undefined) {
        slot.push({ hash: doc.hash });
        continue;
      }
      batchHash.set(doc.hash, fresh.length);
      slot.push(fresh.length);
      fresh.push({ doc, id: doc.id, story: null, link: null, b: bands(doc.simhash) });
    }
    // 2. Ids: a taken id gets the next free "id~n".
    if (fresh.length) {
      const wanted = [...new Set(fresh.map((f) => f.doc.id))];
      const taken = new Set((await c.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[])', [wanted])).rows.map((r) => r.id));
      const used = new Set<string>();
      for (const f of fresh) {
        const want = f.doc.id;
        if (typeof want !== 'string' || want === '') throw new StoreError(String(want), 'empty id');
        if (!taken.has(want) && !used.has(want)) {
          f.id = want;
        } else {
          const like = want.replace(/[\\%_]/g, (ch) => '\\' + ch) + '~%';
          const more = new Set((await c.query<{ id: string }>(`SELECT id FROM documents WHERE id LIKE $1 ESCAPE '\\'`, [like])).rows.map((r) => r.id));
          let n = 2;
          while (more.has(`${want}~${n}`) || used.has(`${want}~${n}`) || taken.has(`${want}~${n}`)) n++;
          f.id = `${want}~${n}`;
        }
        used.add(f.id);
      }
    }
    // 3. Near-duplicates: candidates from the database (one query for the batch) and earlier
    //    documents of the batch, looked up by band value.
    const byBand = new Map<string, StoryCandidate[]>();
    const addCand = (cand: StoryCandidate, b: number[]): void => {
      for (let k = 0; k < 4; k++) {
        const key = `${k}:${b[k]}`;
        const l = byBand.get(key);
        if (l) l.push(cand);
        else byBand.set(key, [cand]);
      }
    };
    const withBands = fresh.filter((f) => f.b);
    const newStories: { id: string; first: string }[] = [];
    const members: Cell[][] = [];
    const growth = new Map<string, number>();
    const restory: { id: string; story: string }[] = [];
    if (withBands.length) {
      const probes: number[][] = [[], [], [], []];
      for (const f of withBands) for (let k = 0; k < 4; k++) probes[k].push(...bandProbes(f.b![k]));
      const r = await c.query<{ id: string; simhash: string; story_id: string | null; b0: number; b1: number; b2: number; b3: number }>(
        'SELECT id, simhash, story_id, b0, b1, b2, b3 FROM documents WHERE b0 = ANY($1::int[]) OR b1 = ANY($2::int[]) OR b2 = ANY($3::int[]) OR b3 = ANY($4::int[])',
        probes.map((p) => [...new Set(p)]),
      );
      for (const row of r.rows) addCand({ id: row.id, simhash: row.simhash, story: row.story_id }, [row.b0, row.b1, row.b2, row.b3]);
      const candOf = new Map<string, StoryCandidate>();
      for (const f of withBands) {
        const b = f.b!;
        const cands = new Set<StoryCandidate>();
        for (let k = 0; k < 4; k++) for (const v of bandProbes(b[k])) for (const cand of byBand.get(`${k}:${v}`) ?? []) cands.add(cand);
        const m = bestMatch(f.doc.simhash, cands);
        if (m) {
          const cand = m.candidate;
          if (!cand.story) {
            cand.story = storyIdFor(cand.id);
            newStories.push({ id: cand.story, first: cand.id });
            members.push([cand.id, cand.story, 1, null]);
            growth.set(cand.story, (growth.get(cand.story) ?? 0) + 1);
            const inBatch = fresh.find((x) => x.id === cand.id);
            if (inBatch) inBatch.story = cand.story;
            else restory.push({ id: cand.id, story: cand.story });
          }
          f.story = cand.story;
          f.link = { to: cand.id, similarity: m.similarity };
          growth.set(f.story, (growth.get(f.story) ?? 0) + 1);
        }
        const self: StoryCandidate = { id: f.id, simhash: f.doc.simhash, story: f.story };
        candOf.set(f.id, self);
        addCand(self, b);
      }
      // A batch document that founded a story after its own insertion record was built.
      for (const f of withBands) f.story = candOf.get(f.id)!.story;
      for (const f of withBands) if (f.link) members.push([f.id, f.story, f.link.similarity, f.link.to]);
    }
    // 4. Stories, then documents, then memberships and annotations.
    if (newStories.length) {
      await c.query('INSERT INTO stories (id, first_doc, size) SELECT id, first, 0 FROM unnest($1::text[], $2::text[]) AS u(id, first)', [
        newStories.map((s) => s.id),
        newStories.map((s) => s.first),
      ]);
    }
    const keyOf = new Map<string, number>();
    if (fresh.length) {
      const rows: Cell[][] = fresh.map((f) => {
        const d = docFields(f.doc);
        return [
          f.id, f.doc.hash, f.doc.simhash || null, f.b?.[0] ?? null, f.b?.[1] ?? null, f.b?.[2] ?? null, f.b?.[3] ?? null, f.story,
          d.raw, d.html, d.text, d.title, d.outlet, d.outlet_key, d.author, d.dateline, d.published, d.url, d.lang, d.lang_confidence,
          d.origin_path, d.origin_format, d.origin_line, d.origin_encoding, d.warnings, d.sentences,
          tsvectorLiteral(f.doc.title, f.doc.text, f.doc.lang),
        ];
      });
      const ins = await c.query<{ key: string; hash: string }>(
        unnestInsert('documents', DOC_COLS.map((x) => x[0]), DOC_COLS.map((x) => x[1]), 'ON CONFLICT DO NOTHING RETURNING key, hash'),
        columns(rows, DOC_COLS.length),
      );
      for (const r of ins.rows) keyOf.set(r.hash, Number(r.key));
      if (keyOf.size !== fresh.length) {
        // Only possible if a writer bypassed the advisory lock: refuse rather than guess.
        throw new Error('concurrent write of the same documents detected; the batch was rolled back, retry it');
      }
    }
    if (members.length) {
      await c.query(
        'INSERT INTO story_members (doc_id, story_id, similarity, linked_to) SELECT * FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[])',
        columns(members, 4),
      );
      await c.query('UPDATE stories s SET size = s.size + u.n FROM unnest($1::text[], $2::int[]) AS u(id, n) WHERE s.id = u.id', [
        [...growth.keys()],
        [...growth.values()],
      ]);
    }
    if (restory.length) {
      await c.query('UPDATE documents d SET story_id = u.story FROM unnest($1::text[], $2::text[]) AS u(id, story) WHERE d.id = u.id', [
        restory.map((r) => r.id),
        restory.map((r) => r.story),
      ]);
    }
    // Annotations (validated here: an invalid document aborts the whole transaction).
    const all: Record<string, Cell[][]> = {};
    for (const t of TABLES) all[t.table] = [];
    for (const f of fresh) {
      const key = keyOf.get(f.doc.hash)!;
      const rows = docRows({ ...f.doc, id: f.id });
      for (const t of TABLES) for (const r of rows[t.rows]) all[t.table].push([key, ...r]);
    }
    for (const t of TABLES) {
      const rows = all[t.table];
      if (rows.length === 0) continue;
      await c.query(unnestInsert(t.table, ['doc_key', ...t.cols], ['int8', ...t.types]), columns(rows, t.cols.length + 1));
    }
    // 5. Result, in input order.
    for (const s of slot) {
      if (typeof s === 'number') {
        const f = fresh[s];
        result.inserted++;
        result.items.push({ id: f.id, hash: f.doc.hash, inserted: true, story: f.story });
      } else {
        result.duplicates++;
        const st = stored.get(s.hash);
        if (st) result.items.push({ id: st.id, hash: s.hash, inserted: false, story: st.story });
        else {
          const f = fresh[batchHash.get(s.hash)!];
          result.items.push({ id: f.id, hash: s.hash, inserted: false, story: f.story });
        }
      }
    }
    return result;
  }

  async hasHash(hash: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM documents WHERE hash = $1', [hash])).rowCount! > 0;
  }

  async getDocument(id: string): Promise<AnnotationRecord | null> {
    const agg = (t: string): string => `(SELECT coalesce(json_agg(data ORDER BY ord), '[]'::json) FROM ${t} WHERE doc_key = d.key)`;
    const r = await this.pool.query(
      `SELECT d.id, d.lang, d.title, d.outlet, d.author, d.published, d.url, d.hash, d.text, d.warnings,
        ${agg('entities')} AS entities, ${agg('places')} AS places, ${agg('dates')} AS dates,
        ${agg('attributions')} AS attributions, ${agg('events')} AS events, ${agg('framing_terms')} AS framing
       FROM documents d WHERE d.id = $1`,
      [id],
    );
    const d = r.rows[0];
    if (!d) return null;
    return {
      id: d.id,
      lang: d.lang,
      title: d.title,
      outlet: d.outlet,
      author: d.author,
      published: d.published,
      url: d.url,
      hash: d.hash,
      text: d.text,
      entities: d.entities,
      places: d.places,
      dates: d.dates,
      attributions: d.attributions,
      events: d.events,
      framing: d.framing,
      warnings: d.warnings,
    };
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
      where.push(`EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_key = e.doc_key AND a.event_ord = e.ord AND a.search_key LIKE ${arg(likeContains(filter.actor))} ESCAPE '\\')`);
    }
    if (filter.place) where.push(`e.place_key LIKE ${arg(likeContains(filter.place))} ESCAPE '\\'`);
    if (filter.from) where.push(`e.date_hi >= ${arg(lowerBound(filter.from))}`);
    if (filter.to) where.push(`e.date_lo <= ${arg(upperBound(filter.to))}`);
    if (filter.outlet) where.push(`d.outlet_key LIKE ${arg(likeContains(filter.outlet))} ESCAPE '\\'`);
    let sql = `SELECT e.eid, e.type, e.subtype, e.date, e.status, e.fatalities, e.data, e.resolved,
        d.id AS doc_id, d.outlet, d.published, d.url, d.title
      FROM events e JOIN documents d ON d.key = e.doc_key
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY e.doc_key, e.ord`;
    if (filter.limit !== undefined) sql += ` LIMIT ${arg(Math.max(0, Math.floor(filter.limit)))}`;
    return (await this.pool.query(sql, args)).rows.map(toEventRow);
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
      entities: await one('SELECT count(*) AS n FROM entities'),
      places: await one('SELECT count(*) AS n FROM places'),
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
