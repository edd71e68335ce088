import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newDoc, type Doc } from '../../../src/document.js';
import { PACKS } from '../../../src/lang/language.js';
import { buildRegistry, findEntities } from '../../../src/entities/find.js';
import { findPlaces } from '../../../src/places/index.js';
import { km } from '../../../src/knowledge/places/index.js';
import { CASES } from './cases.js';
import { FIXTURE_ACTORS } from './registry.fixture.js';

const reg = buildRegistry(FIXTURE_ACTORS);

function run(lang: 'fr' | 'en', text: string): Doc {
  const doc = newDoc({ id: 't', origin: { path: '-', format: 'txt' }, raw: text, lang });
  const lex = PACKS[lang].entities;
  doc.entities = findEntities(doc, lex, reg);
  doc.places = findPlaces(doc, lex);
  return doc;
}

for (const lang of ['fr', 'en'] as const) {
  for (const c of CASES[lang]) {
    test(`[${lang}] ${c.rule}`, () => {
      const doc = run(lang, c.text);
      const show = () => JSON.stringify({ entities: doc.entities.map((e) => [e.id, e.mentions.map((m) => m.text)]), places: doc.places.map((p) => [p.id, p.name, p.mentions.map((m) => m.text)]) });
      for (const m of [...doc.entities.flatMap((e) => e.mentions), ...doc.places.flatMap((p) => p.mentions)]) {
        assert.equal(doc.text.slice(m.start, m.end), m.text, 'offsets must slice the mention text');
      }
      for (const x of c.expect) {
        if (x.entity) {
          const want = x.entity;
          const e = doc.entities.find((en) => en.id === want.id && en.mentions.some((m) => m.text === want.text));
          assert.ok(e, `entity ${want.id} "${want.text}" missing: ${show()}`);
          const m = e.mentions.find((mm) => mm.text === want.text)!;
          if (want.label) assert.equal(m.label, want.label);
          if (want.via) assert.equal(m.via, want.via);
          if (want.kind) assert.equal(e.kind, want.kind);
        }
        if (x.noEntity !== undefined) {
          assert.ok(!doc.entities.some((e) => e.mentions.some((m) => m.text === x.noEntity)), `unexpected entity "${x.noEntity}": ${show()}`);
        }
        if (x.place) {
          const want = x.place;
          const p = doc.places.find((pl) => pl.mentions.some((m) => m.text === want.text));
          assert.ok(p, `place "${want.text}" missing: ${show()}`);
          if (want.idPrefix) assert.ok(p.id.startsWith(want.idPrefix), `${p.id} should start with ${want.idPrefix}`);
          if (want.precision) assert.equal(p.precision, want.precision);
          if (want.near) assert.ok(km(p.lat, p.lon, want.near[0], want.near[1]) <= want.near[2], `${p.name} at ${p.lat},${p.lon} too far`);
          if (want.via) assert.equal(p.mentions.find((m) => m.text === want.text)!.via, want.via);
        }
        if (x.noPlace !== undefined) {
          assert.ok(!doc.places.some((p) => p.mentions.some((m) => m.text === x.noPlace)), `unexpected place "${x.noPlace}": ${show()}`);
        }
      }
    });
  }
}

test('both languages test the same number of rules', () => {
  assert.equal(CASES.fr.length, CASES.en.length);
});
