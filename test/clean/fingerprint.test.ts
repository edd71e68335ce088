import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simhash, simhashSimilarity, hamming, contentHash } from '../../src/clean/fingerprint.js';

// A made-up wire dispatch, long enough to be a real article.
const WIRE = [
  "Les forces gouvernementales ont repris mardi le contrôle de la colline de Tamsar, une position stratégique inventée pour ce test, après deux jours de combats intenses contre un groupe armé retranché dans les villages voisins.",
  "Selon une source militaire, au moins six combattants ont été tués et une douzaine blessés dans les affrontements, qui ont aussi poussé plusieurs centaines de familles à fuir vers le chef-lieu de la province.",
  "Le gouverneur a annoncé l'ouverture d'un couloir humanitaire pour permettre aux civils de quitter la zone, tandis que des organisations d'aide réclament un accès sans entrave aux blessés.",
  "Les négociations entre les deux camps, suspendues depuis le mois dernier, pourraient reprendre la semaine prochaine sous l'égide d'un médiateur régional, a indiqué un diplomate sous couvert d'anonymat.",
  "La colline de Tamsar avait été perdue par l'armée au printemps, lors d'une offensive surprise qui avait coupé la route principale reliant la province à la capitale.",
  "Depuis, les habitants des villages situés au pied de la colline vivaient sous la menace de tirs quasi quotidiens, et plusieurs écoles avaient dû fermer leurs portes faute d'enseignants et d'élèves.",
  "Un responsable local a estimé que la reprise de la position permettrait de rouvrir la route d'ici à la fin du mois, à condition que les démineurs puissent travailler en sécurité le long des bas-côtés.",
  "Le groupe armé n'a pas réagi officiellement, mais un de ses porte-parole a affirmé sur une messagerie que ses combattants s'étaient repliés en bon ordre vers des positions préparées à l'avance.",
].join('\n\n');

const OTHER = [
  "Un convoi humanitaire est arrivé jeudi à Norvelle, ville imaginaire assiégée depuis trois mois, avec des vivres et des médicaments pour environ vingt mille habitants, selon les organisateurs.",
  "Les autorités locales ont dénoncé des tirs sporadiques près du point de passage, sans faire de victimes, alors que le cessez-le-feu conclu la semaine dernière reste fragile.",
  "Un responsable de l'opération a affirmé que d'autres convois suivraient si les garanties de sécurité étaient respectées par toutes les parties au conflit.",
  "Les habitants interrogés décrivent des pénuries d'eau et d'électricité, et des prix qui ont triplé depuis le début du siège dans les rares marchés encore ouverts.",
].join('\n\n');

test('simhash is 16 hex chars and deterministic', () => {
  assert.match(simhash(WIRE), /^[0-9a-f]{16}$/);
  assert.equal(simhash(WIRE), simhash(WIRE));
  assert.equal(hamming(simhash(WIRE), simhash(WIRE)), 0);
  assert.equal(simhashSimilarity(simhash(WIRE), simhash(WIRE)), 1);
});

test('syndicated copies with other headers and footers are >= 0.85 similar, 0.9 on average', () => {
  const heads = ['Tamsar : l’armée reprend la colline', 'Proche-Orient — les dernières nouvelles du front', 'Dépêche'];
  const foots = ['(Avec AFP)', 'Publié par La Gazette du Sud, tous droits réservés. Reproduction interdite.', 'Cet article a été mis à jour à 18h.'];
  const sims = heads.flatMap((h) => foots.map((f) => simhashSimilarity(simhash(WIRE), simhash(`${h}\n\n${WIRE}\n\n${f}`))));
  for (const s of sims) assert.ok(s >= 0.85, `similarity ${s}`);
  const mean = sims.reduce((a, b) => a + b, 0) / sims.length;
  assert.ok(mean >= 0.9, `mean similarity ${mean}`);
  // Case, accents and typographic apostrophes do not matter.
  assert.ok(simhashSimilarity(simhash(WIRE), simhash(WIRE.toUpperCase().replace(/'/g, '’'))) >= 0.95);
});

test('a different article on the same kind of event is well below', () => {
  const s = simhashSimilarity(simhash(WIRE), simhash(OTHER));
  assert.ok(s < 0.75, `similarity ${s}`);
});

test('hamming counts differing bits', () => {
  assert.equal(hamming('0000000000000000', 'ffffffffffffffff'), 64);
  assert.equal(hamming('0000000000000001', '0000000000000000'), 1);
  assert.equal(hamming('8000000000000000', '0000000000000000'), 1);
  assert.equal(simhashSimilarity('0000000000000000', '00000000ffffffff'), 0.5);
  assert.throws(() => hamming('xyz', '0000000000000000'));
});

test('content hash collapses whitespace but keeps case', () => {
  assert.equal(contentHash('A  b\n\nc'), contentHash('A b c'));
  assert.equal(contentHash('Cafe\u0301'), contentHash('Café'));
  assert.notEqual(contentHash('a b c'), contentHash('A b c'));
});

test('simhash values are stable (pinned: the counting may change, the hashes may not)', () => {
  const s = 'Les forces gouvernementales ont repris mardi le contrôle de la colline, après deux jours de combats. ';
  assert.equal(simhash('un deux'), '9b7666fe450ba5e0');
  assert.equal(simhash('un deux trois'), '3da11ba517850b98');
  assert.equal(simhash(s), '6072d11f02b966e8');
  assert.equal(simhash(s.repeat(3)), 'e073d13f12bb66f8');
  // more than 15 shingles in each weight class (the nibble counters are flushed), long edges
  assert.equal(simhash(s.repeat(40)), 'e072d11f12f966a0');
  assert.equal(simhash('mot x'.repeat(700)), '5212c063a4baba83');
});
