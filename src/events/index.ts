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
import type { ConflictEvent, DateMention, Doc, Entity, EventStatus, Mention, Place, Span } from '../document.js';
import type { Stage } from '../pipeline.js';
import type { EventLexicon, TriggerEntry } from './lexicon.js';
import { compileForms, compileGroups, findAll, sentencesOf, type GroupMatcher, type Sentence } from './patterns.js';
import { findAttributions } from '../attribution/index.js';
import type { AttributionLexicon } from '../attribution/lexicon.js';

interface Compiled {
  trig: GroupMatcher;
  refiners: Map<string, RegExp>;
  passive: RegExp;
  target: RegExp;
  heldBy: RegExp;
  partner: RegExp;
  between: RegExp;
  conj: RegExp;
  genitive: RegExp;
  anaphora: RegExp;
  actorLocative: RegExp;
  nonActorKinds: Set<string>;
  placeLocative: RegExp;
  destination: RegExp;
  negation: RegExp;
  negParticle: RegExp | null;
  negCompletion: RegExp | null;
  planned: RegExp;
  conditional: RegExp | null;
  condExceptions: Set<string>;
  hearsay: RegExp;
  hypothetical: RegExp;
  death: RegExp;
  wounded: RegExp;
  numberRe: RegExp;
  vague: RegExp;
  vagueValues: Map<string, number>;
  clauseBreak: RegExp;
  since: RegExp;
}

const compiledCache = new WeakMap<EventLexicon, Compiled>();

/** Anchored at the end of a stretch: "... X" where X is one of forms, then only spaces. */
function tailRe(forms: readonly string[]): RegExp {
  const re = compileForms(forms);
  return new RegExp(`(?:${re.source})[\\s\\u00a0]*$`, 'iu');
}
/** Anchored at the start: "X ..." after optional spaces. */
function headRe(forms: readonly string[]): RegExp {
  const re = compileForms(forms);
  return new RegExp(`^[\\s\\u00a0]*(?:${re.source})`, 'iu');
}

function fold(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/[\s\u00a0]+/g, ' ').trim();
}

