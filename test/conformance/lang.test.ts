/**
 * One conformance suite for every language pack: each of the six per-stage lexicons of every
 * pack in PACKS is validated by the schema its stage publishes, and the packs stay parallel
 * (the same sections in every language), so adding a language means adding data that passes
 * this file, not code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PACKS, packFor, type LanguagePack } from '../../src/lang/language.js';
import { cleanLexiconSchema } from '../../src/clean/lexicon.js';
import { entitiesLexiconSchema } from '../../src/entities/lexicon.js';
import { datesLexiconSchema } from '../../src/dates/lexicon.js';
import { eventsLexiconSchema } from '../../src/events/lexicon.js';
import { attributionLexiconSchema } from '../../src/attribution/lexicon.js';
import { framingLexiconSchema } from '../../src/framing/lexicon.js';

type Stage = 'clean' | 'entities' | 'dates' | 'events' | 'attribution' | 'framing';
const SCHEMAS: Record<Stage, { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } }> = {
  clean: cleanLexiconSchema,
  entities: entitiesLexiconSchema,
  dates: datesLexiconSchema,
  events: eventsLexiconSchema,
  attribution: attributionLexiconSchema,
  framing: framingLexiconSchema,
};
const STAGES = Object.keys(SCHEMAS) as Stage[];
const packs = Object.entries(PACKS) as [string, LanguagePack][];

test('there are at least the French and English packs', () => {
  assert.deepEqual(Object.keys(PACKS).sort(), ['en', 'fr']);
});

for (const [code, pack] of packs) {
  test(`${code}: the pack knows its own code and name`, () => {
    assert.equal(pack.code, code);
    assert.ok(pack.name.trim().length > 0);
    assert.equal(packFor(code), pack);
  });
  for (const stage of STAGES) {
    test(`${code}: the ${stage} lexicon passes its stage's schema`, () => {
      const r = SCHEMAS[stage].safeParse(pack[stage]);
      assert.ok(r.success, `${code}/${stage}.json: ${JSON.stringify(r.error?.issues?.slice(0, 5))}`);
    });
  }
}

for (const stage of STAGES) {
  test(`every pack has the same sections in its ${stage} lexicon`, () => {
    const [first, ...rest] = packs;
    const keysOf = (p: LanguagePack): string[] =>
      Object.keys(p[stage] as unknown as Record<string, unknown>).filter((k) => !k.startsWith('$') && !k.startsWith('_')).sort();
    for (const [code, pack] of rest) {
      assert.deepEqual(keysOf(pack), keysOf(first![1]), `${code} vs ${first![0]} in ${stage}`);
    }
  });
}

test('a pack that breaks a schema is refused (the check can fail)', () => {
  for (const stage of STAGES) {
    assert.equal(SCHEMAS[stage].safeParse({}).success, false, `${stage}: an empty object must not pass`);
    assert.equal(SCHEMAS[stage].safeParse(null).success, false, `${stage}: null must not pass`);
  }
});

test('an unknown language falls back to English, French stays French', () => {
  assert.equal(packFor('fr').code, 'fr');
  assert.equal(packFor('en').code, 'en');
  assert.equal(packFor('other').code, 'en');
});
