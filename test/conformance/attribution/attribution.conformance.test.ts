/**
 * Attribution conformance suite: the same checks over every language's cases table
 * (made-up sentences, hand-placed mentions; the events stage runs first, as in the pipeline).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../events/build.js';
import type { AttributionCase, ExpectedAttribution } from './cases.js';
import { casesFr } from './cases.fr.js';
import { casesEn } from './cases.en.js';
import { PACKS } from '../../../src/lang/language.js';
import { eventsStage } from '../../../src/events/index.js';
import { attributionStage } from '../../../src/attribution/index.js';
import type { Attribution } from '../../../src/document.js';

function matches(a: Attribution, exp: ExpectedAttribution): boolean {
  if (exp.source !== undefined && a.source !== exp.source) return false;
  if (exp.source_text !== undefined && a.source_text.toLowerCase() !== exp.source_text.toLowerCase()) return false;
  if (exp.anonymous !== undefined && !!a.anonymous !== exp.anonymous) return false;
  if (exp.cue !== undefined && !a.cue.toLowerCase().includes(exp.cue.toLowerCase())) return false;
  return true;
}

const show = (as: Attribution[]) => as.map((a) => `${a.cue} | ${a.source_text} | ${a.source} | anon=${!!a.anonymous}`).join('\n  ');

for (const [lang, cases] of [['fr', casesFr], ['en', casesEn]] as [('fr' | 'en'), AttributionCase[]][]) {
  test(`attribution conformance (${lang}): ${cases.length} cases`, async (t) => {
    assert.ok(cases.length >= 10);
    for (const c of cases) {
      await t.test(c.name, () => {
        const doc = build(c.text, { lang, published: c.published ?? null, id: 'case' });
        const pack = PACKS[lang];
        eventsStage.run(doc, { pack });
        attributionStage.run(doc, { pack });
        for (const exp of c.expect) assert.ok(doc.attributions.some((a) => matches(a, exp)), `expected ${JSON.stringify(exp)}\n got:\n  ${show(doc.attributions)}`);
        if (c.count !== undefined) assert.equal(doc.attributions.length, c.count, show(doc.attributions));
        for (const a of doc.attributions) {
          assert.ok(a.start < a.end && a.end <= doc.text.length);
          if (a.scope) assert.ok(a.scope.start <= a.start && a.scope.end >= a.end, 'the scope covers the cue');
        }
        for (const e of c.events ?? []) {
          const ev = doc.events.find((x) => x.subtype === e.subtype);
          assert.ok(ev, `event ${e.subtype} found among ${doc.events.map((x) => x.subtype)}`);
          assert.deepEqual([...ev.sources].sort(), [...e.sources].sort());
          assert.equal(ev.status, e.status);
        }
      });
    }
  });
}
