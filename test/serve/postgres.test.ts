/**
 * The API suite over PostgreSQL: a database vigie_serve_<random> is created on the local
 * server (test/pg.ts) and dropped at the end. Never skipped: an unreachable server fails the
 * test and says how to start it.
 */
import { openStore } from '../../src/store/index.js';
import { tempPgDatabase } from '../pg.js';
import { runApiSuite } from './api-suite.js';

const db = tempPgDatabase('vigie_serve');

runApiSuite(
  'postgres',
  async () => {
    await db.create();
    return openStore(db.url);
  },
  () => db.drop(),
);
