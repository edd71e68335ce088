/**
 * Planning one putDocuments batch, the same way in every store: which documents are
 * duplicates, which id and row key each new one gets, and how near-duplicates join stories.
 * The store fetches what the plan needs in a few batch queries (hashes, ids, the stored
 * documents a new one matched) and then writes the planned rows; nothing here touches a
 * database.
 */
import type { Doc } from '../document.js';
import { SimIndex, storyIdFor } from '../fuse/simhash.js';
import { StoreError } from './rows.js';
import type { PutResult } from './store.js';

/** A document of the batch that will be inserted. */
export interface FreshDoc {
  doc: Doc;
  /** The id it is stored under (its own, or "id~n" when taken). */
  id: string;
  /** Its row key (documents.key). */
  key: number;
  story: string | null;
  /** The stored (or earlier batch) document it was linked to. */
  link: { to: string; similarity: number } | null;
  /** Key of the nearest near-duplicate found by the SimHash index, before stories are assigned. */
  match: { key: number; similarity: number } | null;
}

/** A stored document as the plan needs it. */
export interface StoredDoc {
  key?: number;
  id: string;
  story: string | null;
}

export interface BatchPlan {
  fresh: FreshDoc[];
  /** Per input document: index into fresh, or the hash of a duplicate. */
  slots: (number | string)[];
  /** Stories founded by this batch (first: founding document id). */
  newStories: { id: string; first: string }[];
  /** story_members rows: doc id, story id, similarity, linked_to. */
  members: [string, string, number, string | null][];
  /** Story sizes to add. */
  growth: Map<string, number>;
  /** Already stored documents that now found a story (their story_id is set). */
  restory: { key: number; id: string; story: string }[];
}

/** Step 1: splits the batch into new documents and duplicates (stored, or earlier in the batch). */
export function splitDuplicates(docs: Doc[], stored: Map<string, StoredDoc>): { fresh: FreshDoc[]; slots: (number | string)[] } {
  const fresh: FreshDoc[] = [];
  const slots: (number | string)[] = [];
  const inBatch = new Set<string>();
  for (const doc of docs) {
    if (typeof doc.hash !== 'string' || doc.hash === '') throw new StoreError(String(doc.id), `invalid content hash "${String(doc.hash)}"`);
    if (typeof doc.id !== 'string' || doc.id === '') throw new StoreError(String(doc.id), 'empty id');
    if (stored.has(doc.hash) || inBatch.has(doc.hash)) {
      slots.push(doc.hash);
      continue;
    }
    inBatch.add(doc.hash);
    slots.push(fresh.length);
    fresh.push({ doc, id: doc.id, key: 0, story: null, link: null, match: null });
  }
  return { fresh, slots };
}

/**
 * Step 2: ids. A document whose id is taken (stored, or by an earlier document of the batch)
 * gets the next free "id~n". `takenInStore` answers for one candidate id.
 */
export function assignIds(fresh: FreshDoc[], takenInStore: (id: string) => boolean): void {
  const used = new Set<string>();
  for (const f of fresh) {
    const want = f.doc.id;
    let id = want;
    if (used.has(id) || takenInStore(id)) {
      for (let n = 2; ; n++) {
        id = `${want}~${n}`;
        if (!used.has(id) && !takenInStore(id)) break;
      }
    }
    f.id = id;
    used.add(id);
  }
}

/**
 * Step 3: keys firstKey, firstKey+1, … and near-duplicate matches, each new document looked
 * up in `index` (stored documents and the batch's earlier ones) and then added to it.
 * Returns the keys of stored documents that were matched (the store fetches their id and story).
 */
export function matchNearDuplicates(fresh: FreshDoc[], firstKey: number, index: SimIndex): number[] {
  const stored = new Set<number>();
  fresh.forEach((f, i) => {
    f.key = firstKey + i;
    const m = index.nearest(f.doc.simhash);
    if (m) {
      f.match = { key: m.key, similarity: m.similarity };
      if (m.key < firstKey) stored.add(m.key);
    }
    index.add(f.key, f.doc.simhash);
  });
  return [...stored];
}

/** Step 4: stories, given the matched stored documents by key. Completes the plan. */
export function assignStories(split: { fresh: FreshDoc[]; slots: (number | string)[] }, storedByKey: Map<number, StoredDoc>): BatchPlan {
  const plan: BatchPlan = { ...split, newStories: [], members: [], growth: new Map(), restory: [] };
  const byKey = new Map<number, FreshDoc>();
  for (const f of plan.fresh) byKey.set(f.key, f);
  const grow = (story: string): void => {
    plan.growth.set(story, (plan.growth.get(story) ?? 0) + 1);
  };
  for (const f of plan.fresh) {
    if (!f.match) continue;
    const target: StoredDoc | FreshDoc | undefined = byKey.get(f.match.key) ?? storedByKey.get(f.match.key);
    if (!target) throw new Error(`near-duplicate key ${f.match.key} not found`);
    if (!target.story) {
      const story = storyIdFor(target.id);
      target.story = story;
      plan.newStories.push({ id: story, first: target.id });
      plan.members.push([target.id, story, 1, null]);
      grow(story);
      if (!byKey.has(f.match.key)) plan.restory.push({ key: f.match.key, id: target.id, story });
    }
    f.story = target.story;
    f.link = { to: target.id, similarity: f.match.similarity };
    plan.members.push([f.id, f.story, f.link.similarity, f.link.to]);
    grow(f.story);
  }
  return plan;
}

/** The put result, in input order. `stored` gives id and story of documents stored before. */
export function planResult(plan: BatchPlan, stored: Map<string, StoredDoc>): PutResult {
  const result: PutResult = { inserted: 0, duplicates: 0, items: [] };
  const freshByHash = new Map<string, FreshDoc>();
  for (const f of plan.fresh) freshByHash.set(f.doc.hash, f);
  const newStoryOf = new Map<string, string>();
  for (const r of plan.restory) newStoryOf.set(r.id, r.story);
  for (const s of plan.slots) {
    if (typeof s === 'number') {
      const f = plan.fresh[s];
      result.inserted++;
      result.items.push({ id: f.id, hash: f.doc.hash, inserted: true, story: f.story });
      continue;
    }
    result.duplicates++;
    const st = stored.get(s);
    if (st) result.items.push({ id: st.id, hash: s, inserted: false, story: st.story ?? newStoryOf.get(st.id) ?? null });
    else {
      const f = freshByHash.get(s)!;
      result.items.push({ id: f.id, hash: s, inserted: false, story: f.story });
    }
  }
  return result;
}
