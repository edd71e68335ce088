/**
 * The entities stage: recognizes actors in doc.text and links them to the curated registry
 * (src/knowledge/actors), filling doc.entities (places are not entities; see src/places).
 *
 * Rules, in order of preference at each position (the longest match wins, the registry on
 * ties); the words of each rule are data in src/lang/<lang>/entities.json:
 *   1. registry aliases of both languages (short all-caps acronyms match case-sensitively;
 *      aliases marked ambiguous are linked through the document's focus country);
 *   2. generic designations ("forces du régime", "rebelles", "loyalistes") → military-/rebels-/
 *      state-<focus country>, the text kept as the mention's `label`;
 *   3. head noun + demonym ("l'aviation russe", "Russian jets") → military-<cc> / state-<cc>,
 *      "le ministère russe de la Défense" → state-<cc>-mod (or state-<cc>);
 *   4. seats of government ("le Kremlin") → state-<cc>;
 *   5. capitals and country names → state-<cc> when they speak or act ("Moscou a indiqué",
 *      "selon Ankara", "entre Damas et Ankara"), otherwise left to the places stage;
 *   6. collective demonyms ("les Russes") → state-<cc> (the country's side as a whole);
 *   7. titles before an unknown name ("le général X", "l'agence X", "the X news agency") →
 *      a document-local entity "x:<folded name>", linked false.
 * Anonymous sources ("des sources libanaises") make no entity: the attribution stage reads
 * the text span.
 */
import type { Stage } from '../pipeline.js';
import { loadActors } from '../knowledge/actors/index.js';
import { buildRegistry, findEntities } from './find.js';

export { buildRegistry, findEntities } from './find.js';

export const entitiesStage: Stage = {
  name: 'entities',
  run(doc, { pack }) {
    if (!doc.text) return;
    doc.entities = findEntities(doc, pack.entities, buildRegistry(loadActors()));
  },
};
