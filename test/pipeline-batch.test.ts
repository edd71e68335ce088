import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newDoc, toAnnotation, type Doc } from '../src/document.js';
import { annotate, annotateBatch, BATCH_DOCS, PASSES, runBatch, STAGES } from '../src/pipeline.js';
import { repoPath } from './helpers.js';

/** The made-up example articles (plain text files) and the lines of the JSON Lines example, as input documents. */
function exampleDocs(): Doc[] {
  const dir = repoPath('examples');
  const docs: Doc[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.txt')) docs.push(newDoc({ id: f, origin: { path: join(dir, f), format: 'txt' }, raw: readFileSync(join(dir, f), 'utf8'), published: '2024-03-05' }));
    if (f.endsWith('.jsonl')) {
      readFileSync(join(dir, f), 'utf8').split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        const o = JSON.parse(line) as { id?: string; text: string; title?: string; outlet?: string; published?: string };
        docs.push(newDoc({ id: o.id ?? `${f}:${i + 1}`, origin: { path: join(dir, f), format: 'jsonl', line: i + 1 }, raw: o.text, title: o.title ?? null, outlet: o.outlet ?? null, published: o.published ?? null }));
      });
    }
  }
  return docs;
}

test('PASSES hold every stage once, in STAGES order', () => {
  assert.deepEqual(PASSES.flat().map((s) => s.name), STAGES.map((s) => s.name));
  assert.ok(PASSES.length > 1 && PASSES.length < STAGES.length, 'some stages share a pass, not all');
});

test('annotateBatch gives every document the annotation it gets alone', () => {
  const alone = exampleDocs();
  const batched = exampleDocs();
  assert.ok(alone.length >= 10, `examples hold ${alone.length} documents`);
  // Several batches, the last one short: repeat the examples past BATCH_DOCS.
  const copies = (ds: Doc[]): Doc[] => {
    const out: Doc[] = [];
    for (let k = 0; out.length < BATCH_DOCS + 7; k++) for (const d of ds) out.push(newDoc({ id: `${d.id}#${k}`, origin: d.origin, raw: d.raw, title: d.title, outlet: d.outlet, published: d.published }));
    return out;
  };
  const a = copies(alone);
  const b = copies(batched);
  for (const d of a) annotate(d);
  annotateBatch(b);
  assert.equal(a.length, b.length);
  let withEvents = 0;
  for (let i = 0; i < a.length; i++) {
    assert.deepEqual(toAnnotation(b[i]), toAnnotation(a[i]), `document ${a[i].id}`);
    if (a[i].events.length > 0) withEvents++;
  }
  assert.ok(withEvents > a.length / 2, 'the comparison covers documents with events');
});

test('runBatch runs only the stages asked for; annotateBatch stops after `until`', () => {
  const docs = exampleDocs().slice(0, 3);
  const clean = STAGES.findIndex((s) => s.name === 'clean');
  runBatch(docs, 0, clean + 1);
  for (const d of docs) {
    assert.ok(d.text.length > 0 && d.hash, 'cleaned');
    assert.equal(d.entities.length, 0, 'entities not run yet');
  }
  runBatch(docs, clean + 1);
  assert.ok(docs.some((d) => d.entities.length > 0 && d.events.length > 0), 'the remaining stages ran');

  const part = exampleDocs().slice(0, 3);
  annotateBatch(part, { until: 'places' });
  assert.ok(part.some((d) => d.places.length > 0));
  assert.ok(part.every((d) => d.events.length === 0 && d.dates.length === 0));
  assert.throws(() => annotateBatch(part, { until: 'no-such-stage' }), /no stage named "no-such-stage"/);
});

test('a stage that throws names the stage and the document', () => {
  const docs = exampleDocs().slice(0, 2);
  Object.defineProperty(docs[1], 'raw', {
    get(): string {
      throw new Error('raw text unreadable');
    },
  });
  assert.throws(
    () => runBatch(docs),
    (e: Error) =>
      /^stage clean failed on document /.test(e.message) && e.message.includes(docs[1].id) && e.message.includes(docs[1].origin.path) && e.message.endsWith('raw text unreadable'),
  );
});
