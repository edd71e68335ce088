/**
 * The API suite over PostgreSQL: a database vigie_serve_<random> is created on the local
 * server (127.0.0.1:5432, user postgres; VIGIE_PG_URL overrides) and dropped at the end.
 * Never skipped: an unreachable server fails the test and says how to start it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../../src/store/index.js';
import { runApiSuite } from './api-suite.js';

const ADMIN_URL = process.env.VIGIE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `vigie_serve_${randomBytes(5).toString('hex')}`;

async function admin(sql: string): Promise<void> {
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

runApiSuite(
  'postgres',
  async () => {
    await admin(`CREATE DATABASE ${DB}`);
    const u = new URL(ADMIN_URL);
    u.pathname = '/' + DB;
    return openStore(u.toString());
  },
  () => admin(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`),
);
