// Runs every compiled test file (dist/test/**/*.test.js) with Node's test runner.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const services = spawnSync('bash', [join(root, 'scripts/ensure-services.sh')], { stdio: 'inherit' });
if (services.status !== 0) process.exit(services.status ?? 1);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const filter = process.argv[2];
const files = walk(join(root, 'dist/test')).filter((f) => !filter || f.includes(filter)).sort();
if (files.length === 0) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
const tap = join(root, 'dist/test-results.tap');
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit', cwd: root },
);
// One plain closing line, whatever the reporter printed above.
const text = readFileSync(tap, 'utf8');
const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
console.log(`\ntests: ${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`);
process.exit(r.status ?? 1);
