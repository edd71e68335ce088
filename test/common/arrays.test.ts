/**
 * src/common/arrays.ts: the lists the largest functions read have one hidden class. Checked
 * with V8's own test of "same hidden class" (%HaveSameMap, node --allow-natives-syntax) in a
 * child process. (The pipeline's own lists are not checked here: Array.prototype.map gives lists
 * with holes only once its caller is optimized, which a short test run does not reach; the
 * deoptimizations these lists caused are measured with node --trace-deopt, see DESIGN.md.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const ARRAYS = new URL('../../src/common/arrays.js', import.meta.url).href;

/** Runs `body` (an ES module with natives syntax) with objectList imported; returns its JSON output. */
function natives(body: string): unknown {
  const src = `const { objectList } = await import(${JSON.stringify(ARRAYS)});\n${body}`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', src], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('objectList: empty or filled, the hidden class of an array literal of objects', () => {
  const out = natives(`
    const ref = [{ a: 1 }];
    const empty = objectList();
    const filled = objectList(); filled.push({ a: 2 }, { a: 3 });
    const holey = new Array(2); holey[0] = { a: 2 }; holey[1] = { a: 3 };
    const smi = [];
    console.log(JSON.stringify({
      empty: %HaveSameMap(empty, ref), filled: %HaveSameMap(filled, ref),
      // the two kinds objectList avoids: the test of sameness does tell them apart
      holey: %HaveSameMap(holey, ref), smi: %HaveSameMap(smi, ref),
      length: empty.length,
    }));`);
  assert.deepEqual(out, { empty: true, filled: true, holey: false, smi: false, length: 0 });
});
