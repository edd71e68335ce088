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
import { TAG } from '../tags.js';

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
      const tags = r.tags();
      if (tags.has(TAG.relative) || [...tags].some((t) => t.startsWith('vigie/anaphora/'))) continue;
      const words = r.text.split(/[^\p{L}'’]+/u).map(key);
      if (words.some((w) => this.past.has(w))) r.addTag(TAG.past);
      else if (words.some((w) => this.future.has(w))) r.addTag(TAG.future);
      else if (this.near.has(words[0] ?? '')) r.addTag(TAG.near);
      const now = r.tags();
      if (!now.has(TAG.past) && !now.has(TAG.future)) {
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
}