export function compileEventLexicon(lex: EventLexicon): Compiled {
  let c = compiledCache.get(lex);
  if (c) return c;
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
  c = {
    trig: compileGroups(lex.triggers.map((t) => t.forms)),
    refiners: new Map(Object.entries(lex.refiners).map(([k, r]) => [k, compileForms(r.cues)])),
    passive: headRe(lex.roles.passiveAgent),
    target: compileForms(lex.roles.target),
    heldBy: compileForms(lex.roles.heldBy),
    partner: compileForms(lex.roles.partner),
    between: compileForms(lex.roles.between),
    conj: new RegExp(`^[\\s\\u00a0]*(?:,|(?:,[\\s\\u00a0]*)?(?:${compileForms(lex.roles.conjunctions).source}))[\\s\\u00a0]*(?:\\p{L}+['’]|\\p{L}{1,3}[\\s\\u00a0]+)?[\\s\\u00a0]*$`, 'iu'),
    genitive: new RegExp(`^[\\s\\u00a0]*(?:(?:${compileForms(lex.roles.genitive).source})[\\s\\u00a0]*)*$`, 'iu'),
    anaphora: compileForms(lex.roles.anaphora),
    actorLocative: tailRe(lex.roles.locative),
    nonActorKinds: new Set(lex.roles.nonActorKinds),
    placeLocative: tailRe(lex.place.locative),
    destination: compileForms(lex.place.destination),
    negation: compileForms(lex.status.negation),
    negParticle: lex.status.negationParticles.length ? compileForms(lex.status.negationParticles) : null,
    negCompletion: lex.status.negationCompletions.length ? compileForms(lex.status.negationCompletions) : null,
    planned: compileForms(lex.status.planned),
    conditional: lex.status.conditionalEndings.length
      ? new RegExp(`\\p{L}+(?:${lex.status.conditionalEndings.join('|')})(?![\\p{L}])`, 'giu')
      : null,
    condExceptions: new Set(lex.status.conditionalExceptions.map((w) => w.toLowerCase())),
    hearsay: compileForms(lex.status.hearsay),
    hypothetical: compileForms(lex.status.hypothetical),
    death: compileForms(lex.fatalities.death),
    wounded: compileForms(lex.fatalities.wounded),
    numberRe,
    vague: compileForms(Object.keys(lex.fatalities.vague)),
    vagueValues: new Map(Object.entries(lex.fatalities.vague).map(([k, v]) => [fold(k), v])),
    clauseBreak: new RegExp(
      lex.clauseBreaks.map((b) => (/^\p{L}/u.test(b) ? `(?<![\\p{L}])${compileForms([b]).source.replace(/^\(\?<!\[\\p\{L\}\\p\{N\}\]\)/, '')}` : b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('|') || '(?!)',
      'giu',
    ),
    since: tailRe(lex.dateSince),
  };
  compiledCache.set(lex, c);
  return c;
}

/** Parses a number written in digits or words ("vingt-trois", "deux cents", "1 200"). */
export function parseNumber(s: string, lex: EventLexicon): number | null {
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

interface MentionRef {
  m: Mention;
  e: Entity;
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
}

/** Runs the events stage's reading over a document and returns its events (pure). */
export function extractEvents(doc: Doc, lex: EventLexicon, attLex?: AttributionLexicon): ConflictEvent[] {
  const text = doc.text;
  if (!text) return [];
  const c = compileEventLexicon(lex);
  const sents = sentencesOf(text, doc.sentences);

  // mentions, sorted
  const sourceZones = attLex ? findAttributions(doc, attLex).map((a) => ({ start: a.start, end: a.end })) : [];
  const inSource = (m: Mention) => sourceZones.some((z) => m.start >= z.start && m.end <= z.end);
  const placeMentions: PlaceRef[] = [];
  for (const p of doc.places) for (const m of p.mentions) placeMentions.push({ m, p });
  placeMentions.sort((a, b) => a.m.start - b.m.start);
  const actorMentions: MentionRef[] = [];
  for (const e of doc.entities) {
    if (c.nonActorKinds.has(e.kind)) continue;
    for (const m of e.mentions) {
      if (inSource(m)) continue;
      if (placeMentions.some((p) => m.start < p.m.end && m.end > p.m.start)) continue;
      actorMentions.push({ m, e });
    }
  }
  actorMentions.sort((a, b) => a.m.start - b.m.start);
  const dates = [...doc.dates].sort((a, b) => a.start - b.start);
  const pubMonth = doc.published && /^\d{4}-\d{2}/.test(doc.published) ? doc.published.slice(0, 7) : null;

  const all: Candidate[] = [];
  let lastActor1: MentionRef[] = [];
  for (let si = 0; si < sents.length; si++) {
    const s = sents[si];
    const found: Candidate[] = [];
    const fallbacks: Candidate[] = [];
    const matches = execAll(c.trig, text, s.start, s.end);
    if (!matches.length) continue;
    const sActors = actorMentions.filter((r) => r.m.start >= s.start && r.m.end <= s.end);
    const sPlaces = placeMentions.filter((r) => r.m.start >= s.start && r.m.end <= s.end);
    const sDates = dates.filter((d) => d.start >= s.start && d.end <= s.end && d.value);
    const figures = fatalityFigures(text, s, c, lex, sDates);
    for (const { span, idx } of matches) {
      const entry = lex.triggers[idx];
      const clause = clauseOf(text, s, span, c);
      const cand: Candidate = {
        entry,
        trigger: span,
        type: entry.type,
        subtype: entry.subtype,
        actor1: [],
        actor2: [],
        place: null,
        placeInSentence: false,
        date: null,
        status: 'asserted',
        fatalities: [],
        sentence: s,
      };
      refine(cand, text, s, c, lex);
      roles(cand, text, clause, s, sActors, c, lastActor1);
      actorRules(cand);
      cand.place = pickPlace(text, s, span, sPlaces, c);
      cand.placeInSentence = !!cand.place;
      cand.date = pickDate(text, span, sDates, c, pubMonth);
      cand.status = status(text, clause, span, c);
      (entry.fallback ? fallbacks : found).push(cand);
    }
    const list = found.length ? found : fallbacks;
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
    for (const cand of list) {
      if (cand.entry.weak && !cand.actor1.length && !cand.actor2.length && !cand.placeInSentence && !cand.fatalities.length) continue;
      // same type and actors in one sentence → one event
      const twin = all.find(
        (o) => o.sentence === s && o.type === cand.type && o.subtype === cand.subtype && sameIds(o.actor1, cand.actor1) && sameIds(o.actor2, cand.actor2),
      );
      if (twin) continue;
      all.push(cand);
      if (cand.actor1.length) lastActor1 = cand.actor1;
    }
    // places: fall back to the previous sentences of the paragraph
    for (const cand of list) {
      if (cand.place) continue;
      for (let k = si - 1; k >= 0 && k >= si - 2 && sents[k].para === s.para; k--) {
        const ps = placeMentions.filter((r) => r.m.start >= sents[k].start && r.m.end <= sents[k].end && !isDestination(text, sents[k], r, c));
        if (ps.length) {
          cand.place = ps[ps.length - 1];
          break;
        }
      }
    }
  }

  // merge events of one document that agree
  const merged: Candidate[] = [];
  for (const cand of all) {
    const same = merged.find((o) => compatible(o, cand));
    if (same) {
      if (!same.place && cand.place) same.place = cand.place;
      if (!same.date && cand.date) same.date = cand.date;
      if (!same.actor1.length && cand.actor1.length) same.actor1 = cand.actor1;
      if (!same.actor2.length && cand.actor2.length) same.actor2 = cand.actor2;
      if (cand.fatalities.length) same.fatalities = same.fatalities.concat(cand.fatalities);
      continue;
    }
    merged.push(cand);
  }

  return merged.map((cand, i) => toEvent(doc, cand, i + 1));
}

function execAll(g: GroupMatcher, text: string, a: number, b: number): { span: Span; idx: number }[] {
  const out: { span: Span; idx: number }[] = [];
  const s = text.slice(a, b);
  g.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = g.re.exec(s))) {
    if (!m[0].length) {
      g.re.lastIndex++;
      continue;
    }
    out.push({ span: { start: a + m.index, end: a + m.index + m[0].length, text: m[0] }, idx: g.which(m) });
  }
  return out;
}

function sameIds(a: MentionRef[], b: MentionRef[]): boolean {
  const x = [...new Set(a.map((r) => r.e.id))].sort().join('|');
  const y = [...new Set(b.map((r) => r.e.id))].sort().join('|');
  return x === y;
}

function ids(a: MentionRef[]): Set<string> {
  return new Set(a.map((r) => r.e.id));
}

function compatible(o: Candidate, n: Candidate): boolean {
  if (o.type !== n.type || o.subtype !== n.subtype) return false;
  if (o.status !== n.status && (o.status === 'negated' || n.status === 'negated')) return false;
  const a1 = ids(o.actor1);
  const b1 = ids(n.actor1);
  if (a1.size && b1.size && ![...a1].some((x) => b1.has(x))) return false;
  const a2 = ids(o.actor2);
  const b2 = ids(n.actor2);
  if (a2.size && b2.size && ![...a2].some((x) => b2.has(x))) return false;
  if (o.place && n.place && o.place.p.id !== n.place.p.id) return false;
  if (o.date && n.date && !datesAgree(o.date.value, n.date.value)) return false;
  // two bare events far apart say little: keep them apart unless something ties them
  const tied = (a1.size && b1.size) || (o.place && n.place);
  return !!tied;
}

function datesAgree(a: string, b: string): boolean {
  if (a.includes('W') || b.includes('W')) return a.slice(0, 4) === b.slice(0, 4);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== 'X' && b[i] !== 'X' && a[i] !== b[i]) return false;
  return true;
}

