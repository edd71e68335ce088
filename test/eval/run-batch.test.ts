import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotateGold, loadAnnotate, type AnnotateFn } from '../../src/eval/run.js';
import type { GoldRecord } from '../../src/eval/score.js';
import type { Doc } from '../../src/document.js';

/** Gold records written for this test (made up), 70 of them so that they span two batches. */
function golds(n: number): GoldRecord[] {
  const out: GoldRecord[] = [];
  for (let i = 0; i < n; i++) {
    const fr = i % 2 === 0;
    out.push({
      id: i % 5 === 0 ? i : `g${i}`,
      lang: fr ? 'fr' : 'en',
      published: '2017-01-1' + (i % 9),
      text: fr
        ? `Des frappes aériennes russes ont tué ${i + 3} civils mercredi à Alep, selon l'OSDH.`
        : `Syrian army shelling killed ${i + 2} people in Idlib on Tuesday, according to the Observatory.`,
    } as unknown as GoldRecord);
  }
  return out;
}

test('eval annotates in batches with the same predictions as one document at a time', async () => {
  const full = await loadAnnotate();
  assert.equal(typeof full.batch, 'function');
  const single: AnnotateFn = (doc) => full(doc);
  const g = golds(70);
  const batched = annotateGold(g, full);
  const alone = annotateGold(g, single);
  assert.equal(batched.failures.length, 0);
  assert.equal(batched.predictions.length, 70);
  assert.deepEqual(batched.predictions, alone.predictions);
  // Ids keep their written type (a number stays a number).
  assert.equal(batched.predictions[0].id as unknown, 0);
  assert.ok(batched.predictions.some((p) => (p as unknown as { events: unknown[] }).events.length > 0));
});

test('a batch that throws is redone one document at a time: only the bad document fails', () => {
  const bad = (doc: Doc): void => {
    if (doc.raw.includes('BOOM')) throw new Error('stage exploded');
  };
  const fn: AnnotateFn = (doc) => {
    bad(doc);
    doc.text = doc.raw;
    return doc;
  };
  let batches = 0;
  fn.batch = (docs) => {
    batches++;
    for (const d of docs) fn(d);
  };
  const g = golds(70);
  (g[10] as unknown as { text: string }).text = 'BOOM';
  const done: number[] = [];
  const r = annotateGold(g, fn, { onDoc: (k) => done.push(k) });
  assert.equal(batches, 2);
  assert.deepEqual(r.failures.map((f) => f.id), ['10']); // record 10 has the numeric id 10
  assert.match(r.failures[0].message, /stage exploded/);
  assert.equal(r.predictions.length, 69);
  assert.deepEqual(done, Array.from({ length: 70 }, (_, i) => i + 1));
  assert.deepEqual(r.predictions.map((p) => String(p.id)), g.filter((_, i) => i !== 10).map((x) => String(x.id)));
});
