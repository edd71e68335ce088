/**
 * From chrono results to Vigie's DateMention: the value at the precision the text supports,
 * the flags, and the anaphoric days ("le lendemain") resolved against the date mentioned last.
 */
import type { ParsingComponents, ParsingResult } from 'chrono-node';
import type { DateMention, DatePrecision } from '../document.js';
import { addDays, isoDay, isoMonth, isoWeek, isValidYmd, type Ymd } from './calendar.js';
import { SPACE } from '../match/units.js';
import { ANAPHORA_PREFIX, FLAG_PREFIX, PRECISION_PREFIX, tagsOf } from './common/tags.js';

/** Without a publication date, chrono still needs a reference: this placeholder year marks what came from it. */
export const PLACEHOLDER_YEAR = 1000;
const fromPlaceholder = (y: number | null): boolean => y !== null && Math.abs(y - PLACEHOLDER_YEAR) <= 5;

/** A date mention before anaphora resolution: the offset in days when anaphoric. */
export interface RawMention extends DateMention {
  anaphora?: number;
}

/**
 * One mention from a chrono result. A range ("du 19 au 23 juillet", "mercredi 3 avril au
 * samedi 6 avril") gives two mentions, its start and its end, cut at the connector.
 */
export function toMentions(r: ParsingResult, offset: number, hasReference: boolean, connector: RegExp): RawMention[] {
  if (r.end) {
    const c = connector.exec(r.text);
    if (c && c.index > 0) {
      const left = toMention(r, r.start, r.index, r.text.slice(0, c.index), offset, hasReference);
      const right = toMention(r, r.end, r.index + c.index + c[0].length, r.text.slice(c.index + c[0].length), offset, hasReference);
      return [left, right].filter((m): m is RawMention => m !== null);
    }
  }
  const m = toMention(r, r.start, r.index, r.text, offset, hasReference);
  return m ? [m] : [];
}

function toMention(r: ParsingResult, s: ParsingComponents, index: number, rtext: string, offset: number, hasReference: boolean): RawMention | null {
  const tags = tagsOf(r);
  let precision: DatePrecision | null = null;
  let anaphora: number | undefined;
  const flags: string[] = [];
  for (const t of tags) {
    if (t.startsWith(PRECISION_PREFIX)) precision = t.slice(PRECISION_PREFIX.length) as DatePrecision;
    else if (t.startsWith(ANAPHORA_PREFIX)) anaphora = Number(t.slice(ANAPHORA_PREFIX.length));
    else if (t.startsWith(FLAG_PREFIX)) flags.push(t.slice(FLAG_PREFIX.length));
  }
  if (!precision) {
    if (s.isCertain('day') || s.isCertain('weekday')) precision = 'day';
    else if (s.isCertain('month')) precision = 'month';
    else if (s.isCertain('year')) precision = 'year';
    else return null;
  }
  // chrono keeps separators at the edges ("Mercredi,", "(lundi)"): trim them
  let lead = 0;
  while (lead < rtext.length && LEAD[rtext.charCodeAt(lead)]) lead++;
  let stop = rtext.length;
  while (stop > lead && TRAIL[rtext.charCodeAt(stop - 1)]) stop--;
  let text = rtext.slice(lead, stop);
  // an unclosed parenthesis at the end ("8:28 PM (IDT"): cut it off
  const open = text.lastIndexOf('(');
  if (open > 0 && !text.includes(')', open)) text = text.slice(0, open).trimEnd();
  if (!text) return null;
  const start = offset + index + lead;
  const mention: RawMention = { start, end: start + text.length, text, value: null, precision };
  if (anaphora !== undefined) {
    mention.anaphora = anaphora;
  } else {
    const y = s.get('year');
    const ymd: Ymd = { y: y ?? 0, m: s.get('month') ?? 1, d: s.get('day') ?? 1 };
    const yearKnown = hasReference ? y !== null : s.isCertain('year') && !fromPlaceholder(y);
    const fromRef = !hasReference && (fromPlaceholder(y) && s.isCertain('year'));
    const dayKnown = s.isCertain('day') && s.isCertain('month');
    if (fromRef || (!hasReference && precision === 'day' && !dayKnown)) {
      mention.value = null; // relative to an unknown publication date ("hier", "mercredi")
    } else if (yearKnown) {
      mention.value =
        precision === 'day' ? (isValidYmd(ymd) ? isoDay(ymd) : null)
        : precision === 'week' ? isoWeek(ymd)
        : precision === 'month' ? isoMonth(ymd.y, ymd.m)
        : String(ymd.y).padStart(4, '0');
    } else if (precision === 'day' && dayKnown) {
      mention.value = `XXXX-${isoDay({ y: 2000, m: ymd.m, d: ymd.d }).slice(5)}`;
    } else if (precision === 'month' && s.isCertain('month')) {
      mention.value = `XXXX-${String(ymd.m).padStart(2, '0')}`;
    }
  }
  if (flags.length) mention.flags = flags;
  return mention;
}

/** What chrono's edges may keep and a mention drops: white space (JavaScript's \s) and , ; : ( [ « " before, , ; : ) ] » " after. */
const LEAD = SPACE.slice();
const TRAIL = SPACE.slice();
for (const ch of ',;:([«"') LEAD[ch.charCodeAt(0)] = 1;
for (const ch of ',;:)]»"') TRAIL[ch.charCodeAt(0)] = 1;

/**
 * Resolves anaphoric days in text order: "le lendemain" = the day after the date mentioned
 * last (a day-precision mention with a value); "la veille du 25 janvier" = the day before the
 * date that follows. A year-less anchor ("XXXX-10-28") gives a year-less day.
 */
export function resolveAnaphora(mentions: RawMention[], text: string, anchorOf: RegExp | null): void {
  let last: RawMention | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.anaphora !== undefined) {
      let anchor = last;
      const next = mentions[i + 1];
      if (anchorOf && next && next.anaphora === undefined && next.precision === 'day' && next.value) {
        const between = text.slice(m.end, next.start);
        if (anchorOf.test(between)) anchor = next;
      }
      if (anchor?.value) m.value = shift(anchor.value, m.anaphora);
    }
    if (m.precision === 'day') last = m; // a day of unknown value makes the next "lendemain" unknown too
  }
  for (const m of mentions) delete m.anaphora;
}

function shift(value: string, days: number): string | null {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (full) return isoDay(addDays({ y: +full[1], m: +full[2], d: +full[3] }, days));
  const open = /^XXXX-(\d{2})-(\d{2})$/.exec(value);
  if (open) return `XXXX-${isoDay(addDays({ y: 2001, m: +open[1], d: +open[2] }, days)).slice(5)}`;
  return null;
}
