/**
 * Language identification, mapped to Vigie's languages: 'fr', 'en' or 'other', with a
 * confidence in [0, 0.99] (a given input language has confidence 1).
 *
 * Two steps, cheapest first:
 *  1. a vote of function words (the packs' `languageWords`, src/lang/<code>/clean.json) over
 *     the first VOTE_SAMPLE characters: when one language has many distinct words, a large
 *     share of the tokens and several times the other's count, it wins without more work;
 *  2. otherwise (short text, names only, another language) eld (the 'small' n-gram set) on a
 *     bounded sample: the title and the first ELD_SAMPLE characters of the body; the
 *     confidence comes from the margin between the best score and the runner-up.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../document.js';
import { PACKS } from '../lang/language.js';
import { HASH_SEED, hashStep, TokenTable } from '../match/matcher.js';

type Eld = (typeof import('eld/small'))['eld'];
let eldInstance: Eld | null = null;
/**
 * eld, loaded on first need: its n-gram tables take ~0.7 s to load, and most news texts are
 * decided by the function-word vote, so a process that never needs eld never pays for it.
 * The package only exports an ESM entry; Node ≥ 20.19 requires it synchronously.
 */
function eld(): Eld {
  if (!eldInstance) {
    const path = fileURLToPath(import.meta.resolve('eld/small'));
    eldInstance = (createRequire(import.meta.url)(path) as { eld: Eld }).eld;
  }
  return eldInstance;
}

export interface LangGuess {
  lang: Lang;
  /** Detected code (ISO 639-1) or '' when nothing was detected. */
  code: string;
  confidence: number;
}

/** Characters the function-word vote reads. */
const VOTE_SAMPLE = 1200;
/** Characters of body eld reads (plus the title). */
const ELD_SAMPLE = 600;
/** A margin of this much between eld's two best scores is full confidence. */
const FULL_MARGIN = 0.15;

/**
 * The vote is decisive when the winner has at least VOTE_MIN_RATIO times the runner-up's count
 * and either VOTE_MIN_DISTINCT distinct function words making VOTE_MIN_SHARE of the tokens, or
 * VOTE_WIDE_DISTINCT distinct words making VOTE_WIDE_SHARE (name-heavy wire copy). Neighbour
 * languages share a few of these words, never that many.
 */
const VOTE_MIN_RATIO = 4;
const VOTE_MIN_DISTINCT = 6;
const VOTE_MIN_SHARE = 0.15;
const VOTE_WIDE_DISTINCT = 8;
const VOTE_WIDE_SHARE = 0.1;

/** Function word → index of the language in VOTE_LANGS (words listed by both are dropped). */
const VOTE_LANGS: Lang[] = [];
const VOTE_WORDS = new Map<string, number>();
(function init() {
  const owner = new Map<string, number>();
  for (const p of Object.values(PACKS)) {
    if (p.code !== 'fr' && p.code !== 'en') continue;
    const li = VOTE_LANGS.push(p.code) - 1;
    for (const w of p.clean.languageWords) {
      const k = w.toLowerCase();
      const prev = owner.get(k);
      owner.set(k, prev === undefined || prev === li ? li : -1);
    }
  }
  for (const [k, v] of owner) if (v >= 0) VOTE_WORDS.set(k, v);
})();

/** Lower-case Latin words: runs of a-z and Latin-1 lower-case letters (apostrophes and hyphens split). */
const isTokenUnit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xf6) || (c >= 0xf8 && c <= 0xff);

/** The function words (id = index in VOTE_LIST), looked up while a word is scanned, without cutting it out. */
const VOTE_LIST = [...VOTE_WORDS.keys()];
const VOTE_LANG_OF = VOTE_LIST.map((w) => VOTE_WORDS.get(w)!);
const VOTE_TABLE = new TokenTable();
for (const w of VOTE_LIST) VOTE_TABLE.add(w);
/** Per function word, the vote call that last saw it (distinct words without a Set per call). */
const seenIn = new Int32Array(VOTE_LIST.length);
let voteCall = 0;

