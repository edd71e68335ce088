/**
 * Regular-expression pieces built from the lexicon words: alternations (longest first,
 * flexible spaces and apostrophes), the year pattern and the letter boundaries.
 */

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One word or phrase as a pattern: spaces match any run of spaces, ' matches ’ too. */
export function phrasePattern(w: string): string {
  return w
    .split(/\s+/)
    .map((part) => escapeRe(part).replace(/'/g, "['’]"))
    .join('\\s+');
}

/** Alternation of phrases, longest first so that "au début de" wins over "début". */
export function alternation(words: Iterable<string>): string {
  const list = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
  return list.map(phrasePattern).join('|');
}

/** A four-digit year from 1500 to 2099 (after the letter O typed for zero has been fixed). */
export const YEAR = '(?:1[5-9]|20)\\d\\d';

/** Letters, digits and underscore: what a word boundary looks at (Unicode aware). */
export const WORD_CHAR = '[\\p{L}\\p{N}_]';
/** Any other character (one code point: the patterns have the u flag). */
export const NOT_WORD_CHAR = '[^\\p{L}\\p{N}_]';

/** Does a phrase end with a character that glues to the next word ("mi-", "d'", "l'")? */
export function gluesRight(w: string): boolean {
  return /[-'’]$/.test(w);
}

/** Case-insensitive lookup key: lower case, ’ → '. */
export function key(s: string): string {
  return s.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ');
}

/** Lookup in a record by a matched surface. */
export function lookup<T>(rec: Record<string, T>, surface: string): T | undefined {
  const k = key(surface);
  if (k in rec) return rec[k];
  // tolerate a missing/extra final dot on abbreviations
  if (k.endsWith('.') && k.slice(0, -1) in rec) return rec[k.slice(0, -1)];
  if (`${k}.` in rec) return rec[`${k}.`];
  return undefined;
}

/** A regex matching one of the phrases at the end of a string ("plus de" before a number). */
export function endsWithAny(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}_])(?:${alternation(words)})\\s*$`, 'iu');
}

/**
 * Plain strings (no pattern syntax: each character is escaped) as one alternation shaped as a
 * trie, common prefixes factored out ("ma(?:rs|i)"): the engine tries it faster than the flat
 * list. It matches exactly the same strings; where several match at one position, which one
 * the engine picks may differ from the flat list's, so it serves where only the position
 * counts, or where what follows lets at most one of them match.
 */
export function trieAlternation(words: Iterable<string>): string {
  return trieOf([...new Set(words)]);
}

function trieOf(words: string[]): string {
  const byFirst = new Map<string, string[]>();
  let empty = false;
  for (const w of words) {
    if (w === '') empty = true;
    else {
      const rest = byFirst.get(w[0]);
      if (rest) rest.push(w.slice(1));
      else byFirst.set(w[0], [w.slice(1)]);
    }
  }
  const alts: string[] = [];
  for (const [c, rest] of byFirst) {
    const sub = trieOf(rest);
    alts.push(escapeRe(c) + (rest.length === 1 || sub === '' ? sub : `(?:${sub})`));
  }
  if (empty) alts.push(''); // the word ends here: tried after the longer ones
  return alts.join('|');
}
