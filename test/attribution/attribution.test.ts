import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachSources, findAttributions, attributionStage } from '../../src/attribution/index.js';
import { eventsStage } from '../../src/events/index.js';
import { PACKS } from '../../src/lang/language.js';
import { build } from '../conformance/events/build.js';

test('sources reach the events in scope; asserted becomes reported, planned and negated stay', () => {
  const doc = build(
    `Selon l'[OSDH|sohr|ngo], l'[armée|army|military] a bombardé {Douma} et pourrait lancer une offensive contre les [rebelles|rebels].\nDes combats ont éclaté à {Hama}.`,
  );
  eventsStage.run(doc, { pack: PACKS.fr });
  attributionStage.run(doc, { pack: PACKS.fr });
  const strike = doc.events.find((e) => e.subtype === 'Air/drone strike')!;
  const planned = doc.events.find((e) => e.status === 'planned')!;
  const hama = doc.events.find((e) => e.place === 'gn:hama')!;
  assert.deepEqual(strike.sources, ['sohr']);
  assert.equal(strike.status, 'reported');
  assert.deepEqual(planned.sources, ['sohr']);
  assert.equal(planned.status, 'planned');
  assert.deepEqual(hama.sources, []);
  assert.equal(hama.status, 'asserted');
});

test('an anonymous source is listed as anon:<index>', () => {
  const doc = build(`Des sources sécuritaires ont affirmé que des [hommes armés|gunmen] ont enlevé deux ingénieurs à {Kirkouk}.`);
  eventsStage.run(doc, { pack: PACKS.fr });
  attributionStage.run(doc, { pack: PACKS.fr });
  assert.equal(doc.attributions.length, 1);
  assert.equal(doc.attributions[0].anonymous, true);
  assert.deepEqual(doc.events[0].sources, ['anon:0']);
});

test('attachSources does not add a source twice', () => {
  const doc = build(`Selon l'[OSDH|sohr|ngo], des frappes ont visé {Ariha}.`);
  eventsStage.run(doc, { pack: PACKS.fr });
  attributionStage.run(doc, { pack: PACKS.fr });
  attachSources(doc);
  assert.deepEqual(doc.events[0].sources, ['sohr']);
});

test('findAttributions is pure and cached per document, and follows entity changes', () => {
  const doc = build(`Selon l'[OSDH|sohr|ngo], des frappes ont visé {Ariha}.`);
  const a = findAttributions(doc, PACKS.fr.attribution);
  assert.equal(findAttributions(doc, PACKS.fr.attribution), a);
  assert.deepEqual(doc.attributions, []);
  doc.entities = [];
  const b = findAttributions(doc, PACKS.fr.attribution);
  assert.notEqual(b, a);
  assert.equal(b[0].source, null);
  assert.equal(b[0].source_text, "l'OSDH");
});
