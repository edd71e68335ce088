/**
 * The annotation pipeline: an ordered list of small stages, each a function over one Doc.
 *
 *   ingest → clean → entities → places → dates → events → attribution → framing → fuse → store → serve
 *
 * `ingest` (src/ingest) turns files into Docs; the stages below annotate one Doc at a time;
 * `fuse` (src/fuse) works across documents (stories, event fusion) and `store` keeps them.
 */
import type { Doc } from './document.js';
import { packFor, type LanguagePack } from './lang/language.js';
import { cleanStage } from './clean/index.js';
import { entitiesStage } from './entities/index.js';
import { placesStage } from './places/index.js';
import { datesStage } from './dates/index.js';
import { eventsStage } from './events/index.js';
import { attributionStage } from './attribution/index.js';
import { framingStage } from './framing/index.js';

/** What every stage receives besides the document. */
export interface StageContext {
  /** The language pack chosen from doc.lang (after clean has identified it). */
  pack: LanguagePack;
}

export interface Stage {
  name: string;
  run(doc: Doc, ctx: StageContext): void;
}

/** The stages in the order they run. */
export const STAGES: readonly Stage[] = [
  cleanStage,
  entitiesStage,
  placesStage,
  datesStage,
  eventsStage,
  attributionStage,
  framingStage,
];

export interface AnnotateOptions {
  /** Run only the stages up to and including this one (e.g. "clean" for ingest-only work). */
  until?: string;
}

/** Runs the stages over one document, in place, and returns it. */
export function annotate(doc: Doc, opts: AnnotateOptions = {}): Doc {
  for (const stage of STAGES) {
    // The pack is chosen per stage because clean identifies the language.
    stage.run(doc, { pack: packFor(doc.lang) });
    if (opts.until === stage.name) break;
  }
  return doc;
}
