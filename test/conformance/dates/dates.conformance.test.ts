import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../../../src/dates/index.js';
import { datesLexiconSchema } from '../../../src/dates/lexicon.js';
import frJson from '../../../src/lang/fr/dates.json' with { type: 'json' };
import enJson from '../../../src/lang/en/dates.json' with { type: 'json' };
import { EN, FR, type DateCase } from './cases.js';

const LEX = { fr: datesLexiconSchema.parse(frJson), en: datesLexiconSchema.parse(enJson) };

function run(lang: 'fr' | 'en', cases: DateCase[]): void {
  for (const c of cases) {
    test(`dates ${lang}: ${c.concept}`, () => {
      const found = findDates(c.text, lang, LEX[lang], { published: c.published });
      for (const m of found) assert.equal(c.text.slice(m.start, m.end), m.text, 'offsets match the text');
      for (const e of c.expect) {
        // the mention must cover the expected surface (chrono may add "on", "at noon" around it)
        const m = found.find((d) => d.text === e.text) ?? found.find((d) => d.text.includes(e.text));
        assert.ok(m, `"${e.text}" found in ${JSON.stringify(found.map((d) => d.text))}`);
        assert.equal(m.value, e.value, `value of "${e.text}"`);
        if (e.precision) assert.equal(m.precision, e.precision, `precision of "${e.text}"`);
        for (const f of e.flags ?? []) assert.ok(m.flags?.includes(f), `flag ${f} on "${e.text}" (${JSON.stringify(m.flags)})`);
      }
      for (const a of c.absent ?? []) {
        assert.ok(!found.some((d) => d.text.includes(a) || a.includes(d.text)), `"${a}" is not a date (${JSON.stringify(found.map((d) => d.text))})`);
      }
    });
  }
}

run('fr', FR);
run('en', EN);
