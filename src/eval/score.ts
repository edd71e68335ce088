/**
 * Vigie's scorer: annotation records (JSON Lines, see docs/EVALUATION.md) against gold records.
 *
 * It is a faithful port of the team's reference scorer `score.py` and gives the same figures on
 * the same files, including Python's quirks, which are reproduced on purpose:
 *   - name folding: Unicode NFKD, then the characters with a non-zero canonical combining class
 *     are dropped (Python's `unicodedata.combining`, which is NOT the same set as JS `\p{M}`:
 *     spacing marks such as Devanagari vowel signs are kept), lower case, `’`/`` ` `` → `'`,
 *     runs of Python-Unicode whitespace, hyphens and underscores → one space, surrounding
 *     ` .,;:"'()` stripped, leading articles removed repeatedly;
 *   - rounding to 3 decimals like Python's `round` (half to even on exact binary ties: 0.8125 → 0.812);
 *   - `places_right` precision denominator `max(found, 1) if found else 0`;
 *   - greedy one-to-one event matching in gold order, NER as multisets;
 *   - measure keys in the order Python's dict would hold them (order of first use);
 *   - JSON printed like Python's `json.dumps` (`", "`, `": "`, `1.0`).
 *
 * Besides the figures, the scorer can report per-document findings (misses, false alarms,
 * wrong values) for `vigie eval --verbose`.
 */

/* ------------------------------------------------------------------ types */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** One gold record (docs/EVALUATION.md). Only the keys present in `gold` are scored. */
export interface GoldRecord {
  id: string | number;
  lang?: string | null;
  published?: string | null;
  outlet?: string | null;
  title?: string | null;
  url?: string | null;
  text?: string;
  gold: GoldAnnotations;
  [k: string]: unknown;
}

export interface GoldAnnotations {
  actors?: { names: string[]; kind?: string }[];
  places?: { names: string[]; country?: string | null; lat: number; lon: number; precision_km?: number | null }[];
  ner?: { text: string; type: string }[];
  dates?: { surface: string; value: string | null }[];
  sources?: string[][];
  events?: GoldEvent[];
}

export interface GoldEvent {
  type: string;
  subtype?: string | null;
  actor1?: string[] | null;
  actor2?: string[] | null;
  place?: string[] | null;
  date?: string | null;
  status?: string | null;
  source?: string[] | null;
  fatalities?: number | null;
}

/** The parts of an annotation record the scorer reads (loosely typed: predictions may be partial). */
export type PredRecord = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The families of measures, as named on the command line, and the result keys each one yields. */
export const MEASURE_FAMILIES = {
  actors: ['actors'],
  places: ['places', 'places_right'],
  ner: ['ner', 'ner_PER', 'ner_ORG', 'ner_LOC'],
  dates: ['dates'],
  sources: ['sources'],
  events: ['events', 'event_subtype', 'event_fine', 'event_actor1', 'event_status'],
} as const;
export type MeasureFamily = keyof typeof MEASURE_FAMILIES;
export const FAMILY_NAMES = Object.keys(MEASURE_FAMILIES) as MeasureFamily[];

/** The family a result key belongs to ("event_status" → "events"). */
export function familyOf(key: string): MeasureFamily | null {
  for (const f of FAMILY_NAMES) if ((MEASURE_FAMILIES[f] as readonly string[]).includes(key)) return f;
  return null;
}

/** Raw counts behind one measure: true positives among predictions / predictions, among gold / gold. */
export interface Counts {
  tpP: number;
  nP: number;
  tpG: number;
  nG: number;
}

export interface PRF {
  p: number;
  r: number;
  f1: number;
}

/** The same object as `score.py --json`: docs, missing_docs, then each measure present. */
export type ScoreJson = { docs: number; missing_docs: number } & Record<string, PRF | number>;

