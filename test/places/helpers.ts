import { newDoc } from '../../src/document.js';
import { PACKS } from '../../src/lang/language.js';
import { entitiesStage } from '../../src/entities/index.js';
import { placesStage } from '../../src/places/index.js';

/** Runs entities then places over one sentence and lists "<place id> <mention text>" per mention. */
export function placeMentions(text: string, lang: 'fr' | 'en'): string[] {
  const doc = newDoc({ id: 'p', origin: { path: '-', format: 'txt' }, raw: text, lang });
  entitiesStage.run(doc, { pack: PACKS[lang] });
  placesStage.run(doc, { pack: PACKS[lang] });
  return doc.places.flatMap((p) => p.mentions.map((m) => `${p.id} ${m.text}`));
}
