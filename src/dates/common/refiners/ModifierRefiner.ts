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
import { ANAPHORA_PREFIX, TAG } from '../tags.js';

export class ModifierRefiner implements Refiner {
  private readonly after: RegExp;
  private readonly nearBefore: RegExp | null;
  private readonly sinceBefore: RegExp | null;
  private readonly past: Set<string>;
  private readonly future: Set<string>;
  private readonly near: Set<string>;

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
  }

  refine = (context: ParsingContext, results: ParsingResult[]): ParsingResult[] => {
    for (const r of results) {
      const tags = r.tags(); // a new set: read once, the tags added below are tracked aside
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
      if (!past && !future) {
        const m = this.after.exec(context.text.slice(r.index + r.text.length));
        if (m && !r.start.isCertain('year')) {
          // "28 octobre dernier", "samedi prochain": only for dates whose year is open
          r.text = context.text.slice(r.index, r.index + r.text.length + m[0].length);
          const w = key(m[1]);
          r.addTag(this.past.has(w) ? TAG.past : TAG.future);
        }
      }
      const before = context.text.slice(Math.max(0, r.index - 16), r.index);
      if (this.nearBefore && !r.start.isCertain('year')) {
        const m = this.nearBefore.exec(before);
        if (m) {
          const grow = before.length - before.lastIndexOf(m[1]);
          r.index -= grow;
          r.text = context.text.slice(r.index, r.index + r.text.length + grow);
          r.addTag(TAG.near);
        }
      }
      if (this.sinceBefore && this.sinceBefore.test(context.text.slice(Math.max(0, r.index - 24), r.index))) {
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
}

/** What splits a result's text into words for the modifier lookup. */
const WORD_CUT = /[^\p{L}'’]+/u;

function hasAnaphora(tags: Set<string>): boolean {
  for (const t of tags) if (t.startsWith(ANAPHORA_PREFIX)) return true;
  return false;
}
