/**
 * The events stage: reads each sentence for event triggers (language data: src/lang/<code>/events.json)
 * and builds typed events (ACLED types and sub-types + Diplomacy) with their actors, place,
 * date, fatalities, status and evidence.
 *
 * Light, fast heuristics over the mentions the earlier stages found (doc.entities, doc.places,
 * doc.dates):
 * - trigger → type/sub-type; cue words near the trigger refine the sub-type (aviation → Air/drone
 *   strike); the kind of actor1 decides territorial sub-types (a state regains, a non-state actor
 *   overtakes);
 * - roles: "entre X et Y"; passive agent ("par X"); the noun trigger's complement ("frappes de
 *   l'aviation russe"); the subject (nearest actor before the trigger in its clause); targets
 *   ("contre X", "visant X"), former holders ("aux mains de X"), partners ("avec X"); coordinated
 *   actors ("X et Y");
 * - place: the nearest place in the sentence not introduced as a destination ("vers X"), else the
 *   last place of the previous sentence of the same paragraph, else null;
 * - date: the nearest date in the sentence (a year after "depuis"/"since" is skipped), else the
 *   publication month (the article implies its period), else null;
 * - fatalities: figures (digits, number words, vague quantities) next to death words; wounded
 *   are not counted; the lowest figure wins (ACLED's rule);
 * - status: negated, planned (modals, intention, conditional mood), reported (hearsay
 *   conditional "auraient été"), else asserted; the attribution stage adds sources.
 * Events of the same type that agree on actors, place and date are merged within a document.
 */
import type { Attribution, ConflictEvent, DateMention, Doc, Entity, EventStatus, Mention, Place, Span } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { EventLexicon, TriggerEntry } from './lexicon.js';
import { Phrases, findAll, patternSource, sentencesOf, sortByStart, tokenAt, tokensOf, type PhraseMatch, type Sentence } from './patterns.js';
import { allMentions, findAttributions, scanGroups, type AttributionScan, type MentionRef } from '../attribution/index.js';
import { CROWD_ACTORS, countryName } from './taxonomy.js';
import { codeUnitTable } from '../match/units.js';
import type { AttributionLexicon } from '../attribution/lexicon.js';
import { objectList } from '../common/arrays.js';

/** Group ids of the cue lists inside the one scanner (see compileEventLexicon). */
interface Groups {
  passive: number;
  target: number;
  heldBy: number;
  partner: number;
  between: number;
  anaphora: number;
  actorLocative: number;
  placeLocative: number;
  destination: number;
  negation: number;
  negParticle: number;
  negCompletion: number;
  planned: number;
  plannedImmediate: number;
  hearsay: number;
  hypothetical: number;
  death: number;
  wounded: number;
  vague: number;
  clauseBreak: number;
  since: number;
  conjunction: number;
  coref: number;
  nonEvent: number;
}

interface Compiled {
  /** One token-map scanner over the triggers (groups 0..n-1, one overlap class) and every cue list. */
  scanner: Phrases;
  nTriggers: number;
  g: Groups;
  refiners: Map<string, number>;
  conj: RegExp;
  genitive: RegExp;
  nonActorKinds: Set<string>;
  conditional: RegExp | null;
  /** The conditional endings alone: a quick necessary test before `conditional`. */
  condGate: RegExp | null;
  /**
   * The conditional endings when each is ASCII lower-case letters other than k and s (letters no
   * other character matches case-insensitively): condGate is then read by condGateAt, without a slice.
   */
  condPlain: string[] | null;
  condExceptions: Set<string>;
  numberRe: RegExp;
  /**
   * numberRe, sticky, tried only where a figure may start (see numbersIn), with the ASCII code
   * units a figure may start with (digits and what matches a number word's first letter); null
   * when some number word starts with no letter (numberRe is then run as is).
   */
  numberAt: RegExp | null;
  numberFirst: Uint8Array;
  /**
   * True when every code unit a number word may start with (its first character, any case) is a
   * letter or number and that character is in the BMP: numbersIn then tries only word tokens' starts.
   */
  numberTokens: boolean;
  /** Per pair of ASCII code units (first * 128 + second): 1 when a figure may start with them (see numberPairTable). */
  numberPair: Uint8Array;
  vagueValues: Map<string, number>;
  /** fold() of the vague quantities met so far (by their text). */
  vagueKeys: Map<string, string>;
  hasNegSplit: boolean;
  /** The scanner groups whose matches' text is read (triggers and vague quantities); the others' text is left ''. */
  textOf: Uint8Array;
  /** The lists of groups (what `scanner` was built from) and their overlap classes. */
  groups: string[][];
  classes: number[];
  /** Scanners over this lexicon's groups followed by an attribution lexicon's (see withAttribution). */
  joint: WeakMap<AttributionLexicon, Joint>;
}

/** One scanner for the events lexicon's groups (0..attBase-1) and the attribution stage's scanGroups (attBase..). */
interface Joint {
  scanner: Phrases;
  attBase: number;
  textOf: Uint8Array;
}

/** The scanner that reads a sentence once for both the events and the attribution stage. */
function withAttribution(c: Compiled, attLex: AttributionLexicon): Joint {
  // one document after another asks with the same lexicons: the last pair is checked first
  if (lastJoint !== null && lastJoint.c === c && lastJoint.att === attLex) return lastJoint.j;
  let j = c.joint.get(attLex);
  if (j) {
    lastJoint = { c, att: attLex, j };
    return j;
  }
  const groups = c.groups.slice();
  const classes = c.classes.slice();
  const attBase = groups.length;
  for (const forms of scanGroups(attLex)) {
    groups.push(forms);
    classes.push(groups.length); // a class of its own, as in the events lists
  }
  const textOf = new Uint8Array(groups.length);
  textOf.set(c.textOf);
  // the attribution stage reads the text of its cues (groups 0 and 1)
  textOf[attBase] = 1;
  textOf[attBase + 1] = 1;
  j = { scanner: new Phrases(groups, classes), attBase, textOf };
  c.joint.set(attLex, j);
  lastJoint = { c, att: attLex, j };
  return j;
}
let lastJoint: { c: Compiled; att: AttributionLexicon; j: Joint } | null = null;

const compiledCache = new WeakMap<EventLexicon, Compiled>();

function alt(forms: readonly string[]): string {
  return forms.length ? [...forms].sort((x, y) => y.length - x.length).map(patternSource).join('|') : '(?!)';
}

