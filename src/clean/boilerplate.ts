/**
 * Boilerplate removal with general rules (vocabulary is data: src/lang/<code>/clean.json):
 *  - short lines made of furniture vocabulary (share/follow/newsletter/weather/menu/comments…):
 *    removed anywhere when they are nothing but furniture, at the edges of the text otherwise;
 *  - longer furniture paragraphs (newsletter blurbs, cookie and comment policies) at the edges;
 *  - runs of short link-like lines (menus, breadcrumbs) at the edges;
 *  - metadata lines (bylines, agency marks, sources, credits, "related" links, datelines):
 *    removed anywhere and kept as metadata;
 *  - repeated lines (the title repeated as the first body line included).
 * The title: when none was given, a short first line without a final period, followed by a
 * repeat of itself, a blank line or a longer paragraph, is the title. It stays once in the text.
 */
import { LEX, type MergedLexicon } from './lex.js';
import { classifyMetaLine, inlineDateline, type LineMeta } from './metadata.js';
import { NOT_UNIT_FOLDABLE, foldText, foldedUnit, squash, words } from './normalize.js';
import { HASH_SEED, hashStep, TokenTable } from '../match/matcher.js';

type Kind = 'blank' | 'meta' | 'furniture' | 'edge' | 'short' | 'content';

interface Line {
  text: string;
  key: string;
  kind: Kind;
  meta?: LineMeta;
  keep: boolean;
  nWords: number;
  /** A long line whose furniture score has not been computed yet. */
  long?: boolean;
}

export interface FoundMeta {
  title?: string;
  author?: string;
  outlet?: string;
  dateline?: string;
  published?: string;
}

export interface BoilerplateResult {
  text: string;
  meta: FoundMeta;
  /** Number of lines removed. */
  removed: number;
}

const SENTENCE_END = /[.!?…:;,»"”)]$/;
/** A first line ending with a period is a headline only this short. */
const HEADLINE_MAX_WORDS = 15;

const phraseRe = new WeakMap<MergedLexicon, RegExp>();
/** Number of distinct furniture phrases in a folded line (one regex scan). */
function countPhrases(folded: string, lex: MergedLexicon): number {
  let re = phraseRe.get(lex);
  if (!re) {
    const alt = [...lex.furniturePhrases].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(alt.join('|'), 'g');
    phraseRe.set(lex, re);
  }
  re.lastIndex = 0;
  const found = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) found.add(m[0]);
  return found.size;
}

function furnitureScore(folded: string, lex: MergedLexicon): { strong: boolean; weak: boolean; edge: boolean } {
  const all = words(folded);
  const n = all.length;
  const phrase = countPhrases(folded, lex);
  if (n === 0) return { strong: false, weak: folded.trim().length > 0 && folded.trim().length <= 3, edge: false };
  let content = 0;
  let furn = 0;
  const hints = new Set<string>();
  for (const w of all) {
    if (lex.furnitureHints.has(w)) hints.add(w);
    if (lex.stopwords.has(w) || /^\d+$/.test(w) || w.length === 1) continue;
    content++;
    if (lex.furnitureWords.has(w)) furn++;
  }
  for (const h of lex.hintPhrases) if (folded.includes(h)) hints.add(h);
  const ratio = content === 0 ? 0 : furn / content;
  const strong = (n <= 3 && content > 0 && ratio === 1) || (phrase > 0 && n <= 6);
  const weak = strong || (n <= 8 && ratio >= 0.6);
  const edge = weak || phrase * 2 + hints.size >= 2 + (n > 40 ? 1 : 0);
  return { strong, weak, edge };
}

/** "Home | World | Middle East", "Accueil > Monde > Afrique": three or more short items between separators. */
function isLinkList(sq: string): boolean {
  const parts = sq.split(/\s+[|>›»/•·]\s+|\s*[|•·]\s*/);
  return parts.length >= 3 && parts.every((p) => p !== '' && p.split(' ').length <= 3 && !/[.!?]$/.test(p));
}

/** Words of a line (runs of spaces count once), counting stops after `max`. */
function countWords(s: string, max: number): number {
  // A word starts at anything but a space, no-break space or narrow no-break space, and ends
  // at the next plain space (a no-break space inside a word does not end it). From each plain
  // space (and the start), past any no-break spaces: a word starts there unless it is another
  // plain space; the next plain space is found with indexOf (one native scan per word instead
  // of a test per code unit).
  let n = 0;
  const len = s.length;
  let i = -1;
  for (;;) {
    let j = i + 1;
    while (j < len) {
      const c = s.charCodeAt(j);
      if (c !== 0xa0 && c !== 0x202f) break;
      j++;
    }
    if (j >= len) return n;
    if (s.charCodeAt(j) !== 32 && ++n > max) return n;
    i = s.indexOf(' ', j);
    if (i < 0) return n;
  }
}

