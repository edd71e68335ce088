/**
 * Reads the words around a date that chrono leaves out or ignores:
 * - "dernier"/"prochain" after it ("le 28 octobre dernier"): the span grows to cover the word
 *   and the result is tagged past/future;
 * - "dernier"/"prochain"/"last"/"next" inside chrono's own text ("samedi dernier", "last
 *   Saturday"): tagged the same way;
 * - "ce"/"cette"/"this" before it ("ce 17 février"): the span grows, tagged near;
 * - "depuis"/"since" before it: flag "since" (the span does not grow).
 */
import type { ParsingContext, ParsingResult, Refiner } from 'chrono-node';
import type { DateLexicon } from '../../lexicon.js';
import { alternation, endsWithAny, key } from '../patterns.js';
import { ANAPHORA_PREFIX, TAG, tagsOf } from '../tags.js';
import { codeUnitTable, SPACE } from '../../../match/units.js';

export class ModifierRefiner implements Refiner {
  private readonly after: RegExp;
  private readonly nearBefore: RegExp | null;
  private readonly sinceBefore: RegExp | null;
  private readonly past: Set<string>;
  private readonly future: Set<string>;
  private readonly near: Set<string>;
  /** Code units that can start a modifier after a date (for `after`), end a near word or a since phrase (see canStart, canEnd). */
  private readonly modStart: Uint8Array;
  private readonly nearEnd: Uint8Array;
  private readonly sinceEnd: Uint8Array;
  /** direction() by result text (the same texts come back: "mercredi", "samedi dernier"). */
  private readonly directions = new Map<string, 'past' | 'future' | 'near' | null>();

