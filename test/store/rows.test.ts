import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchKey, StoreError, validateDoc, validateRecord } from '../../src/store/rows.js';
import { richFrench } from './fixtures.js';

/** The StoreError validateDoc throws for `doc`, or null. */
function failure(doc: ReturnType<typeof richFrench>): string | null {
  try {
    validateDoc(doc);
    return null;
  } catch (e) {
    assert.ok(e instanceof StoreError);
    assert.equal((e as StoreError).docId, doc.id);
    return (e as Error).message;
  }
}

test('validateDoc accepts a document whose every span lies inside its text', () => {
  const d = richFrench();
  assert.equal(failure(d), null);
  assert.doesNotThrow(() => validateRecord(d));
});

test('validateDoc names the first span outside the text, of each kind', () => {
  const n = richFrench().text.length;
  const cases: [string, (d: ReturnType<typeof richFrench>) => void, string][] = [
    ['entity mention', (d) => Object.assign(d.entities[0].mentions[0], { start: 5, end: n + 1 }), `entity ${richFrench().entities[0].id} mention: offsets [5, ${n + 1})`],
    ['place mention', (d) => Object.assign(d.places[0].mentions[0], { start: -1, end: 3 }), `place ${richFrench().places[0].id} mention: offsets [-1, 3)`],
    ['date', (d) => Object.assign(d.dates[0], { start: 7, end: 6 }), 'date: offsets [7, 6)'],
    ['attribution', (d) => Object.assign(d.attributions[0], { start: 1.5, end: 4 }), 'attribution: offsets [1.5, 4)'],
    ['framing', (d) => Object.assign(d.framing[0], { start: 0, end: '9' }), `framing ${richFrench().framing[0].term}: offsets [0, 9)`],
    ['evidence', (d) => Object.assign(d.events[0].evidence, { start: NaN, end: 2 }), `event ${richFrench().events[0].id} evidence: offsets [NaN, 2)`],
    ['trigger', (d) => Object.assign(d.events[0].trigger!, { start: 2, end: Infinity }), `event ${richFrench().events[0].id} trigger: offsets [2, Infinity)`],
  ];
  for (const [what, spoil, msg] of cases) {
    const d = richFrench();
    spoil(d);
    assert.equal(failure(d), `document "${d.id}": ${msg} are not inside the text (length ${n})`, what);
  }
  // Two bad spans: the entity mentions are checked before the events.
  const d = richFrench();
  Object.assign(d.events[0].evidence, { start: 0, end: n + 5 });
  Object.assign(d.entities[0].mentions[0], { start: n, end: n + 2 });
  assert.match(failure(d) ?? '', /^document "[^"]+": entity /);
  // A span ending exactly at the end of the text is inside.
  const e = richFrench();
  Object.assign(e.dates[0], { start: n, end: n });
  assert.equal(failure(e), null);
});

test('searchKey lists distinct folded parts in order of first occurrence, however many parts', () => {
  assert.equal(searchKey(['Alep', null, 'ALEP', 'Alep-Est', '', 'alep', undefined, 'Ḩalab']), '|alep|alep-est|halab|');
  const many = Array.from({ length: 80 }, (_, i) => (i % 3 === 0 ? `Ville ${i % 7}` : `VILLE ${i % 5}`));
  const expected: string[] = [];
  for (const p of many) if (!expected.includes(p.toLowerCase())) expected.push(p.toLowerCase());
  assert.equal(searchKey(many), '|' + expected.join('|') + '|');
  assert.equal(searchKey(many.slice(0, 30)), '|' + [...new Set(many.slice(0, 30).map((p) => p.toLowerCase()))].join('|') + '|');
});
