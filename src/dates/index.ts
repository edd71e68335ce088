/**
 * The dates stage: every temporal expression of the text, normalized against the publication
 * date (doc.published), with the precision the text supports.
 *
 * Built on chrono-node (French and English casual configurations) with Vigie's parsers and
 * refiners (src/dates/common, src/dates/locales/<lang>); the words are data in
 * src/lang/<lang>/dates.json. chrono reads only the sentences a quick filter flags (a month,
 * weekday, relative word or digit shape of the lexicon), each sentence normalized first with
 * same-length substitutions (non-breaking spaces, ’, the letter O typed for a zero in a year),
 * so offsets stay those of doc.text.
 */
import type { Chrono, ParsingResult } from 'chrono-node';
import type { DateMention, Doc } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { DateLexicon } from './lexicon.js';
import { parseIsoDay } from './calendar.js';
import { alternation } from './common/patterns.js';
import type { VigieParsingOption } from './common/refiners/options.js';
import { createEnglishParser } from './locales/en/index.js';
import { createFrenchParser } from './locales/fr/index.js';
import { PLACEHOLDER_YEAR, resolveAnaphora, toMentions, type RawMention } from './resolve.js';

interface Engine {
  chrono: Chrono;
  filter: RegExp;
  anchorOf: RegExp | null;
  connector: RegExp;
}

const engines = new WeakMap<DateLexicon, Engine>();

function engineFor(lang: string, lex: DateLexicon): Engine {
  let e = engines.get(lex);
  if (!e) {
    const words = [
      ...Object.keys(lex.months),
      ...Object.keys(lex.weekdays),
      ...Object.keys(lex.seasons),
      ...Object.keys(lex.relative.phrases),
      ...Object.keys(lex.anaphora),
      ...lex.signals,
    ];
    const digits = '[12][0-9Oo]{3}|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}';
    e = {
      chrono: lang === 'fr' ? createFrenchParser(lex) : createEnglishParser(lex),
      filter: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternation(words)}|${digits})(?![\\p{L}\\p{N}_])`, 'giu'),
      connector: new RegExp(`\\s+(?:${alternation(lex.rangeConnectors)})\\s+|\\s*[-–—]\\s*`, 'iu'),
      anchorOf: lex.anaphoraOf.length ? new RegExp(`^\\s*(?:${alternation(lex.anaphoraOf)})\\s*(?:l['’]|le\\s+|the\\s+)?$`, 'iu') : null,
    };
    engines.set(lex, e);
  }
  return e;
}

/**
 * Same-length normalization for the parser: spaces of every kind → " ", ’ → ', non-breaking
 * hyphens → "-", and a letter O typed for a zero inside a year ("2O11" → "2011").
 * Returns the text and the positions of the O fixed.
 */
export function normalizeForDates(s: string): { text: string; oFixed: number[] } {
  const oFixed: number[] = [];
  let text = s.replace(/[\u00A0\u202F\u2007\u2009\u200A]/g, ' ').replace(/[’ʼ]/g, "'").replace(/[\u2010\u2011]/g, '-');
  text = text.replace(/(?<![\p{L}\p{N}_])[12][0-9Oo]{3}(?![\p{L}\p{N}_])/gu, (m, at: number) => {
    if (!/[Oo]/.test(m) || (m.match(/\d/g) ?? []).length < 2) return m;
    return m.replace(/[Oo]/g, (_o, i: number) => {
      oFixed.push(at + i);
      return '0';
    });
  });
  return { text, oFixed };
}

export interface FindDatesOptions {
  /** Publication date "YYYY-MM-DD" (or longer ISO), or null. */
  published: string | null;
}

/**
 * Sentences for the dates stage: cut at line breaks and at . ! ? … followed by a space and a
 * capital, a quote or a dash; "Jan. 15" and "15 janv. 2017" stay whole. (The clean stage's
 * sentences are not used: a cut inside a date would lose it, and this costs little.)
 */
export function splitSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[.!?…]+(?=\s+["«“(\-–—\p{Lu}])|\n+/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = end;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Every date mention of a text, in text order. */
export function findDates(text: string, lang: string, lex: DateLexicon, opts: FindDatesOptions): DateMention[] {
  const engine = engineFor(lang, lex);
  const pub = parseIsoDay(opts.published);
  const hasReference = pub !== null;
  const ref = pub ? new Date(pub.y, pub.m - 1, pub.d, 12) : new Date(PLACEHOLDER_YEAR, 6, 1, 12);
  const option: VigieParsingOption = { vigieHasReference: hasReference };
  const sentences = splitSentences(text);

  // the quick filter: which sentences hold a date-ish word
  const hits: number[] = [];
  engine.filter.lastIndex = 0;
  for (let m = engine.filter.exec(text); m; m = engine.filter.exec(text)) hits.push(m.index);
  if (hits.length === 0) return [];

  const mentions: RawMention[] = [];
  let h = 0;
  for (const s of sentences) {
    while (h < hits.length && hits[h] < s.start) h++;
    if (h >= hits.length) break;
    if (hits[h] >= s.end) continue;
    const { text: norm, oFixed } = normalizeForDates(text.slice(s.start, s.end));
    for (const r of engine.chrono.parse(norm, ref, option) as ParsingResult[]) {
      for (const m of toMentions(r, s.start, hasReference, engine.connector)) {
        m.text = text.slice(m.start, m.end);
        if (oFixed.some((i) => i + s.start >= m.start && i + s.start < m.end)) (m.flags ??= []).push('letter-o-for-zero');
        mentions.push(m);
      }
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  resolveAnaphora(mentions, text, engine.anchorOf);
  return mentions;
}

/** The dates stage (name "dates"): fills doc.dates. */
export const datesStage: Stage = {
  name: 'dates',
  run(doc, { pack }) {
    doc.dates = findDates(doc.text, pack.code, pack.dates, { published: doc.published });
    for (const d of doc.dates) {
      if (d.flags?.includes('weekday-mismatch')) {
        doc.warnings.push(`weekday mismatch: "${d.text}" is ${d.value}, another weekday`);
      }
    }
  },
};

/**
 * For the events stage: the date mention inside [start, end) (a clause or a sentence), the
 * first with a value, else the first; null when there is none (the caller decides on the
 * paragraph or publication fallback).
 */
export function dateForSpan(doc: Doc, start: number, end: number): DateMention | null {
  let first: DateMention | null = null;
  for (const d of doc.dates) {
    if (d.start < start || d.end > end) continue;
    if (d.value) return d;
    first ??= d;
  }
  return first;
}