/** The clause around the trigger: between clause breaks, inside the sentence. */
function clauseOf(text: string, s: Sentence, t: Span, c: Compiled): { start: number; end: number } {
  let start = s.start;
  let end = s.end;
  for (const b of findAll(c.clauseBreak, text, s.start, s.end)) {
    if (b.end <= t.start) start = Math.max(start, b.end);
    else if (b.start >= t.end) {
      end = Math.min(end, b.start);
      break;
    }
  }
  return { start, end };
}

function refine(cand: Candidate, text: string, s: Sentence, c: Compiled, lex: EventLexicon): void {
  const names = cand.entry.refine ?? [];
  let best: { d: number; name: string } | null = null;
  for (const name of names) {
    const re = c.refiners.get(name);
    if (!re) continue;
    for (const m of findAll(re, text, Math.max(s.start, cand.trigger.start - 80), Math.min(s.end, cand.trigger.end + 80))) {
      const d = m.end <= cand.trigger.start ? cand.trigger.start - m.end : m.start >= cand.trigger.end ? m.start - cand.trigger.end : 0;
      if (!best || d < best.d) best = { d, name };
    }
  }
  if (best) {
    const r = lex.refiners[best.name];
    if (r) {
      cand.type = r.type;
      cand.subtype = r.subtype;
    }
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
    const next =
      dir === 1
        ? pool.find((r) => r.m.start >= cur.m.end && r.m.start <= hi)
        : [...pool].reverse().find((r) => r.m.end <= cur.m.start && r.m.start >= lo);
    if (!next) break;
    const gap = dir === 1 ? text.slice(cur.m.end, next.m.start) : text.slice(next.m.end, cur.m.start);
    if (gap.length > 30 || !c.conj.test(gap)) break;
    out.push(next);
    cur = next;
  }
  return out;
}

