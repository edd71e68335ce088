/**
 * Child process of the kill -9 test: stores numbered documents in batches of 50 forever,
 * printing "committed <count>" after each committed batch. Usage: kill-child DBURL START
 */
import { openStore } from '../../src/store/index.js';
import { numberedDoc } from './fixtures.js';

const [url, startArg] = process.argv.slice(2);
const store = await openStore(url);
let i = Number(startArg ?? 0);
let total = 0;
for (;;) {
  const batch = Array.from({ length: 50 }, (_, k) => numberedDoc(i + k));
  const r = await store.putDocuments(batch);
  i += 50;
  total += r.inserted;
  process.stdout.write(`committed ${total}\n`);
}
