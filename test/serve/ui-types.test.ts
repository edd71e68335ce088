/** The web UI is plain JavaScript with JSDoc types: tsc checks it against the DOM library. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoPath } from '../helpers.js';

test('src/serve/public/app.js type-checks (tsc --checkJs, DOM lib)', () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', repoPath('src', 'serve', 'public', 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