function fold(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The last lexicon compiled or asked for, checked before the WeakMap (documents of one language follow each other). */
let lastLex: EventLexicon | null = null;
let lastCompiled: Compiled | null = null;

export function compileEventLexicon(lex: EventLexicon): Compiled {
  if (lex === lastLex) return lastCompiled!;
  let c = compiledCache.get(lex);
  if (c) {
    lastLex = lex;
    lastCompiled = c;
    return c;
  }
  const numWords = [...Object.keys(lex.fatalities.numbers), ...Object.keys(lex.fatalities.multipliers)];
  const joiners = lex.fatalities.joiners;
  const wordAlt = numWords
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[-]/g, '[-‑]').replace(/\s+/g, '\\s+'))
    .join('|');
  const joinAlt = joiners.length ? `|[\\s\\u00a0]+(?:${joiners.join('|')})[\\s\\u00a0]+` : '';
  const numberRe = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:\\d{1,3}(?:[\\u00a0\\u202f ,.]\\d{3})+|\\d+|(?:${wordAlt})(?:(?:[-‑\\s\\u00a0]+${joinAlt})(?:${wordAlt}))*)(?![\\p{L}\\p{N}])`,
    'giu',
  );
  const groups: string[][] = lex.triggers.map((t) => t.forms);
  const classes: number[] = lex.triggers.map(() => 0);
  const add = (forms: readonly string[]): number => {
    groups.push([...forms]);
    classes.push(groups.length);
    return groups.length - 1;
  };
  const g: Groups = {
    passive: add(lex.roles.passiveAgent),
    target: add(lex.roles.target),
    heldBy: add(lex.roles.heldBy),
    partner: add(lex.roles.partner),
    between: add(lex.roles.between),
    anaphora: add(lex.roles.anaphora),
    actorLocative: add(lex.roles.locative),
    placeLocative: add(lex.place.locative),
    destination: add(lex.place.destination),
    negation: add(lex.status.negation),
    negParticle: add(lex.status.negationParticles),
    negCompletion: add(lex.status.negationCompletions),
    planned: add(lex.status.planned),
    plannedImmediate: add(lex.status.plannedImmediate),
    hearsay: add(lex.status.hearsay),
    hypothetical: add(lex.status.hypothetical),
    death: add(lex.fatalities.death),
    wounded: add(lex.fatalities.wounded),
    vague: add(Object.keys(lex.fatalities.vague)),
    clauseBreak: add(lex.clauseBreaks),
    since: add(lex.dateSince),
    conjunction: add(lex.roles.conjunctions),
    coref: add(lex.coreference?.determiners ?? []),
    nonEvent: add(lex.nonEvent ?? []),
  };
  const refiners = new Map<string, number>();
  for (const [k, r] of Object.entries(lex.refiners)) refiners.set(k, add(r.cues));
  const textOf = new Uint8Array(groups.length);
  textOf.fill(1, 0, lex.triggers.length);
  textOf[g.vague] = 1;
  c = {
    textOf,
    groups,
    classes,
    joint: new WeakMap(),
    scanner: new Phrases(groups, classes),
    nTriggers: lex.triggers.length,
    g,
    refiners,
    conj: new RegExp(`^[\\s\\u00a0]*(?:,|(?:,[\\s\\u00a0]*)?(?:${alt(lex.roles.conjunctions)}))[\\s\\u00a0]*(?:\\p{L}+['’]|\\p{L}{1,3}[\\s\\u00a0]+)?[\\s\\u00a0]*$`, 'iu'),
    genitive: new RegExp(`^[\\s\\u00a0]*(?:[\\p{L}-]+[\\s\\u00a0]+)?(?:(?:${alt(lex.roles.genitive)})[\\s\\u00a0]*)+$`, 'iu'),
    nonActorKinds: new Set(lex.roles.nonActorKinds),
    conditional: lex.status.conditionalEndings.length
      ? new RegExp(`\\p{L}+(?:${lex.status.conditionalEndings.join('|')})(?![\\p{L}])`, 'giu')
      : null,
    condGate: lex.status.conditionalEndings.length ? new RegExp(`(?:${lex.status.conditionalEndings.join('|')})(?![\\p{L}])`, 'iu') : null,
    condPlain: lex.status.conditionalEndings.length && lex.status.conditionalEndings.every((e) => /^[a-jl-ru-z]+$/.test(e)) ? lex.status.conditionalEndings.slice() : null,
    condExceptions: new Set(lex.status.conditionalExceptions.map((w) => w.toLowerCase())),
    numberRe,
    numberAt: numWords.length > 0 && numWords.every((w) => /^\p{L}/u.test(w)) ? new RegExp(numberRe.source, 'iuy') : null,
    numberPair: numberPairTable(numWords),
    numberFirst: new Uint8Array(0),
    numberTokens: numberStartsAreWords(numWords),
    vagueValues: new Map(Object.entries(lex.fatalities.vague).map(([k, v]) => [fold(k), v])),
    vagueKeys: new Map(),
    hasNegSplit: lex.status.negationParticles.length > 0 && lex.status.negationCompletions.length > 0,
  };
  // the ASCII code units a figure may start with: those that start some pair
  c.numberFirst = new Uint8Array(128);
  for (let a = 0; a < 128; a++) if (c.numberPair.subarray(a * 128, a * 128 + 128).includes(1)) c.numberFirst[a] = 1;
  compiledCache.set(lex, c);
  lastLex = lex;
  lastCompiled = c;
  return c;
}

/**
 * One sentence's scanner matches, by start (matches at one token in group order). A sentence
 * holds a handful: the helpers below read a group's matches by walking them all (no per-group lists).
 */
type Scan = readonly PhraseMatch[];
const NONE: PhraseMatch[] = [];

/** The scanner's matches of one group inside [a, b) (a fresh list, or NONE). */
function hits(ms: Scan, g: number, a: number, b: number): PhraseMatch[] {
  let out: PhraseMatch[] | null = null;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    if (m.group === g && m.start >= a && m.end <= b) (out ??= []).push(m);
  }
  return out ?? NONE;
}

/** The first match of one group inside [a, b), or null. */
function firstHit(ms: Scan, g: number, a: number, b: number): PhraseMatch | null {
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    if (m.group === g && m.start >= a && m.end <= b) return m;
  }
  return null;
}

/** The last match of one group inside [a, b), or null. */
function lastHit(ms: Scan, g: number, a: number, b: number): PhraseMatch | null {
  for (let k = ms.length - 1; k >= 0; k--) {
    const m = ms[k];
    if (m.group === g && m.start >= a && m.end <= b) return m;
  }
  return null;
}

/** A match of the group ending right before pos (only white space between, at most `gap` chars). */
function endsBefore(text: string, ms: Scan, g: number, pos: number, gap = 2): PhraseMatch | null {
  let best: PhraseMatch | null = null;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k];
    if (m.group !== g || m.end > pos || pos - m.end > gap) continue;
    if (!blank(text, m.end, pos)) continue;
    if (!best || m.start < best.start) best = m;
  }
  return best;
}

/** True when text[a, b) is only white space. */
function blank(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 0xa0 && ch !== 0x202f && ch !== 9 && ch !== 10 && ch !== 13 && !/\s/u.test(text[i])) return false;
  }
  return true;
}

/** Index of the first mention whose start is at or after pos (sorted by start). */
function firstAt<T extends { m: Mention }>(xs: readonly T[], pos: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].m.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The mentions lying inside [a, b) (sorted by start). */
function within<T extends { m: Mention }>(xs: readonly T[], a: number, b: number): T[] {
  const out: T[] = [];
  for (let k = firstAt(xs, a); k < xs.length && xs[k].m.start < b; k++) if (xs[k].m.end <= b) out.push(xs[k]);
  return out;
}

/** The dates with a value lying inside [a, b) (sorted by start). */
function datesWithin(xs: readonly DateMention[], a: number, b: number): DateMention[] {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].start < a) lo = mid + 1;
    else hi = mid;
  }
  const out: DateMention[] = [];
  for (let k = lo; k < xs.length && xs[k].start < b; k++) if (xs[k].end <= b && xs[k].value) out.push(xs[k]);
  return out;
}
const mStart = (r: { m: Mention }) => r.m.start;
const dStart = (d: DateMention) => d.start;

/** Parses a number written in digits or words ("vingt-trois", "deux cents", "1 200"). */
export function parseNumber(s: string, lex: EventLexicon): number | null {
  // figures repeat from one article to the next: each text is read once per lexicon
  let memo = lex === lastNumberLex ? lastNumberMemo! : numberMemo.get(lex);
  if (!memo) numberMemo.set(lex, (memo = new Map()));
  lastNumberLex = lex;
  lastNumberMemo = memo;
  const known = memo.get(s);
  if (known !== undefined) return known;
  const v = readNumber(s, lex);
  if (memo.size > 50000) memo.clear();
  memo.set(s, v);
  return v;
}
const numberMemo = new WeakMap<EventLexicon, Map<string, number | null>>();
let lastNumberLex: EventLexicon | null = null;
let lastNumberMemo: Map<string, number | null> | null = null;

function readNumber(s: string, lex: EventLexicon): number | null {
  const t = s.trim();
  if (/^\d/.test(t)) {
    const n = Number(t.replace(/[\s\u00a0\u202f,.]/g, ''));
    return Number.isFinite(n) ? n : null;
  }
  const joiners = new Set(lex.fatalities.joiners.map((j) => j.toLowerCase()));
  const parts = t
    .toLowerCase()
    .split(/[-‑\s\u00a0]+/)
    .filter((w) => w && !joiners.has(w));
  let total = 0;
  let current = 0;
  let any = false;
  for (let i = 0; i < parts.length; i++) {
    const pair = i + 1 < parts.length ? `${parts[i]}-${parts[i + 1]}` : '';
    if (pair && pair in lex.fatalities.numbers) {
      current += lex.fatalities.numbers[pair];
      i++;
      any = true;
      continue;
    }
    const w = parts[i];
    if (w in lex.fatalities.multipliers) {
      const m = lex.fatalities.multipliers[w];
      current = (current || 1) * m;
      if (m >= 1000) {
        total += current;
        current = 0;
      }
      any = true;
    } else if (w in lex.fatalities.numbers) {
      current += lex.fatalities.numbers[w];
      any = true;
    } else return null;
  }
  return any ? total + current : null;
}

