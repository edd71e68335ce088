/**
 * The dates stage's fast paths against the plain forms they stand for: the code-unit tables
 * against their regex one character at a time, and the quick filter (src/dates/index.ts)
 * against a spelled-out reading of its definition on tricky inputs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeUnitTable, SPACE } from '../../src/match/units.js';
import { findDates } from '../../src/dates/index.js';
import { datesLexiconSchema } from '../../src/dates/lexicon.js';
import frJson from '../../src/lang/fr/dates.json' with { type: 'json' };

test('code-unit tables agree with their regex, one code unit at a time', () => {
  const cases: [string, string][] = [['\\s', ''], ['[ce]', 'iu'], ["[s'’]", 'iu'], ['[dpà]', 'iu']];
  for (const [cls, flags] of cases) {
    const t = cls === '\\s' && flags === '' ? SPACE : codeUnitTable(cls, flags);
    const re = new RegExp(`^${cls}$`, flags);
    for (let c = 1; c < 65536; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      assert.equal(t[c] === 1, re.test(String.fromCharCode(c)), `${cls}/${flags} at U+${c.toString(16)}`);
    }
  }
});

test('the quick filter: years with O for zero, numeric dates, tails of longer numbers, anchors in any case', () => {
  const fr = datesLexiconSchema.parse(frJson);
  const at = (text: string) => findDates(text, 'fr', fr, { published: '2016-03-20' }).map((m) => m.text);
  assert.deepEqual(at('Les faits remontent à 2O11.'), ['à 2O11']);
  assert.deepEqual(at('Signé le 12/03/2016 à Alep.'), ['12/03/2016']);
  assert.deepEqual(at('Le stock 12016 a brûlé.'), []);
  assert.deepEqual(at('Réunion MERCREDI à Alep.'), ['MERCREDI']);
  assert.deepEqual(at('Réunion Mercredi à Alep.'), ['Mercredi']);
  assert.deepEqual(at('İstanbul, mercredi.'), ['mercredi']); // lower-casing changes the length: word by word
});
