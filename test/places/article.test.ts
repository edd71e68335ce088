import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeMentions as places } from './helpers.js';

// One rule: a GeoNames name that starts with an article ("La Défense", "Le Havre") is that
// place only when the article (or its contraction: "du Havre") is written before the bare word.
test('a gazetteer name starting with an article needs its article in the text (English and French)', () => {
  const en = places('The Defense attorney told the court that Defense Secretary Lloyd Austin backed the Defense of Marriage Act repeal in Washington.', 'en');
  assert.ok(!en.some((p) => /Defense/.test(p)), en.join('; '));
  assert.ok(en.some((p) => p.endsWith(' Washington')), en.join('; '));
  const enWith = places('Protesters gathered at La Defense, the business district west of Paris.', 'en');
  assert.ok(enWith.some((p) => p.endsWith(' La Defense')), enWith.join('; '));

  const fr = places("Défense : le budget augmente. Havre de paix pour les familles, Calais attend. Les dockers du Havre ont manifesté à la Défense.", 'fr');
  // "Défense :" and "Havre de paix" are words; "du Havre" and "à la Défense" are the places.
  assert.equal(fr.filter((p) => p.endsWith(' Havre')).length, 1, fr.join('; '));
  assert.equal(fr.filter((p) => p.endsWith(' Défense')).length, 1, fr.join('; '));
  assert.ok(fr.some((p) => p.endsWith(' Calais')), fr.join('; '));
});

test('after a place cue the article may be left out ("in Bronx, New York", "à Havre")', () => {
  const en = places('He worked at St. Barnabas Hospital in Bronx, New York, for ten years.', 'en');
  assert.ok(en.some((p) => p.endsWith(' Bronx')), en.join('; '));
  const fr = places('Le cargo est arrivé hier à Havre, selon le port.', 'fr');
  assert.ok(fr.some((p) => p.endsWith(' Havre')), fr.join('; '));
});

test('an English article is written in French, a French one is kept in English ("le Bronx", "the Defense")', () => {
  const fr = places('Il a grandi dans le Bronx, à New York.', 'fr');
  assert.ok(fr.some((p) => p.endsWith(' Bronx')), fr.join('; '));
  const en = places('He said the Defense budget would grow, speaking in Paris.', 'en');
  assert.ok(!en.some((p) => /Defense/.test(p)), en.join('; '));
});

test('a bare form of several words is a name, not a common word ("Chaux-de-Fonds")', () => {
  const fr = places('Les horlogers de Chaux-de-Fonds exportent vers Berne.', 'fr');
  assert.ok(fr.some((p) => p.endsWith(' Chaux-de-Fonds')), fr.join('; '));
  const en = places('Watchmakers in Chaux-de-Fonds export to Bern.', 'en');
  assert.ok(en.some((p) => p.endsWith(' Chaux-de-Fonds')), en.join('; '));
});

test('a country written letter for letter is the country, not a homonym matched through folding ("Canada", not Cañada)', () => {
  const en = places('The trade pact includes Mexico, the US, and Canada, the Mexican ministry in Mexico City said.', 'en');
  assert.ok(en.some((p) => p === 'cc:CA Canada'), en.join('; '));
  const fr = places("L'accord lie le Mexique, les États-Unis et le Canada, a indiqué le ministère à Mexico.", 'fr');
  assert.ok(fr.some((p) => p === 'cc:CA Canada'), fr.join('; '));
});
