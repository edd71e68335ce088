/** The API suite over a temporary SQLite file filled with the examples. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { runApiSuite } from './api-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-serve-'));
runApiSuite('sqlite', () => openStore(join(dir, 'vigie.db')), async () => rmSync(dir, { recursive: true, force: true }));
