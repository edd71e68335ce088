import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeMentions as places } from './helpers.js';

test('the portfolio of an office is no place ("ministère de la Défense" is not the Paris district La Défense)', () => {
  const fr = places("Le ministère de la Défense a indiqué que le ministre de la Défense s'était rendu à Djibo.", 'fr');
  assert.ok(!fr.some((p) => /D[ée]fense/.test(p)), fr.join('; '));
  assert.ok(fr.some((p) => p.endsWith(' Djibo')), fr.join('; '));
  const en = places('The Secretary of Defense and the Department of Justice said on Monday.', 'en');
  assert.deepEqual(en, []);
});

test('the district itself, and jurisdictions after an office, stay places', () => {
  const fr = places('Des employés ont manifesté à La Défense, près de Paris.', 'fr');
  assert.ok(fr.some((p) => p.endsWith(' La Défense')), fr.join('; '));
  const en = places('The Minister of Iraq met the health minister of Northern Ireland in London.', 'en');
  assert.ok(en.some((p) => p.startsWith('cc:IQ ')), en.join('; '));
  assert.ok(en.some((p) => p.endsWith(' Northern Ireland')), en.join('; '));
  assert.ok(!en.some((p) => p.startsWith('cc:IE ')), en.join('; '));
});