/** What classify finds for a line that is not a long paragraph (the Line without text and state). */
interface LineClass {
  key: string;
  kind: Kind;
  meta?: LineMeta;
  nWords: number;
  long?: boolean;
}

/**
 * Lines up to MEMO_LINE characters, classified before: furniture, bylines, credits and
 * datelines repeat from one article to the next (one site, one agency), and classifying a
 * short line (metadata patterns, folding, furniture score) costs far more than a lookup.
 * One map per lexicon, emptied when it holds MEMO_MAX lines.
 */
const MEMO_LINE = 200;
const MEMO_MAX = 20000;
const memos = new WeakMap<MergedLexicon, Map<string, LineClass>>();

function classify(text: string, lex: MergedLexicon): Line {
  // Long lines are body text unless they turn out to be furniture at an edge (checked lazily).
  if (text.length > 120) {
    const n = countWords(text, 24);
    // the key of a long line is the line itself (lower-casing every paragraph costs; repeats are compared without case below)
    if (n > 24) return { text, key: text, kind: 'content', keep: true, nWords: n, long: true };
  }
  let c: LineClass | undefined;
  if (text.length > MEMO_LINE) c = classifyLine(text, lex);
  else {
    let memo = memos.get(lex);
    if (!memo) {
      memo = new Map();
      memos.set(lex, memo);
    }
    c = memo.get(text);
    if (c === undefined) {
      if (memo.size >= MEMO_MAX) memo.clear();
      // A copy of the line, so that neither the key nor the strings found in it keep the whole
      // article alive (a line cut from a text points into it): concatenating and cutting again
      // flattens a string of its own.
      const own = (text + ' ').slice(0, -1);
      c = classifyLine(own, lex);
      memo.set(own, c);
    }
  }
  return { text, key: c.key, kind: c.kind, meta: c.meta, keep: true, nWords: c.nWords, long: c.long };
}

function classifyLine(text: string, lex: MergedLexicon): LineClass {
  const sq = squash(text);
  if (sq === '') return { key: '', kind: 'blank', nWords: 0 };
  let nWords = 1;
  for (let i = sq.indexOf(' '); i >= 0; i = sq.indexOf(' ', i + 1)) nWords++;
  const key = sq.toLowerCase();
  if (nWords > 24) return { key, kind: 'content', nWords, long: true };
  const meta = classifyMetaLine(sq, lex);
  if (meta) return { key, kind: 'meta', meta, nWords };
  const folded = foldText(sq);
  const f = furnitureScore(folded, lex);
  let kind: Kind = 'content';
  if (f.strong) kind = 'furniture';
  else if (f.weak || f.edge || isLinkList(sq)) kind = 'edge';
  else if (nWords <= 5 && !SENTENCE_END.test(sq)) kind = 'short';
  return { key, kind, nWords };
}

