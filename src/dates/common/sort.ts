/**
 * Sorting the dates stage's short lists (chrono results, mentions): the same order as
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

/** Two ascending lists of numbers as one ascending list (repeats kept). */
export function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