interface PlaceRef {
  m: Mention;
  p: Place;
}
interface Figure {
  value: number;
  span: Span;
  at: number;
}

const STATE_KINDS = new Set(['state', 'military']);
function isState(e: Entity): boolean {
  return STATE_KINDS.has(e.kind) || e.inter === 1;
}

interface Candidate {
  entry: TriggerEntry;
  trigger: Span;
  type: string;
  subtype: string;
  actor1: MentionRef[];
  actor2: MentionRef[];
  place: PlaceRef | null;
  placeInSentence: boolean;
  date: { value: string; span?: Span } | null;
  status: EventStatus;
  fatalities: Figure[];
  sentence: Sentence;
  /** A noun trigger after a definite or demonstrative determiner ("la bataille"): may refer back to a reported event. */
  anaphoric: boolean;
}

/** Runs the events stage's reading over a document and returns its events (pure). */
export function extractEvents(doc: Doc, lex: EventLexicon, attLex?: AttributionLexicon): ConflictEvent[] {
  const text = doc.text;
  if (!text) return [];
  const c = compileEventLexicon(lex);
  const sents = sentencesOf(text, doc.sentences);

  // one scan of each sentence for the events lists and, with attLex, the attribution stage's
  let scans: Scan[];
  /** 1 for the sentences holding a trigger. */
  if (trigBuf.length < sents.length) trigBuf = new Uint8Array(Math.max(sents.length, trigBuf.length * 2));
  const triggered = trigBuf.fill(0, 0, sents.length);
  let sourceZones: Attribution[] = [];
  // every entity mention, sorted by start: detect reads them all, the actors are a subsequence
  const mentions = allMentions(doc);
  if (attLex) {
    const j = withAttribution(c, attLex);
    const base = j.attBase;
    scans = [];
    if (flagBuf.length < sents.length) flagBuf = new Uint8Array(Math.max(sents.length, flagBuf.length * 2));
    const att: AttributionScan = { cues: [], flags: flagBuf.fill(0, 0, sents.length) };
    for (let si = 0; si < sents.length; si++) {
      const all = j.scanner.scan(text, sents[si].start, sents[si].end, j.textOf);
      // most sentences hold no attribution match: their list is the events list as is
      let mixed = false;
      for (let k = 0; k < all.length; k++) {
        const g = all[k].group;
        if (g >= base) mixed = true;
        else if (g < c.nTriggers) triggered[si] = 1;
      }
      if (!mixed) {
        scans.push(all);
        att.cues.push(NONE);
        continue;
      }
      const own: PhraseMatch[] = [];
      const cues: PhraseMatch[] = [];
      let f = 0;
      for (const m of all) {
        if (m.group < base) {
          own.push(m);
          if (m.group < c.nTriggers) triggered[si] = 1;
        }
        else {
          const g = (m.group -= base);
          if (g <= 1) {
            cues.push(m);
            if (g === 0) f |= 1;
          } else f |= g === 2 ? 2 : 4;
        }
      }
      scans.push(own);
      att.cues.push(cues);
      att.flags[si] = f;
    }
    sourceZones = findAttributions(doc, attLex, att, mentions);
  } else {
    scans = sents.map((s) => c.scanner.scan(text, s.start, s.end, c.textOf));
    for (let si = 0; si < sents.length; si++) for (const m of scans[si]) if (m.group < c.nTriggers) triggered[si] = 1;
  }

  // the attributions' spans and scopes in a reused typed buffer, four numbers a zone (start, end,
  // scope start, scope end): read for every mention and every merge
  const nz = sourceZones.length;
  if (zoneBuf.length < 4 * nz) zoneBuf = new Int32Array(Math.max(4 * nz, zoneBuf.length * 2));
  const zb = zoneBuf;
  for (let k = 0; k < nz; k++) {
    const a = sourceZones[k];
    zb[4 * k] = a.start;
    zb[4 * k + 1] = a.end;
    const z = a.scope ?? a;
    zb[4 * k + 2] = z.start;
    zb[4 * k + 3] = z.end;
  }
  const inSource = (m: Mention) => {
    for (let k = 0; k < nz; k++) if (m.start >= zb[4 * k] && m.end <= zb[4 * k + 1]) return true;
    return false;
  };

  // mentions, sorted
  const placeMentions: PlaceRef[] = [];
  let placeLen = 0;
  for (const p of doc.places)
    for (const m of p.mentions) {
      placeMentions.push({ m, p });
      if (m.end - m.start > placeLen) placeLen = m.end - m.start;
    }
  sortByStart(placeMentions, mStart);
  const overlapsPlace = (m: Mention) => {
    // places starting before m.end, back to those that could still reach m.start
    for (let k = firstAt(placeMentions, m.end) - 1; k >= 0 && placeMentions[k].m.start + placeLen > m.start; k--) {
      if (placeMentions[k].m.end > m.start) return true;
    }
    return false;
  };
  // the actors: a subsequence of the sorted mentions is sorted, and stably (what sorting the
  // entities' kept mentions, taken entity after entity, gives)
  const actorMentions: MentionRef[] = [];
  for (let k = 0; k < mentions.length; k++) {
    const r = mentions[k];
    if (c.nonActorKinds.has(r.e.kind) || inSource(r.m) || overlapsPlace(r.m)) continue;
    actorMentions.push(r);
  }
  const dates = doc.dates.slice();
  sortByStart(dates, dStart);
  const pubMonth = doc.published && /^\d{4}-\d{2}/.test(doc.published) ? doc.published.slice(0, 7) : null;

  const all: Candidate[] = [];
  let lastActor1: MentionRef[] = [];
  for (let si = 0; si < sents.length; si++) {
    if (triggered[si] === 0) continue;
    const s = sents[si];
    const ms = scans[si];
    const found: Candidate[] = [];
    const fallbacks: Candidate[] = [];
    const sActors = within(actorMentions, s.start, s.end);
    const sPlaces = within(placeMentions, s.start, s.end);
    let facts = false;
    const sDates = datesWithin(dates, s.start, s.end);
    const figures = fatalityFigures(text, s, ms, c, lex, sDates);
    // an actor mention right after a locative preposition is a place ("en Syrie")
    let pool = sActors;
    for (let k = 0; k < sActors.length; k++) {
      if (!endsBefore(text, ms, c.g.actorLocative, sActors[k].m.start)) continue;
      // some actor is a place: the others in a list of their own (sActors is a fresh list)
      pool = sActors.filter((r) => !endsBefore(text, ms, c.g.actorLocative, r.m.start));
      break;
    }
    let stoppedEnd = -1;
    for (let mk = 0; mk < ms.length; mk++) {
      const tm = ms[mk];
      const idx = tm.group;
      if (idx >= c.nTriggers) continue;
      // "appelle à cesser l'offensive", "la fin des combats": no event
      if (endsBefore(text, ms, c.g.nonEvent, tm.start, 2)) {
        stoppedEnd = tm.end;
        continue;
      }
      // "cesser son offensive de reconquête": the complement of a stopped event is not an event either
      if (stoppedEnd >= 0 && tm.start >= stoppedEnd && c.genitive.test(text.slice(stoppedEnd, tm.start))) {
        stoppedEnd = tm.end;
        continue;
      }
      const span: Span = { start: tm.start, end: tm.end, text: tm.text };
      const entry = lex.triggers[idx];
      const clause = clauseOf(s, span, ms, c);
      const cand: Candidate = {
        entry,
        trigger: span,
        type: entry.type,
        subtype: entry.subtype,
        actor1: NO_REFS,
        actor2: NO_REFS,
        place: null,
        placeInSentence: false,
        date: null,
        status: 'asserted',
        fatalities: [],
        sentence: s,
        anaphoric: !!endsBefore(text, ms, c.g.coref, span.start, 2),
      };
      refine(cand, s, ms, c, lex);
      // a refiner that moved the trigger to another type (weapons seized, not a town) wins over the actor rules
      const refinedAway = cand.type !== entry.type;
      roles(cand, text, clause, ms, pool, c, lastActor1);
      if (!refinedAway) actorRules(cand);
      if (sPlaces.length) {
        if (!facts) {
          placeFacts(text, ms, sPlaces, c);
          facts = true;
        }
        cand.place = pickPlace(span, sPlaces, factBuf);
      }
      cand.placeInSentence = !!cand.place;
      cand.date = pickDate(text, span, ms, sDates, c, pubMonth);
      cand.status = status(text, clause, span, ms, c);
      (entry.fallback ? fallbacks : found).push(cand);
    }
    let list = found.length ? found : fallbacks;
    // the rules of oneReading each need two events of the sentence (one event is never both of the kinds they compare)
    if (list.length > 1) list = oneReading(list);
    // fatalities: each figure goes to the nearest trigger of the sentence
    for (const f of figures) {
      let best: Candidate | null = null;
      let bd = Infinity;
      for (const cand of list) {
        const d = Math.abs(f.at - cand.trigger.start);
        if (d < bd) {
          bd = d;
          best = cand;
        }
      }
      best?.fatalities.push(f);
    }
    // "… a repris X. Vingt soldats ont été tués.": a bare killing sentence gives its toll to the previous event
    if (!found.length && all.length) {
      const prev = all[all.length - 1];
      const prevIdx = sents.indexOf(prev.sentence);
      if (prevIdx === si - 1 && prev.sentence.para === s.para) {
        const bareKill = list.filter((k) => !k.actor1.length && !k.actor2.length && !k.placeInSentence);
        if (bareKill.length === list.length) {
          for (const k of list) prev.fatalities.push(...k.fatalities);
          continue;
        }
      }
    }
    for (const cand of list) {
      if (cand.entry.weak && !cand.actor1.length && !cand.actor2.length && !cand.placeInSentence && !cand.fatalities.length) continue;
      // same type and actors in one sentence → one event
      let twin: Candidate | undefined;
      for (let k = all.length - 1; k >= 0 && all[k].sentence === s; k--) {
        const o = all[k];
        if (
          o.type === cand.type &&
          o.subtype === cand.subtype &&
          o.status === cand.status &&
          sameIds(o.actor1, cand.actor1) &&
          sameIds(o.actor2, cand.actor2)
        )
          twin = o; // the earliest one
      }
      if (twin) {
        twin.fatalities.push(...cand.fatalities);
        if (!twin.place && cand.place) twin.place = cand.place;
        if (!twin.date?.span && cand.date?.span) twin.date = cand.date;
        continue;
      }
      all.push(cand);
      if (cand.actor1.length) lastActor1 = cand.actor1;
    }
    // places: fall back to the previous sentences of the paragraph
    for (const cand of list) {
      if (cand.place) continue;
      for (let k = si - 1; k >= 0 && k >= si - 2 && sents[k].para === s.para; k--) {
        const ps = within(placeMentions, sents[k].start, sents[k].end).filter((r) => !isDestination(text, r, scans[k], c));
        if (ps.length) {
          cand.place = ps[ps.length - 1];
          break;
        }
      }
    }
  }

  // merge events of one document that agree
  const attributed = (x: Candidate): boolean => {
    const at = x.trigger.start;
    for (let k = 0; k < nz; k++) if (at >= zb[4 * k + 2] && at < zb[4 * k + 3]) return true;
    return false;
  };
  const merged: Candidate[] = [];
  for (let cand of all) {
    // "… la bataille" with no place of its own: the event already reported (the latest of its type)
    if (cand.anaphoric && !cand.placeInSentence) {
      let ref: Candidate | null = null;
      for (let k = merged.length - 1; k >= 0; k--) {
        if (merged[k].type === cand.type) {
          ref = merged[k];
          break;
        }
      }
      if (ref && sameReading(ref, cand)) {
        fillGaps(ref, cand, attributed);
        continue;
      }
    }
    let k = -1;
    for (let q = 0; q < merged.length; q++) {
      if (compatible(merged[q], cand)) {
        k = q;
        break;
      }
    }
    if (k >= 0) {
      let same = merged[k];
      if (info(cand) > info(same)) {
        // the richer reading stands for the event; the other fills its gaps
        const old = same;
        same = merged[k] = copyCandidate(cand);
        cand = old;
      }
      fillGaps(same, cand, attributed);
      continue;
    }
    merged.push(cand);
  }

  // pushed into an objectList, not map(): doc.events has one array kind for the stages that
  // read it (attribution's attachSources, addCrowdActors; src/common/arrays.ts)
  const events = objectList<ConflictEvent>();
  for (let i = 0; i < merged.length; i++) events.push(toEvent(doc, merged[i], i + 1));
  return events;
}

