/**
 * Opening a store from a URL:
 *   - `postgres://…` or `postgresql://…` → PostgreSQL (src/store/postgres); an optional
 *     `?schema=NAME` keeps Vigie's tables in that schema (created when missing);
 *   - `sqlite:PATH`, `:memory:` or a plain path → SQLite (src/store/sqlite).
 */
import type { Store } from './store.js';

export type { Store } from './store.js';

/** The database URL when none is given: $VIGIE_DB, else ./vigie.db. */
export function defaultDbUrl(): string {
  return process.env.VIGIE_DB ?? './vigie.db';
}

export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { openPostgres } = await import('./postgres/index.js');
    return openPostgres(url);
  }
  let path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (url.startsWith('sqlite://')) path = url.slice('sqlite://'.length);
  if (path.length === 0) throw new Error('empty SQLite path');
  const { openSqlite } = await import('./sqlite/index.js');
  return openSqlite(path);
}
