/**
 * Arrays of objects with one hidden class. V8 gives an array one of several hidden classes by
 * the "elements kind" of its storage: small integers, doubles or any value, each packed or with
 * holes. `[]` starts as small integers and becomes "any value" with its first object; `new
 * Array(k)` has holes even once filled; Array.prototype.map answers with holes or without
 * depending on whether its caller was optimized. Code optimized for arrays of one kind is thrown
 * away (deoptimized, then compiled again) the first time it meets the other: each such
 * recompilation of extractEvents, findDates, focusCountries or the attribution stage cost from
 * ~15 ms (findDates) to ~140 ms (extractEvents) of compiler time in the bench's first thousand
 * documents. The lists these functions
 * read are built with objectList / push, so they always have the same kind: objects, no holes.
 */
const SEED: object = {};

/** An empty array already of the kind "objects, no holes" (the kind `[{}]` has). */
export function objectList<T>(): T[] {
  const a: unknown[] = [SEED];
  a.pop(); // an array's kind never narrows back: it stays "objects"
  return a as T[];
}
