import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBytes, readInputs } from '../../src/ingest/index.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { readJsonl } from '../../src/ingest/readers.js';
import { InputError, type Doc } from '../../src/document.js';

// Made-up lines, written for this test.
const LINES = [
  '{"id":"a","text":"L’armée a repris la colline inventée de Tamsar, selon un témoin.","lang":"fr"}',
  '{"id":"b","text":"Rebels shelled the made-up town of Eastmoor\u2028on Friday.","title":"Eastmoor\u00a0shelled"}',
  '{bad json',
  '   ',
  '{"id":3,"text":"Un texte avec un émoji 😀 et des « guillemets »."}',
  '{"id":"c","text":"   "}',
];

const items = (it: Iterable<Doc | InputError>) => [...it].map((x) => (x instanceof InputError ? { error: x.message, line: x.line } : x));

test('UTF-8 JSON Lines read from bytes give what the decoded text gives (BOM, CRLF, blank and bad lines, non-ASCII)', () => {
  for (const text of [LINES.join('\n'), '\uFEFF' + LINES.join('\r\n') + '\n', LINES.slice(0, 2).join('\n\n\n')]) {
    const bytes = new TextEncoder().encode(text);
    const d = decodeBytes(bytes);
    assert.ok(d.ok);
    assert.deepEqual(items(readBytes('x.jsonl', bytes, 'jsonl')), items(readJsonl('x.jsonl', d.text, 'utf-8')));
    // a view at an odd offset into a larger buffer reads the same
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 1);
    assert.deepEqual(items(readBytes('x.jsonl', big.subarray(1, 1 + bytes.length), 'jsonl')), items(readJsonl('x.jsonl', d.text, 'utf-8')));
  }
});

test('whitespace-only, Windows-1252 and UTF-16 JSON Lines keep their old readings', () => {
  const ws = items(readBytes('w.jsonl', new TextEncoder().encode(' \n\u00a0\n'), 'jsonl'));
  assert.equal(ws.length, 1);
  assert.match((ws[0] as { error: string }).error, /only whitespace/);
  const latin = items(readBytes('l.jsonl', Uint8Array.from([...Buffer.from('{"id":"l","text":"caf'), 0xe9, ...Buffer.from(' noir"}')]), 'jsonl'));
  assert.equal((latin[0] as Doc).raw, 'café noir');
  assert.deepEqual((latin[0] as Doc).warnings, ['decoded as windows-1252']);
  assert.match((items(readBytes('u.jsonl', Uint8Array.from([0xff, 0xfe, 0x7b, 0]), 'jsonl'))[0] as { error: string }).error, /UTF-16/);
});

test('files of one call are read into a reused buffer without stale bytes (large file, then smaller ones)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-jsonl-bytes-'));
  const long = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `long-${i}`, text: `Dépêche inventée numéro ${i} : ${'des mots '.repeat(20)}fin.` })).join('\n');
  const short = Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `short-${i}`, text: `Brève ${i}, écrite pour ce test.` })).join('\n');
  writeFileSync(join(dir, 'a.jsonl'), long);
  writeFileSync(join(dir, 'b.jsonl'), short);
  writeFileSync(join(dir, 'c.txt'), 'Un titre\n\nUn court article écrit pour ce test, assez long pour être lu.');
  const got: (Doc | InputError)[] = [];
  for await (const x of readInputs([join(dir, 'a.jsonl'), join(dir, 'b.jsonl'), join(dir, 'c.txt'), join(dir, 'a.jsonl')])) got.push(x);
  assert.ok(got.every((x) => !(x instanceof InputError)));
  const docs = got as Doc[];
  assert.equal(docs.length, 300 + 40 + 1 + 300);
  assert.equal(docs[300].id, 'short-0');
  assert.equal(docs[339].raw, 'Brève 39, écrite pour ce test.');
  assert.equal(docs[340].raw, 'Un titre\n\nUn court article écrit pour ce test, assez long pour être lu.');
  assert.equal(docs[640].id, 'long-299');
  assert.deepEqual(docs.slice(341).map((d) => d.raw), docs.slice(0, 300).map((d) => d.raw));
});
