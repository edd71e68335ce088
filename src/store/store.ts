/**
 * The one Store interface. Implementations: SQLite (embedded default, src/store/sqlite) and
 * PostgreSQL (scale-out, src/store/postgres). Both run the same conformance suite
 * (test/store/conformance.ts). Every method is async so that both can implement it.
 */
import type { AnnotationRecord, Doc } from '../document.js';

export interface PutResult {
  /** Documents newly stored. */
  inserted: number;
  /** Documents whose content hash was already stored (re-ingest is a no-op). */
  duplicates: number;
  /** Per input document, in order: its stored id and whether it was new. */
  items: { id: string; hash: string; inserted: boolean; story: string | null }[];
}

export interface SearchHit {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
  /** A short excerpt with the matched words marked [like this]. */
  snippet: string;
  score: number;
}

export interface EventFilter {
  type?: string;
  subtype?: string;
  /** Actor name, alias or id (case- and accent-insensitive substring). */
  actor?: string;
  /** Place name or id (case- and accent-insensitive substring). */
  place?: string;
  /** Inclusive ISO date bounds, compared on the event date's known prefix. */
  from?: string;
  to?: string;
  outlet?: string;
  /** At most this many events (after `offset`); all when absent. */
  limit?: number;
  /** Events skipped before the first one returned (for paging); 0 when absent. */
  offset?: number;
}

/** One event, flattened with the names and coordinates needed for tables and exports. */
export interface EventRow {
  id: string;
  doc_id: string;
  type: string;
  subtype: string;
  date: string | null;
  status: string;
  fatalities: number | null;
  actor1: { id: string; name: string; inter: number | null }[];
  actor2: { id: string; name: string; inter: number | null }[];
  place: { id: string; name: string; country: string | null; admin1: string | null; lat: number; lon: number; geo_precision: number } | null;
  sources: { id: string; name: string }[];
  outlet: string | null;
  published: string | null;
  url: string | null;
  title: string | null;
  evidence: string;
}

export interface StoreStats {
  documents: number;
  stories: number;
  events: number;
  entities: number;
  places: number;
  byLang: Record<string, number>;
  /** Documents per outlet; documents without one are counted under "(unknown)". */
  byOutlet: Record<string, number>;
  byEventType: Record<string, number>;
}

/** A story: near-duplicate documents (the same dispatch on several sites). */
export interface StoryInfo {
  id: string;
  /** The document that founded the story. */
  first: string;
  size: number;
  /** Members in the order they joined; similarity to the member each was linked to (1 for the first). */
  members: { id: string; similarity: number; linkedTo: string | null }[];
}

export interface Store {
  /** Which implementation ("sqlite", "postgres"). */
  readonly kind: string;
  /**
   * Stores documents and all their annotations in ONE transaction: either all are stored or
   * none. A document whose content hash is already stored is skipped (counted as duplicate),
   * also when the same content appears twice in the batch. A document whose id is already
   * taken by a different content is stored under the next free id "id~2", "id~3"… (its
   * item in the result gives the id used). A document the store cannot write faithfully
   * (empty id, missing hash, an offset outside its text) makes the call throw StoreError
   * and nothing of the batch is stored.
   * Near-duplicates (same wire dispatch on several sites, SimHash similarity ≥ 0.9) are
   * linked to one story.
   */
  putDocuments(docs: Doc[]): Promise<PutResult>;
  /**
   * The given content hashes that are stored (one query however many are asked; repeated
   * and unknown hashes are fine). Ingest asks once per batch instead of once per document.
   */
  hasHashes(hashes: string[]): Promise<Set<string>>;
  /**
   * The stored annotation record of a document, or null. It equals the JSON form of
   * toAnnotation(doc) as it was put (fields that were undefined are absent).
   */
  getDocument(id: string): Promise<AnnotationRecord | null>;
  /** Full-text search, accent-insensitive, French and English. */
  search(query: string, opts?: { limit?: number }): Promise<SearchHit[]>;
  /**
   * Events matching every given filter, in storage order (document insertion, then the
   * event's order in its document). That order is total (every event has its own place in
   * it, the row key docKey × EVENT_SLOTS + ord), so pages taken with offset/limit over an
   * unchanged store never overlap and never skip an event; `offset` skips matching events in
   * the database, so a deep page costs no more than resolving the events it returns. An
   * event date of any precision matches a from/to bound
   * when the interval it covers overlaps the bound's ("2016-07" matches from 2016-07-15);
   * unknown-year dates ("XXXX-10-28") and missing dates never match a bound.
   */
  events(filter?: EventFilter): Promise<EventRow[]>;
  stats(): Promise<StoreStats>;
  /** The story a document belongs to, or null when it has no near-duplicate stored. */
  storyOf(docId: string): Promise<StoryInfo | null>;
  /** Stored document ids in insertion order, one page at a time (for exports). */
  documentIds(opts?: { offset?: number; limit?: number }): Promise<string[]>;
  close(): Promise<void>;
}