/**
 * A copy of a candidate with a fatality list of its own, its fields written in the order of the
 * candidates extractEvents makes: one object shape for every candidate (a spread copy gets
 * another, and the merge loop, compiled for one shape, was deoptimized on it again and again).
 */
function copyCandidate(k: Candidate): Candidate {
  return {
    entry: k.entry,
    trigger: k.trigger,
    type: k.type,
    subtype: k.subtype,
    actor1: k.actor1,
    actor2: k.actor2,
    place: k.place,
    placeInSentence: k.placeInSentence,
    date: k.date,
    status: k.status,
    fatalities: k.fatalities.slice(),
    sentence: k.sentence,
    anaphoric: k.anaphoric,
  };
}

/** The events one sentence tells, once the readings that are part of another event of the sentence are dropped. */
function oneReading(list: Candidate[]): Candidate[] {
  // each rule below needs a crowd event, a general fighting word or a general blast word in the sentence
  let any = false;
  for (const k of list) if (CROWD_ACTORS[k.type] || genericClash(k) || genericBlast(k)) any = true;
  if (!any) return list;
  // "protesters … demanding X", "… accusing the government of Y": the demand or accusation is what the
  // crowd voiced, not a diplomatic event
  if (list.some((k) => CROWD_ACTORS[k.type]) && list.some(voiced)) list = list.filter((k) => !voiced(k));
  // "police arrested dozens of protesters", "rioters torched buses", "police were deployed around the
  // rally": arrests are the intervention against the protest (ACLED's protest with intervention), damage is
  // the riot's, a deployment around a crowd is no base; none is a second event
  if (list.some((k) => CROWD_ACTORS[k.type]) && list.some(crowdPart)) {
    if (list.some((k) => k.subtype === 'Arrests'))
      for (const k of list) if (k.type === 'Protests' && k.subtype === 'Peaceful protest') k.subtype = 'Protest with intervention';
    list = list.filter((k) => !crowdPart(k));
  }
  // "rebels took the town after heavy attacks", "police clashed with protesters": the general word for
  // fighting is the wording of the more specific event of the sentence, not a second event
  if (list.some(specific) && list.some(genericClash)) list = list.filter((k) => !genericClash(k));
  // "a grenade exploded", "a shell exploded in the market": the explosion is the grenade's or the shell's
  if (list.some(genericBlast)) list = list.filter((k) => !genericBlast(k) || !list.some((o) => o.type === k.type && o.subtype !== k.subtype));
  return list;
}

/** What a crowd voices: its demands and accusations. */
function voiced(k: Candidate): boolean {
  return k.type === 'Diplomacy' && (k.subtype === 'Demand' || k.subtype === 'Accuse');
}

/** Acts that belong to the crowd event of their sentence: arrests, property damage, deployments. */
function crowdPart(k: Candidate): boolean {
  return k.type === 'Strategic developments' && (k.subtype === 'Arrests' || k.subtype === 'Looting/property destruction' || k.subtype === 'Headquarters or base established');
}

/** A general word for an explosion ("blast", "exploded") still read as an explosive device. */
function genericBlast(k: Candidate): boolean {
  return !!k.entry.generic && k.type === 'Explosions/Remote violence' && k.subtype === 'Remote explosive/landmine/IED';
}

/** A general fighting word still read as an armed clash (see TriggerEntry.generic). */
function genericClash(k: Candidate): boolean {
  return !!k.entry.generic && k.type === 'Battles' && k.subtype === 'Armed clash';
}

/**
 * An event a general fighting word of its sentence may stand for: territory changes, crowd events and
 * strategic developments. Not explosions or violence against civilians: "an air strike during the
 * clashes" tells two events as often as one (UCDP counts many strikes as battles).
 */
