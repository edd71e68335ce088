/**
 * The crash test: `vigie ingest` is killed with SIGKILL after its first batch is committed;
 * a rerun must leave a complete store: every distinct input exactly once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateCorpus } from '../../bench/corpus.js';
import { jsonl, tempDir, vigie, vigieChild, write } from './cli.js';

const FILES = 300;
const BATCH = 20;

test('kill -9 during ingest, then rerun: complete and duplicate-free', async () => {
  const t = tempDir('vigie-crash-');
  try {
    const inputs = join(t.dir, 'inputs');
    mkdirSync(inputs);
    const arts = generateCorpus(FILES, 7);
    arts.forEach((a, i) => write(join(inputs, `a${String(i).padStart(4, '0')}.txt`), a.text + '\n'));
    const db = join(t.dir, 'crash.db');

    // The hashes the pipeline gives these inputs (annotate uses no database).
    const ann = vigie(['annotate', inputs, '--quiet']);
    assert.equal(ann.code, 0, ann.stderr);
    const hashes = new Set(jsonl<{ hash: string }>(ann.stdout).map((r) => r.hash));
    assert.ok(hashes.size >= FILES * 0.9, `only ${hashes.size} distinct documents among ${FILES} inputs`);

    // First run: killed as soon as the first batch is committed.
    const child = vigieChild(['ingest', '--db', db, '--batch', String(BATCH), '--verbose', inputs]);
    let err = '';
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
      if (/committed batch 1\b/.test(err) && !child.killed) child.kill('SIGKILL');
    });
    child.stdout!.resume();
    const { signal } = await exit;
    assert.equal(signal, 'SIGKILL', `the ingest was not killed (finished first?): ${err}`);

    const count = (): { docs: number; uniq: number } => {
      const d = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return d.prepare('SELECT count(*) AS docs, count(DISTINCT hash) AS uniq FROM documents').get() as { docs: number; uniq: number };
      } finally {
        d.close();
      }
    };
    const mid = count();
    assert.ok(mid.docs >= BATCH, `the committed batch was lost: ${mid.docs} documents`);
    assert.ok(mid.docs < hashes.size, `everything was stored before the kill (${mid.docs})`);
    assert.equal(mid.docs % BATCH, 0, `a partial batch was stored: ${mid.docs} documents`);

    // Rerun: stores exactly what is missing.
    const r = vigie(['ingest', '--db', db, '--batch', String(BATCH), inputs]);
    assert.equal(r.code, 0, r.stderr);
    const m = /read (\d+), new (\d+), duplicates (\d+), refused (\d+)/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.equal(Number(m[1]), FILES);
    assert.equal(Number(m[2]), hashes.size - mid.docs);

    const end = count();
    assert.equal(end.docs, hashes.size, 'document count == distinct inputs');
    assert.equal(end.uniq, end.docs, 'no duplicate hashes');
    const d = new Database(db, { readonly: true });
    const stored = new Set((d.prepare('SELECT hash FROM documents').all() as { hash: string }[]).map((x) => x.hash));
    d.close();
    for (const h of hashes) assert.ok(stored.has(h), `input with hash ${h.slice(0, 12)} missing`);
  } finally {
    t.cleanup();
  }
});
