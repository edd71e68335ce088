/** Helpers for the CLI tests: run the compiled `vigie` in a child process. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers.js';

/** The compiled CLI (tests run after `tsc`). */
export const CLI = repoPath('dist', 'src', 'cli', 'main.js');
export const EXAMPLES = repoPath('examples');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vigie ...args` synchronously; VIGIE_DB is cleared so only --db counts. */
export function vigie(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): RunResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
  const env = { ...process.env, ...opts.env };
  if (!opts.env?.VIGIE_DB) delete env.VIGIE_DB;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input ?? '',
    env,
    cwd: opts.cwd ?? repoPath(),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `vigie ...args` asynchronously (for the crash test). */
export function vigieChild(args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VIGIE_DB: '' } });
}

export function tempDir(prefix = 'vigie-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The example article files (everything in examples/ but the README). */
export function exampleFiles(): string[] {
  return ['depeches.jsonl', 'en-gaza-rafah.html', 'en-ukraine-kherson-wire.txt', 'en-yemen-truce.txt', 'feed-levant.atom', 'flux-sahel.rss',
    'fr-alep-frappes-reprise.txt', 'fr-alep-frappes.txt', 'fr-burkina-djibo.html', 'fr-gaza-frappes.txt',
    'fr-khan-cheikhoun-depeche-officielle.txt', 'fr-khan-cheikhoun-opposition.html', 'fr-mali-menaka.txt',
    'fr-ukraine-kharkiv.txt', 'fr-yemen-hodeida.html'].map((f) => join(EXAMPLES, f));
}

/** Number of articles in the examples: 12 single-article files + 4 JSONL lines + 3 RSS items + 2 Atom entries. */
export const EXAMPLE_ARTICLES = 21;

/** Parses JSON Lines output. */
export function jsonl<T = Record<string, unknown>>(s: string): T[] {
  return s.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

export function write(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}