function firstAfter(pool: MentionRef[], pos: number, hi: number, maxGap: number): MentionRef | null {
  const r = pool.find((x) => x.m.start >= pos && x.m.start <= hi);
  return r && r.m.start - pos <= maxGap ? r : null;
}

function roles(
  cand: Candidate,
  text: string,
  clause: { start: number; end: number },
  s: Sentence,
  sActors: MentionRef[],
  c: Compiled,
  lastActor1: MentionRef[],
): void {
  const t = cand.trigger;
  // an actor mention right after a locative preposition is a place ("en Syrie")
  const pool = sActors.filter((r) => !c.actorLocative.test(text.slice(Math.max(s.start, r.m.start - 25), r.m.start)) && !(r.m.start < t.end && r.m.end > t.start));
  const inClause = pool.filter((r) => r.m.start >= clause.start && r.m.end <= clause.end);
  const patientGenitive = cand.type === 'Violence against civilians' || cand.subtype === 'Arrests' || !!cand.entry.actorRules?.some((r) => r.role === 'actor1');
  let a1: MentionRef[] = [];
  let a2: MentionRef[] = [];
  const after = (re: RegExp): MentionRef[] => {
    for (const m of findAll(re, text, t.end, clause.end)) {
      const r = firstAfter(inClause, m.end, clause.end, 30);
      if (r) return coordinated(text, inClause, r, 1, c, clause.start, clause.end);
    }
    return [];
  };
  // "entre X et Y"
  for (const m of findAll(c.between, text, Math.max(clause.start, t.start - 40), clause.end)) {
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
    // passive agent "par X"
    const gapPassive = text.slice(t.end, clause.end);
    const pm = findAll(new RegExp(c.passive.source.replace(/^\^/, ''), 'giu'), gapPassive, 0, Math.min(gapPassive.length, 60));
    let passiveActors: MentionRef[] = [];
    for (const m of pm) {
      const r = firstAfter(inClause, t.end + m.end, clause.end, 25);
      if (r) {
        passiveActors = coordinated(text, inClause, r, 1, c, clause.start, clause.end);
        break;
      }
    }
    // complement of a noun trigger: "frappes de l'aviation russe", "frappes russes"
    let complement: MentionRef[] = [];
    const nextR = firstAfter(inClause, t.end, clause.end, 25);
    if (nextR && c.genitive.test(text.slice(t.end, nextR.m.start))) complement = coordinated(text, inClause, nextR, 1, c, clause.start, clause.end);
    // subject: nearest actor before the trigger in the clause (with its coordinated actors)
    const before = inClause.filter((r) => r.m.end <= t.start);
    let subject: MentionRef[] = [];
    if (before.length) subject = coordinated(text, inClause, before[before.length - 1], -1, c, clause.start, clause.end);
    else {
      const anaph = findAll(c.anaphora, text, clause.start, t.start);
      if (anaph.length && lastActor1.length) subject = lastActor1;
      else {
        const sb = pool.filter((r) => r.m.end <= t.start);
        if (sb.length) subject = coordinated(text, pool, sb[sb.length - 1], -1, c, s.start, s.end);
      }
    }
    if (passiveActors.length) {
      a1 = passiveActors;
      if (subject.length) a2 = subject;
    } else if (complement.length && !patientGenitive) {
      a1 = complement;
      if (subject.length && cand.type !== 'Explosions/Remote violence') a2 = subject;
    } else {
      a1 = subject;
      if (complement.length) a2 = complement;
    }
  }
  if (!a2.length) a2 = after(c.target);
  if (!a2.length) a2 = after(c.heldBy);
  if (!a2.length && cand.type === 'Diplomacy') a2 = after(c.partner);
  if (!a2.length && (cand.type === 'Diplomacy' || cand.type === 'Battles' || cand.type === 'Violence against civilians' || cand.subtype === 'Arrests')) {
    const r = firstAfter(inClause, t.end, clause.end, 40);
    if (r && !a1.includes(r)) a2 = coordinated(text, inClause, r, 1, c, clause.start, clause.end);
  }
  const a1ids = ids(a1);
  cand.actor1 = uniq(a1);
  cand.actor2 = uniq(a2.filter((r) => !a1ids.has(r.e.id)));
}

