import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAXONOMY, ACLED_TYPES, isSubtypeOf, typeOfSubtype } from '../../src/events/taxonomy.js';
import { eventsLexiconSchema } from '../../src/events/lexicon.js';
import { attributionLexiconSchema } from '../../src/attribution/lexicon.js';
import { PACKS } from '../../src/lang/language.js';

test('taxonomy: ACLED 6 types / 25 sub-types, spelled as ACLED, plus Diplomacy (6)', () => {
  assert.equal(ACLED_TYPES.length, 6);
  const acled = ACLED_TYPES.flatMap((t) => [...TAXONOMY[t]]);
  assert.equal(acled.length, 25);
  assert.equal(new Set(acled).size, 25);
  assert.deepEqual([...TAXONOMY.Diplomacy], ['Consult', 'Cooperate', 'Demand', 'Threaten', 'Accuse', 'Reject']);
  assert.ok(isSubtypeOf('Explosions/Remote violence', 'Air/drone strike'));
  assert.ok(!isSubtypeOf('Battles', 'Air/drone strike'));
  assert.equal(typeOfSubtype('Remote explosive/landmine/IED'), 'Explosions/Remote violence');
  assert.equal(typeOfSubtype('Looting/property destruction'), 'Strategic developments');
  assert.equal(typeOfSubtype('Nothing'), null);
});

for (const code of ['fr', 'en'] as const) {
  test(`${code}: events and attribution lexicons validate and keep _about`, () => {
    const ev = eventsLexiconSchema.safeParse(PACKS[code].events);
    assert.ok(ev.success, ev.success ? '' : JSON.stringify(ev.error.issues.slice(0, 3)));
    const at = attributionLexiconSchema.safeParse(PACKS[code].attribution);
    assert.ok(at.success, at.success ? '' : JSON.stringify(at.error.issues.slice(0, 3)));
    assert.ok(PACKS[code].events._about.length > 20 && PACKS[code].attribution._about.length > 20);
  });

  test(`${code}: every taxonomy sub-type is reachable from a trigger, a refiner or an actor rule`, () => {
    const lex = PACKS[code].events;
    const reach = new Set<string>();
    for (const t of lex.triggers) {
      reach.add(t.subtype);
      for (const r of t.actorRules ?? []) reach.add(r.subtype);
    }
    for (const r of Object.values(lex.refiners)) reach.add(r.subtype);
    const missing = Object.values(TAXONOMY)
      .flat()
      .filter((s) => s !== 'Other' && !reach.has(s));
    assert.deepEqual(missing, []);
  });
}

test('the schema rejects a sub-type that is not under its type, and an unknown refiner', () => {
  const bad = structuredClone(PACKS.fr.events);
  bad.triggers[0] = { ...bad.triggers[0], type: 'Battles', subtype: 'Air/drone strike' };
  assert.equal(eventsLexiconSchema.safeParse(bad).success, false);
  const bad2 = structuredClone(PACKS.fr.events);
  bad2.triggers[0] = { ...bad2.triggers[0], refine: ['no-such-refiner'] };
  assert.equal(eventsLexiconSchema.safeParse(bad2).success, false);
});
