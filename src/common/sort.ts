/**
 * Sorting short lists (the dates stage's chrono results and mentions, the places stage's
 * matches and country weights): the same order as
 * list.sort((a, b) => key(a) - key(b)) (stable: equal keys keep their order), in place. The
 * lists are short and nearly in order (each parser's results come in text order), where an
 * insertion sort does a few comparisons per element and no allocation; a longer list goes to
 * Array.prototype.sort.
 */
export function sortBy<T>(list: T[], key: (t: T) => number): T[] {
  const n = list.length;
  if (n > INSERTION_MAX) return list.sort((a, b) => key(a) - key(b));
  for (let i = 1; i < n; i++) {
    const x = list[i];
    const kx = key(x);
    let j = i - 1;
    // strictly greater: an equal key stays before x (stable)
    while (j >= 0 && key(list[j]) > kx) {
      list[j + 1] = list[j];
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}

/** Longest list sorted by insertion. */
export const INSERTION_MAX = 64;