function specific(k: Candidate): boolean {
  if (k.type === 'Battles') return k.subtype !== 'Armed clash';
  return k.type === 'Protests' || k.type === 'Riots' || k.type === 'Strategic developments';
}

function sameIds(a: MentionRef[], b: MentionRef[]): boolean {
  for (const x of a) if (!hasId(b, x.e.id)) return false;
  for (const y of b) if (!hasId(a, y.e.id)) return false;
  return true;
}

/** The entity ids of the mentions, each once, in order. */
function idList(a: MentionRef[]): string[] {
  return uniq(a).map((r) => r.e.id);
}

function bare(x: Candidate): boolean {
  return !x.actor1.length && !x.actor2.length && !x.place;
}

/** The other reading fills the gaps of the event that stands. */
function fillGaps(same: Candidate, cand: Candidate, attributed?: (x: Candidate) => boolean): void {
  // the event is told on someone's word in one of its readings: that reading is its evidence
  if (attributed && !attributed(same) && attributed(cand)) {
    same.trigger = cand.trigger;
    same.sentence = cand.sentence;
  }
  if (!same.place && cand.place) same.place = cand.place;
  if ((!same.date || (!same.date.span && cand.date?.span)) && cand.date) same.date = cand.date;
  if (!same.actor1.length && cand.actor1.length) same.actor1 = cand.actor1;
  if (!same.actor2.length && cand.actor2.length) same.actor2 = cand.actor2;
  if (cand.fatalities.length) same.fatalities = same.fatalities.concat(cand.fatalities);
}

/** An anaphoric mention may stand for an earlier event: no conflicting date, place or negation. */
function sameReading(ref: Candidate, cand: Candidate): boolean {
  if (ref.status !== cand.status && (ref.status === 'negated' || cand.status === 'negated')) return false;
  if (ref.date && cand.date?.span && !datesAgree(ref.date.value, cand.date.value)) return false;
  if (ref.place && cand.placeInSentence && cand.place && ref.place.p.id !== cand.place.p.id) return false;
  return true;
}

/** True when some entity of a is also in b. */
function shareId(a: MentionRef[], b: MentionRef[]): boolean {
  for (const x of a) for (const y of b) if (x.e.id === y.e.id) return true;
  return false;
}

/** Two readings of one event: same type, agreeing actors, place and date. */
function compatible(o: Candidate, n: Candidate): boolean {
  if (o.type !== n.type || o.subtype !== n.subtype) return false;
  if (o.status !== n.status && (o.status === 'negated' || n.status === 'negated')) return false;
  if (o.date && n.date && !datesAgree(o.date.value, n.date.value)) return false;
  if (bare(o) || bare(n)) return true;
  if (o.actor1.length && n.actor1.length && !shareId(o.actor1, n.actor1)) return false;
  if (o.actor2.length && n.actor2.length && !shareId(o.actor2, n.actor2)) return false;
  // one reading without a place: the same event told again (its place is the other's)
  if (o.place && n.place) return o.place.p.id === n.place.p.id;
  if (o.place || n.place) return true;
  return o.actor1.length > 0 && n.actor1.length > 0;
}

function info(x: Candidate): number {
  return (x.actor1.length ? 1 : 0) + (x.actor2.length ? 1 : 0) + (x.placeInSentence ? 1 : 0) + (x.date?.span ? 1 : 0) + (x.fatalities.length ? 1 : 0);
}

function datesAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.includes('W') || b.includes('W')) return a.slice(0, 4) === b.slice(0, 4);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== 'X' && b[i] !== 'X' && a[i] !== b[i]) return false;
  return true;
}

/** The clause around the trigger: between clause breaks, inside the sentence. */
function clauseOf(s: Sentence, t: Span, ms: Scan, c: Compiled): { start: number; end: number } {
  let start = s.start;
  let end = s.end;
  for (const b of ms) {
    if (b.group !== c.g.clauseBreak) continue;
    if (b.end <= t.start) start = Math.max(start, b.end);
    else if (b.start >= t.end) {
      end = Math.min(end, b.start);
      break;
    }
  }
  return { start, end };
}

/** Refiners: the cue nearest the trigger (within 80 characters) decides the sub-type. */
function refine(cand: Candidate, s: Sentence, ms: Scan, c: Compiled, lex: EventLexicon): void {
  const names = cand.entry.refine;
  if (!names) return;
  let bestD = 0;
  let best: string | null = null;
  const lo = Math.max(s.start, cand.trigger.start - 80);
  const hi = Math.min(s.end, cand.trigger.end + 80);
  for (const name of names) {
    const g = c.refiners.get(name);
    if (g === undefined) continue;
    for (const m of ms) {
      if (m.group !== g || m.start < lo || m.end > hi) continue;
      const d = m.end <= cand.trigger.start ? cand.trigger.start - m.end : m.start >= cand.trigger.end ? m.start - cand.trigger.end : 0;
      if (best === null || d < bestD) {
        bestD = d;
        best = name;
      }
    }
  }
  if (best !== null) {
    const r = lex.refiners[best];
    cand.type = r.type;
    cand.subtype = r.subtype;
  }
}

function actorRules(cand: Candidate): void {
  for (const rule of cand.entry.actorRules ?? []) {
    const pool = rule.role === 'actor1' ? cand.actor1 : cand.actor1.concat(cand.actor2);
    if (!pool.length) continue;
    const hit = pool.some((r) =>
      rule.kinds.some((k) => (k === 'state' ? isState(r.e) : k === 'nonstate' ? !isState(r.e) : r.e.kind === k)),
    );
    if (hit) {
      cand.type = rule.type;
      cand.subtype = rule.subtype;
      return;
    }
  }
}

/** The mentions coordinated with `first` ("X et Y", "X, Y and Z"), in the given direction. */
function coordinated(text: string, pool: MentionRef[], first: MentionRef, dir: 1 | -1, c: Compiled, lo: number, hi: number): MentionRef[] {
  const out = [first];
  let cur = first;
  for (;;) {
    let next: MentionRef | undefined;
    if (dir === 1) {
      for (let k = 0; k < pool.length; k++) {
        const r = pool[k];
        if (r.m.start >= cur.m.end && r.m.start <= hi) {
          next = r;
          break;
        }
      }
    } else
      for (let k = pool.length - 1; k >= 0; k--) {
        const r = pool[k];
        if (r.m.end <= cur.m.start && r.m.start >= lo) {
          next = r;
          break;
        }
      }
    if (!next) break;
    const gap = dir === 1 ? text.slice(cur.m.end, next.m.start) : text.slice(next.m.end, cur.m.start);
    if (gap.length > 30 || !c.conj.test(gap)) break;
    out.push(next);
    cur = next;
  }
  return out;
}

function firstAfter(pool: MentionRef[], pos: number, hi: number, maxGap: number): MentionRef | null {
  for (let k = 0; k < pool.length; k++) {
    const r = pool[k];
    if (r.m.start >= pos && r.m.start <= hi) return r.m.start - pos <= maxGap ? r : null;
  }
  return null;
}