/** What went wrong in one document, for --verbose. */
export interface Finding {
  doc: string;
  family: MeasureFamily;
  /** missed: in the gold, not found; extra: predicted, not in the gold; wrong: found with a wrong value. */
  kind: 'missed' | 'extra' | 'wrong';
  /** The gold or predicted item, readable. */
  item: string;
  /** What was predicted instead, when relevant. */
  detail?: string;
}

export interface ScoreResult {
  docs: number;
  missingDocs: number;
  /** Ids of gold documents with no prediction. */
  missingIds: string[];
  /** Counts per measure key, in order of first use (as score.py's dict). */
  counts: Map<string, Counts>;
  findings: Finding[];
}

/* ------------------------------------------------------------------ Python-compatible helpers */

/** Python's `str(x)` for JSON values (ids may be numbers). */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return pyFloatRepr(v, Number.isInteger(v) && Math.abs(v) < 1e16 ? 'int' : 'float');
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (typeof v === 'object') {
    return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
  }
  return String(v);
}

function pyRepr(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return pyStr(v);
}

/** Python's repr of a number: "1.0" for integral floats, shortest round-trip digits otherwise. */
function pyFloatRepr(x: number, kind: 'int' | 'float'): string {
  if (kind === 'int') return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return x.toFixed(1);
  // JS and Python both print the shortest round-trip digits; only the exponent style differs.
  const s = String(x);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
}

/** Python's `round(x, 3)` on a float: exact decimal rounding, half to even on exact ties. */
export function pyRound3(x: number): number {
  if (!Number.isFinite(x)) return x;
  const m = Math.round(x * 2000);
  // An exact tie is x = m/2000 with m odd; it is representable only when 125 divides m (x = j/16).
  if (m % 2 !== 0 && m % 125 === 0 && m / 2000 === x) {
    const lo = (m - 1) / 2;
    const k = lo % 2 === 0 ? lo : lo + 1;
    return k / 1000;
  }
  return Number(x.toFixed(3));
}

/** Python's whitespace (str.isspace, and `\s` in str patterns). */
const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_HYPHEN_RUN = new RegExp(`[${PY_WS}\\-_]+`, 'g');
const LEAD_WS = new RegExp(`^[${PY_WS}]+`);
const TRAIL_WS = new RegExp(`[${PY_WS}]+$`);
const STRIP_CHARS = new Set([' ', '.', ',', ';', ':', '"', "'", '(', ')']);
const ARTICLES = /^(le |la |les |l'|the |al-|el-|d'|du |des |de la |de l')/;
const NON_ASCII = /[^\x00-\x7f]/;

/** Python's `s.strip(chars)`. */
function stripChars(s: string, chars: Set<string>): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.has(s[a])) a++;
  while (b > a && chars.has(s[b - 1])) b--;
  return s.slice(a, b);
}

function pyStripWs(s: string): string {
  return s.replace(LEAD_WS, '').replace(TRAIL_WS, '');
}

const combiningCache = new Map<number, boolean>();
/**
 * True when the code point has a non-zero canonical combining class (Python's
 * `unicodedata.combining(c) != 0`). JavaScript exposes no combining classes, so canonical
 * reordering is used as a probe: a mark with class > 0 is reordered before U+0345 (class 240)
 * unless its own class is 240, and after U+0334 (class 1) unless its own class is 1.
 */
function isCombining(cp: number): boolean {
  let v = combiningCache.get(cp);
  if (v === undefined) {
    const s = String.fromCodePoint(cp);
    v = ('\u0345' + s).normalize('NFD') === s + '\u0345' || (s + '\u0334').normalize('NFD') === '\u0334' + s;
    combiningCache.set(cp, v);
  }
  return v;
}