function uniq(a: MentionRef[]): MentionRef[] {
  const seen = new Set<string>();
  return a.filter((r) => (seen.has(r.e.id) ? false : (seen.add(r.e.id), true)));
}

function isDestination(text: string, s: Sentence, r: PlaceRef, c: Compiled): boolean {
  const before = text.slice(Math.max(s.start, r.m.start - 30), r.m.start);
  const ds = findAll(c.destination, before);
  if (!ds.length) return false;
  const d = ds[ds.length - 1];
  const gap = before.slice(d.end);
  return !/[,;:.]/.test(gap) && gap.length <= 25;
}

const PRECISION_PENALTY: Record<string, number> = { point: 0, city: 0, region: 25, country: 70 };

function pickPlace(text: string, s: Sentence, t: Span, sPlaces: PlaceRef[], c: Compiled): PlaceRef | null {
  let best: PlaceRef | null = null;
  let bs = Infinity;
  for (const r of sPlaces) {
    if (isDestination(text, s, r, c)) continue;
    const d = r.m.end <= t.start ? t.start - r.m.end + 10 : Math.max(0, r.m.start - t.end);
    let score = d + (PRECISION_PENALTY[r.p.precision] ?? 0);
    if (c.placeLocative.test(text.slice(Math.max(s.start, r.m.start - 25), r.m.start))) score -= 15;
    if (score < bs) {
      bs = score;
      best = r;
    }
  }
  return best;
}

function pickDate(text: string, t: Span, sDates: DateMention[], c: Compiled, pubMonth: string | null): { value: string; span?: Span } | null {
  let best: DateMention | null = null;
  let bd = Infinity;
  for (const d of sDates) {
    if (!d.value) continue;
    if (d.precision === 'year' && c.since.test(text.slice(Math.max(0, d.start - 25), d.start))) continue;
    if (d.precision === 'year' && c.since.test(d.text.replace(/\s*\d{4}.*$/u, ' '))) continue;
    const dist = d.end <= t.start ? t.start - d.end : Math.max(0, d.start - t.end);
    if (dist < bd) {
      bd = dist;
      best = d;
    }
  }
  if (best) return { value: best.value!, span: { start: best.start, end: best.end, text: best.text } };
  return pubMonth ? { value: pubMonth } : null;
}