function roles(
  cand: Candidate,
  text: string,
  clause: { start: number; end: number },
  ms: Scan,
  pool: MentionRef[],
  c: Compiled,
  lastActor1: MentionRef[],
): void {
  const t = cand.trigger;
  // the sentence's actors in the clause, but not inside the trigger itself
  const inClause: MentionRef[] = [];
  for (const r of pool) {
    if (r.m.start >= t.start && r.m.end <= t.end) continue;
    if (r.m.start >= clause.start && r.m.end <= clause.end) inClause.push(r);
  }
  if (inClause.length === 0) {
    // no actor in the clause: the subject is the previous event's actor after an anaphora ("ils ont ..."), else none
    cand.actor1 = uniq(firstHit(ms, c.g.anaphora, clause.start, t.start) && lastActor1.length ? lastActor1 : NO_REFS);
    cand.actor2 = NO_REFS;
    return;
  }
  const patientGenitive = cand.type === 'Violence against civilians' || cand.subtype === 'Arrests' || !!cand.entry.actorRules?.some((r) => r.role === 'actor1');
  let a1: MentionRef[] = NO_REFS;
  let a2: MentionRef[] = NO_REFS;
  // "entre X et Y"
  const betweenFrom = Math.max(clause.start, t.start - 40);
  for (const m of ms) {
    if (m.group !== c.g.between || m.start < betweenFrom || m.end > clause.end) continue;
    const x = firstAfter(inClause, m.end, clause.end, 30);
    if (!x) continue;
    const y = inClause.find((r) => r.m.start >= x.m.end && r.m.start - x.m.end <= 40 && c.conj.test(text.slice(x.m.end, r.m.start)));
    if (y) {
      a1 = [x];
      a2 = coordinated(text, inClause, y, 1, c, clause.start, clause.end);
      break;
    }
  }
  if (!a1.length) {
    // passive agent "par X" right after the trigger
    let passiveActors: MentionRef[] = NO_REFS;
    const passiveTo = Math.min(clause.end, t.end + 22);
    for (const m of ms) {
      if (m.group !== c.g.passive || m.start < t.end || m.end > passiveTo) continue;
      const r = firstAfter(inClause, m.end, clause.end, 25);
      if (r) {
        passiveActors = coordinated(text, inClause, r, 1, c, clause.start, clause.end);
        break;
      }
    }
    // complement of a noun trigger: "frappes de l'aviation russe", "frappes russes"
    let complement: MentionRef[] = NO_REFS;
    let straddle: MentionRef | undefined;
    for (const r of inClause) {
      if (r.m.start < t.end && r.m.end > t.end && r.m.start > t.start) {
        straddle = r;
        break;
      }
    }
    if (straddle) complement = coordinated(text, inClause, straddle, 1, c, clause.start, clause.end);
    const nextR = straddle ? null : firstAfter(inClause, t.end, clause.end, 25);
    const gapC = nextR ? text.slice(t.end, nextR.m.start) : '';
    if (nextR && (c.genitive.test(gapC) || (nextR.m.via === 'demonym' && gapC.trim() === ''))) complement = coordinated(text, inClause, nextR, 1, c, clause.start, clause.end);
    // subject: nearest actor before the trigger in the clause (with its coordinated actors)
    // the last actor ending before the trigger
    let lastBefore: MentionRef | null = null;
    for (const r of inClause) if (r.m.end <= t.start && r !== straddle) lastBefore = r;
    let subject: MentionRef[] = NO_REFS;
    if (lastBefore) subject = coordinated(text, inClause, lastBefore, -1, c, clause.start, clause.end);
    else if (firstHit(ms, c.g.anaphora, clause.start, t.start) && lastActor1.length) subject = lastActor1;
    if (passiveActors.length) {
      a1 = passiveActors;
      if (subject.length) a2 = subject;
    } else if (complement.length && !patientGenitive) {
      a1 = complement;
      const tgt = afterCue(c.g.target, text, t, clause, ms, inClause, c);
      if (tgt.length) a2 = tgt;
      else if (subject.length && cand.type !== 'Explosions/Remote violence') a2 = subject;
    } else {
      a1 = subject;
      if (complement.length) a2 = complement;
    }
  }
  if (!a2.length) a2 = afterCue(c.g.target, text, t, clause, ms, inClause, c);
  if (!a2.length) a2 = afterCue(c.g.heldBy, text, t, clause, ms, inClause, c);
  if (!a2.length && cand.type === 'Diplomacy') a2 = afterCue(c.g.partner, text, t, clause, ms, inClause, c);
  if (!a2.length && (cand.type === 'Diplomacy' || cand.type === 'Battles' || cand.type === 'Violence against civilians' || cand.subtype === 'Arrests')) {
    const r = firstAfter(inClause, t.end, clause.end, 20);
    if (r && !a1.includes(r)) a2 = coordinated(text, inClause, r, 1, c, clause.start, clause.end);
  }
  cand.actor1 = uniq(a1);
  let shared = false;
  for (const r of a2) if (hasId(a1, r.e.id)) shared = true;
  cand.actor2 = uniq(shared ? a2.filter((r) => !hasId(a1, r.e.id)) : a2);
}

/** The empty actor list (actor lists are never changed once made). */
const NO_REFS: MentionRef[] = [];

/** The actors after a cue of the group that follows the trigger in its clause ("contre X"), with the actors coordinated with them. */
function afterCue(group: number, text: string, t: Span, clause: { start: number; end: number }, ms: Scan, inClause: MentionRef[], c: Compiled): MentionRef[] {
  for (const m of ms) {
    if (m.group !== group || m.start < t.end || m.end > clause.end) continue;
    const r = firstAfter(inClause, m.end, clause.end, 30);
    if (r) return coordinated(text, inClause, r, 1, c, clause.start, clause.end);
  }
  return NO_REFS;
}

/** The mentions of distinct entities, first of each kept (a handful: no Set). */
function uniq(a: MentionRef[]): MentionRef[] {
  // actor lists are never changed once made: a list without repeats is its own answer
  let dup = false;
  for (let k = 1; k < a.length && !dup; k++) for (let q = 0; q < k; q++) if (a[q].e.id === a[k].e.id) { dup = true; break; }
  if (!dup) return a;
  const out: MentionRef[] = [];
  for (const r of a) if (!hasId(out, r.e.id)) out.push(r);
  return out;
}

function hasId(a: MentionRef[], id: string): boolean {
  for (const r of a) if (r.e.id === id) return true;
  return false;
}

/** A place introduced as a destination ("vers X", "en direction de X", "towards X"). */
function isDestination(text: string, r: PlaceRef, ms: Scan, c: Compiled): boolean {
  for (const d of ms) {
    if (d.group !== c.g.destination) continue;
    if (d.end > r.m.start || r.m.start - d.end > 14) continue;
    if (!/[,;:.]/.test(text.slice(d.end, r.m.start))) return true;
  }
  return false;
}

const PRECISION_PENALTY: Record<string, number> = { point: 0, city: 0, region: 25, country: 70 };

/**
 * What pickPlace needs of a sentence's places whatever the trigger (read once per sentence,
 * into factBuf): -1 for a destination (never picked), else the place's score before its distance (precision
 * penalty, less 15 after a locative preposition).
 */
function placeFacts(text: string, ms: Scan, sPlaces: PlaceRef[], c: Compiled): void {
  if (factBuf.length < sPlaces.length) factBuf = new Int32Array(Math.max(sPlaces.length, factBuf.length * 2));
  const out = factBuf;
  for (let k = 0; k < sPlaces.length; k++) {
    const r = sPlaces[k];
    if (isDestination(text, r, ms, c)) {
      out[k] = -1;
      continue;
    }
    let base = PRECISION_PENALTY[r.p.precision] ?? 0;
    if (endsBefore(text, ms, c.g.placeLocative, r.m.start, 25)) base -= 15;
    out[k] = base;
  }
}

/**
 * Reused buffers of extractEvents (it is not reentrant): the sentences holding a trigger, the
 * attribution flags of the joint scan, the attribution zones, the placeFacts of the sentence.
 */
let trigBuf = new Uint8Array(256);
let flagBuf = new Uint8Array(256);
let zoneBuf = new Int32Array(64);
let factBuf = new Int32Array(32);

/** The sentence's place nearest the trigger, by distance plus placeFacts' score (`facts`, from factBuf). */
function pickPlace(t: Span, sPlaces: PlaceRef[], facts: Int32Array): PlaceRef | null {
  let best: PlaceRef | null = null;
  let bs = Infinity;
  for (let k = 0; k < sPlaces.length; k++) {
    const base = facts[k];
    if (base === -1) continue;
    const r = sPlaces[k];
    const d = r.m.end <= t.start ? t.start - r.m.end + 10 : Math.max(0, r.m.start - t.end);
    const score = d + base;
    if (score < bs) {
      bs = score;
      best = r;
    }
  }
  return best;
}

function pickDate(text: string, t: Span, ms: Scan, sDates: DateMention[], c: Compiled, pubMonth: string | null): { value: string; span?: Span } | null {
  let best: DateMention | null = null;
  let bd = Infinity;
  for (const d of sDates) {
    if (!d.value) continue;
    if (d.precision === 'year') {
      // "depuis 2012", "since 2014": a starting point, not the event's date
      const digit = d.start + Math.max(0, d.text.search(/\d/));
      let since = false;
      for (const m of ms) if (m.group === c.g.since && m.end <= digit && digit - m.end <= 4 && m.end >= d.start - 25) since = true;
      if (since) continue;
    }
    const dist = d.end <= t.start ? t.start - d.end : Math.max(0, d.start - t.end);
    if (dist < bd) {
      bd = dist;
      best = d;
    }
  }
  void text;
  if (best) return { value: best.value!, span: { start: best.start, end: best.end, text: best.text } };
  return pubMonth ? { value: pubMonth } : null;
}

