/** The garbage-collector settings of the `vigie` process (src/cli/heap.ts): the bin's shebang and tuneHeap(). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../helpers.js';

/** The compiled CLI and heap module next to this compiled test (works from dist/ or any build folder). */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const HEAP = new URL('../../src/cli/heap.js', import.meta.url).href;
const { SEMI_SPACE_FLAG, HEAP_GROWING_PERCENT, NO_PRETENURING_FLAG, INLINING_BUDGET } = (await import(HEAP)) as typeof import('../../src/cli/heap.js');
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;

test('the bin runs through its shebang line as a shell would start it (env -S node <flag> main.js)', () => {
  const first = readFileSync(CLI, 'utf8').split('\n')[0];
  const m = /^#!\/usr\/bin\/env (-S .+)$/.exec(first);
  assert.ok(m, `shebang: ${first}`);
  assert.ok(m[1].split(/\s+/).includes(SEMI_SPACE_FLAG), `${SEMI_SPACE_FLAG} in the shebang`);
  // the kernel hands env everything after the interpreter as one argument
  const r = spawnSync('/usr/bin/env', [m[1], CLI, '--version'], { encoding: 'utf8', env: { ...process.env, PATH } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '0.1.0');
});

type Tuned = { semiSpace: boolean; growingPercent: number | null; pretenuring: boolean };

function tuneIn(execArgv: string[], nodeOptions?: string): Tuned {
  const r = spawnSync(process.execPath, [...execArgv, '--input-type=module', '-e', `const { tuneHeap } = await import(${JSON.stringify(HEAP)}); console.log(JSON.stringify(tuneHeap()));`], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: nodeOptions ?? '' },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Tuned;
}

test('tuneHeap sets the old generation growth unless node was given one, and reports the semi-space flag', () => {
  const off = { pretenuring: false };
  assert.deepEqual(tuneIn([]), { semiSpace: false, growingPercent: HEAP_GROWING_PERCENT, ...off });
  assert.deepEqual(tuneIn([SEMI_SPACE_FLAG]), { semiSpace: true, growingPercent: HEAP_GROWING_PERCENT, ...off });
  assert.deepEqual(tuneIn(['--heap-growing-percent=80']), { semiSpace: false, growingPercent: null, ...off });
  assert.deepEqual(tuneIn(['--heap_growing_percent=80', '--max_semi_space_size=32']), { semiSpace: true, growingPercent: null, ...off });
  assert.deepEqual(tuneIn([], '--max-semi-space-size=64'), { semiSpace: true, growingPercent: HEAP_GROWING_PERCENT, ...off });
});

test('tuneHeap turns allocation-site pretenuring off unless node was told either way; the flag is one node knows', () => {
  // setFlagsFromString ignores a flag V8 does not know: node itself refuses it on its command line
  const r = spawnSync(process.execPath, [NO_PRETENURING_FLAG, '-e', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const bad = spawnSync(process.execPath, ['--no-allocation-site-pretenurin', '-e', '0'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'a misspelt flag is refused');
  assert.equal(tuneIn(['--allocation-site-pretenuring']).pretenuring, true);
  assert.equal(tuneIn([NO_PRETENURING_FLAG]).pretenuring, false);
  // (node does not take these flags from NODE_OPTIONS: only its command line can say them)
  assert.equal(tuneIn([NO_PRETENURING_FLAG, '--allocation_site_pretenuring']).pretenuring, true);
  assert.equal(tuneIn(['--allocation-site-pretenuring', NO_PRETENURING_FLAG]).pretenuring, false);
});

test('the npm scripts and the demo that run the pipeline pass the same semi-space flag as the bin', () => {
  const scripts = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['vigie', 'bench', 'eval:external']) {
    assert.ok(scripts[name].split(/\s+/).includes(SEMI_SPACE_FLAG), `npm run ${name}: ${scripts[name]}`);
  }
  const demo = readFileSync(repoPath('scripts/demo.sh'), 'utf8');
  assert.match(demo, new RegExp(`\\(node ${SEMI_SPACE_FLAG} dist/src/cli/main\\.js`));
});

test('tuneCompiler sets the inlining budget unless node was given one; the flag is one node knows', () => {
  const budget = (execArgv: string[]): number | null => {
    const r = spawnSync(process.execPath, [...execArgv, '--input-type=module', '-e', `const { tuneCompiler } = await import(${JSON.stringify(HEAP)}); console.log(JSON.stringify(tuneCompiler()));`], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as number | null;
  };
  assert.equal(budget([]), INLINING_BUDGET);
  assert.equal(budget(['--max-inlined-bytecode-size-cumulative=920']), null);
  assert.equal(budget(['--max_inlined_bytecode_size_cumulative=500']), null);
  // setFlagsFromString ignores a flag V8 does not know: node itself refuses it on its command line
  const r = spawnSync(process.execPath, [`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`, '-e', '0'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const bad = spawnSync(process.execPath, ['--max-inlined-bytecode-size-cumulativ=300', '-e', '0'], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'a misspelt flag is refused');
});
