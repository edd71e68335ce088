/**
 * Events conformance suite: the same checks over every language's cases table
 * (made-up sentences, fixed reference dates, hand-placed mentions; no other stage involved).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from './build.js';
import type { EventCase, ExpectedEvent } from './cases.js';
import { casesFr } from './cases.fr.js';
import { casesEn } from './cases.en.js';
import { PACKS } from '../../../src/lang/language.js';
import { eventsStage } from '../../../src/events/index.js';
import { attributionStage } from '../../../src/attribution/index.js';
import type { ConflictEvent } from '../../../src/document.js';

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function matches(ev: ConflictEvent, exp: ExpectedEvent): boolean {
  if (exp.type !== undefined && ev.type !== exp.type) return false;
  if (exp.subtype !== undefined && ev.subtype !== exp.subtype) return false;
  if (exp.actor1 !== undefined && !sameSet(ev.actor1, exp.actor1)) return false;
  if (exp.actor2 !== undefined && !sameSet(ev.actor2, exp.actor2)) return false;
  if (exp.place !== undefined && ev.place !== exp.place) return false;
  if (exp.date !== undefined && ev.date !== exp.date) return false;
  if (exp.status !== undefined && ev.status !== exp.status) return false;
  if (exp.fatalities !== undefined && ev.fatalities !== exp.fatalities) return false;
  if (exp.sources !== undefined && !sameSet(ev.sources, exp.sources)) return false;
  return true;
}

const show = (evs: ConflictEvent[]) =>
  evs.map((e) => `${e.type}/${e.subtype} a1=${e.actor1} a2=${e.actor2} place=${e.place} date=${e.date} ${e.status} fat=${e.fatalities} src=${e.sources}`).join('\n  ');

for (const [lang, cases] of [['fr', casesFr], ['en', casesEn]] as [('fr' | 'en'), EventCase[]][]) {
  test(`events conformance (${lang}): ${cases.length} cases`, async (t) => {
    assert.ok(cases.length >= 30, 'each language keeps a substantial table');
    for (const c of cases) {
      await t.test(c.name, () => {
        const doc = build(c.text, { lang, published: c.published ?? null, id: 'case' });
        const pack = PACKS[lang];
        eventsStage.run(doc, { pack });
        attributionStage.run(doc, { pack });
        for (const exp of c.expect) {
          assert.ok(doc.events.some((ev) => matches(ev, exp)), `expected ${JSON.stringify(exp)}\n got:\n  ${show(doc.events)}`);
        }
        if (c.count !== undefined) assert.equal(doc.events.length, c.count, `event count\n  ${show(doc.events)}`);
        for (const ev of doc.events) {
          assert.equal(doc.text.slice(ev.evidence.start, ev.evidence.end), ev.evidence.text);
          if (ev.trigger) assert.equal(doc.text.slice(ev.trigger.start, ev.trigger.end), ev.trigger.text);
        }
      });
    }
  });
}
