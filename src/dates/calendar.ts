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

/**
 * Day numbers (days since 1970-01-01) in the proleptic Gregorian calendar, as Date counts
 * them, without making a Date (H. Hinnant's days_from_civil / civil_from_days), for the
 * triples where utc() below is plain: an integer year within ±200,000, a month 1–12 and a day
 * that exists in that month of a leap year (utc() rolls other days over within the year 2000
 * before setting the year: those keep the Date path, so every answer stays that of Date).
 */
const SAFE_YEAR = 200_000;
const LEAP_MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const safe = (y: number, m: number, d: number): boolean =>
  Number.isInteger(y) && Math.abs(y) < SAFE_YEAR && Number.isInteger(m) && m >= 1 && m <= 12 && Number.isInteger(d) && d >= 1 && d <= LEAP_MONTH_DAYS[m];

function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function fromDayNumber(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function addDays(a: Ymd, n: number): Ymd {
  if (safe(a.y, a.m, a.d) && Number.isInteger(n) && Math.abs(n) < 10_000_000) return fromDayNumber(dayNumber(a.y, a.m, a.d) + n);
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
  if (safe(a.y, a.m, a.d)) return (((dayNumber(a.y, a.m, a.d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return utc(a.y, a.m, a.d).getUTCDay();
}

/** Days from a to b (b − a). */
export function daysBetween(a: Ymd, b: Ymd): number {
  if (safe(a.y, a.m, a.d) && safe(b.y, b.m, b.d)) return dayNumber(b.y, b.m, b.d) - dayNumber(a.y, a.m, a.d);
  return Math.round((utc(b.y, b.m, b.d).getTime() - utc(a.y, a.m, a.d).getTime()) / 86_400_000);
}

export function isValidYmd(a: Ymd): boolean {
  if (a.m < 1 || a.m > 12 || a.d < 1 || a.d > 31) return false;
  if (safe(a.y, a.m, a.d)) return a.d <= 28 || fromDayNumber(dayNumber(a.y, a.m, a.d)).d === a.d;
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
