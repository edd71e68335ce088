/**
 * End to end: the clean stage's SimHash + the store's banded lookup link a syndicated copy of
 * a dispatch (other headline and credits) to the original, and keep a different article apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simhash, contentHash } from '../../src/clean/fingerprint.js';
import { newDoc, type Doc } from '../../src/document.js';
import { openStore } from '../../src/store/index.js';
import { similarity } from '../../src/fuse/simhash.js';

const BODY =
  "Les autorités locales ont annoncé mardi la réouverture partielle du pont principal de la ville de Valmont, " +
  "fermé depuis trois semaines après des combats entre deux milices rivales. Selon le maire, les premiers camions " +
  "d'aide humanitaire devraient franchir le pont dès jeudi matin, sous la surveillance d'observateurs civils. " +
  "Les habitants du quartier nord, privés d'eau potable depuis le début des affrontements, ont accueilli la nouvelle " +
  "avec prudence. Plusieurs organisations non gouvernementales ont toutefois rappelé que les routes menant aux villages " +
  "voisins restaient minées et que les évacuations sanitaires demeuraient difficiles. Une commission mixte doit se réunir " +
  "la semaine prochaine pour discuter d'un calendrier de déminage et du retour des familles déplacées.";

function doc(id: string, text: string): Doc {
  const d = newDoc({ id, origin: { path: `${id}.txt`, format: 'txt' }, raw: text, lang: 'fr' });
  d.hash = contentHash(text);
  d.simhash = simhash(text);
  return d;
}

test('a syndicated copy is linked to the original story; another article is not', async () => {
  const original = doc('site-a', `Valmont : le pont rouvre\n${BODY}\nPartager cet article`);
  const copy = doc('site-b', `Réouverture du pont de Valmont\n${BODY}\n(Avec agences) Publié le 3 mars.`);
  const other = doc('site-c', BODY.split(' ').reverse().join(' ').replace(/Valmont/g, 'Rocheval') + ' Un autre article, sans rapport.');
  assert.ok(similarity(original.simhash, copy.simhash) >= 0.9, `copy similarity ${similarity(original.simhash, copy.simhash)}`);
  const s = await openStore(':memory:');
  try {
    const r = await s.putDocuments([original, other, copy]);
    assert.deepEqual(r.items.map((i) => i.story), ['story:site-a', null, 'story:site-a']);
    const st = await s.storyOf('site-b');
    assert.equal(st?.size, 2);
    assert.equal(st?.members[1].linkedTo, 'site-a');
    assert.ok(st!.members[1].similarity >= 0.9 && st!.members[1].similarity <= 1);
  } finally {
    await s.close();
  }
});
