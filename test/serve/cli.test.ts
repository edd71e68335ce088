/** `vigie serve` as a command: starts, answers, stops cleanly on SIGTERM; bad options fail. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled CLI next to this compiled test (works from dist/ or any build folder). */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('vigie serve --port 0: prints its URL, serves the API and the page, stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-serve-cli-'));
  try {
    const child = spawn(process.execPath, [CLI, '--db', join(dir, 'empty.db'), 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 20000);
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const stats = (await (await fetch(url + '/api/stats')).json()) as { documents: number };
    assert.equal(stats.documents, 0);
    const page = await fetch(url + '/');
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Vigie<\/title>/);
    // Requests are logged on standard error.
    await new Promise((r) => setTimeout(r, 100));
    assert.match(stderr, /GET \/api\/stats 200/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('vigie serve --port abc fails with a message; --help documents the options', () => {
  const bad = spawnSync(process.execPath, [CLI, '--db', ':memory:', 'serve', '--port', 'abc'], { encoding: 'utf8' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /--port must be an integer/);
  const help = spawnSync(process.execPath, [CLI, 'serve', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--port <n>/);
  assert.match(help.stdout, /--host <host>/);
  assert.match(help.stdout, /Usage: vigie serve/);
  assert.match(help.stdout, /Examples:/);
  const top = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  assert.match(top.stdout, /\n  serve /);
});