/** Folds a name for comparison, exactly as score.py's `norm`. */
export function norm(x: unknown): string {
  if (x === null || x === undefined) return '';
  let s = typeof x === 'string' ? x : pyStr(x);
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKD');
    let out = '';
    for (const ch of s) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x300 || !isCombining(cp)) out += ch;
    }
    s = out;
  }
  s = s.toLowerCase().replace(/\u2019/g, "'").replace(/`/g, "'");
  s = stripChars(s.replace(WS_HYPHEN_RUN, ' '), STRIP_CHARS);
  let prev: string | null = null;
  while (prev !== s) {
    prev = s;
    s = pyStripWs(s.replace(ARTICLES, ''));
  }
  return s;
}

/** The folded names of a predicted entity or place: its name, mentions' text and aliases. */
export function namesOf(obj: PredRecord | null | undefined): Set<string> {
  const out = new Set<string>([norm(obj?.name)]);
  for (const m of asList(obj?.mentions)) out.add(norm(m?.text));
  for (const a of asList(obj?.aliases)) out.add(norm(a));
  out.delete('');
  return out;
}

/** Python's `x or []` for a list-valued field. */
function asList(v: unknown): any[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  return Array.isArray(v) ? v : [];
}

/** Python truthiness for JSON values. */
function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) return true;
  return false;
}

const RAD = Math.PI / 180;
/** Great-circle distance in km (haversine, as score.py). */
export function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = 6371.0;
  const p1 = aLat * RAD;
  const p2 = bLat * RAD;
  const dp = p2 - p1;
  const dl = (bLon - aLon) * RAD;
  const s1 = Math.sin(dp / 2);
  const s2 = Math.sin(dl / 2);
  const h = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
  return 2 * r * Math.asin(Math.min(1.0, Math.sqrt(h)));
}

/** p, r, f1 from counts (unrounded). */
export function prf(c: Counts): PRF {
  const p = c.nP ? c.tpP / c.nP : 0.0;
  const r = c.nG ? c.tpG / c.nG : 0.0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0.0;
  return { p, r, f1 };
}

/**
 * Gold "XXXX-10-28" matches any year; the coarser of the two values must agree on the
 * characters both have; ISO weeks ("2015-W40") compare by year only.
 */
export function dateCompatible(gold: unknown, pred: unknown): boolean {
  if (!truthy(gold) || !truthy(pred)) return !truthy(gold) || gold === pred;
  const g = [...pyStr(gold)];
  const p = [...pyStr(pred)];
  if (g.includes('W') || p.includes('W')) return g.slice(0, 4).join('') === p.slice(0, 4).join('');
  const n = Math.min(g.length, p.length);
  for (let i = 0; i < n; i++) {
    if (g[i] === 'X') continue;
    if (g[i] !== p[i]) return false;
  }
  return true;
}

/** The coarse event type: the folded part before "/". */
export function coarseType(t: unknown): string {
  return pyStripWs(norm(t).split('/')[0]);
}

/* ------------------------------------------------------------------ scoring */

class Totals {
  readonly c = new Map<string, Counts>();
  add(key: string, tpP: number, nP: number, tpG: number, nG: number): void {
    let a = this.c.get(key);
    if (!a) {
      a = { tpP: 0, nP: 0, tpG: 0, nG: 0 };
      this.c.set(key, a);
    }
    a.tpP += tpP;
    a.nP += nP;
    a.tpG += tpG;
    a.nG += nG;
  }
}

type Emit = (f: Omit<Finding, 'doc'>) => void;

function first(names: unknown): string {
  const l = asList(names);
  return l.length ? String(l[0]) : '-';
}

/** Scores one document into the totals; `emit` receives the findings. */
function scoreDoc(g: GoldRecord, p: PredRecord, T: Totals, emit: Emit): void {
  const gold = g.gold ?? {};
  const ents = asList(p.entities).filter((e) => (e?.kind || '') !== 'place');
  const entNames = ents.map(namesOf);
  const entById = new Map<unknown, Set<string>>();
  ents.forEach((e, i) => {
    if (e?.id !== null && e?.id !== undefined) entById.set(e.id, entNames[i]);
  });
  const places = asList(p.places);
  const placeNames = places.map(namesOf);
  const placeById = new Map<unknown, PredRecord>();
  for (const pl of places) if (pl?.id !== null && pl?.id !== undefined) placeById.set(pl.id, pl);

  if ('actors' in gold) scoreActors(gold, ents, entNames, T, emit);
  if ('places' in gold) scorePlaces(gold, places, placeNames, T, emit);
  if ('ner' in gold) scoreNer(gold, ents, places, T, emit);
  if ('dates' in gold) scoreDates(gold, p, T, emit);
  if ('sources' in gold) scoreSources(gold, p, entById, T, emit);
  if ('events' in gold) scoreEvents(gold, p, entById, placeById, T, emit);
}

function scoreActors(gold: GoldAnnotations, ents: PredRecord[], entNames: Set<string>[], T: Totals, emit: Emit): void {
  const golds = asList(gold.actors);
  const sets = golds.map((a) => new Set(asList(a.names).map(norm)));
  const tpG = sets.filter((gs) => entNames.some((en) => intersects(gs, en))).length;
  const tpP = entNames.filter((en) => sets.some((gs) => intersects(gs, en))).length;
  T.add('actors', tpP, ents.length, tpG, sets.length);
  golds.forEach((a, i) => {
    if (!entNames.some((en) => intersects(sets[i], en))) emit({ family: 'actors', kind: 'missed', item: first(a.names) });
  });
  ents.forEach((e, i) => {
    if (!sets.some((gs) => intersects(gs, entNames[i]))) emit({ family: 'actors', kind: 'extra', item: `${e?.name ?? '?'} (${e?.kind ?? '?'})` });
  });
}

function scorePlaces(gold: GoldAnnotations, places: PredRecord[], placeNames: Set<string>[], T: Totals, emit: Emit): void {
  const golds = asList(gold.places);
  let found = 0;
  let right = 0;
  for (const gp of golds) {
    const gs = new Set(asList(gp.names).map(norm));
    const tol = Math.max(161.0, Number(gp.precision_km ?? 0));
    const cands = places.filter((_, i) => intersects(gs, placeNames[i]));
    if (cands.length) {
      found++;
      if (cands.some((pl) => pl?.lat !== null && pl?.lat !== undefined && km(gp.lat, gp.lon, pl.lat, pl.lon) <= tol)) right++;
      else {
        const near = cands
          .map((c) => `${c?.name ?? '?'} (${c?.lat ?? '?'}, ${c?.lon ?? '?'})${c?.lat != null ? ` ${Math.round(km(gp.lat, gp.lon, c.lat, c.lon))} km off` : ''}`)
          .join('; ');
        emit({ family: 'places', kind: 'wrong', item: `${first(gp.names)} (${gp.lat}, ${gp.lon})`, detail: near });
      }
    } else emit({ family: 'places', kind: 'missed', item: first(gp.names) });
  }
  const goldSets = golds.map((gp) => new Set(asList(gp.names).map(norm)));
  let tpP = 0;
  places.forEach((pl, i) => {
    if (goldSets.some((gs) => intersects(gs, placeNames[i]))) tpP++;
    else emit({ family: 'places', kind: 'extra', item: `${pl?.name ?? '?'}${pl?.country ? ` [${pl.country}]` : ''}` });
  });
  T.add('places', tpP, places.length, found, golds.length);
  T.add('places_right', right, found ? Math.max(found, 1) : 0, right, golds.length);
}

function scoreNer(gold: GoldAnnotations, ents: PredRecord[], places: PredRecord[], T: Totals, emit: Emit): void {
  const key = (text: unknown, type: unknown): string => JSON.stringify([norm(text), pyStr(type)]);
  const pred = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const e of ents) {
    const t = e?.kind === 'person' ? 'PER' : e?.kind === 'place' ? 'LOC' : 'ORG';
    for (const m of asList(e?.mentions)) bump(pred, key(m?.text, t));
  }
  for (const pl of places) for (const m of asList(pl?.mentions)) bump(pred, key(m?.text, 'LOC'));
  const goldc = new Map<string, number>();
  for (const m of asList(gold.ner)) bump(goldc, key(m.text, m.type));
  const typeOf = (k: string): string => (JSON.parse(k) as string[])[1];
  const sum = (m: Map<string, number>, t?: string): number => {
    let n = 0;
    for (const [k, c] of m) if (t === undefined || typeOf(k) === t) n += c;
    return n;
  };
  const tp = (t?: string): number => {
    let n = 0;
    for (const [k, c] of goldc) if (t === undefined || typeOf(k) === t) n += Math.min(c, pred.get(k) ?? 0);
    return n;
  };
  const all = tp();
  T.add('ner', all, sum(pred), all, sum(goldc));
  for (const t of ['PER', 'ORG', 'LOC']) {
    const x = tp(t);
    T.add('ner_' + t, x, sum(pred, t), x, sum(goldc, t));
  }
  for (const [k, c] of goldc) {
    const miss = c - Math.min(c, pred.get(k) ?? 0);
    if (miss > 0) {
      const [text, t] = JSON.parse(k) as string[];
      emit({ family: 'ner', kind: 'missed', item: `${text} ${t}${miss > 1 ? ` ×${miss}` : ''}` });
    }
  }
  for (const [k, c] of pred) {
    const extra = c - Math.min(c, goldc.get(k) ?? 0);
    if (extra > 0) {
      const [text, t] = JSON.parse(k) as string[];
      emit({ family: 'ner', kind: 'extra', item: `${text} ${t}${extra > 1 ? ` ×${extra}` : ''}` });
    }
  }
}

function scoreDates(gold: GoldAnnotations, p: PredRecord, T: Totals, emit: Emit): void {
  const pdates = asList(p.dates);
  const golds = asList(gold.dates);
  let ok = 0;
  for (const gd of golds) {
    const gsurf = norm(gd.surface);
    const hit = pdates.filter((d) => {
      const t = norm(d?.text);
      return t !== '' && (gsurf.includes(t) || t.includes(gsurf));
    });
    if (hit.some((d) => dateCompatible(gd.value, d?.value ?? null))) ok++;
    else {
      emit({
        family: 'dates',
        kind: hit.length ? 'wrong' : 'missed',
        item: `"${gd.surface}" = ${gd.value ?? 'null'}`,
        detail: hit.length ? hit.map((d) => `"${d?.text}" = ${d?.value ?? 'null'}`).join('; ') : undefined,
      });
    }
  }
  T.add('dates', ok, golds.length, ok, golds.length);
}

function scoreSources(gold: GoldAnnotations, p: PredRecord, entById: Map<unknown, Set<string>>, T: Totals, emit: Emit): void {
  const atts = asList(p.attributions);
  const attNames = atts.map((a) => {
    const s = new Set<string>();
    const src = a?.source;
    if (src !== null && src !== undefined && entById.has(src)) for (const n of entById.get(src)!) s.add(n);
    s.add(norm(a?.source_text));
    s.delete('');
    return s;
  });
  const golds = asList(gold.sources);
  const gsrc = golds.map((names) => new Set(asList(names).map(norm)));
  const tpG = gsrc.filter((gs) => attNames.some((an) => intersects(gs, an))).length;
  const tpP = attNames.filter((an) => gsrc.some((gs) => intersects(gs, an))).length;
  T.add('sources', tpP, atts.length, tpG, gsrc.length);
  golds.forEach((names, i) => {
    if (!attNames.some((an) => intersects(gsrc[i], an))) emit({ family: 'sources', kind: 'missed', item: first(names) });
  });
  atts.forEach((a, i) => {
    if (!gsrc.some((gs) => intersects(gs, attNames[i]))) emit({ family: 'sources', kind: 'extra', item: `${a?.source_text ?? '?'} (${a?.cue ?? '?'})` });
  });
}

function describeEvent(type: unknown, subtype: unknown, place: string, date: unknown): string {
  return `${type ?? '?'} · ${subtype ?? '-'} at ${place}, date ${date ?? '-'}`;
}

function scoreEvents(
  gold: GoldAnnotations,
  p: PredRecord,
  entById: Map<unknown, Set<string>>,
  placeById: Map<unknown, PredRecord>,
  T: Totals,
  emit: Emit,
): void {
  const pev = asList(p.events);
  const golds = asList(gold.events) as GoldEvent[];
  const entName = new Map<unknown, string>();
  for (const e of asList(p.entities)) if (e?.id != null && typeof e?.name === 'string') entName.set(e.id, e.name);
  const used = new Set<number>();
  const matched: [GoldEvent, PredRecord][] = [];
  for (const ge of golds) {
    const gplace = new Set(asList(ge.place).map(norm));
    const gtype = coarseType(ge.type);
    let hit = false;
    for (let i = 0; i < pev.length; i++) {
      const pe = pev[i];
      if (used.has(i) || coarseType(pe?.type) !== gtype) continue;
      const pl = pe?.place === null || pe?.place === undefined ? undefined : placeById.get(pe.place);
      if (gplace.size && (pl === undefined || !intersects(gplace, namesOf(pl)))) continue;
      if (!dateCompatible(ge.date ?? null, pe?.date ?? null)) continue;
      used.add(i);
      matched.push([ge, pe]);
      hit = true;
      break;
    }
    if (!hit) emit({ family: 'events', kind: 'missed', item: describeEvent(ge.type, ge.subtype, first(ge.place), ge.date) });
  }
  pev.forEach((pe, i) => {
    if (!used.has(i)) {
      const pl = placeById.get(pe?.place);
      emit({ family: 'events', kind: 'extra', item: describeEvent(pe?.type, pe?.subtype, pl?.name ?? (pe?.place ? String(pe.place) : '-'), pe?.date) });
    }
  });
  T.add('events', matched.length, pev.length, matched.length, golds.length);
  const subtyped = matched.filter(([ge]) => truthy(ge.subtype));
  let sub = 0;
  for (const [ge, pe] of subtyped) {
    if (norm(pe?.subtype) === norm(ge.subtype)) sub++;
    else emit({ family: 'events', kind: 'wrong', item: `subtype of ${describeEvent(ge.type, ge.subtype, first(ge.place), ge.date)}`, detail: String(pe?.subtype ?? null) });
  }
  T.add('event_subtype', sub, subtyped.length, sub, subtyped.length);
  const nGoldSub = golds.filter((ge) => truthy(ge.subtype)).length;
  T.add('event_fine', sub, pev.length, sub, nGoldSub);
  let a1 = 0;
  for (const [ge, pe] of matched) {
    const gnames = new Set(asList(ge.actor1).map(norm));
    const pnames = new Set<string>();
    for (const aid of asList(pe?.actor1)) for (const n of entById.get(aid) ?? new Set([norm(aid)])) pnames.add(n);
    if (gnames.size && intersects(gnames, pnames)) a1++;
    else if (gnames.size) {
      emit({ family: 'events', kind: 'wrong', item: `actor1 of ${describeEvent(ge.type, ge.subtype, first(ge.place), ge.date)}: ${first(ge.actor1)}`, detail: asList(pe?.actor1).map((a) => entName.get(a) ?? String(a)).join(', ') || '(none)' });
    }
  }
  const nA1 = matched.filter(([ge]) => truthy(ge.actor1)).length;
  T.add('event_actor1', a1, nA1, a1, nA1);
  const withStatus = matched.filter(([ge]) => truthy(ge.status));
  let st = 0;
  for (const [ge, pe] of withStatus) {
    if (norm(pe?.status) === norm(ge.status)) st++;
    else emit({ family: 'events', kind: 'wrong', item: `status of ${describeEvent(ge.type, ge.subtype, first(ge.place), ge.date)}: ${ge.status}`, detail: String(pe?.status ?? null) });
  }
  T.add('event_status', st, withStatus.length, st, withStatus.length);
}

/**
 * Scores predictions against gold records. Predictions are looked up by `str(id)` like
 * score.py; a gold document without a prediction is scored as an empty prediction and counted
 * in `missing_docs`.
 */
export function score(golds: GoldRecord[], preds: Iterable<PredRecord> | Map<string, PredRecord>): ScoreResult {
  const byId = preds instanceof Map ? preds : new Map<string, PredRecord>();
  if (!(preds instanceof Map)) for (const d of preds) byId.set(pyStr(d?.id), d);
  const T = new Totals();
  const findings: Finding[] = [];
  const missingIds: string[] = [];
  for (const g of golds) {
    const id = pyStr(g.id);
    let p = byId.get(id);
    if (p === undefined) {
      missingIds.push(id);
      p = {};
    }
    scoreDoc(g, p, T, (f) => findings.push({ doc: id, ...f }));
  }
  return { docs: golds.length, missingDocs: missingIds.length, missingIds, counts: T.c, findings };
}

/** The object `score.py --json` prints, optionally limited to some families of measures. */
export function toScoreJson(res: ScoreResult, families?: readonly MeasureFamily[]): ScoreJson {
  const out: Record<string, PRF | number> = { docs: res.docs, missing_docs: res.missingDocs };
  for (const [k, c] of res.counts) {
    if (families && !families.includes(familyOf(k) as MeasureFamily)) continue;
    const v = prf(c);
    out[k] = { p: pyRound3(v.p), r: pyRound3(v.r), f1: pyRound3(v.f1) };
  }
  return out as ScoreJson;
}

/** A number Python holds as a float (so that 1 prints "1.0"). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** JSON text formatted as Python's `json.dumps` (separators ", " and ": ", ASCII only). */
export function pyJsonDumps(v: unknown): string {
  if (v instanceof PyFloat) return pyFloatRepr(v.value, 'float');
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return pyFloatRepr(v, Number.isInteger(v) ? 'int' : 'float');
  if (typeof v === 'string') return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  if (Array.isArray(v)) return '[' + v.map(pyJsonDumps).join(', ') + ']';
  return '{' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyJsonDumps(k)}: ${pyJsonDumps(x)}`).join(', ') + '}';
}

