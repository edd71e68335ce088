/**
 * The clean stage: from `doc.raw` to the cleaned `doc.text` every offset refers to, plus the
 * document's metadata (title, outlet, author, dateline, published, lang, hash, simhash,
 * sentences, warnings). Input fields always win over what is found in the text.
 *
 *   normalize (NFC, line ends, junk, blank runs) → boilerplate + bylines/datelines → language
 *   → fingerprints → sentences
 */
import type { Stage } from '../pipeline.js';
import type { Doc } from '../document.js';
import { nfc, normalizeText, squash } from './normalize.js';
import { removeBoilerplate } from './boilerplate.js';
import { normalizeDate } from './metadata.js';
import { identifyLanguage } from './language.js';
import { contentHash, simhash } from './fingerprint.js';
import { splitSentences } from './sentences.js';

export { simhashSimilarity, hamming, contentHash, simhash } from './fingerprint.js';
export { splitSentences } from './sentences.js';
export { identifyLanguage } from './language.js';
export { normalizeDate } from './metadata.js';

function warn(doc: Doc, w: string): void {
  if (!doc.warnings.includes(w)) doc.warnings.push(w);
}

/** Cleans one document in place. */
export function cleanDoc(doc: Doc): Doc {
  const normalized = normalizeText(doc.raw ?? '');
  let title: string | null = null;
  if (doc.title !== null) {
    const sq = squash(doc.title);
    if (sq !== '') {
      const n = nfc(doc.title);
      title = n === doc.title ? sq : squash(n);
    }
  }
  const { text, meta } = removeBoilerplate(normalized, title);
  doc.text = text;
  doc.title = title ?? meta.title ?? null;
  if (!doc.outlet && meta.outlet) doc.outlet = meta.outlet;
  if (doc.outlet) doc.outlet = squash(doc.outlet);
  if (!doc.author && meta.author) doc.author = meta.author;
  if (!doc.dateline && meta.dateline) doc.dateline = meta.dateline;

  // Publication date: the input's field, else a dateline, else null.
  if (doc.published !== null && doc.published !== undefined) {
    const iso = normalizeDate(String(doc.published));
    if (iso === null) warn(doc, `unreadable published date "${String(doc.published).slice(0, 40)}"`);
    doc.published = iso ?? meta.published ?? null;
  } else {
    doc.published = meta.published ?? null;
  }

  // Language: an input language (confidence 1) wins.
  if (!(doc.langConfidence === 1 && doc.lang)) {
    const g = identifyLanguage(text, doc.title);
    doc.lang = g.lang;
    doc.langConfidence = g.confidence;
    if (g.lang === 'other' && text.length > 0) warn(doc, `language ${g.code || 'unknown'} is not one Vigie annotates`);
  }

  doc.hash = contentHash(text);
  doc.simhash = simhash(text);
  doc.sentences = splitSentences(text);
  if (text.length === 0) warn(doc, 'no text left after cleaning');
  return doc;
}

export const cleanStage: Stage = {
  name: 'clean',
  run(doc) {
    cleanDoc(doc);
  },
};
