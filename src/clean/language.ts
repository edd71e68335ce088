/**
 * Language identification with eld (the 'small' n-gram set, loaded synchronously), mapped to
 * Vigie's languages: 'fr', 'en' or 'other', with a confidence in [0, 0.99] from the margin
 * between the best score and the runner-up (a given input language has confidence 1).
 */
import { eld } from 'eld/small';
import type { Lang } from '../document.js';

export interface LangGuess {
  lang: Lang;
  /** Detected code (ISO 639-1) or '' when nothing was detected. */
  code: string;
  confidence: number;
}

/** Characters looked at: enough for a stable answer, bounded for speed. */
const SAMPLE = 1500;
/** A margin of this much between the two best scores is full confidence. */
const FULL_MARGIN = 0.15;

export function identifyLanguage(text: string): LangGuess {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  if (!/\p{L}{2}/u.test(sample)) return { lang: 'other', code: '', confidence: 0 };
  const r = eld.detect(sample);
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