/** The score object as `score.py --json` prints it, byte for byte. */
export function scoreJsonText(obj: ScoreJson): string {
  const wrapped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    wrapped[k] = typeof v === 'number' ? v : { p: new PyFloat(v.p), r: new PyFloat(v.r), f1: new PyFloat(v.f1) };
  }
  return pyJsonDumps(wrapped);
}

/* ------------------------------------------------------------------ reading JSON Lines */

/** Splits a file's text into lines like Python's universal newlines, skipping blank lines. */
export function jsonLines(text: string): { line: number; value: unknown }[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: { line: number; value: unknown }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (pyStripWs(l) === '') continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(l) });
    } catch (e) {
      throw new Error(`line ${i + 1}: invalid JSON (${(e as Error).message})`);
    }
  }
  return out;
}

/** Parses gold JSON Lines; throws with the line number on a malformed record. */
export function parseGold(text: string): GoldRecord[] {
  return jsonLines(text).map(({ line, value }) => {
    const r = value as GoldRecord;
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new Error(`line ${line}: a gold record must be a JSON object`);
    if (!('id' in r)) throw new Error(`line ${line}: the gold record has no "id"`);
    if (typeof r.gold !== 'object' || r.gold === null || Array.isArray(r.gold)) throw new Error(`line ${line}: the gold record has no "gold" object`);
    return r;
  });
}

/** Parses prediction JSON Lines (annotation records). */
export function parsePredictions(text: string): PredRecord[] {
  return jsonLines(text).map(({ value }) => value as PredRecord);
}
