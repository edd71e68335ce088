/**
 * A deterministic generator of made-up conflict articles (French and English) for the
 * benchmark and the crash test. Sentences are templates written by the Vigie team, filled
 * with real place and actor names and random dates and numbers; nothing is copied from real
 * articles. Same seed → same corpus.
 */

export interface GenArticle {
  id: string;
  lang: 'fr' | 'en';
  title: string;
  outlet: string;
  published: string;
  text: string;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Theatre {
  country: { fr: string; en: string };
  places: string[];
  /** [fr, en] pairs */
  actors: [string, string][];
  sources: [string, string][];
}

const THEATRES: Theatre[] = [
  {
    country: { fr: 'Syrie', en: 'Syria' },
    places: ['Alep', 'Idleb', 'Homs', 'Hama', 'Deir ez-Zor', 'Raqqa', 'Daraa', 'Maarat al-Nouman', 'Khan Cheikhoun', 'Douma', 'Palmyre', 'Manbij'],
    actors: [
      ["l'armée syrienne", 'the Syrian army'],
      ['les forces du régime', 'government forces'],
      ['les rebelles', 'rebel fighters'],
      ['Hayat Tahrir al-Cham', 'Hayat Tahrir al-Sham'],
      ["l'État islamique", 'the Islamic State group'],
      ['les Forces démocratiques syriennes', 'the Syrian Democratic Forces'],
      ["l'aviation russe", 'Russian warplanes'],
      ['le Hezbollah', 'Hezbollah'],
      ['des groupes terroristes', 'terrorist groups'],
    ],
    sources: [
      ["l'Observatoire syrien des droits de l'homme", 'the Syrian Observatory for Human Rights'],
      ["l'agence officielle SANA", 'the state news agency SANA'],
      ['les Casques blancs', 'the White Helmets'],
      ['des militants locaux', 'local activists'],
    ],
  },
  {
    country: { fr: 'Mali', en: 'Mali' },
    places: ['Gao', 'Tombouctou', 'Ménaka', 'Kidal', 'Mopti', 'Ségou', 'Sévaré', 'Ansongo', 'Bandiagara', 'Tessalit'],
    actors: [
      ['les Forces armées maliennes', 'the Malian armed forces'],
      ['le JNIM', 'JNIM'],
      ["l'État islamique au Sahel", 'Islamic State Sahel'],
      ['les rebelles du CSP', 'CSP rebels'],
      ['le groupe Wagner', 'the Wagner Group'],
      ['des hommes armés', 'gunmen'],
    ],
    sources: [
      ["l'état-major général des armées", 'the army general staff'],
      ['des sources locales', 'local sources'],
      ['un élu local', 'a local official'],
    ],
  },
  {
    country: { fr: 'Burkina Faso', en: 'Burkina Faso' },
    places: ['Djibo', 'Kaya', 'Dori', 'Fada NGourma', 'Ouahigouya', 'Arbinda', 'Gorom-Gorom', 'Ouagadougou'],
    actors: [
      ["l'armée burkinabè", 'the Burkinabe army'],
      ['les Volontaires pour la défense de la patrie', 'the Volunteers for the Defence of the Homeland'],
      ['le JNIM', 'JNIM'],
      ["l'État islamique au Grand Sahara", 'Islamic State in the Greater Sahara'],
      ['des jihadistes présumés', 'suspected jihadists'],
    ],
    sources: [
      ['le gouvernement', 'the government'],
      ['des habitants', 'residents'],
      ['des sources sécuritaires', 'security sources'],
    ],
  },
  {
    country: { fr: 'Ukraine', en: 'Ukraine' },
    places: ['Kharkiv', 'Kherson', 'Bakhmout', 'Zaporijjia', 'Odessa', 'Izioum', 'Marioupol', 'Avdiïvka', 'Soumy', 'Kramatorsk'],
    actors: [
      ["l'armée ukrainienne", 'Ukrainian forces'],
      ["l'armée russe", 'Russian forces'],
      ['le groupe Wagner', 'the Wagner Group'],
      ['les forces séparatistes', 'separatist forces'],
      ["l'aviation russe", 'Russian aircraft'],
    ],
    sources: [
      ["l'état-major ukrainien", 'the Ukrainian general staff'],
      ['le ministère russe de la Défense', "Russia's defence ministry"],
      ['le gouverneur régional', 'the regional governor'],
      ['les services de secours', 'emergency services'],
    ],
  },
  {
    country: { fr: 'Yémen', en: 'Yemen' },
    places: ['Hodeïda', 'Sanaa', 'Marib', 'Taëz', 'Aden', 'Saada', 'Hajjah', 'Moka'],
    actors: [
      ["la coalition menée par l'Arabie saoudite", 'the Saudi-led coalition'],
      ['les Houthis', 'the Houthis'],
      ['les forces progouvernementales', 'pro-government forces'],
      ['la milice houthie', 'Houthi militia'],
      ['les forces du Conseil de transition du Sud', 'Southern Transitional Council forces'],
    ],
    sources: [
      ['la chaîne Al-Masirah', 'Al-Masirah TV'],
      ['des sources médicales', 'medical sources'],
      ["l'émissaire de l'ONU", 'the UN envoy'],
    ],
  },
  {
    country: { fr: 'territoires palestiniens', en: 'the Palestinian territories' },
    places: ['Gaza', 'Rafah', 'Khan Younès', 'Jabaliya', 'Naplouse', 'Jénine', 'Deir al-Balah', 'Beit Hanoun'],
    actors: [
      ["l'armée israélienne", 'the Israeli military'],
      ['le Hamas', 'Hamas'],
      ['le Jihad islamique', 'Islamic Jihad'],
      ['les forces israéliennes', 'Israeli forces'],
      ['des colons', 'settlers'],
    ],
    sources: [
      ['le ministère de la Santé de Gaza', 'the Gaza health ministry'],
      ["l'armée israélienne", 'the Israeli military'],
      ['le Croissant-Rouge palestinien', 'the Palestinian Red Crescent'],
    ],
  },
];

const OUTLETS = {
  fr: ["Courrier de l'Oronte", 'Dépêche du Levant', 'La Voix du Fleuve', 'Agence Sahel Presse', 'Le Quotidien des Marches', "L'Écho du Plateau"],
  en: ['Northbridge Wire', 'The Meridian Post', 'The Harbour Ledger', 'Eastgate Daily'],
};

/**
 * Outlets that set their copy with typographic apostrophes (’), as about half of real news
 * articles do (the dev seeds and the GeoWebNews/LGL sets: 45–63 % of articles hold a character
 * above U+00FF, ’ first). It matters for speed: one such character makes V8 store the whole text,
 * and every slice of it, two bytes per character, and some regular expressions run several
 * times slower on such strings. A bench of one-byte texts only would overstate real throughput.
 */
const TYPOGRAPHIC = new Set(['Dépêche du Levant', 'Agence Sahel Presse', "L'Écho du Plateau", 'The Meridian Post', 'Eastgate Daily']);

const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NUM_FR = ['deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'quinze', 'vingt'];
const NUM_EN = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty'];

// Slots: {A} actor, {B} other actor, {P} place, {Q} other place, {S} source, {N} number,
// {W} number in words, {D} weekday, {C} country.
const SENT_FR = [
  'Au moins {N} personnes ont été tuées {D} dans des frappes aériennes sur {P}, selon {S}.',
  '{A} a affirmé avoir repris le contrôle de {P} après plusieurs jours de combats contre {B}.',
  'Des tirs d\'artillerie ont visé les quartiers nord de {P}, faisant {W} morts et une vingtaine de blessés, a indiqué {S}.',
  'De violents affrontements ont opposé {A} à {B} près de {P} {D}, selon {S}.',
  '{B} a démenti toute implication dans l\'attaque contre un convoi près de {Q}.',
  '{W} civils ont été enlevés par des hommes armés sur la route entre {P} et {Q}, selon {S}.',
  'Plusieurs centaines de personnes ont manifesté {D} à {Q} pour réclamer la fin des combats.',
  'Des pourparlers entre les belligérants doivent se tenir la semaine prochaine, a annoncé {S}.',
  '{A} prépare une offensive vers {Q}, selon une source militaire citée par {S}.',
  'Un accord de cessez-le-feu local a été conclu {D} à {P} sous l\'égide de médiateurs régionaux.',
  'Une frappe de drone a détruit un dépôt d\'armes près de {Q}, tuant {N} combattants, a assuré {S}.',
  'Les habitants de {P} ont fait état d\'explosions tout au long de la nuit.',
  'Selon {S}, le bilan pourrait encore s\'alourdir, de nombreux blessés étant dans un état grave.',
  'Un engin explosif improvisé a tué {W} soldats au passage d\'une patrouille près de {Q}.',
  '{A} a accusé {B} d\'avoir violé la trêve à {P}.',
];
const SENT_EN = [
  'At least {N} people were killed on {D} in air strikes on {P}, according to {S}.',
  '{A} said they had retaken {P} after several days of fighting against {B}.',
  'Artillery fire hit northern districts of {P}, killing {W} people and wounding about twenty, {S} said.',
  'Heavy clashes broke out between {A} and {B} near {P} on {D}, according to {S}.',
  '{B} denied any involvement in the attack on a convoy near {Q}.',
  'Gunmen abducted {W} civilians on the road between {P} and {Q}, {S} said.',
  'Several hundred people protested in {Q} on {D} to demand an end to the fighting.',
  'Talks between the warring parties are expected next week, {S} announced.',
  '{A} is preparing an offensive towards {Q}, a military source told {S}.',
  'A local ceasefire agreement was reached in {P} on {D} under the auspices of regional mediators.',
  'A drone strike destroyed a weapons depot near {Q}, killing {N} fighters, {S} said.',
  'Residents of {P} reported explosions throughout the night.',
  'According to {S}, the toll could rise further as many of the wounded were in critical condition.',
  'A roadside bomb killed {W} soldiers as a patrol passed near {Q}.',
  '{A} accused {B} of breaking the truce in {P}.',
];
const TITLE_FR = ['{C} : combats meurtriers près de {P}', '{C} : frappes sur {P}, {N} morts selon {S}', '{C} : {A} annonce avoir repris {P}', '{C} : enlèvements et manifestations autour de {P}'];
const TITLE_EN = ['{C}: deadly fighting near {P}', '{C}: strikes on {P} kill {N}, says monitor', '{C}: {A} claim control of {P}', '{C}: abductions and protests around {P}'];
const HEAD_FR = ['Partager\nTweeter', 'Météo  Annonces  Services', 'International | Monde', 'Accueil > Monde > Afrique'];
const FOOT_FR = ['Restez informé : inscrivez-vous à notre lettre d\'information\nS\'abonner', '0 Commentaires\nConnectez-vous pour commenter', 'Photo: Archives / {O}', '© {O} - Tous droits réservés'];
const HEAD_EN = ['Share\nTweet', 'World | Middle East', 'Home > World > Africa'];
const FOOT_EN = ['Sign up for our newsletter', '0 Comments. Log in to comment.', 'Photo: File / {O}', '© {O}. All rights reserved.'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Generates `n` distinct articles; about 5% are near-duplicates (syndicated copies with another header/footer). */
export function generateCorpus(n: number, seed = 20240601): GenArticle[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: GenArticle[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 20 && r() < 0.05) {
      const src = out[Math.floor(r() * out.length)];
      const fr = src.lang === 'fr';
      const outlet = pick(OUTLETS[src.lang]);
      const body = src.text.split('\n\n').slice(1, -1).join('\n\n');
      const head = pick(fr ? HEAD_FR : HEAD_EN);
      const foot = (fr ? `Source : ${src.outlet}, repris par ${outlet}` : `Source: ${src.outlet}, via ${outlet}`) + `\n${pick(fr ? FOOT_FR : FOOT_EN).replace('{O}', outlet)} #${i}`;
      out.push({ ...src, id: `gen-${i}`, outlet, text: `${head}\n${src.title}\n\n${body}\n\n${foot}` });
      continue;
    }
    const fr = r() < 0.65;
    const th = pick(THEATRES);
    const year = 2016 + Math.floor(r() * 9);
    const month = Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const date = new Date(Date.UTC(year, month, day));
    const published = date.toISOString().slice(0, 10);
    const outlet = pick(OUTLETS[fr ? 'fr' : 'en']);
    const fill = (t: string): string =>
      t.replace(/\{([ABPQSNWDCO])\}/g, (_m, k: string) => {
        switch (k) {
          case 'A': { const a = pick(th.actors); return fr ? a[0] : a[1]; }
          case 'B': { const a = pick(th.actors); return fr ? a[0] : a[1]; }
          case 'P': return pick(th.places);
          case 'Q': return pick(th.places);
          case 'S': { const s = pick(th.sources); return fr ? s[0] : s[1]; }
          case 'N': return String(3 + Math.floor(r() * 60));
          case 'W': return pick(fr ? NUM_FR : NUM_EN);
          case 'D': return pick(fr ? DAYS_FR : DAYS_EN);
          case 'C': return fr ? cap(th.country.fr) : th.country.en;
          default: return outlet;
        }
      });
    const title = fill(pick(fr ? TITLE_FR : TITLE_EN));
    const city = pick(th.places);
    const dateline = fr
      ? `${city}, ${day} ${MONTHS_FR[month]} ${year} (${outlet}) - `
      : `${city.toUpperCase()}, ${MONTHS_EN[month]} ${day}, ${year} (${outlet}) - `;
    const paras: string[] = [];
    const nParas = 5 + Math.floor(r() * 4);
    for (let p = 0; p < nParas; p++) {
      const k = 2 + Math.floor(r() * 2);
      const s: string[] = [];
      for (let j = 0; j < k; j++) s.push(cap(fill(pick(fr ? SENT_FR : SENT_EN))));
      paras.push(s.join(' '));
    }
    paras[0] = dateline + paras[0];
    // The serial number (inside a paragraph, not a furniture line) keeps every article distinct.
    paras[paras.length - 1] += fr ? ` (Réf. dépêche ${year}-${i}.)` : ` (Ref. dispatch ${year}-${i}.)`;
    const head = r() < 0.4 ? pick(fr ? HEAD_FR : HEAD_EN) + '\n' : '';
    const foot = r() < 0.6 ? '\n\n' + pick(fr ? FOOT_FR : FOOT_EN).replace('{O}', outlet) : '';
    let text = `${head}${title}\n\n${paras.join('\n\n')}${foot}`;
    let shownTitle = title;
    if (TYPOGRAPHIC.has(outlet)) {
      text = text.replace(/'/g, '\u2019');
      shownTitle = title.replace(/'/g, '\u2019');
    }
    out.push({ id: `gen-${i}`, lang: fr ? 'fr' : 'en', title: shownTitle, outlet, published, text });
  }
  return out;
}

/** One JSON Lines record per article (the format ingest reads). */
export function toJsonl(articles: GenArticle[]): string {
  return articles.map((a) => JSON.stringify({ id: a.id, title: a.title, outlet: a.outlet, published: a.published, lang: a.lang, text: a.text })).join('\n') + '\n';
}
