/**
 * The entities/places conformance suite: made-up sentences, each testing ONE rule, for each
 * language. Run by conformance.test.ts the same way for every language.
 */
export interface Expect {
  /** An entity with this id has a mention with exactly this text (and label / via when given). */
  entity?: { id: string; text: string; label?: string; via?: string; kind?: string };
  /** No entity has a mention with this text. */
  noEntity?: string;
  /** A place has a mention with this text; id prefix, precision and a point within km when given. */
  place?: { text: string; idPrefix?: string; precision?: string; near?: [number, number, number]; via?: string };
  /** No place has a mention with this text. */
  noPlace?: string;
}

export interface Case {
  rule: string;
  text: string;
  expect: Expect[];
}

export const CASES: Record<'fr' | 'en', Case[]> = {
  fr: [
    { rule: 'demonym after a military head noun → the armed forces', text: "L'aviation russe a bombardé des positions près de Homs.", expect: [{ entity: { id: 'military-ru', text: 'aviation russe', via: 'demonym' } }, { noPlace: 'russe' }] },
    { rule: 'plural demonym after a head noun', text: 'Des soldats iraniens ont été vus près de la frontière.', expect: [{ entity: { id: 'military-ir', text: 'soldats iraniens' } }] },
    { rule: 'ministry + demonym + portfolio → the ministry', text: 'Le ministère russe de la Défense a publié un communiqué.', expect: [{ entity: { id: 'state-ru-mod', text: 'ministère russe de la Défense' } }] },
    { rule: 'capital as the subject of a speech verb → the government, not a place', text: 'Moscou a indiqué mercredi que les frappes continueraient.', expect: [{ entity: { id: 'state-ru', text: 'Moscou', via: 'capital' } }, { noPlace: 'Moscou' }] },
    { rule: 'capital after a place cue → the place', text: "Une conférence s'est tenue à Moscou mercredi.", expect: [{ place: { text: 'Moscou', near: [55.75, 37.62, 30] } }, { noEntity: 'Moscou' }] },
    { rule: 'two capitals after "entre" → both governments', text: "Les discussions entre Damas et Ankara n'ont pas abouti.", expect: [{ entity: { id: 'state-sy', text: 'Damas' } }, { entity: { id: 'state-tr', text: 'Ankara' } }] },
    { rule: 'seat of government → the government, never a place', text: 'Le Kremlin a démenti ces informations.', expect: [{ entity: { id: 'state-ru', text: 'Kremlin' } }, { noPlace: 'Kremlin' }] },
    { rule: 'generic designation in a Syria story → the Syrian forces, label kept', text: 'Dans le nord de la Syrie, les forces du régime ont progressé vers Alep.', expect: [{ entity: { id: 'military-sy', text: 'forces du régime', label: 'forces du régime', via: 'generic' } }, { place: { text: 'Syrie', idPrefix: 'cc:SY' } }, { noEntity: 'Syrie' }] },
    { rule: 'generic "rebels" in a Syria story → rebels-sy, label kept', text: "En Syrie, les rebelles ont repris deux villages près d'Idleb.", expect: [{ entity: { id: 'rebels-sy', text: 'rebelles', label: 'rebelles' } }] },
    { rule: 'the same generic in a Mali story → the Malian rebels, not the Syrian ones', text: 'Au Mali, les rebelles ont attaqué un convoi près de Kidal.', expect: [{ entity: { id: 'rebels-ml', text: 'rebelles', label: 'rebelles' } }, { place: { text: 'Kidal', near: [18.44, 1.41, 30] } }] },
    { rule: 'title before an unknown name → a document-local person', text: "Le général Karim Bellaoui a annoncé la fin de l'opération.", expect: [{ entity: { id: 'x:karim-bellaoui', text: 'Karim Bellaoui', kind: 'person' } }] },
    { rule: 'agency + demonym before an unknown name → a document-local media', text: "Selon l'agence syrienne Zahrat News, dix personnes ont été tuées.", expect: [{ entity: { id: 'x:zahrat-news', text: 'Zahrat News', kind: 'media' } }] },
    { rule: '"province de X" → the admin-1 region, not the town', text: 'De violents combats ont eu lieu dans la province de Kirkouk.', expect: [{ place: { text: 'Kirkouk', idPrefix: 'adm1:IQ.', precision: 'region' } }] },
    { rule: '"la ville de X" → the town', text: "Des frappes ont visé la ville d'Idleb en Syrie.", expect: [{ place: { text: 'Idleb', idPrefix: 'gn:', precision: 'city', near: [35.93, 36.63, 20] } }] },
    { rule: 'misspelling within one edit in a Syria story → the place', text: 'En Syrie, des explosions ont secoué Damais, la capitale.', expect: [{ place: { text: 'Damais', via: 'fuzzy', near: [33.51, 36.29, 30] } }] },
    { rule: 'misspelling without supporting context → no place', text: 'Le chanteur a donné un concert avec Damais hier soir.', expect: [{ noPlace: 'Damais' }] },
    { rule: "a person's name is not geocoded", text: 'Un habitant, Rami Homs, a témoigné devant les enquêteurs.', expect: [{ noPlace: 'Homs' }] },
    { rule: 'French exonyms and transliterations', text: 'Des frappes ont visé Lattaquié et Deir ez-Zor, puis Palmyre.', expect: [{ place: { text: 'Lattaquié', near: [35.52, 35.79, 30] } }, { place: { text: 'Deir ez-Zor', near: [35.34, 40.14, 30] } }, { place: { text: 'Palmyre', near: [34.56, 38.28, 30] } }] },
    { rule: 'sub-town places from the curated overlay', text: "Les combats se concentrent sur la route du Castello et à Cheikh Maqsoud.", expect: [{ place: { text: 'route du Castello', idPrefix: 'ov:', precision: 'point' } }, { place: { text: 'Cheikh Maqsoud', idPrefix: 'ov:' } }] },
    { rule: 'a common word that is also a town is no place', text: 'Bien que la situation soit calme, la Mission reste prudente.', expect: [{ noPlace: 'Bien' }, { noPlace: 'Mission' }] },
    { rule: 'short all-caps aliases match only in capitals', text: "L'EI a revendiqué l'attaque, ei ne veut rien dire.", expect: [{ entity: { id: 'islamic-state', text: 'EI' } }, { noEntity: 'ei' }] },
    { rule: 'a given name opens an unknown person\'s name (no registry id)', text: 'Un habitant, Youssef Karimi, a raconté la nuit des frappes.', expect: [{ entity: { id: 'x:youssef-karimi', text: 'Youssef Karimi', kind: 'person', via: 'pattern' } }, { noPlace: 'Karimi' }] },
    { rule: 'the last name alone, after the full name, is the same person', text: 'Youssef Karimi vit près du marché. Depuis mardi, Karimi dort chez des voisins.', expect: [{ entity: { id: 'x:youssef-karimi', text: 'Karimi', kind: 'person' } }] },
    { rule: 'a person\'s name keeps a particle only before its last word', text: 'Le gardien Marc Dubois des Lions de Québec a signé un contrat. Le général Charles de Gaulle est cité.', expect: [{ entity: { id: 'x:marc-dubois', text: 'Marc Dubois', kind: 'person' } }, { noEntity: 'Marc Dubois des Lions de Québec' }, { entity: { id: 'x:charles-de-gaulle', text: 'Charles de Gaulle' } }] },
    { rule: 'an organisation head word opens an unknown organisation', text: 'Le Conseil fédéral a rejeté le texte présenté par la Fédération Républicaine.', expect: [{ entity: { id: 'x:conseil-federal', text: 'Conseil fédéral', kind: 'org' } }, { entity: { id: 'x:federation-republicaine', text: 'Fédération Républicaine', kind: 'org' } }] },
    { rule: 'an abbreviated title keeps its period ("M. X")', text: 'M. Lugardon a été élu dimanche.', expect: [{ entity: { id: 'x:lugardon', text: 'Lugardon', kind: 'person' } }] },
    { rule: 'a short capitalized alias never matches a lower-case word; a lower-case alias may', text: "Amal a condamné l'attaque ; le mot amal désigne l'espoir. Les peshmergas ont avancé.", expect: [{ entity: { id: 'amal-movement', text: 'Amal' } }, { noEntity: 'amal' }, { entity: { id: 'peshmerga', text: 'peshmergas' } }] },
    { rule: 'demonyms: a place only where the language capitalizes them as adjectives (not in French)', text: 'Les Canadiens ont visité le site, dit un responsable canadien.', expect: [{ noPlace: 'Canadiens' }, { noPlace: 'canadien' }] },
    { rule: 'a town is read in the admin-1 region the text names', text: 'Le conseil de Springfield s\'est réuni lundi, selon des responsables du Missouri.', expect: [{ place: { text: 'Springfield', near: [37.2, -93.3, 40] } }, { place: { text: 'Missouri', precision: 'region' } }] },
  ],
  en: [
    { rule: 'demonym before a military head noun → the armed forces', text: 'Russian jets struck positions near Homs.', expect: [{ entity: { id: 'military-ru', text: 'Russian jets', via: 'demonym' } }, { noPlace: 'Russian' }] },
    { rule: 'plural demonym before a head noun', text: 'Iranian soldiers were seen near the border.', expect: [{ entity: { id: 'military-ir', text: 'Iranian soldiers' } }] },
    { rule: 'demonym + portfolio + ministry → the ministry', text: 'The Russian Defence Ministry published a statement.', expect: [{ entity: { id: 'state-ru-mod', text: 'Russian Defence Ministry' } }] },
    { rule: 'capital as the subject of a speech verb → the government, not a place', text: 'Moscow said on Wednesday that the strikes would continue.', expect: [{ entity: { id: 'state-ru', text: 'Moscow', via: 'capital' } }, { noPlace: 'Moscow' }] },
    { rule: 'capital after a place cue → the place', text: 'A conference was held in Moscow on Wednesday.', expect: [{ place: { text: 'Moscow', near: [55.75, 37.62, 30] } }, { noEntity: 'Moscow' }] },
    { rule: 'two capitals after "between" → both governments', text: 'Talks between Damascus and Ankara stalled again.', expect: [{ entity: { id: 'state-sy', text: 'Damascus' } }, { entity: { id: 'state-tr', text: 'Ankara' } }] },
    { rule: 'seat of government → the government, never a place', text: 'The Kremlin denied the reports.', expect: [{ entity: { id: 'state-ru', text: 'Kremlin' } }, { noPlace: 'Kremlin' }] },
    { rule: 'generic designation in a Syria story → the Syrian forces, label kept', text: 'In northern Syria, regime forces advanced towards Aleppo.', expect: [{ entity: { id: 'military-sy', text: 'regime forces', label: 'regime forces', via: 'generic' } }, { place: { text: 'Syria', idPrefix: 'cc:SY' } }, { noEntity: 'Syria' }] },
    { rule: 'generic "rebels" in a Syria story → rebels-sy, label kept', text: 'In Syria, rebels retook two villages near Idlib.', expect: [{ entity: { id: 'rebels-sy', text: 'rebels', label: 'rebels' } }] },
    { rule: 'the same generic in a Mali story → the Malian rebels, not the Syrian ones', text: 'In Mali, rebels attacked a convoy near Kidal.', expect: [{ entity: { id: 'rebels-ml', text: 'rebels', label: 'rebels' } }, { place: { text: 'Kidal', near: [18.44, 1.41, 30] } }] },
    { rule: 'title before an unknown name → a document-local person', text: 'General Karim Bellaoui announced the end of the operation.', expect: [{ entity: { id: 'x:karim-bellaoui', text: 'Karim Bellaoui', kind: 'person' } }] },
    { rule: 'name before "news agency" → a document-local media', text: 'The Zahrat news agency said ten people were killed.', expect: [{ entity: { id: 'x:zahrat', text: 'Zahrat', kind: 'media' } }] },
    { rule: '"X province" → the admin-1 region, not the town', text: 'Heavy fighting took place in Kirkuk province.', expect: [{ place: { text: 'Kirkuk', idPrefix: 'adm1:IQ.', precision: 'region' } }] },
    { rule: '"the city of X" → the town', text: 'Strikes hit the city of Idlib in Syria.', expect: [{ place: { text: 'Idlib', idPrefix: 'gn:', precision: 'city', near: [35.93, 36.63, 20] } }] },
    { rule: 'misspelling within one edit in a Syria story → the place', text: 'In Syria, explosions shook Damascas, the capital.', expect: [{ place: { text: 'Damascas', via: 'fuzzy', near: [33.51, 36.29, 30] } }] },
    { rule: 'misspelling without supporting context → no place', text: 'The singer gave a concert with Damascas last night.', expect: [{ noPlace: 'Damascas' }] },
    { rule: "a person's name is not geocoded", text: 'A resident, Rami Homs, spoke to investigators.', expect: [{ noPlace: 'Homs' }] },
    { rule: 'transliteration variants', text: 'Strikes hit Latakia and Deir Ezzor, then Palmyra.', expect: [{ place: { text: 'Latakia', near: [35.52, 35.79, 30] } }, { place: { text: 'Deir Ezzor', near: [35.34, 40.14, 30] } }, { place: { text: 'Palmyra', near: [34.56, 38.28, 30] } }] },
    { rule: 'sub-town places from the curated overlay', text: 'Fighting focused on the Castello Road and on Sheikh Maqsoud.', expect: [{ place: { text: 'Castello Road', idPrefix: 'ov:', precision: 'point' } }, { place: { text: 'Sheikh Maqsoud', idPrefix: 'ov:' } }] },
    { rule: 'a common word that is also a town is no place', text: 'Mission accomplished, said the officer at the Bar.', expect: [{ noPlace: 'Mission' }, { noPlace: 'Bar' }] },
    { rule: 'short all-caps aliases match only in capitals', text: 'IS claimed the attack, which is what they do.', expect: [{ entity: { id: 'islamic-state', text: 'IS' } }, { noEntity: 'is' }] },
    { rule: 'a given name opens an unknown person\'s name (no registry id)', text: 'A resident, Youssef Karimi, described the night of the strikes.', expect: [{ entity: { id: 'x:youssef-karimi', text: 'Youssef Karimi', kind: 'person', via: 'pattern' } }, { noPlace: 'Karimi' }] },
    { rule: 'the last name alone, after the full name, is the same person', text: 'Youssef Karimi lives near the market. Since Tuesday, Karimi has slept at a neighbour\'s.', expect: [{ entity: { id: 'x:youssef-karimi', text: 'Karimi', kind: 'person' } }] },
    { rule: 'a person\'s name keeps a particle only before its last word', text: 'Mark Dobson of Harlow Rangers signed a contract. Khalil of Dunmore and Juan Carlos de Souza were quoted.', expect: [{ entity: { id: 'x:mark-dobson', text: 'Mark Dobson', kind: 'person' } }, { noEntity: 'Mark Dobson of Harlow Rangers' }, { noEntity: 'Khalil of Dunmore' }, { entity: { id: 'x:juan-carlos-de-souza', text: 'Juan Carlos de Souza' } }] },
    { rule: 'an organisation head word opens an unknown organisation', text: 'The Council of Elders rejected the text put forward by the Federation of Miners.', expect: [{ entity: { id: 'x:council-of-elders', text: 'Council of Elders', kind: 'org' } }, { entity: { id: 'x:federation-of-miners', text: 'Federation of Miners', kind: 'org' } }] },
    { rule: 'an abbreviated title keeps its period ("Mr. X")', text: 'Mr. Lugardon was elected on Sunday.', expect: [{ entity: { id: 'x:lugardon', text: 'Lugardon', kind: 'person' } }] },
    { rule: 'a short capitalized alias never matches a lower-case word; a lower-case alias may', text: 'Amal condemned the attack; the word amal means hope. The peshmerga advanced.', expect: [{ entity: { id: 'amal-movement', text: 'Amal' } }, { noEntity: 'amal' }, { entity: { id: 'peshmerga', text: 'peshmerga' } }] },
    { rule: 'demonyms: a place only where the language capitalizes them as adjectives (not in French)', text: 'A Canadian town was flooded on Monday.', expect: [{ place: { text: 'Canadian', idPrefix: 'cc:CA' } }] },
    { rule: 'a town is read in the admin-1 region the text names', text: 'The council of Springfield met on Monday, officials in Missouri said.', expect: [{ place: { text: 'Springfield', near: [37.2, -93.3, 40] } }, { place: { text: 'Missouri', precision: 'region' } }] },
  ],
};
