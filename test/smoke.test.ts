import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc } from '../src/document.js';
import { annotate, STAGES } from '../src/pipeline.js';

test('pipeline runs its stages in the documented order', () => {
  assert.deepEqual(
    STAGES.map((s) => s.name),
    ['clean', 'entities', 'places', 'dates', 'events', 'attribution', 'framing'],
  );
  const doc = annotate(newDoc({ origin: { path: '-', format: 'txt' }, raw: 'Un texte.' }));
  assert.equal(typeof doc.text, 'string');
});
