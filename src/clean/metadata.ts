/**
 * Metadata found in the text: publication dates, datelines, bylines, agency marks, source
 * and credit lines. Everything is matched on a folded view with the merged lexicon (data in
 * src/lang/<code>/clean.json and src/clean/media.json); values are returned as written.
 */
import { LEX, type MergedLexicon } from './lex.js';
import { foldText, squash, words } from './normalize.js';

const pad = (n: number) => String(n).padStart(2, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** An ISO "YYYY-MM-DD" when y-m-d is a real calendar day between 1900 and 2199, else null. */
export function isoDay(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y < 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m))) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

export interface FoundDate {
  iso: string;
  /** Index and length of the date in the folded string searched. */
  index: number;
  length: number;
}

const reCache = new WeakMap<MergedLexicon, RegExp[]>();
function dateRegexes(lex: MergedLexicon): RegExp[] {
  let r = reCache.get(lex);
  if (!r) {
    const M = lex.monthPattern;
    r = [
      new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:er|re|st|nd|rd|th)?\\s+(${M})\\.?,?\\s+(\\d{4})(?!\\d)`, 'u'),
      new RegExp(`(?<![\\p{L}\\p{N}])(${M})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'u'),
      /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/,
      /(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])/,
    ];
    reCache.set(lex, r);
  }
  return r;
}

/** The first full calendar date (day, month, year) in a FOLDED string. */
export function findDate(folded: string, lex: MergedLexicon = LEX): FoundDate | null {
  const [dmy, mdy, iso, num] = dateRegexes(lex);
  let best: FoundDate | null = null;
  const take = (m: RegExpExecArray | null, y: number, mo: number, d: number) => {
    if (!m) return;
    const v = isoDay(y, mo, d);
    if (v && (!best || m.index < best.index)) best = { iso: v, index: m.index, length: m[0].length };
  };
  let m = dmy.exec(folded);
  if (m) take(m, +m[3], lex.months.get(m[2]) ?? 0, +m[1]);
  m = mdy.exec(folded);
  if (m) take(m, +m[3], lex.months.get(m[1]) ?? 0, +m[2]);
  m = iso.exec(folded);
  if (m) take(m, +m[1], +m[2], +m[3]);
  m = num.exec(folded);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    // Day first (European), unless that cannot be a date and month first can.
    if (isoDay(+m[3], b, a)) take(m, +m[3], b, a);
    else take(m, +m[3], a, b);
  }
  return best;
}

/**
 * Normalizes an input publication date to "YYYY-MM-DD": ISO timestamps keep their own date
 * part (no time-zone shift), RFC 822 dates ("Wed, 07 Oct 2015 10:00:00 +0200"), written dates
 * in French or English, "dd/mm/yyyy". Null when nothing sensible is found.
 */
