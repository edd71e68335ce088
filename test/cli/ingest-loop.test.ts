/**
 * The ingest loop (src/cli/run.ts) against a store that answers late: duplicates are checked
 * once per group of cleaned documents and a batch is written while the next is annotated.
 * Counts, commit order and failures must come out as with a store that answers at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../bench/corpus.js';
import { ingestPaths } from '../../src/cli/run.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { tempDir, write } from './cli.js';

/** A store whose writes end `delayMs` later; the write number `failAt` (1-based) fails instead. */
function slowStore(inner: Store, delayMs: number, failAt = 0): Store & { puts: number } {
  let puts = 0;
  const wrapped: Store & { puts: number } = Object.assign(Object.create(inner) as Store, {
    get puts() {
      return puts;
    },
    putDocuments: async (docs: Parameters<Store['putDocuments']>[0]) => {
      const n = ++puts;
      await new Promise((r) => setTimeout(r, delayMs));
      if (n === failAt) throw new Error(`write ${n} failed`);
      return inner.putDocuments(docs);
    },
    hasHashes: (h: string[]) => inner.hasHashes(h),
    stats: () => inner.stats(),
    close: () => inner.close(),
  });
  return wrapped;
}

function inputs(dir: string, n: number): { distinct: number; files: number } {
  const arts = generateCorpus(n, 11);
  arts.forEach((a, i) => write(join(dir, `a${String(i).padStart(4, '0')}.txt`), a.text + '\n'));
  // The same text twice more: once inside the first group, once much later.
  write(join(dir, 'a0001-copy.txt'), arts[0].text + '\n');
  write(join(dir, 'z-copy.txt'), arts[3].text + '\n');
  return { distinct: new Set(arts.map((a) => a.text)).size, files: n + 2 };
}

test('a slow store: every distinct document once, duplicates counted, commits in order', async () => {
  const t = tempDir('vigie-loop-');
  try {
    const dir = join(t.dir, 'in');
    mkdirSync(dir);
    const { distinct, files } = inputs(dir, 60);
    const store = slowStore(await openStore(':memory:'), 15);
    const commits: [number, number][] = [];
    const s = await ingestPaths([dir], store, { batch: 7, progressLabel: null, onCommit: (n, total) => commits.push([n, total]) });
    assert.equal(s.read, files);
    assert.equal(s.refused.length, 0);
    assert.equal(s.new, distinct);
    assert.equal(s.duplicates, files - distinct);
    assert.equal((await store.stats()).documents, distinct);
    assert.deepEqual(commits.map((c) => c[0]), commits.map((_, i) => i + 1));
    assert.equal(commits.length, Math.ceil(distinct / 7));
    assert.equal(commits[commits.length - 1][1], distinct);
    // A rerun finds everything stored: nothing new, nothing written.
    const again = await ingestPaths([dir], store, { batch: 7, progressLabel: null });
    assert.equal(again.new, 0);
    assert.equal(again.duplicates, files);
    await store.close();
  } finally {
    t.cleanup();
  }
});

test('a failed write is thrown; the batches before it stay stored, none after it', async () => {
  const t = tempDir('vigie-loop-');
  try {
    const dir = join(t.dir, 'in');
    mkdirSync(dir);
    inputs(dir, 40);
    const store = slowStore(await openStore(':memory:'), 10, 2);
    const commits: number[] = [];
    await assert.rejects(ingestPaths([dir], store, { batch: 5, progressLabel: null, onCommit: (n) => commits.push(n) }), /write 2 failed/);
    assert.deepEqual(commits, [1]);
    assert.equal((await store.stats()).documents, 5);
    await store.close();
  } finally {
    t.cleanup();
  }
});
