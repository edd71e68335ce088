import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGazetteerInChild, cacheIsCurrent } from '../../src/knowledge/places/build.js';

const indexUrl = new URL('../../src/knowledge/places/index.js', import.meta.url).href;

/** Loads the gazetteer in a fresh process whose cache folder is `dir`; resolves with what it found. */
function loadIn(dir: string): Promise<{ size: number; alep: string[]; code: number | null; err: string }> {
  const script = `
    const { loadGazetteer } = await import(${JSON.stringify(indexUrl)});
    const g = loadGazetteer();
    const alep = (g.matcher.get('alep') ?? []).map((i) => g.entry(i).id);
    process.stdout.write(JSON.stringify({ size: g.size, alep }));
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, VIGIE_GAZETTEER_DIR: dir } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      let r = { size: -1, alep: [] as string[] };
      try { r = JSON.parse(out); } catch { /* reported below */ }
      resolve({ ...r, code, err });
    });
  });
}

test('first use builds the gazetteer cache; two processes building at once both load the same index', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-gaz-'));
  try {
    assert.equal(cacheIsCurrent(dir), false);
    const [a, b] = await Promise.all([loadIn(dir), loadIn(dir)]);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    assert.ok(a.size > 100000, `size ${a.size}`);
    assert.equal(a.size, b.size);
    assert.ok(a.alep.length > 0);
    assert.deepEqual(a.alep, b.alep);
    assert.equal(cacheIsCurrent(dir), true);
    // Every file was renamed into place: no temporary file is left behind.
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.tmp-')), []);
    // A third process reads the finished cache.
    const c = await loadIn(dir);
    assert.equal(c.code, 0, c.err);
    assert.equal(c.size, a.size);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failed build names the cache folder and the reason instead of leaving a half-made index', () => {
  const base = mkdtempSync(join(tmpdir(), 'vigie-gaz-'));
  try {
    // A regular file where the cache folder should be: the child process cannot create it.
    const blocker = join(base, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const dir = join(blocker, 'gazetteer');
    assert.throws(() => buildGazetteerInChild(dir), (e: Error) => e.message.includes(dir) && /ENOTDIR|not a directory/i.test(e.message));
    assert.equal(cacheIsCurrent(dir), false);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});
