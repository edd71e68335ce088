/**
 * A throw-away PostgreSQL database for the tests that run against the real server
 * (127.0.0.1:5432, user postgres; VIGIE_PG_URL overrides). Never skipped: an unreachable
 * server fails the test and says how to start it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.VIGIE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement as the admin user; a connection failure explains how to start the server. */
export async function pgAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (${(e as Error).message}). ` +
        'Start it with `bash scripts/ensure-services.sh` (or set VIGIE_PG_URL to a server where the user can create databases).',
    );
  }
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A database named `<prefix>_<random>`: its URL, and create/drop. */
export function tempPgDatabase(prefix: string): { name: string; url: string; create: () => Promise<void>; drop: () => Promise<void> } {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + name;
  return {
    name,
    url: u.toString(),
    create: () => pgAdmin(`CREATE DATABASE ${name}`),
    drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