function status(text: string, clause: { start: number; end: number }, t: Span, ms: Scan, c: Compiled): EventStatus {
  const from = Math.max(clause.start, t.start - 70);
  // negation: "sans (aucune)", "aucun", "not", "denied" shortly before the trigger
  for (const m of ms) {
    if (m.group !== c.g.negation || m.start < from || m.end > t.start) continue;
    const gap = text.slice(m.end, t.start);
    if (gap.length <= 30 && !/[,;:.]/.test(gap)) return 'negated';
  }
  // French split negation: "n'ont pas été tués", "ne se sont pas emparés"
  if (c.hasNegSplit) {
    const lo = Math.max(clause.start, t.start - 40);
    const hi = Math.min(clause.end, t.end + 12);
    for (const p of ms) {
      if (p.group !== c.g.negParticle || p.start < lo || p.end > t.start) continue;
      const comp = firstHit(ms, c.g.negCompletion, p.end, hi);
      if (comp && !/[,;:]/.test(text.slice(p.end, comp.start))) return 'negated';
    }
  }
  // hypothetical clause ("si ...", "if ...")
  const hyp = firstHit(ms, c.g.hypothetical, clause.start, t.start);
  if (hyp && hyp.start <= clause.start + 3) return 'planned';
  if (endsBefore(text, ms, c.g.plannedImmediate, t.start, 2)) return 'planned';
  // planned: modal / intention shortly before (or a modal right after a noun trigger)
  for (const m of ms) if (m.group === c.g.planned && m.start >= from && m.end <= t.start && t.start - m.end <= 60) return 'planned';
  const pa = firstHit(ms, c.g.planned, t.end, Math.min(clause.end, t.end + 40));
  if (pa && pa.start - t.end <= 35 && /^[\p{L}\s'’-]*$/u.test(text.slice(t.end, pa.start)) && !firstHit(ms, c.g.conjunction, t.end, pa.start)) return 'planned';
  // hearsay conditional → reported
  const hs = lastHit(ms, c.g.hearsay, from, t.start);
  if (hs && t.start - hs.end <= 25) return 'reported';
  const ha = firstHit(ms, c.g.hearsay, t.end, Math.min(clause.end, t.end + 40));
  if (ha && /^[\p{L}\s'’-]*$/u.test(text.slice(t.end, ha.start))) return 'reported';
  if (c.conditional && c.condGate) {
    const nearFrom = Math.max(clause.start, t.start - 40);
    const gate = c.condPlain ? condGateAt(text, nearFrom, t.end, c.condPlain) : null;
    if (gate === false) return 'asserted';
    const near = text.slice(nearFrom, t.end);
    if (gate === null && !c.condGate.test(near)) return 'asserted';
    c.conditional.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = c.conditional.exec(near))) if (!c.condExceptions.has(m[0].toLowerCase())) return 'planned';
  }
  return 'asserted';
}

/**
 * condGate over text[a, b) (as over that slice: its end is the end of input) for plain endings:
 * true or false, or null when a surrogate follows an ending (the regex decides).
 */
function condGateAt(text: string, a: number, b: number, endings: readonly string[]): boolean | null {
  const letters = letterTable();
  for (let i = a; i < b; i++) {
    for (const e of endings) {
      const n = e.length;
      if (i + n > b) continue;
      let q = 0;
      for (; q < n; q++) {
        const ch = text.charCodeAt(i + q);
        if ((ch >= 65 && ch <= 90 ? ch + 32 : ch) !== e.charCodeAt(q)) break;
      }
      if (q < n) continue;
      if (i + n === b) return true;
      const nx = text.charCodeAt(i + n);
      if (nx >= 0xd800 && nx <= 0xdfff) return null;
      if (letters[nx] !== 1) return true;
    }
  }
  return false;
}

/** 1 for the code units that are letters (\p{L}). */
let LETTERS: Uint8Array | null = null;
function letterTable(): Uint8Array {
  return (LETTERS ??= codeUnitTable('\\p{L}', 'u'));
}

/**
 * Per pair of ASCII code units (first * 128 + second): 1 when a figure may start with them:
 * a digit and anything, or what matches (i, u) a number word's first letter and then its
 * second character (anything when that is no ASCII letter, or the word has one character).
 */
function numberPairTable(words: readonly string[]): Uint8Array {
  const t = new Uint8Array(128 * 128);
  for (let d = 48; d <= 57; d++) t.fill(1, d * 128, d * 128 + 128);
  const ascii = (ch: string): number[] => {
    // a letter (numberAt is null otherwise): no escaping needed
    const re = new RegExp(`^${ch}$`, 'iu');
    const out: number[] = [];
    for (let a = 0; a < 128; a++) if (re.test(String.fromCharCode(a))) out.push(a);
    return out;
  };
  for (const w of words) {
    const cps = [...w];
    if (!/^\p{L}$/u.test(cps[0])) continue;
    const second = cps.length > 1 && /^[A-Za-z]$/.test(cps[1]) ? ascii(cps[1]) : null;
    for (const a of ascii(cps[0])) {
      if (second === null) t.fill(1, a * 128, a * 128 + 128);
      else for (const b of second) t[a * 128 + b] = 1;
    }
  }
  return t;
}

/** [\p{L}\p{N}] per code unit (surrogates: 0). */
let WORDCH: Uint8Array | null = null;

/**
 * True when every code unit that matches a number word's first character case-insensitively
 * (as numberRe does, flags iu) is a letter or number, and every first character is in the BMP
 * (simple case folding pairs BMP characters with BMP characters only).
 */
function numberStartsAreWords(words: readonly string[]): boolean {
  const firsts = [...new Set(words.map((w) => String.fromCodePoint(w.codePointAt(0) ?? 0)))];
  if (!firsts.length) return false;
  if (firsts.some((f) => f.length !== 1 || !/^\p{L}$/u.test(f))) return false;
  const re = new RegExp(`^[${firsts.join('')}]$`, 'iu');
  const wc = (WORDCH ??= codeUnitTable('[\\p{L}\\p{N}]', 'u'));
  for (let u = 0; u < 0x10000; u++) {
    if (u >= 0xd800 && u <= 0xdfff) continue;
    if (wc[u] !== 1 && re.test(String.fromCharCode(u))) return false;
  }
  return true;
}

/**
 * False when the code unit at q is ASCII and it, or it and the next one when that is ASCII and
 * before `end`, starts no figure (numberFirst, numberPair); true means "try the regex there".
 */
function mayStartFigure(text: string, q: number, end: number, c: Compiled): boolean {
  const ch = text.charCodeAt(q);
  if (ch >= 128) return true;
  if (c.numberFirst[ch] !== 1) return false;
  const nx = q + 1 < end ? text.charCodeAt(q + 1) : 128;
  return nx >= 128 || c.numberPair[ch * 128 + nx] === 1;
}

/**
 * findAll(c.numberRe, text, a, b) without scanning every position with the regex: a figure
 * starts after no letter or number (numberRe's look-behind) with a digit or a number word's
 * first letter, so the sticky regex is tried at those positions only (any code unit outside
 * ASCII, or after a surrogate, is tried). Matches are leftmost and never empty: the same list.
 */
function numbersIn(text: string, a: number, b: number, c: Compiled): { start: number; end: number; text: string }[] {
  const re = c.numberAt;
  if (re === null) return findAll(c.numberRe, text, a, b);
  const wc = (WORDCH ??= codeUnitTable('[\\p{L}\\p{N}]', 'u'));
  const out: { start: number; end: number; text: string }[] = [];
  let s: string | null = null;
  const n = b - a;
  if (c.numberTokens && n > 0) {
    // The positions the loop below tries are a and, after it, the starts of the text's word tokens
    // (maximal runs of [\p{L}\p{N}]): a figure starts with a digit or a character matching a number
    // word's first letter (a letter or number, numberTokens), after no letter or number. The same
    // positions, tested the same way, in the same order: the same list.
    const t = tokensOf(text);
    let p = 0;
    let k = tokenAt(t, a);
    let q = a;
    for (;;) {
      // a word token's start follows no letter or number; a itself has nothing before it in the slice
      if (mayStartFigure(text, q, b, c)) {
        s ??= text.slice(a, b);
        re.lastIndex = q - a;
        const m = re.exec(s);
        if (m !== null && m[0].length > 0) {
          out.push({ start: q, end: q + m[0].length, text: m[0] });
          p = q - a + m[0].length;
        }
      }
      // the next word token starting after q, at or after a + p, inside the range
      while (k < t.n && (t.word[k] !== 1 || t.start[k] <= q || t.start[k] < a + p)) k++;
      if (k >= t.n || t.start[k] >= b) break;
      q = t.start[k];
    }
    return out;
  }
  for (let p = 0; p < n; ) {
    const ch = text.charCodeAt(a + p);
    if (ch < 128) {
      if (!mayStartFigure(text, a + p, b, c)) {
        p++;
        continue;
      }
    } else if (ch >= 0xdc00 && ch <= 0xdfff && p > 0 && (text.charCodeAt(a + p - 1) & 0xfc00) === 0xd800) {
      p++;
      continue;
    }
    if (p > 0 && wc[text.charCodeAt(a + p - 1)] === 1) {
      p++;
      continue;
    }
    s ??= text.slice(a, b);
    re.lastIndex = p;
    const m = re.exec(s);
    if (m === null || m[0].length === 0) {
      p++;
      continue;
    }
    out.push({ start: a + p, end: a + p + m[0].length, text: m[0] });
    p += m[0].length;
  }
  return out;
}

/** For tests: numbersIn over text[a, b) and the reference reading findAll(numberRe) (they must agree). */
export function figureSpans(text: string, a: number, b: number, lex: EventLexicon): { fast: { start: number; end: number; text: string }[]; reference: { start: number; end: number; text: string }[] } {
  const c = compileEventLexicon(lex);
  return { fast: numbersIn(text, a, b, c), reference: findAll(c.numberRe, text, a, b) };
}

function fatalityFigures(text: string, s: Sentence, ms: Scan, c: Compiled, lex: EventLexicon, sDates: DateMention[]): Figure[] {
  const deaths = hits(ms, c.g.death, s.start, s.end);
  if (!deaths.length) return [];
  const nums: { start: number; end: number; text: string; value: number }[] = [];
  for (const v of hits(ms, c.g.vague, s.start, s.end)) {
    let key = c.vagueKeys.get(v.text);
    if (key === undefined) c.vagueKeys.set(v.text, (key = fold(v.text)));
    const val = c.vagueValues.get(key);
    if (val !== undefined) nums.push({ start: v.start, end: v.end, text: v.text, value: val });
  }
  for (const n of numbersIn(text, s.start, s.end, c)) {
    if (nums.some((v) => n.start < v.end && n.end > v.start)) continue;
    if (sDates.some((d) => n.start < d.end && n.end > d.start)) continue;
    if (/^(1[89]|20)\d\d$/.test(n.text)) continue;
    if (/^\s*%/.test(text.slice(n.end, n.end + 2))) continue;
    const value = parseNumber(n.text, lex);
    if (value === null) continue;
    nums.push({ start: n.start, end: n.end, text: n.text, value });
  }
  const wounded = hits(ms, c.g.wounded, s.start, s.end);
  const out: Figure[] = [];
  // the starts of the figures given out (a handful: no Set)
  const used: number[] = [];
  for (const d of deaths) {
    let best: (typeof nums)[number] | null = null;
    let bd = Infinity;
    for (const n of nums) {
      let dist: number;
      if (n.end <= d.start) {
        dist = d.start - n.end;
        if (dist > 45) continue;
        if (wounded.some((w) => w.start >= n.end && w.end <= d.start)) continue;
        if (/[;:]/.test(text.slice(n.end, d.start))) continue;
      } else if (n.start >= d.end) {
        dist = n.start - d.end + 3;
        if (dist > 30) continue;
        if (wounded.some((w) => w.start >= d.end && w.end <= n.start)) continue;
        if (/[;:.,]/.test(text.slice(d.end, n.start))) continue;
        // a figure followed by its own wounded word belongs to the wounded
        if (wounded.some((w) => w.start >= n.end && w.start - n.end <= 2)) continue;
      } else continue;
      if (dist < bd) {
        bd = dist;
        best = n;
      }
    }
    if (best && !used.includes(best.start)) {
      used.push(best.start);
      out.push({ value: best.value, span: { start: best.start, end: best.end, text: best.text }, at: d.start });
    }
  }
  return out;
}
function toEvent(doc: Doc, cand: Candidate, n: number): ConflictEvent {
  const s = cand.sentence;
  const fat = cand.fatalities.length ? cand.fatalities.reduce((a, b) => (b.value < a.value ? b : a)) : null;
  const ev: ConflictEvent = {
    id: `${doc.id}:e${n}`,
    type: cand.type,
    subtype: cand.subtype,
    actor1: idList(cand.actor1),
    actor2: idList(cand.actor2),
    place: cand.place ? cand.place.p.id : null,
    date: cand.date ? cand.date.value : null,
    status: cand.status,
    fatalities: fat ? fat.value : null,
    sources: [],
    evidence: { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) },
    // a fresh span: the refiners' triggers are not all of one object shape, and an event whose
    // trigger field met a new shape got a new hidden class, on which toEvent was deoptimized
    trigger: { start: cand.trigger.start, end: cand.trigger.end, text: cand.trigger.text },
  };
  if (cand.actor1.length || cand.actor2.length || cand.place || cand.date?.span || fat) {
    const spans: NonNullable<ConflictEvent['spans']> = {};
    if (cand.actor1.length) spans.actor1 = cand.actor1.map((r) => span(r.m));
    if (cand.actor2.length) spans.actor2 = cand.actor2.map((r) => span(r.m));
    if (cand.place) spans.place = span(cand.place.m);
    if (cand.date?.span) spans.date = cand.date.span;
    if (fat) spans.fatalities = fat.span;
    ev.spans = spans;
  }
  return ev;
}

function span(m: Mention): Span {
  return { start: m.start, end: m.end, text: m.text };
}

/** The id and name of a crowd actor per crowd entry and country code (the same few come back). */
const crowdMemo = new Map<{ label: string }, Map<string | null, { id: string; name: string }>>();
function crowdActor(crowd: { label: string }, cc: string | null): { id: string; name: string } {
  let byCc = crowdMemo.get(crowd);
  if (!byCc) crowdMemo.set(crowd, (byCc = new Map()));
  let r = byCc.get(cc);
  if (!r) {
    const country = countryName(cc);
    const name = country ? `${crowd.label} (${country})` : crowd.label;
    const id = `x:${crowd.label.toLowerCase()}${cc ? `-${cc.toLowerCase()}` : ''}`;
    r = { id, name };
    if (byCc.size > 1000) byCc.clear();
    byCc.set(cc, r);
  }
  return r;
}

/**
 * Crowd events without a named actor get ACLED's generic crowd actor of the event's country
 * ("Protesters (Bangladesh)"), a document-local entity added to doc.entities.
 */
export function addCrowdActors(doc: Doc): void {
  for (const ev of doc.events) {
    const crowd = CROWD_ACTORS[ev.type];
    if (!crowd || ev.actor1.length) continue;
    const place = ev.place ? doc.places.find((p) => p.id === ev.place) : null;
    const cc = place?.country ?? doc.places.find((p) => p.country)?.country ?? null;
    const { id, name } = crowdActor(crowd, cc);
    if (!doc.entities.some((e) => e.id === id)) {
      doc.entities.push({ id, name, kind: 'org', linked: false, country: cc, inter: crowd.inter, mentions: [] });
    }
    ev.actor1 = [id];
  }
}

export const eventsStage: Stage = {
  name: 'events',
  run(doc, { pack }) {
    doc.events = extractEvents(doc, pack.events, pack.attribution);
    addCrowdActors(doc);
  },
};

/** For tests and tools: extract with an explicit lexicon. */
export function eventsOf(doc: Doc, lex: EventLexicon, attLex?: AttributionLexicon): ConflictEvent[] {
  return extractEvents(doc, lex, attLex);
}
