import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc } from '../../src/document.js';
import { PACKS } from '../../src/lang/language.js';
import { entitiesStage } from '../../src/entities/index.js';
import { placesStage } from '../../src/places/index.js';
import { entitiesLexiconSchema } from '../../src/entities/lexicon.js';

test('both language packs validate against entitiesLexiconSchema', () => {
  for (const lang of ['fr', 'en'] as const) {
    const lex = entitiesLexiconSchema.parse(PACKS[lang].entities);
    assert.ok(lex._about.length > 20);
    assert.ok(lex.militaryHeads.length > 10);
  }
});

test('the stages fill doc.entities and doc.places with offsets into doc.text', () => {
  const text = "Selon l'armée, l'aviation russe a frappé Alep mardi. Moscou a démenti.";
  const doc = newDoc({ id: 's', origin: { path: '-', format: 'txt' }, raw: text, lang: 'fr' });
  entitiesStage.run(doc, { pack: PACKS.fr });
  placesStage.run(doc, { pack: PACKS.fr });
  const ru = doc.entities.find((e) => e.id.startsWith('military-ru'));
  assert.ok(ru, JSON.stringify(doc.entities));
  assert.ok(doc.entities.some((e) => e.id === 'state-ru' && e.mentions[0].text === 'Moscou'));
  const alep = doc.places.find((p) => p.name === 'Aleppo');
  assert.ok(alep);
  assert.equal(alep.country, 'SY');
  assert.equal(alep.id.startsWith('gn:'), true);
  for (const m of [...doc.entities.flatMap((e) => e.mentions), ...doc.places.flatMap((p) => p.mentions)]) {
    assert.equal(doc.text.slice(m.start, m.end), m.text);
  }
  assert.ok(!doc.places.some((p) => p.mentions.some((m) => m.text === 'Moscou')));
});

test('empty text and missing sentences are handled', () => {
  const doc = newDoc({ id: 'e', origin: { path: '-', format: 'txt' }, raw: '', lang: 'en' });
  entitiesStage.run(doc, { pack: PACKS.en });
  placesStage.run(doc, { pack: PACKS.en });
  assert.deepEqual(doc.entities, []);
  assert.deepEqual(doc.places, []);
});
