/**
 * Helpers for the serve tests: a store filled by ingesting the bundled fictional examples
 * (examples/), a running server on a random port, and JSON fetches.
 */
import { ingestPaths } from '../../src/cli/run.js';
import { startServer, type RunningServer } from '../../src/serve/server.js';
import type { Store } from '../../src/store/store.js';
import { EXAMPLE_ARTICLES, exampleFiles } from '../cli/cli.js';

export { EXAMPLE_ARTICLES };

/** Ingests every example article into `store` (quietly) and checks none was refused. */
export async function fillWithExamples(store: Store): Promise<void> {
  const summary = await ingestPaths(exampleFiles(), store, { batch: 50, progressLabel: null });
  if (summary.refused.length) throw new Error(`examples refused: ${JSON.stringify(summary.refused)}`);
}

export async function serveStore(store: Store): Promise<RunningServer> {
  return startServer({ store, host: '127.0.0.1', port: 0 });
}

export interface JsonAnswer<T = any> {
  status: number;
  type: string;
  headers: Headers;
  body: T;
}

export async function getJson<T = any>(base: string, path: string, init?: RequestInit): Promise<JsonAnswer<T>> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path}: not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', headers: res.headers, body: body as T };
}
