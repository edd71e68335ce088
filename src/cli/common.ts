/** Helpers shared by the commands: the database option, output, fatal errors. */
import { InvalidArgumentError } from 'commander';
import type { Store } from '../store/store.js';

/**
 * The store module (src/store/index.ts), loaded lazily: commands that need no database
 * (annotate, --help) do not load SQLite.
 */
interface StoreModule {
  openStore(url: string): Promise<Store>;
}
let storeModule: Promise<StoreModule> | null = null;
export function loadStoreModule(): Promise<StoreModule> {
  storeModule ??= import('../store/index.js');
  return storeModule;
}

export function defaultDbUrl(): string {
  return process.env.VIGIE_DB || './vigie.db';
}

export interface GlobalOptions {
  db?: string;
}

/** A fatal error: message on standard error, exit status 1. */
export class FatalError extends Error {}

export function fail(message: string): never {
  throw new FatalError(message);
}

/** The database URL: --db, else VIGIE_DB, else ./vigie.db. */
export function dbUrl(g: GlobalOptions): string {
  return g.db ?? defaultDbUrl();
}

export async function openDb(g: GlobalOptions): Promise<Store> {
  const url = dbUrl(g);
  let mod: StoreModule;
  try {
    mod = await loadStoreModule();
  } catch (e) {
    return fail(`the store module is missing: ${(e as Error).message}`);
  }
  try {
    return await mod.openStore(url);
  } catch (e) {
    return fail(`cannot open database ${url}: ${(e as Error).message}`);
  }
}

/** Writes to standard output, waiting when the pipe is full. */
export function writeOut(s: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(s)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export function parsePositive(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got "${v}"`);
  return n;
}

export function parseNonNegative(v: string, name: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${v}"`);
  return n;
}

/** ISO date bound YYYY[-MM[-DD]]. */
export function parseIsoBound(v: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  const ok = m && (!m[2] || (+m[2] >= 1 && +m[2] <= 12)) && (!m[3] || (+m[3] >= 1 && +m[3] <= 31));
  if (!ok) throw new InvalidArgumentError(`expected an ISO date YYYY[-MM[-DD]], got "${v}"`);
  return v;
}