function status(text: string, clause: { start: number; end: number }, t: Span, c: Compiled): EventStatus {
  const from = Math.max(clause.start, t.start - 70);
  const before = text.slice(from, t.start);
  // negation: "sans (aucune)", "aucun", "not", "denied" shortly before the trigger
  for (const m of findAll(c.negation, before)) {
    const gap = before.slice(m.end);
    if (gap.length <= 30 && !/[,;:.]/.test(gap)) return 'negated';
  }
  if (c.negParticle && c.negCompletion) {
    const win = text.slice(Math.max(clause.start, t.start - 40), Math.min(clause.end, t.end + 12));
    const offset = Math.max(clause.start, t.start - 40);
    const ps = findAll(c.negParticle, win);
    for (const p of ps) {
      if (offset + p.start >= t.start) break;
      const rest = win.slice(p.end);
      const comp = findAll(c.negCompletion, rest);
      if (comp.length && !/[,;:]/.test(rest.slice(0, comp[0].start))) return 'negated';
    }
  }
  // hypothetical clause ("si ...", "if ...")
  const clauseHead = text.slice(clause.start, t.start);
  const hyp = findAll(c.hypothetical, clauseHead);
  if (hyp.length && hyp[0].start <= 3) return 'planned';
  // planned: modal / intention shortly before (or a modal right after a noun trigger)
  for (const m of findAll(c.planned, before)) if (before.length - m.end <= 60) return 'planned';
  const afterWin = text.slice(t.end, Math.min(clause.end, t.end + 40));
  const pa = findAll(c.planned, afterWin);
  if (pa.length && /^[\p{L}\s'’-]*$/u.test(afterWin.slice(0, pa[0].start))) {
    // only modal verbs right after the trigger phrase ("l'expulsion de Daesh ... pourrait")
    if (pa[0].start <= 35) return 'planned';
  }
  // hearsay conditional → reported
  const hs = findAll(c.hearsay, before);
  if (hs.length && before.length - hs[hs.length - 1].end <= 25) return 'reported';
  if (c.conditional) {
    const near = text.slice(Math.max(clause.start, t.start - 40), t.end);
    for (const m of findAll(c.conditional, near)) {
      if (!c.condExceptions.has(m.text.toLowerCase())) return 'planned';
    }
  }
  return 'asserted';
}

function fatalityFigures(text: string, s: Sentence, c: Compiled, lex: EventLexicon, sDates: DateMention[]): Figure[] {
  const deaths = findAll(c.death, text, s.start, s.end);
  if (!deaths.length) return [];
  const nums: { start: number; end: number; text: string; value: number }[] = [];
  for (const v of findAll(c.vague, text, s.start, s.end)) {
    const val = c.vagueValues.get(fold(v.text));
    if (val !== undefined) nums.push({ ...v, value: val });
  }
  for (const n of findAll(c.numberRe, text, s.start, s.end)) {
    if (nums.some((v) => n.start < v.end && n.end > v.start)) continue;
    if (sDates.some((d) => n.start < d.end && n.end > d.start)) continue;
    if (/^(1[89]|20)\d\d$/.test(n.text)) continue;
    if (/^\s*%/.test(text.slice(n.end, n.end + 2))) continue;
    const value = parseNumber(n.text, lex);
    if (value === null) continue;
    nums.push({ ...n, value });
  }
  const wounded = findAll(c.wounded, text, s.start, s.end);
  const out: Figure[] = [];
  const used = new Set<number>();
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
        const tail = text.slice(n.end, n.end + 25);
        if (wounded.some((w) => w.start >= n.end && w.start - n.end <= 15) && !findAll(c.death, tail).length) continue;
      } else continue;
      if (dist < bd) {
        bd = dist;
        best = n;
      }
    }
    if (best && !used.has(best.start)) {
      used.add(best.start);
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
    actor1: [...ids(cand.actor1)],
    actor2: [...ids(cand.actor2)],
    place: cand.place ? cand.place.p.id : null,
    date: cand.date ? cand.date.value : null,
    status: cand.status,
    fatalities: fat ? fat.value : null,
    sources: [],
    evidence: { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) },
    trigger: cand.trigger,
  };
  const spans: NonNullable<ConflictEvent['spans']> = {};
  if (cand.actor1.length) spans.actor1 = cand.actor1.map((r) => span(r.m));
  if (cand.actor2.length) spans.actor2 = cand.actor2.map((r) => span(r.m));
  if (cand.place) spans.place = span(cand.place.m);
  if (cand.date?.span) spans.date = cand.date.span;
  if (fat) spans.fatalities = fat.span;
  if (Object.keys(spans).length) ev.spans = spans;
  return ev;
}

function span(m: Mention): Span {
  return { start: m.start, end: m.end, text: m.text };
}

export const eventsStage: Stage = {
  name: 'events',
  run(doc, { pack }) {
    doc.events = extractEvents(doc, pack.events, pack.attribution);
  },
};

/** For tests and tools: extract with an explicit lexicon. */
export function eventsOf(doc: Doc, lex: EventLexicon, attLex?: AttributionLexicon): ConflictEvent[] {
  return extractEvents(doc, lex, attLex);
}