/** The function-word vote: the language and its confidence when decisive, else null. */
export function voteLanguage(text: string): { lang: Lang; confidence: number } | null {
  const sample = (text.length > VOTE_SAMPLE ? text.slice(0, VOTE_SAMPLE) : text).toLowerCase();
  const hits = new Array<number>(VOTE_LANGS.length).fill(0);
  const distinctN = new Array<number>(VOTE_LANGS.length).fill(0);
  const call = ++voteCall;
  let tokens = 0;
  const len = sample.length;
  let i = 0;
  while (i < len) {
    const c = sample.charCodeAt(i);
    if (!isTokenUnit(c)) {
      i++;
      continue;
    }
    let h = hashStep(HASH_SEED, c);
    let j = i + 1;
    for (; j < len; j++) {
      const d = sample.charCodeAt(j);
      if (!isTokenUnit(d)) break;
      h = hashStep(h, d);
    }
    tokens++;
    const k = VOTE_TABLE.findIn(sample, i, j, h);
    if (k >= 0) {
      const li = VOTE_LANG_OF[k];
      hits[li]++;
      if (seenIn[k] !== call) {
        seenIn[k] = call;
        distinctN[li]++;
      }
    }
    i = j;
  }
  let best = -1;
  for (let i = 0; i < hits.length; i++) if (best < 0 || hits[i] > hits[best]) best = i;
  if (best < 0 || tokens === 0) return null;
  const h1 = hits[best];
  let h2 = 0;
  for (let i = 0; i < hits.length; i++) if (i !== best) h2 = Math.max(h2, hits[i]);
  const d = distinctN[best];
  if (h1 < VOTE_MIN_RATIO * h2) return null;
  if (!((d >= VOTE_MIN_DISTINCT && h1 >= VOTE_MIN_SHARE * tokens) || (d >= VOTE_WIDE_DISTINCT && h1 >= VOTE_WIDE_SHARE * tokens))) return null;
  const confidence = Math.min(0.99, (h1 - h2) / (h1 + h2));
  return { lang: VOTE_LANGS[best], confidence: Math.round(confidence * 100) / 100 };
}

/** The title (when the text does not start with it) and the first ELD_SAMPLE characters, cut at a space. */
function eldSample(text: string, title: string | null): string {
  let body = text;
  if (body.length > ELD_SAMPLE) {
    const cut = body.lastIndexOf(' ', ELD_SAMPLE);
    body = body.slice(0, cut > ELD_SAMPLE / 2 ? cut : ELD_SAMPLE);
  }
  return title && !text.startsWith(title) ? `${title}\n${body}` : body;
}

export function identifyLanguage(text: string, title: string | null = null): LangGuess {
  const vote = voteLanguage(text);
  if (vote) return { lang: vote.lang, code: vote.lang, confidence: vote.confidence };
  const sample = eldSample(text, title);
  if (!/\p{L}{2}/u.test(sample)) return { lang: 'other', code: '', confidence: 0 };
  const r = eld().detect(sample);
  const scores = Object.entries(r.getScores()).sort((a, b) => b[1] - a[1]);
  if (scores.length === 0) return { lang: 'other', code: r.language, confidence: 0 };
  const [topCode, top] = scores[0];
  const second = scores[1]?.[1] ?? 0;
  let code = topCode;
  let margin = top - second;
  if (code !== 'fr' && code !== 'en') {
    // A near tie with French or English (short, name-heavy text) goes to the one Vigie reads.
    const fr = scores.find(([c]) => c === 'fr')?.[1] ?? 0;
    const en = scores.find(([c]) => c === 'en')?.[1] ?? 0;
    const best = fr >= en ? 'fr' : 'en';
    const bestScore = Math.max(fr, en);
    if (bestScore > 0 && top - bestScore < 0.02) {
      code = best;
      margin = 0;
    }
  }
  const lang: Lang = code === 'fr' ? 'fr' : code === 'en' ? 'en' : 'other';
  let confidence = Math.min(0.99, Math.max(0, margin / FULL_MARGIN));
  if (!r.isReliable()) confidence = Math.min(confidence, 0.5);
  // Very short samples are never certain.
  if (sample.length < 60) confidence = Math.min(confidence, 0.6);
  return { lang, code, confidence: Math.round(confidence * 100) / 100 };
}

/** An input language field ("fr", "FR", "fr-FR", "French", "français") read as Vigie's Lang, or null if it is not a language tag. */
export function parseLangField(s: string): Lang | null {
  const t = s.trim().toLowerCase();
  if (!t) return null;
  if (/^(fr|fra|fre)([-_][a-z0-9]+)*$/.test(t) || t === 'french' || t === 'français' || t === 'francais') return 'fr';
  if (/^(en|eng)([-_][a-z0-9]+)*$/.test(t) || t === 'english' || t === 'anglais') return 'en';
  if (/^[a-z]{2,3}([-_][a-z0-9]+)*$/.test(t) || /^[a-z]+$/.test(t)) return 'other';
  return null;
}
