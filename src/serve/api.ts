/**
 * The read-only JSON API of `vigie serve` (documented in docs/API.md):
 *   GET /api                  the routes
 *   GET /api/stats            counts (as `vigie stats --format json`)
 *   GET /api/events           events, filtered as `vigie events`; paged; ?format=geojson
 *   GET /api/events/:id       one event with its reports (source documents, evidence, attributions, framing)
 *   GET /api/documents/:id    a document: cleaned text + every annotation with offsets, its story
 *   GET /api/search?q=        full-text search, accent-insensitive
 *   GET /api/outlets          per outlet: documents, events, loaded terms, sources cited
 *   GET /api/world            simplified country outlines for the map
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventsGeoJson } from '../cli/formats.js';
import type { EventFilter, Store } from '../store/store.js';
import { HttpError, badParam, choiceParam, dateParam, intParam, notFound, queryOf, sendJson, textParam } from './http.js';
import { OutletsCache } from './outlets.js';
import { eventDetail } from './reports.js';
import { worldOutlines } from './world.js';

export const EVENT_FILTERS = ['type', 'subtype', 'actor', 'place', 'from', 'to', 'outlet'] as const;
export const DEFAULT_EVENT_LIMIT = 100;
export const MAX_EVENT_LIMIT = 5000;
export const MAX_SEARCH_LIMIT = 200;

/** The filter of `vigie events`, from a query string (same names, same date rule). */
export function eventFilterOf(q: Map<string, string>): EventFilter {
  const f: EventFilter = {};
  for (const k of ['type', 'subtype', 'actor', 'place', 'outlet'] as const) {
    const v = textParam(q, k);
    if (v !== undefined) f[k] = v;
  }
  const from = dateParam(q, 'from');
  const to = dateParam(q, 'to');
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  if (from && to && from.padEnd(10, '-00') > to.padEnd(10, '-99')) throw badParam('from', `"${from}" is after to="${to}"`);
  return f;
}

const ROUTES = [
  { path: '/api/stats', description: 'counts of documents, stories, events, entities, places; by language, outlet, event type' },
  { path: '/api/events', description: 'events; filters type, subtype, actor, place, from, to, outlet; limit, offset; format=json|geojson' },
  { path: '/api/events/{id}', description: 'one event with its reports (optional doc={document id})' },
  { path: '/api/documents/{id}', description: 'a document: cleaned text and every annotation with offsets' },
  { path: '/api/search', description: 'full-text search: q (required), limit' },
  { path: '/api/outlets', description: 'per outlet: documents, events, loaded terms, sources cited' },
  { path: '/api/world', description: 'simplified country outlines (GeoJSON) for the map' },
];

export interface Api {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

export function createApi(store: Store): Api {
  const outlets = new OutletsCache(store);
  const send = (req: IncomingMessage, res: ServerResponse, body: unknown, type?: string): void => sendJson(req, res, 200, body, type);

  return {
    async handle(req, res, url) {
      const path = url.pathname.replace(/\/+$/, '') || '/';
      let m: RegExpExecArray | null;
      if (path === '/api') {
        queryOf(url, []);
        return send(req, res, { name: 'vigie', store: store.kind, routes: ROUTES });
      }
      if (path === '/api/stats') {
        queryOf(url, []);
        return send(req, res, await store.stats());
      }
      if (path === '/api/events') {
        const q = queryOf(url, [...EVENT_FILTERS, 'limit', 'offset', 'format']);
        const filter = eventFilterOf(q);
        const limit = intParam(q, 'limit', DEFAULT_EVENT_LIMIT, 1, MAX_EVENT_LIMIT);
        const offset = intParam(q, 'offset', 0, 0, 10_000_000);
        const format = choiceParam(q, 'format', ['json', 'geojson'] as const, 'json');
        // The store skips `offset` events itself; one more than asked tells whether a next page exists.
        const rows = await store.events({ ...filter, offset, limit: limit + 1 });
        const page = rows.slice(0, limit);
        const paging = { offset, limit, count: page.length, next_offset: rows.length > limit ? offset + limit : null };
        if (format === 'geojson') {
          return send(req, res, { ...eventsGeoJson(page), vigie: { filter, ...paging, without_place: page.filter((r) => !r.place).length } }, 'application/geo+json; charset=utf-8');
        }
        return send(req, res, { filter, ...paging, events: page });
      }
      if ((m = /^\/api\/events\/(.+)$/.exec(path))) {
        const q = queryOf(url, ['doc']);
        const id = decodeSegment(m[1], 'id');
        const doc = textParam(q, 'doc', 1000);
        const detail = await eventDetail(store, id, doc);
        if (!detail) throw notFound(`no event "${id}"${doc ? ` in document "${doc}"` : ''}`);
        return send(req, res, detail);
      }
      if ((m = /^\/api\/documents\/(.+)$/.exec(path))) {
        queryOf(url, []);
        const id = decodeSegment(m[1], 'id');
        const rec = await store.getDocument(id);
        if (!rec) throw notFound(`no document "${id}"`);
        const story = await store.storyOf(id);
        return send(req, res, { ...rec, story });
      }
      if (path === '/api/search') {
        const q = queryOf(url, ['q', 'limit']);
        const text = textParam(q, 'q', 500);
        if (text === undefined) throw badParam('q', 'required (the words to look for)');
        const limit = intParam(q, 'limit', 20, 1, MAX_SEARCH_LIMIT);
        // The store parses the query itself (words, "phrases", prefix*) and never passes
        // operators through, so any failure here is a server error, not a bad query.
        const hits = await store.search(text, { limit });
        return send(req, res, { query: text, limit, count: hits.length, hits });
      }
      if (path === '/api/outlets') {
        queryOf(url, []);
        return send(req, res, await outlets.get());
      }
      if (path === '/api/world') {
        queryOf(url, []);
        return send(req, res, worldOutlines(), 'application/geo+json; charset=utf-8');
      }
      throw notFound(`no route ${path} (see /api for the routes)`);
    },
  };
}

function decodeSegment(s: string, name: string): string {
  try {
    const v = decodeURIComponent(s);
    if (!v.trim()) throw new Error('empty');
    return v;
  } catch {
    throw new HttpError(400, `${name}: not a valid URL-encoded id`, name);
  }
}
