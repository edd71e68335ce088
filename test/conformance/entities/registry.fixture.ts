/**
 * A small made-up registry following the registry's id conventions, so that the rules are
 * tested independently of the real registry's data (which grows and changes).
 */
import { actorEntrySchema, type ActorEntry } from '../../../src/knowledge/actors/schema.js';

const raw = [
  { id: 'state-sy', name: 'Government of Syria', kind: 'state', country: 'SY', inter: 1, aliases: { fr: ['gouvernement syrien', 'Syrie'], en: ['Syrian government', 'Syria'] } },
  { id: 'military-sy', name: 'Military Forces of Syria', kind: 'military', country: 'SY', inter: 1, aliases: { fr: ['armée syrienne'], en: ['Syrian Army'] } },
  { id: 'rebels-sy', name: 'Rebel Groups (Syria)', kind: 'armed_group', country: 'SY', inter: 2, aliases: { fr: [], en: [] } },
  { id: 'state-ru', name: 'Government of Russia', kind: 'state', country: 'RU', inter: 1, aliases: { fr: [], en: [] } },
  { id: 'military-ru', name: 'Military Forces of Russia', kind: 'military', country: 'RU', inter: 1, aliases: { fr: [], en: [] } },
  { id: 'state-ru-mod', name: 'Ministry of Defence of Russia', kind: 'state', country: 'RU', inter: 1, parent: 'state-ru', aliases: { fr: [], en: [] } },
  { id: 'state-tr', name: 'Government of Turkey', kind: 'state', country: 'TR', inter: 1, aliases: { fr: [], en: [] } },
  { id: 'military-ir', name: 'Military Forces of Iran', kind: 'military', country: 'IR', inter: 1, aliases: { fr: [], en: [] } },
  { id: 'amal-movement', name: 'Amal Movement', kind: 'political', country: 'LB', inter: 3, aliases: { fr: ['Amal'], en: ['Amal'] } },
  { id: 'peshmerga', name: 'Peshmerga', kind: 'military', country: 'IQ', inter: 1, aliases: { fr: ['peshmergas'], en: ['peshmerga'] } },
  { id: 'islamic-state', name: 'Islamic State', kind: 'armed_group', country: null, inter: 2, aliases: { fr: ['État islamique', 'EI'], en: ['Islamic State', 'IS'] } },
];

export const FIXTURE_ACTORS: ActorEntry[] = raw.map((r) => actorEntrySchema.parse(r));
