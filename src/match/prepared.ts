/**
 * The shared token layer: each document's text is folded and tokenized once (prepare() in
 * matcher.ts) and every stage that reads words (entities, places, dates, events, framing)
 * reads the same Prepared view instead of tokenizing again. It is cached per document and
 * dropped by the last stage that reads it (framing), or with the document.
 */
import type { Doc } from '../document.js';
import { prepare, type Prepared } from './matcher.js';

/**
 * The document the stages are at and its view, in a plain slot: the pipeline takes one
 * document through every stage, and framing drops it, so a run never touches the WeakMap
 * below (no ephemeron entry per document for the garbage collector). A document left for
 * another one before it was dropped keeps its view in the WeakMap, for as long as it lives.
 */
let lastDoc: Doc | null = null;
let lastP: Prepared | null = null;
const parked = new WeakMap<Doc, Prepared>();
let anyParked = false;

/** The folded, tokenized text of a document (computed once per text). */
export function preparedOf(doc: Doc): Prepared {
  if (doc === lastDoc && lastP!.text === doc.text) return lastP!;
  if (doc !== lastDoc) {
    if (lastDoc) { parked.set(lastDoc, lastP!); anyParked = true; }
    lastDoc = doc;
    const p = anyParked ? parked.get(doc) : undefined;
    if (p && p.text === doc.text) return (lastP = p);
  }
  return (lastP = prepare(doc.text));
}

/** Drops the cached prepared text of a document (after the last stage that reads it). */
export function forgetPrepared(doc: Doc): void {
  if (doc === lastDoc) { lastDoc = null; lastP = null; }
  if (anyParked) parked.delete(doc);
}
