import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../helpers.js';
import { BASELINES, externalJson, externalTable, findGoldFiles, runExternal } from '../../src/eval/external.js';
import { subsample } from '../../src/eval/run.js';
import { MEASURE_FAMILIES } from '../../src/eval/score.js';
import type { Doc } from '../../src/document.js';

const DIR = repoPath('test/eval/fixtures/external');

test('subsampling is deterministic and evenly spaced', () => {
  const xs = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(subsample(xs, 4), [0, 2, 5, 7]);
  assert.deepEqual(subsample(xs, 4), subsample(xs, 4));
  assert.equal(subsample(xs, 20), xs);
  assert.deepEqual(subsample(xs, 1), [0]);
});

test('every *.gold.jsonl under the folder is found, recursively, in path order', () => {
  assert.deepEqual(
    findGoldFiles(DIR).map((f) => f.slice(DIR.length + 1)),
    ['geo/gwn.gold.jsonl', 'mini-events.gold.jsonl'],
  );
});

test('the runner scores each set, subsamples, and puts the baselines beside the analogue measure', async () => {
  const fake = (doc: Doc): Doc => {
    const m = /Townville \d/.exec(doc.text);
    if (m && doc.id !== 'g3') {
      // g1 is placed far away: found but wrong.
      const lat = doc.id === 'g1' ? -40 : 10.5;
      doc.places.push({ id: 'p', name: m[0], country: null, lat, lon: 20, precision: 'city', geoPrecision: 1, mentions: [{ start: m.index, end: m.index + m[0].length, text: m[0] }] });
    }
    return doc;
  };
  const results = await runExternal(DIR, { maxDocs: 4 }, fake);
  assert.deepEqual(results.map((r) => [r.set, r.docs, r.totalDocs]), [['gwn', 4, 5], ['mini-events', 3, 3]]);
  const gwn = results[0];
  // Subsample of 5 → records 0, 1, 2, 3: g3 not found, g1 found but 3,000+ km off.
  assert.deepEqual(gwn.result.counts.get('places'), { tpP: 3, nP: 3, tpG: 3, nG: 4 });
  assert.deepEqual(gwn.result.counts.get('places_right'), { tpP: 2, nP: 3, tpG: 2, nG: 4 });
  assert.deepEqual(Object.keys(results[1].json), ['docs', 'missing_docs', 'events', 'event_subtype', 'event_fine', 'event_actor1', 'event_status']);
  const table = externalTable(results, 1);
  assert.match(table, /gwn +4 of 5 \(subsample\) +places +100\.0 +75\.0 +85\.7/);
  assert.match(table, /places_right +66\.7 +50\.0 +57\.1 +Mordecai 3 94\.1 \[1\] vs P/);
  assert.match(table, /\[1\] Mordecai 3: accuracy within 161 km.*arXiv:2303\.13675/);
  assert.match(table, /mini-events +3 +events +0\.0 +0\.0 +0\.0/);
  assert.match(table, /event_actor1 +- +- +- +nothing to score/);
  assert.match(table, /not like-for-like/);
  const json = externalJson(results, 4, 1) as { sets: { set: string; subsampled: boolean; scores: Record<string, unknown>; baselines: unknown[] }[] };
  assert.equal(json.sets[0].subsampled, true);
  assert.equal(json.sets[1].subsampled, false);
  assert.deepEqual(json.sets[0].scores.places_right, { p: 0.667, r: 0.5, f1: 0.571 });
  assert.equal(json.sets[0].baselines.length, 1);
});

test('baselines data: each figure names a real measure, a figure, a metric and a source', () => {
  const keys = Object.values(MEASURE_FAMILIES).flat() as string[];
  const expected: Record<string, number[]> = { gwn: [94.1], lgl: [82.7, 76, 76], trnews: [87.3], geovirus: [82, 78], frtimebank: [73.6], case2021: [83.9] };
  assert.deepEqual(Object.keys(BASELINES).sort(), Object.keys(expected).sort());
  for (const [set, { baselines }] of Object.entries(BASELINES)) {
    assert.deepEqual(baselines.map((b) => b.value), expected[set], set);
    for (const b of baselines) {
      assert.ok(keys.includes(b.measure), `${set}: ${b.measure}`);
      assert.ok(['p', 'r', 'f1'].includes(b.figure));
      assert.ok(b.metric.length > 5 && b.source.length > 5 && b.system.length > 1);
    }
  }
});

test('eval:external end to end on a made-up folder (real pipeline, JSON)', () => {
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const args = [DIR, '--format', 'json', '--quiet', '--max-docs', '2'];
  const argv = compiled ? [repoPath('dist/src/eval/external.js'), ...args] : ['--import', 'tsx', repoPath('src/eval/external.ts'), ...args];
  const r = spawnSync(process.execPath, argv, { cwd: repoPath(), encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.max_docs, 2);
  assert.deepEqual(json.sets.map((s: { set: string; docs: number; total_docs: number }) => [s.set, s.docs, s.total_docs]), [['gwn', 2, 5], ['mini-events', 2, 3]]);
  assert.ok('places_right' in json.sets[0].scores);
  assert.ok('events' in json.sets[1].scores);
  const missing = spawnSync(process.execPath, compiled ? [repoPath('dist/src/eval/external.js'), repoPath('no-such-dir')] : ['--import', 'tsx', repoPath('src/eval/external.ts'), repoPath('no-such-dir')], { cwd: repoPath(), encoding: 'utf8' });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /ENOENT/);
});
