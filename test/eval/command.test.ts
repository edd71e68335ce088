import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { repoPath } from '../helpers.js';
import { addEvalCommand, parseMeasures, runEval } from '../../src/eval/command.js';
import type { Doc } from '../../src/document.js';

const fx = (name: string): string => repoPath('test/eval/fixtures', name);

test('--pred scores an existing annotation file: same JSON as the reference scorer', async () => {
  const r = await runEval({ gold: fx('basic.gold.jsonl'), pred: fx('basic.pred.jsonl'), format: 'json' });
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout, readFileSync(fx('basic.expected.json'), 'utf8'));
});

test('the pipeline receives text and metadata only, never the gold', async () => {
  const seen: Doc[] = [];
  const fake = (doc: Doc): Doc => {
    seen.push(structuredClone(doc));
    // A fake annotator that finds Alep and nothing else.
    if (doc.text.includes('Alep')) {
      const start = doc.text.indexOf('Alep');
      doc.places.push({ id: 'gn:170063', name: 'Aleppo', country: 'SY', lat: 36.2, lon: 37.16, precision: 'city', geoPrecision: 1, mentions: [{ start, end: start + 4, text: 'Alep' }] });
    }
    return doc;
  };
  const dir = mkdtempSync(join(tmpdir(), 'vigie-eval-'));
  try {
    const out = join(dir, 'pred.jsonl');
    const r = await runEval({ gold: fx('cli.gold.jsonl'), format: 'json', out }, fake);
    assert.equal(seen.length, 2);
    for (const d of seen) {
      assert.equal(JSON.stringify(d).includes('"gold"'), false);
      assert.equal(JSON.stringify(d).includes('Military Forces of Syria'), false);
    }
    assert.equal(seen[0].id, 'cli-1');
    assert.equal(seen[0].published, '2020-03-04');
    assert.equal(seen[0].outlet, 'Le Guetteur');
    assert.equal(seen[0].lang, 'fr');
    assert.ok(seen[0].raw.startsWith('Des frappes aériennes'));
    assert.equal(seen[1].id, '2');
    const json = JSON.parse(r.stdout);
    assert.equal(json.docs, 2);
    assert.equal(json.missing_docs, 0);
    assert.deepEqual(json.places, { p: 1, r: 1, f1: 1 });
    assert.deepEqual(json.places_right, { p: 1, r: 1, f1: 1 });
    assert.deepEqual(json.actors, { p: 0, r: 0, f1: 0 });
    // The predictions file keeps the gold ids as written (a number stays a number).
    const preds = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(preds.map((p) => p.id), ['cli-1', 2]);
    assert.equal(preds[0].places[0].name, 'Aleppo');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a stage that throws leaves its document without prediction and the run goes on', async () => {
  const r = await runEval({ gold: fx('cli.gold.jsonl'), format: 'json' }, (doc) => {
    if (doc.id === '2') throw new Error('boom');
    return doc;
  });
  assert.equal(JSON.parse(r.stdout).missing_docs, 1);
  assert.match(r.stderr, /2: annotation failed: boom/);
});

test('--measures keeps only those families; --verbose lists findings per document', async () => {
  const r = await runEval({ gold: fx('basic.gold.jsonl'), pred: fx('basic.pred.jsonl'), format: 'json', measures: ['places', 'dates'], verbose: true });
  assert.deepEqual(Object.keys(JSON.parse(r.stdout)), ['docs', 'missing_docs', 'places', 'places_right', 'dates']);
  // In JSON mode the findings go to standard error, limited to the measures asked for.
  assert.match(r.stderr, /^fx-001\n {2}places {3}wrong {7}Idleb \(35\.93, 36\.63\) {2}→ Idlib \(10, 10\) 3941 km off\n/);
  assert.match(r.stderr, /fx-003 {2}\(no prediction for this document\)\n {2}dates {4}missed {6}"demain" = 2020-01-02/);
  assert.match(r.stderr, /dates {4}wrong {7}"hier" = 2015-10-06 {2}→ "hier" = 2015-10-05/);
  assert.doesNotMatch(r.stderr, /actors/);
  const t = await runEval({ gold: fx('basic.gold.jsonl'), pred: fx('basic.pred.jsonl'), format: 'table' });
  assert.match(t.stdout, /basic\.gold\.jsonl: 4 documents, 1 without prediction/);
  assert.match(t.stdout, /places_right +0\.400 +0\.400 +0\.400 +2\/5 found places within tolerance, 2\/5 gold places within tolerance/);
});

test('measure names are checked', () => {
  assert.deepEqual(parseMeasures('events, places,events'), ['events', 'places']);
  assert.throws(() => parseMeasures('events,foo'), /unknown measure "foo"/);
});

test('the eval command registers on a program and fails cleanly on a missing gold file', async () => {
  const program = new Command().exitOverride();
  addEvalCommand(program);
  const cmd = program.commands.find((c) => c.name() === 'eval');
  assert.ok(cmd);
  assert.deepEqual(
    cmd.options.map((o) => o.long),
    ['--gold', '--measures', '--verbose', '--format', '--out', '--pred', '--max-docs'],
  );
  const saved = process.exitCode;
  const write = process.stderr.write;
  let err = '';
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    await program.parseAsync(['eval', '--gold', fx('no-such-file.jsonl')], { from: 'user' });
    assert.equal(process.exitCode, 1);
  } finally {
    process.stderr.write = write;
    process.exitCode = saved;
  }
  assert.match(err, /cannot read the gold file .*no-such-file\.jsonl: ENOENT/);
});

/** The real CLI: dist/src/cli/main.js when compiled, src/cli/main.ts through tsx otherwise. */
function cli(args: string[]) {
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const argv = compiled ? [repoPath('dist/src/cli/main.js'), ...args] : ['--import', 'tsx', repoPath('src/cli/main.ts'), ...args];
  return spawnSync(process.execPath, argv, { cwd: repoPath(), encoding: 'utf8', timeout: 300_000 });
}

test('vigie eval end to end on a made-up gold file (real pipeline)', () => {
  const r = cli(['eval', '--gold', fx('cli.gold.jsonl'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.docs, 2);
  assert.equal(json.missing_docs, 0);
  const keys = Object.keys(json);
  for (const k of ['actors', 'places', 'places_right', 'dates', 'sources', 'events', 'event_subtype', 'event_fine', 'event_actor1', 'event_status', 'ner', 'ner_PER', 'ner_ORG', 'ner_LOC']) {
    assert.ok(keys.includes(k), `missing ${k}`);
    for (const f of ['p', 'r', 'f1']) assert.ok(json[k][f] >= 0 && json[k][f] <= 1, `${k}.${f}`);
  }
  const bad = cli(['eval', '--gold', fx('cli.gold.jsonl'), '--measures', 'nope']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unknown measure "nope"/);
});
