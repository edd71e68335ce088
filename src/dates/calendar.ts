/**
 * Calendar arithmetic on plain (year, month, day) triples, free of time zones: every Date
 * made here is UTC noon, and only its UTC fields are read.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

function utc(y: number, m: number, d: number): Date {
  const dt = new Date(Date.UTC(2000, m - 1, d, 12));
  dt.setUTCFullYear(y); // years < 100 and the like stay literal
  return dt;
}

function fromDate(dt: Date): Ymd {
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(a: Ymd, n: number): Ymd {
  const dt = utc(a.y, a.m, a.d);
  dt.setUTCDate(dt.getUTCDate() + n);
  return fromDate(dt);
}

/** Month arithmetic: (2016, 1) + (−1) → (2015, 12). */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const k = y * 12 + (m - 1) + n;
  return { y: Math.floor(k / 12), m: (k % 12 + 12) % 12 + 1 };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(a: Ymd): number {
  return utc(a.y, a.m, a.d).getUTCDay();
}

/** Days from a to b (b − a). */
export function daysBetween(a: Ymd, b: Ymd): number {
  return Math.round((utc(b.y, b.m, b.d).getTime() - utc(a.y, a.m, a.d).getTime()) / 86_400_000);
}

export function isValidYmd(a: Ymd): boolean {
  if (a.m < 1 || a.m > 12 || a.d < 1 || a.d > 31) return false;
  const b = fromDate(utc(a.y, a.m, a.d));
  return b.y === a.y && b.m === a.m && b.d === a.d;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function isoDay(a: Ymd): string {
  return `${pad(a.y, 4)}-${pad(a.m)}-${pad(a.d)}`;
}

export function isoMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

/** ISO 8601 week ("2015-W40"): weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(a: Ymd): string {
  const wd = (weekdayOf(a) + 6) % 7; // Monday 0 … Sunday 6
  const thursday = addDays(a, 3 - wd);
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const week = Math.floor(daysBetween(jan1, thursday) / 7) + 1;
  return `${pad(thursday.y, 4)}-W${pad(week)}`;
}

/** "2015-10-07" (or a longer ISO timestamp) → Ymd, else null. */
export function parseIsoDay(s: string | null | undefined): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s ?? '');
  if (!m) return null;
  const r = { y: +m[1], m: +m[2], d: +m[3] };
  return isValidYmd(r) ? r : null;
}
