/**
 * kill -9 during ingest loses nothing already committed, leaves no half batch, and a rerun
 * neither duplicates nor skips a document.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.js';
import { numberedDoc } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const self = fileURLToPath(import.meta.url);
const child = join(self, '..', self.endsWith('.ts') ? 'kill-child.ts' : 'kill-child.js');
const nodeArgs = self.endsWith('.ts') ? ['--import', 'tsx', child] : [child];

/** Runs the child until it reported `minCommits` commits, then kills it with SIGKILL. */
function runAndKill(url: string, minCommits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, url, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let commits = 0;
    let last = 0;
    let err = '';
    let buf = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.stdout.on('data', (b: Buffer) => {
      buf += b.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^committed (\d+)$/.exec(line);
        if (m) {
          commits++;
          last = Number(m[1]);
          if (commits === minCommits) p.kill('SIGKILL');
        }
      }
    });
    p.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(last);
      else reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

test('kill -9 mid-ingest: committed batches kept whole, rerun completes without duplicates', async () => {
  const url = `sqlite:${join(dir, 'crash.db')}`;
  const reported = await runAndKill(url, 4);
  const s = await openStore(url);
  try {
    const st = await s.stats();
    assert.ok(st.documents >= reported, `stored ${st.documents} < reported ${reported}`);
    assert.equal(st.documents % 50, 0, 'no half batch');
    assert.equal(st.events, st.documents * 2, 'every stored document has all its events');
    assert.equal(st.entities, st.documents * 3);
    const ids = await s.documentIds();
    assert.deepEqual(ids, Array.from({ length: st.documents }, (_, i) => `n${i}`));
    const last = await s.getDocument(`n${st.documents - 1}`);
    assert.equal(last?.dates.length, 2);
    // Rerun over the whole input: the stored ones are duplicates, the rest goes in.
    const total = st.documents + 120;
    let inserted = 0;
    let duplicates = 0;
    for (let i = 0; i < total; i += 40) {
      const r = await s.putDocuments(Array.from({ length: Math.min(40, total - i) }, (_, k) => numberedDoc(i + k)));
      inserted += r.inserted;
      duplicates += r.duplicates;
    }
    assert.equal(duplicates, st.documents);
    assert.equal(inserted, 120);
    assert.deepEqual(await s.documentIds(), Array.from({ length: total }, (_, i) => `n${i}`));
  } finally {
    await s.close();
  }
});