  constructor(lex: DateLexicon) {
    const mods = alternation([...lex.modifiers.past, ...lex.modifiers.future]);
    this.after = new RegExp(`^\\s*,?\\s*(${mods})(?![\\p{L}\\p{N}_])`, 'iu');
    this.nearBefore = lex.modifiers.near.length
      ? new RegExp(`(?:^|[^\\p{L}\\p{N}_])(${alternation(lex.modifiers.near)})\\s+$`, 'iu')
      : null;
    this.sinceBefore = endsWithAny(lex.sinceTriggers.flatMap((w) => [w, `${w} le`, `${w} l'`, `${w} the`]));
    this.past = new Set(lex.modifiers.past.map(key));
    this.future = new Set(lex.modifiers.future.map(key));
    this.near = new Set(lex.modifiers.near.map(key));
    const sincePhrases = lex.sinceTriggers.flatMap((w) => [w, `${w} le`, `${w} l'`, `${w} the`]);
    this.modStart = charTable([...lex.modifiers.past, ...lex.modifiers.future].map((w) => w[0]));
    this.nearEnd = charTable(lex.modifiers.near.map((w) => w[w.length - 1]));
    this.sinceEnd = charTable(sincePhrases.map((w) => w[w.length - 1]));
  }

  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    for (const r of results) {
      const tags = tagsOf(r); // read before the tags added below (tracked aside)
      if (tags.has(TAG.relative) || hasAnaphora(tags)) continue;
      let past = tags.has(TAG.past);
      let future = tags.has(TAG.future);
      const dir = this.direction(r.text);
      if (dir === 'past') {
        r.addTag(TAG.past);
        past = true;
      } else if (dir === 'future') {
        r.addTag(TAG.future);
        future = true;
      } else if (dir === 'near') r.addTag(TAG.near);
      if (!past && !future && this.modifierMayFollow(context.text, r.index + r.text.length)) {
        const m = this.after.exec(context.text.slice(r.index + r.text.length));
        if (m && !r.start.isCertain('year')) {
          // "28 octobre dernier", "samedi prochain": only for dates whose year is open
          r.text = context.text.slice(r.index, r.index + r.text.length + m[0].length);
          const w = key(m[1]);
          r.addTag(this.past.has(w) ? TAG.past : TAG.future);
        }
      }
      if (this.nearBefore && !r.start.isCertain('year') && endsWithWordThenSpace(context.text, Math.max(0, r.index - 16), r.index, this.nearEnd)) {
        const before = context.text.slice(Math.max(0, r.index - 16), r.index);
        const m = this.nearBefore.exec(before);
        if (m) {
          const grow = before.length - before.lastIndexOf(m[1]);
          r.index -= grow;
          r.text = context.text.slice(r.index, r.index + r.text.length + grow);
          r.addTag(TAG.near);
        }
      }
      if (
        this.sinceBefore &&
        endsWithWord(context.text, Math.max(0, r.index - 24), r.index, this.sinceEnd) &&
        this.sinceBefore.test(context.text.slice(Math.max(0, r.index - 24), r.index))
      ) {
        r.addTag(TAG.flag('since'));
      }
    }
    return results;
  };

  /**
   * A modifier word inside the result's own text ("samedi dernier", "last Saturday"): any past
   * word, else any future word, else a near word first; null when none.
   */
  private direction(text: string): 'past' | 'future' | 'near' | null {
    let d = this.directions.get(text);
    if (d === undefined) {
      if (this.directions.size >= 4096) this.directions.clear();
      d = this.directionOf(text);
      this.directions.set(text, d);
    }
    return d;
  }

  private directionOf(text: string): 'past' | 'future' | 'near' | null {
    const lowered = text.toLowerCase();
    // the words, cut as before (letters and apostrophes) on the lower-cased text when
    // lower-casing keeps the length (it keeps letters letters), else word by word
    const words = lowered.length === text.length ? lowered.replace(/’/g, "'").split(WORD_CUT) : text.split(WORD_CUT).map(key);
    let near = false;
    let future = false;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (this.past.has(w)) return 'past';
      if (!future && this.future.has(w)) future = true;
      if (i === 0 && this.near.has(w)) near = true;
    }
    return future ? 'future' : near ? 'near' : null;
  }

  /**
   * A necessary condition for `after` to match text.slice(at): after white space, an optional
   * comma and white space, a code unit that can start a modifier.
   */
  private modifierMayFollow(text: string, at: number): boolean {
    let i = at;
    while (i < text.length && SPACE[text.charCodeAt(i)]) i++;
    if (i < text.length && text.charCodeAt(i) === 44) {
      i++;
      while (i < text.length && SPACE[text.charCodeAt(i)]) i++;
    }
    return i < text.length && this.modStart[text.charCodeAt(i)] === 1;
  }
}

/**
 * The code units a case-insensitive Unicode pattern (flags iu, as the refiner's patterns) can
 * match for one of these characters; ' stands for ’ too (phrasePattern).
 */
function charTable(chars: string[]): Uint8Array {
  const set = new Set<string>();
  for (const c of chars) {
    set.add(c);
    if (c === "'" || c === '’') {
      set.add("'");
      set.add('’');
    }
  }
  if (set.size === 0) return new Uint8Array(65536);
  return codeUnitTable(`[${[...set].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'iu');
}

/**
 * A necessary condition for a pattern ending in (words)\s*$ over text.slice(from, to): the last
 * code unit that is not white space can end one of the words.
 */
function endsWithWord(text: string, from: number, to: number, ends: Uint8Array): boolean {
  let i = to - 1;
  while (i >= from && SPACE[text.charCodeAt(i)]) i--;
  return i >= from && ends[text.charCodeAt(i)] === 1;
}

/** The same for (words)\s+$: at least one white space at the end. */
function endsWithWordThenSpace(text: string, from: number, to: number, ends: Uint8Array): boolean {
  return to - 1 >= from && SPACE[text.charCodeAt(to - 1)] === 1 && endsWithWord(text, from, to, ends);
}

/** What splits a result's text into words for the modifier lookup. */
const WORD_CUT = /[^\p{L}'’]+/u;

function hasAnaphora(tags: ReadonlySet<string>): boolean {
  for (const t of tags) if (t.startsWith(ANAPHORA_PREFIX)) return true;
  return false;
}
