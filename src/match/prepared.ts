/**
 * The shared token layer: each document's text is folded and tokenized once (prepare() in
 * matcher.ts) and every stage that reads words (entities, places, dates, events, framing)
 * reads the same Prepared view instead of tokenizing again. It is cached per document and
 * dropped by the last stage that reads it (framing), or with the document.
 */
import type { Doc } from '../document.js';
import { prepare, type Prepared } from './matcher.js';

const preparedCache = new WeakMap<Doc, Prepared>();

/** The folded, tokenized text of a document (computed once per text). */
export function preparedOf(doc: Doc): Prepared {
  const p = preparedCache.get(doc);
  if (p && p.text === doc.text) return p;
  const q = prepare(doc.text);
  preparedCache.set(doc, q);
  return q;
}

/** Drops the cached prepared text of a document (after the last stage that reads it). */
export function forgetPrepared(doc: Doc): void {
  preparedCache.delete(doc);
}