export function normalizeDate(input: string, lex: MergedLexicon = LEX): string | null {
  const s = input.trim();
  if (!s) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(s);
  if (iso) return isoDay(+iso[1], +iso[2], +iso[3]);
  const ym = /^(\d{4})(\d{2})(\d{2})(?:$|T)/.exec(s);
  if (ym) return isoDay(+ym[1], +ym[2], +ym[3]);
  const found = findDate(foldText(s), lex);
  if (found) return found.iso;
  const t = Date.parse(s);
  if (Number.isFinite(t)) {
    const d = new Date(t);
    return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  return null;
}

/** What a furniture line of metadata tells. */
export interface LineMeta {
  kind: 'author' | 'agency' | 'source' | 'credit' | 'related' | 'dateline';
  author?: string;
  outlet?: string;
  dateline?: string;
  published?: string;
  /** The place of a wire dateline ("Kharkiv" in "Kharkiv, 11 septembre 2022"). */
  place?: string;
}

/** The media name as usually written when `s` is a known agency or outlet, else null. */
export function knownMedia(s: string, lex: MergedLexicon = LEX): string | null {
  return lex.media.get(squash(foldText(s)).replace(/^the /, '')) ?? lex.media.get(squash(foldText(s))) ?? null;
}


/** True when a byline value names an organization rather than a person. */
export function looksLikeOrg(s: string, lex: MergedLexicon = LEX): boolean {
  const w = words(foldText(s));
  return knownMedia(s, lex) !== null || (w.length > 0 && lex.orgSuffixes.has(w[w.length - 1])) || /^[A-Z0-9]{2,8}$/.test(s.trim());
}


/** True when `s` looks like one or a few person or organization names ("Jane Doe", "Marie de La Tour et Ali Ben Salah"). */
export function looksLikeNames(s: string, lex: MergedLexicon = LEX): boolean {
  const toks = s.trim().split(/\s+/);
  if (toks.length === 0 || toks.length > 8) return false;
  if (!/^\p{Lu}/u.test(toks[0])) return false;
  let named = 0;
  for (const t of toks) {
    if (/^\p{Lu}[\p{L}'’.\-]*$/u.test(t)) named++;
    else if (!lex.nameConnectors.has(foldText(t)) && !/^[dl]['’]\p{Lu}/u.test(t)) return false;
  }
  return named >= 1;
}

/** Splits the value after a label: after the colon when there is one, else after `labelWords` words. */
function valueAfter(line: string, folded: string, label: string): { value: string; colon: boolean } {
  const rest = folded.slice(label.length);
  const colon = /^\s*[:：]/.exec(rest);
  if (colon) {
    // Offsets of folded and original agree for NFC text; fall back to the first colon otherwise.
    const i = line.length === folded.length ? label.length + colon[0].length : line.search(/[:：]/) + 1;
    return { value: squash(line.slice(i)), colon: true };
  }
  const n = label.split(' ').length;
  const toks = squash(line).split(' ');
  return { value: toks.slice(n).join(' '), colon: false };
}

/** The label of `labels` that `folded` starts with (followed by a non-letter), or null. */
function startsWithLabel(folded: string, labels: string[]): string | null {
  for (const l of labels) {
    if (folded.startsWith(l)) {
      const next = folded.charCodeAt(l.length);
      if (Number.isNaN(next) || !/[\p{L}\p{N}]/u.test(folded[l.length])) return l;
    }
  }
  return null;
}

/**
 * Reads one line as metadata furniture: an agency mark ("/ATS", "(AFP)", "— Reuters"), a
 * credit ("Photo: Keystone"), an author ("Auteur: RT France", "By Jane Doe"), a source
 * ("Source: X"), a related-article link ("Lire aussi : …") or a dateline ("DEBKAfile Reportage
 * Exclusif 15 Janvier 2017, 8:28 PM (IDT)"). Null for anything else (body text).
 */
export function classifyMetaLine(rawLine: string, lex: MergedLexicon = LEX): LineMeta | null {
  const line = squash(rawLine);
  if (line.length === 0 || line.length > 200) return null;
  let nWords = 1;
  for (let i = line.indexOf(' '); i >= 0 && nWords <= 24; i = line.indexOf(' ', i + 1)) nWords++;
  if (nWords > 24) return null;
  // Parenthesized whole line: "(Photo: Reuters)", "(AFP)".
  const inner = /^[(\[](.*)[)\]]\.?$/.exec(line)?.[1]?.trim();
  const core = inner ?? line;
  const folded = foldText(core);

  // Agency mark.
  const agency = agencyMark(line, lex);
  if (agency) return { kind: 'agency', outlet: agency };

  if (nWords <= 14) {
    // Credit.
    if (/^©/.test(core) || /^copyright\b/i.test(core)) return { kind: 'credit' };
    const credit = startsWithLabel(folded, lex.creditLabels);
    if (credit) {
      const { value, colon } = valueAfter(core, folded, credit);
      if (colon || value === '' || knownMedia(value, lex) || /^[©(]/.test(value) || (nWords <= 4 && looksLikeNames(value, lex))) return { kind: 'credit' };
    }
    // Source.
    const source = startsWithLabel(folded, lex.sourceLabels);
    if (source) {
      const { value, colon } = valueAfter(core, folded, source);
      const media = knownMedia(value, lex);
      if (colon && value) return media ? { kind: 'source', outlet: media } : { kind: 'source' };
      if (!colon && media) return { kind: 'source', outlet: media };
    }
  }
  // Related-article link.
  const related = startsWithLabel(folded, lex.relatedLabels);
  if (related) {
    const after = folded.slice(related.length);
    if (/^\s*[:：>»→-]/.test(after) || after.trim() === '' || (related.includes(' ') && nWords <= 20)) return { kind: 'related' };
  }
  if (nWords <= 10) {
    // Author.
    const label = startsWithLabel(folded, lex.authorLabels);
    if (label) {
      const { value, colon } = valueAfter(core, folded, label);
      const name = value.split(/\s*[,|•–—]\s*|\s+-\s+/)[0].replace(/[.;]$/, '').trim();
      if (name && (colon ? name.split(' ').length <= 8 : looksLikeNames(name, lex) && !/[.!?]$/.test(value))) {
        const meta: LineMeta = { kind: 'author', author: name };
        const media = knownMedia(name, lex);
        if (media || looksLikeOrg(name, lex)) meta.outlet = media ?? name;
        else {
          // "Par Jeanne Dupont, AFP": an agency after the name.
          const tail = value.slice(name.length).replace(/^[\s,|•–—-]+/, '');
          const tailMedia = tail ? knownMedia(tail, lex) : null;
          if (tailMedia) meta.outlet = tailMedia;
          // "By Jane Doe, Northbridge Wire": a name ending like an organization
          else if (tail && looksLikeNames(tail, lex) && looksLikeOrg(tail, lex)) meta.outlet = tail;
        }
        return meta;
      }
    }
  }
  const dl = datelineOf(line, lex);
  if (dl) return dl;
  return null;
}

/** "/ATS", "(AFP)", "— Reuters", "ats/afp", "(AFP/Reuters)": the agencies as usually written. */
export function agencyMark(line: string, lex: MergedLexicon = LEX): string | null {
  if (line.length > 72) return null; // at most 60 characters of names and a few of marks
  const m = /^([/(\[—–\-•]*)\s*([^()[\]]{1,60}?)\s*([)\]]?)\s*\.?$/.exec(line);
  if (!m) return null;
  const marked = m[1] !== '' || m[3] !== '';
  const parts = m[2].split(/\s*(?:\/|,|\+|&|\bet\b|\band\b)\s*/i).filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 4) return null;
  const names: string[] = [];
  for (const p of parts) {
    const known = lex.media.get(squash(foldText(p)));
    const isAgency = lex.agencies.has(squash(foldText(p)));
    if (isAgency) names.push(known ?? p);
    else if (marked && known) names.push(known);
    else if (marked && /^[A-Z]{2,6}$/.test(p) && m[1].includes('/')) names.push(p);
    else return null;
  }
  // Unmarked: a lone agency name or agencies joined by "/" ("ats/afp").
  if (!marked && !(lex.agencies.has(squash(foldText(parts[0]))) && (parts.length === 1 || m[2].includes('/')))) return null;
  return names.join('/');
}

/**
 * A dateline line: a full date with around it only an outlet name, dateline words
 * ("Reportage", "Exclusif", "Publié le", "Updated"), a time and a time zone.
 */
export function datelineOf(line: string, lex: MergedLexicon = LEX): LineMeta | null {
  if (!/\d{4}/.test(line)) return null;
  const text = squash(line);
  if (text.length > 120) return null;
  const folded = foldText(text);
  const found = findDate(folded, lex);
  if (!found) return null;
  const before = text.slice(0, found.index);
  const after = folded.slice(found.index + found.length);
  // After the date: times, time zones, dateline words only.
  const afterRest = after
    .replace(/\(\s*[a-z]{2,5}\s*\)/g, ' ')
    .replace(/\b\d{1,2}\s*(?:[:h]\s*\d{2})?\s*(?:am|pm|h|gmt|utc)?\b/g, ' ')
    .replace(/[+-]\d{2}:?\d{2}/g, ' ');
  for (const w of words(afterRest)) {
    if (!lex.datelineWords.has(w) && !lex.stopwords.has(w) && !/^(?:gmt|utc|cet|cest|[a-z]{1,2}t|[a-z]{3,4}t)$/.test(w)) return null;
  }
  // Before the date: an optional outlet (capitalized words) then dateline words.
  const toks = before.split(/[\s,|•–—:]+/).filter((t) => t !== '');
  const outletToks: string[] = [];
  let i = 0;
  for (; i < toks.length; i++) {
    const w = foldText(toks[i]).replace(/[^\p{L}\p{N}'&.-]/gu, '');
    if (lex.datelineWords.has(w) || lex.stopwords.has(w) || /^\d/.test(w)) break;
    if (!/\p{Lu}/u.test(toks[i]) && !/\d/.test(toks[i])) return null;
    outletToks.push(toks[i]);
  }
  for (; i < toks.length; i++) {
    const w = foldText(toks[i]).replace(/[^\p{L}\p{N}'&.-]/gu, '');
    if (w === '') continue;
    // A weekday name before the date is fine ("mercredi 11 janvier 2017").
    if (!lex.datelineWords.has(w) && !lex.stopwords.has(w) && !lex.weekdays.has(w)) return null;
  }
  if (outletToks.length > 4) return null;
  const meta: LineMeta = { kind: 'dateline', dateline: text, published: found.iso };
  if (outletToks.length > 0) {
    const name = outletToks.join(' ');
    const media = knownMedia(name, lex);
    // "Kharkiv, 11 septembre 2022", "KYIV, Nov 10, 2022": the name before a comma is the place
    // of a wire dateline, not an outlet (unless it is a known one)
    const placeFirst = /^[^,]+,\s*$/.test(before) || (outletToks.length === 1 && /,/.test(before) && !/\p{Ll}/u.test(outletToks[0].replace(/,$/, '')));
    if (media) meta.outlet = media;
    else if (placeFirst) meta.place = name.replace(/,$/, '');
    else if (!lex.weekdays.has(foldText(name))) meta.outlet = name;
  }
  return meta;
}



/** What a wire dateline opening a paragraph tells. */
export interface InlineDateline {
  /** The agency or outlet in parentheses. */
  outlet: string;
  /** The dateline as written, without the dash ("KYIV, Nov 10, 2022 (Northbridge Wire)"). */
  dateline: string;
  /** The place before the first comma or the parenthesis ("KYIV", "BEYROUTH"). */
  place: string;
  /** The full date of the dateline, ISO, when it has one. */
  published?: string;
}

/**
 * The wire dateline opening a paragraph: "BEYROUTH (AFP) - …", "Damascus, Jan 15 (Reuters) — …",
 * "KYIV, Nov 10, 2022 (Northbridge Wire) - …". Kept in the text (it is part of the sentence);
 * only read as metadata. The name in parentheses is an outlet when it is a known agency, or
 * when the dateline is plainly a wire one (a full date, or a place in capitals) and the name
 * is written like a name.
 */
export function inlineDateline(line: string, lex: MergedLexicon = LEX): InlineDateline | null {
  const m = /^(\p{Lu}[\p{L}'’ .-]{1,40}?(?:,\s*[^()]{1,30}?)?)\s*\(([^()]{2,30})\)\s*[-–—:]\s*/u.exec(line.slice(0, 120));
  if (!m) return null;
  const head = m[1].trim();
  const place = head.split(',')[0].trim();
  const date = findDate(foldText(head), lex);
  let outlet = agencyMark(`(${m[2]})`, lex);
  if (!outlet) {
    const name = squash(m[2]);
    const wire = date !== null || (/^\p{Lu}[\p{Lu}'’ .-]+$/u.test(place) && /\p{Lu}{2}/u.test(place));
    if (!wire || !looksLikeNames(name, lex) || name.split(' ').length > 5) return null;
    outlet = knownMedia(name, lex) ?? name;
  }
  const out: InlineDateline = { outlet, dateline: squash(m[0].replace(/\s*[-–—:]\s*$/, '')), place };
  if (date) out.published = date.iso;
  return out;
}