interface Triggers {
  phrase: Set<string>;
  hint: Set<string>;
  /** First two code units of every trigger word. */
  prefixes: Set<number>;
}
const triggerCache = new WeakMap<MergedLexicon, Triggers>();
/** Words whose presence a long furniture line needs: the longest word of each phrase; the hint words. */
function triggers(lex: MergedLexicon): Triggers {
  let t = triggerCache.get(lex);
  if (!t) {
    const longest = (p: string) => (p.match(/[\p{L}\p{N}]+/gu) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
    const hint = new Set<string>(lex.furnitureHints);
    for (const h of lex.hintPhrases) hint.add(longest(h));
    const phrase = new Set(lex.furniturePhrases.map(longest).filter((w) => w !== ''));
    const prefixes = new Set<number>([...phrase, ...hint].map((w) => w.charCodeAt(0) * 65536 + (w.length > 1 ? w.charCodeAt(1) : 0)));
    t = { phrase, hint, prefixes };
    triggerCache.set(lex, t);
  }
  return t;
}

/**
 * Cheap test before scoring a long line: it can only be edge furniture when it holds a word of
 * a furniture phrase or two distinct hint words (one pass over its folded words).
 */
function mayBeFurniture(folded: string, lex: MergedLexicon): boolean {
  const { phrase, hint, prefixes } = triggers(lex);
  let firstHint: string | null = null;
  const len = folded.length;
  let i = 0;
  while (i < len) {
    if (!isAlnum(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < len && isAlnum(folded.charCodeAt(j))) j++;
    // a word is cut out only when its first two letters start a trigger word
    if (prefixes.has(folded.charCodeAt(i) * 65536 + (j > i + 1 ? folded.charCodeAt(i + 1) : 0))) {
      const w = folded.slice(i, j);
      if (phrase.has(w)) return true;
      if (hint.has(w)) {
        if (firstHint !== null && firstHint !== w) return true;
        firstHint = w;
      }
    }
    i = j;
  }
  return false;
}

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

interface TriggerTable {
  /** The trigger words, id = index: the phrase words first, then hint words that are not phrase words. */
  table: TokenTable;
  /** Number of phrase words (ids below it). */
  nPhrase: number;
}
const triggerTables = new WeakMap<MergedLexicon, TriggerTable>();
function triggerTable(lex: MergedLexicon): TriggerTable {
  let t = triggerTables.get(lex);
  if (!t) {
    const { phrase, hint } = triggers(lex);
    const table = new TokenTable();
    for (const w of phrase) table.add(w);
    for (const w of hint) if (!phrase.has(w)) table.add(w);
    t = { table, nPhrase: phrase.size };
    triggerTables.set(lex, t);
  }
  return t;
}

/**
 * mayBeFurniture(foldText(text), lex), reading the folded view one code unit at a time instead
 * of building it (long lines are scanned at both edges of every text): each word's hash is
 * computed as it is read and looked up among the trigger words, nothing is cut out.
 */
function mayBeFurnitureText(text: string, lex: MergedLexicon): boolean {
  if (NOT_UNIT_FOLDABLE.test(text)) return mayBeFurniture(foldText(text), lex);
  const { table, nPhrase } = triggerTable(lex);
  let firstHint = -1;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const f = foldedUnit(text.charCodeAt(i));
    if (f < 0) return mayBeFurniture(foldText(text), lex);
    if (!isAlnum(f)) {
      i++;
      continue;
    }
    let h = hashStep(HASH_SEED, f);
    let j = i + 1;
    for (; j < len; j++) {
      const f2 = foldedUnit(text.charCodeAt(j));
      if (f2 < 0) return mayBeFurniture(foldText(text), lex);
      if (!isAlnum(f2)) break;
      h = hashStep(h, f2);
    }
    const k = table.findIn(text, i, j, h, foldedUnit);
    if (k >= 0) {
      if (k < nPhrase) return true;
      if (firstHint >= 0 && firstHint !== k) return true;
      firstHint = k;
    }
    i = j;
  }
  return false;
}

/** Resolves a long line's edge-furniture status (newsletter blurbs, cookie or comment policies). */
function isEdge(l: Line, lex: MergedLexicon): boolean {
  if (l.long) {
    l.long = false;
    if (mayBeFurnitureText(l.text, lex) && furnitureScore(foldText(squash(l.text)), lex).edge) l.kind = 'edge';
  }
  return l.kind === 'edge';
}

/** Removes boilerplate from normalized text; `title` is the known title, if any. */
export function removeBoilerplate(text: string, title: string | null, lex: MergedLexicon = LEX): BoilerplateResult {
  const parts = text.split('\n');
  const lines: Line[] = [];
  for (let i = 0; i < parts.length; i++) lines.push(classify(parts[i], lex));
  const meta: FoundMeta = {};
  // Each field takes the value found on the earliest line.
  const at: Partial<Record<keyof FoundMeta, number>> = {};
  const set = (k: keyof FoundMeta, v: string | undefined, i: number) => {
    if (v === undefined || (at[k] !== undefined && at[k]! <= i)) return;
    meta[k] = v;
    at[k] = i;
  };
  const take = (l: Line) => {
    const m = l.meta;
    if (!m) return;
    const i = lines.indexOf(l);
    set('author', m.author, i);
    set('outlet', m.outlet, i);
    set('dateline', m.dateline, i);
    set('published', m.published, i);
  };
  const drop = (l: Line) => {
    l.keep = false;
    take(l);
  };

  // Metadata lines and pure furniture lines go wherever they are.
  for (let i = 0; i < lines.length; i++) if (lines[i].kind === 'meta' || lines[i].kind === 'furniture') drop(lines[i]);

  // Head: edge furniture and runs of short link-like lines before the first body line.
  let h = 0;
  while (h < lines.length) {
    const l = lines[h];
    if (l.kind === 'blank' || !l.keep) {
      h++;
      continue;
    }
    if (isEdge(l, lex)) {
      drop(l);
      h++;
      continue;
    }
    if (l.kind === 'short') {
      // A run of >= 3 consecutive short or furniture lines (no blank between) is a menu or breadcrumb.
      let s = h;
      while (s > 0 && lines[s - 1].kind !== 'blank' && !lines[s - 1].keep) s--;
      let e = h;
      while (e < lines.length && (lines[e].kind === 'short' || (!lines[e].keep && lines[e].kind !== 'blank'))) e++;
      const run = lines.slice(h, e).filter((x) => x.kind === 'short');
      if (e - s >= 3) {
        for (const x of run) drop(x);
        h = e;
        continue;
      }
    }
    break;
  }

  // Tail: edge furniture, and short link-like lines once furniture has been seen.
  let seen = false;
  for (let t = lines.length - 1; t > h; t--) {
    const l = lines[t];
    if (l.kind === 'blank') continue;
    if (!l.keep) {
      seen = true;
      continue;
    }
    if (isEdge(l, lex) || (seen && l.kind === 'short' && l.nWords <= 4)) {
      drop(l);
      seen = true;
      continue;
    }
    break;
  }

  // Title: the first body line.
  let foundTitle: string | undefined;
  const first = lines.findIndex((l) => l.keep && l.kind !== 'blank');
  if (first >= 0) {
    const l = lines[first];
    const sq = squash(l.text);
    // A headline may end with a period ("Ceasefire holds in the north."): then it must be one
    // short sentence standing alone (a blank line after it, checked below).
    const period = /[^.]\.$/.test(sq) && l.nWords <= HEADLINE_MAX_WORDS && !/[.!?…]["»”)]?\s+\p{Lu}/u.test(sq.slice(0, -1)) && !/(?:^|\s)\p{Lu}\.$/u.test(sq);
    if (title === null && l.nWords <= 30 && sq.length <= 200 && (!/[.,;:]$/.test(sq) || period)) {
      let blank = false;
      let next: Line | undefined;
      for (let k = first + 1; k < lines.length; k++) {
        if (lines[k].kind === 'blank') blank = true;
        else if (lines[k].keep || lines[k].key === l.key) {
          next = lines[k];
          break;
        }
      }
      const longer = next !== undefined && squash(next.text).length >= Math.max(80, 2 * sq.length);
      const ok = /[.]$/.test(sq) ? next !== undefined && (next.key === l.key || (blank && longer)) : next && (next.key === l.key || blank || longer);
      if (next && ok) {
        const hasBody = lines.some((x, k) => k > first && x.keep && x.key !== l.key && x.kind !== 'blank');
        if (hasBody) foundTitle = sq;
      }
    }
    const lead = foundTitle ? lines.findIndex((x, k) => k > first && x.keep && x.kind !== 'blank' && x.key !== l.key) : first;
    const inline = lead >= 0 ? inlineDateline(squash(lines[lead].text.slice(0, 240)), lex) : null;
    if (inline) {
      set('outlet', inline.outlet, lead);
      set('dateline', inline.dateline, lead);
      set('published', inline.published, lead);
    }
  }

  // Repeated lines: keep the first occurrence only. (Long lines are compared by length first:
  // hashing every long paragraph costs more than the rest of this stage.)
  const seenShort = new Set<string>();
  const seenLong: string[] = [];
  /** Lower case of seenLong[i], computed when first needed. */
  const seenLongLower: (string | undefined)[] = [];
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (!l.keep || l.kind === 'blank' || l.key.length < 2) continue;
    const k = l.key;
    if (k.length <= 64) {
      if (seenShort.has(k)) l.keep = false;
      else seenShort.add(k);
    } else {
      let dup = false;
      let kLower: string | undefined;
      for (let i = 0; i < seenLong.length && !dup; i++) {
        const o = seenLong[i];
        if (o.length !== k.length) continue;
        if (o === k) dup = true;
        else {
          kLower ??= k.toLowerCase();
          dup = (seenLongLower[i] ??= o.toLowerCase()) === kLower;
        }
      }
      if (dup) l.keep = false;
      else {
        seenLong.push(k);
        seenLongLower.push(kLower);
      }
    }
  }

  let removed = 0;
  const out: string[] = [];
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (!l.keep) {
      removed++;
      continue;
    }
    if (l.kind === 'blank' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l.text);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (foundTitle) meta.title = foundTitle;
  return { text: out.join('\n'), meta, removed };
}
