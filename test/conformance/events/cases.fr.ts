/** French events conformance cases: made-up sentences written for Vigie's tests, fixed reference dates. */
import type { EventCase } from './cases.js';

const SAA = '[armée syrienne|syria-military|military]';

export const casesFr: EventCase[] = [
  {
    name: 'state retakes a town: Government regains territory, former holder via "aux mains de"',
    text: `L'${SAA} a repris le contrôle de {Kafr Nabl}, longtemps aux mains des [rebelles|rebels].`,
    published: '2020-02-16',
    expect: [{ type: 'Battles', subtype: 'Government regains territory', actor1: ['syria-military'], actor2: ['rebels'], place: 'gn:kafr-nabl', date: '2020-02', status: 'asserted' }],
    count: 1,
  },
  {
    name: 'non-state actor seizes a town: Non-state actor overtakes territory',
    text: `Les combattants de l'[État islamique|isis] se sont emparés de {Tadmor} <jeudi|2020-02-13|day>.`,
    published: '2020-02-16',
    expect: [{ type: 'Battles', subtype: 'Non-state actor overtakes territory', actor1: ['isis'], place: 'gn:tadmor', date: '2020-02-13' }],
  },
  {
    name: 'air strikes by coordinated actors ("les avions syriens et russes")',
    text: `Les avions [syriens|syria-military|military|demonym] et [russes|russia-military|military|demonym] ont mené des frappes sur {Saraqeb}.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Air/drone strike', actor1: ['syria-military', 'russia-military'], place: 'gn:saraqeb' }],
  },
  {
    name: 'noun trigger with its agent: "bombardements de l\'aviation russe" + hearsay conditional → reported',
    text: `Des bombardements de l'[aviation russe|russia-military|military] auraient visé {Ariha}.`,
    expect: [{ subtype: 'Air/drone strike', actor1: ['russia-military'], place: 'gn:ariha', status: 'reported' }],
  },
  {
    name: 'artillery cue → Shelling, destination place is not the event place',
    text: `Des tirs d'artillerie de l'${SAA} ont visé {Maarat al-Noomane} alors que des civils fuyaient vers {Idleb}.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack', actor1: ['syria-military'], place: 'gn:maarat-al-noomane' }],
  },
  {
    name: 'clashes between two actors ("entre X et Y") with a death toll in words',
    text: `De violents affrontements ont opposé à {Deraa} l'${SAA} et des [insurgés|rebels]. Vingt-trois combattants ont été tués.`,
    expect: [{ type: 'Battles', subtype: 'Armed clash', actor1: ['syria-military'], place: 'gn:deraa', fatalities: 23 }],
    count: 1,
  },
  {
    name: '"entre X et Y" gives actor1 and actor2',
    text: `Des accrochages ont éclaté entre les [Forces démocratiques syriennes|sdf] et l'[armée turque|turkey-military|military] près de {Manbij}.`,
    expect: [{ subtype: 'Armed clash', actor1: ['sdf'], actor2: ['turkey-military'], place: 'gn:manbij' }],
  },
  {
    name: 'passive voice: "par X" is the actor, the subject is the target',
    text: `Les [rebelles|rebels] ont été attaqués par l'${SAA} à {Lattaquié}.`,
    expect: [{ type: 'Battles', actor1: ['syria-military'], actor2: ['rebels'], place: 'gn:lattaquie' }],
  },
  {
    name: '"contre X" gives the target',
    text: `Le [Hezbollah|hezbollah] a lancé une offensive contre le [Front al-Nosra|nusra] dans le {Qalamoun|gn:qalamoun|region}.`,
    expect: [{ type: 'Battles', subtype: 'Armed clash', actor1: ['hezbollah'], actor2: ['nusra'], place: 'gn:qalamoun' }],
  },
  {
    name: 'fatalities: vague quantity "une dizaine" = 10, wounded not counted',
    text: `Un attentat à la voiture piégée a fait une dizaine de morts et quarante blessés à {Azaz}.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Remote explosive/landmine/IED', place: 'gn:azaz', fatalities: 10 }],
  },
  {
    name: 'fatalities: conflicting figures → the lowest (ACLED rule)',
    text: `Le kamikaze s'est fait exploser devant une caserne de {Kirkouk}, tuant 12 soldats selon la police ; le bilan officiel fait état de 9 morts.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Suicide bomb', place: 'gn:kirkouk', fatalities: 9 }],
  },
  {
    name: 'fatalities: "des dizaines" = 10, killings of civilians → Violence against civilians',
    text: `Des dizaines de civils ont été tués par des [miliciens|militia] dans le village de {Tel Tamer}.`,
    expect: [{ type: 'Violence against civilians', subtype: 'Attack', actor1: ['militia'], place: 'gn:tel-tamer', fatalities: 10 }],
  },
  {
    name: 'negation "sans aucune participation de l\'aviation" → negated',
    text: `La bataille de {Palmyre} a été gagnée sans aucune participation de l'[aviation russe|russia-military|military].`,
    expect: [{ subtype: 'Air/drone strike', actor1: ['russia-military'], status: 'negated' }],
  },
  {
    name: 'split negation "n\'ont pas été tués" → negated',
    text: `Les otages n'ont pas été exécutés par les [ravisseurs|kidnappers] à {Mossoul}.`,
    expect: [{ type: 'Violence against civilians', status: 'negated' }],
  },
  {
    name: 'planned: "se prépare à une opération visant à libérer"',
    text: `L'${SAA} se prépare à une offensive visant à libérer {Raqqa} de l'[État islamique|isis].`,
    expect: [{ type: 'Battles', subtype: 'Government regains territory', actor1: ['syria-military'], place: 'gn:raqqa', status: 'planned' }],
  },
  {
    name: 'planned: conditional mood "pourraient"',
    text: `Les [États-Unis|usa|state] et la [Russie|russia|state] pourraient mener des frappes conjointes contre l'[État islamique|isis] à {Deir ez-Zor}.`,
    expect: [{ subtype: 'Air/drone strike', actor1: ['usa', 'russia'], status: 'planned', place: 'gn:deir-ez-zor' }],
  },
  {
    name: 'abduction',
    text: `Deux humanitaires ont été enlevés par des [hommes armés|gunmen] près de {Gao}.`,
    expect: [{ type: 'Violence against civilians', subtype: 'Abduction/forced disappearance', actor1: ['gunmen'], place: 'gn:gao' }],
  },
  {
    name: 'arrests: patient after the noun ("arrestation de X")',
    text: `La [police|police|military] a annoncé l'arrestation de cinq membres de [Boko Haram|boko-haram] à {Maiduguri}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Arrests', place: 'gn:maiduguri' }],
  },
  {
    name: 'protest dispersed with tear gas → Protest with intervention',
    text: `Des milliers de manifestants ont été dispersés au gaz lacrymogène par la [police|police|military] à {Alger}.`,
    expect: [{ type: 'Protests', subtype: 'Protest with intervention', place: 'gn:alger' }],
  },
  {
    name: 'peaceful protest',
    text: `Des centaines d'étudiants ont manifesté pacifiquement à {Khartoum} <samedi|2019-04-06|day>.`,
    published: '2019-04-08',
    expect: [{ type: 'Protests', subtype: 'Peaceful protest', place: 'gn:khartoum', date: '2019-04-06' }],
  },
  {
    name: 'riot',
    text: `Des émeutes ont éclaté à {Bamako} après l'annonce des résultats.`,
    expect: [{ type: 'Riots', subtype: 'Violent demonstration', place: 'gn:bamako' }],
  },
  {
    name: 'looting',
    text: `Des [miliciens|militia] ont pillé le marché de {Bangassou}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Looting/property destruction', actor1: ['militia'], place: 'gn:bangassou' }],
  },
  {
    name: 'negotiations with an armed group → Agreement',
    text: `Des négociations ont débuté entre l'${SAA} et les [groupes armés|rebels] retranchés à {Douma}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Agreement', actor1: ['syria-military'], actor2: ['rebels'] }],
  },
  {
    name: 'ceasefire agreement',
    text: `Un accord de cessez-le-feu a été signé à {Astana} par la [Russie|russia|state] et la [Turquie|turkey|state].`,
    expect: [{ type: 'Strategic developments', subtype: 'Agreement', place: 'gn:astana' }],
  },
  {
    name: 'diplomacy: meeting (Consult) with its partner and a day date',
    text: `Le ministre [Sergueï Lavrov|lavrov|person] a rencontré son homologue [Mevlut Cavusoglu|cavusoglu|person] à {Munich} <le 15 février|2020-02-15|day>.`,
    published: '2020-02-16',
    expect: [{ type: 'Diplomacy', subtype: 'Consult', actor1: ['lavrov'], actor2: ['cavusoglu'], place: 'gn:munich', date: '2020-02-15' }],
  },
  {
    name: 'diplomacy: demand',
    text: `La [Turquie|turkey|state] a demandé à la [Russie|russia|state] de faire cesser l'offensive.`,
    expect: [{ type: 'Diplomacy', subtype: 'Demand', actor1: ['turkey'], actor2: ['russia'] }],
  },
  {
    name: 'diplomacy: accusation',
    text: `[Moscou|russia|state] accuse [Washington|usa|state] de soutenir les [rebelles|rebels].`,
    expect: [{ type: 'Diplomacy', subtype: 'Accuse', actor1: ['russia'], actor2: ['usa'] }],
  },
  {
    name: 'diplomacy: rejection',
    text: `Le [gouvernement malien|mali|state] a rejeté la proposition de la [CEDEAO|ecowas|igo].`,
    expect: [{ type: 'Diplomacy', subtype: 'Reject', actor1: ['mali'] }],
  },
  {
    name: 'diplomacy: threat',
    text: `L'[Iran|iran|state] a menacé de riposter contre [Israël|israel|state].`,
    expect: [{ type: 'Diplomacy', subtype: 'Threaten', actor1: ['iran'] }],
  },
  {
    name: 'base established ("ont pris position")',
    text: `Plusieurs centaines de [soldats iraniens|iran-military|military] ont pris position en {Syrie|cc:SY|country} <la semaine dernière|2015-W40|week>.`,
    published: '2015-10-07',
    expect: [{ type: 'Strategic developments', subtype: 'Headquarters or base established', actor1: ['iran-military'], place: 'cc:SY', date: '2015-W40' }],
  },
  {
    name: 'withdrawal → Non-violent transfer of territory, destination ignored',
    text: `Les [combattants djihadistes|jihadists] se sont retirés de la périphérie d'{Alep} vers la {frontière turque|gn:border|region}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Non-violent transfer of territory', actor1: ['jihadists'], place: 'gn:alep' }],
  },
  {
    name: 'grenade',
    text: `Une grenade a été lancée contre un poste de police à {Bujumbura}.`,
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Grenade', place: 'gn:bujumbura' }],
  },
  {
    name: 'chemical weapon',
    text: `Une attaque chimique a frappé {Khan Cheikhoun} <mardi|2017-04-04|day>.`,
    published: '2017-04-05',
    expect: [{ type: 'Explosions/Remote violence', subtype: 'Chemical weapon', place: 'gn:khan-cheikhoun', date: '2017-04-04' }],
  },
  {
    name: 'a "depuis 2012" year is a starting point, not the event date (publication month instead)',
    text: `Les [rebelles|rebels] ont perdu {Alep}, qu'ils occupaient depuis <2012|2012|year>, après des combats contre l'${SAA}.`,
    published: '2016-12-20',
    expect: [{ type: 'Battles', date: '2016-12' }],
  },
  {
    name: 'no publication date and no date in the sentence → null date',
    text: `Des combats opposent l'${SAA} et les [rebelles|rebels] à {Hama}.`,
    published: null,
    expect: [{ type: 'Battles', date: null, actor1: ['syria-military'], actor2: ['rebels'] }],
  },
  {
    name: 'several events in one sentence (air strike + ground assault)',
    text: `Des frappes de l'[aviation russe|russia-military|military] ont accompagné un assaut terrestre de l'${SAA} contre les [rebelles|rebels] à {Kafranbel}.`,
    expect: [
      { subtype: 'Air/drone strike', actor1: ['russia-military'] },
      { type: 'Battles', subtype: 'Armed clash', actor1: ['syria-military'], actor2: ['rebels'] },
    ],
  },
  {
    name: 'a sentence without any trigger gives no event',
    text: `Le ministre a inauguré une école à {Damas}.`,
    expect: [],
    count: 0,
  },
  {
    name: 'no event: a trigger that is the object of "cesser" or "la fin des" ("réclamer la fin des combats")',
    text: `Des centaines de personnes ont manifesté à {Alep} après la fin des combats.`,
    expect: [{ type: 'Protests', place: 'gn:alep' }],
    count: 1,
  },
  {
    name: 'no event: "appelle à cesser l\'offensive" keeps the demand, not the offensive',
    text: `La [Turquie|turkey|state] appelle à cesser l'offensive de l'${SAA} sur {Idleb}.`,
    expect: [{ type: 'Diplomacy' }],
    count: 1,
  },
  {
    name: 'coreference: "la bataille", "cette bataille" without a place of their own are the clash already reported',
    text: `De violents combats ont opposé l'${SAA} aux [rebelles|rebels] à {Alep} <mardi|2020-02-11|day>. La bataille a duré toute la nuit. Les résultats de cette bataille restent incertains.`,
    published: '2020-02-12',
    expect: [{ type: 'Battles', subtype: 'Armed clash', place: 'gn:alep', date: '2020-02-11' }],
    count: 1,
  },
  {
    name: 'coreference: a definite noun trigger with a place of its own is another event',
    text: `De violents combats ont opposé l'${SAA} aux [rebelles|rebels] à {Alep}. La bataille de {Kafr Nabl} a repris dans la soirée.`,
    expect: [{ type: 'Battles', place: 'gn:alep' }, { type: 'Battles', place: 'gn:kafr-nabl' }],
    count: 2,
  },
  {
    name: 'one event told twice: the mention without a place joins the one with a place',
    text: `Des frappes aériennes ont visé {Ariha} <lundi|2020-02-10|day>.\n\nDes frappes aériennes ont tué trois civils, selon des secouristes.`,
    published: '2020-02-12',
    expect: [{ subtype: 'Air/drone strike', place: 'gn:ariha', fatalities: 3 }],
    count: 1,
  },
  {
    name: 'one event told twice, once on a source\'s word: the attributed reading is its evidence (reported, with the source)',
    text: `Des frappes aériennes ont visé {Ariha} <lundi|2020-02-10|day>.\n\nLes frappes ont tué trois civils, selon l'[OSDH|sohr|ngo].`,
    published: '2020-02-12',
    expect: [{ subtype: 'Air/drone strike', place: 'gn:ariha', fatalities: 3, status: 'reported', sources: ['sohr'] }],
    count: 1,
  },
  {
    name: 'a strike of workers is a protest, not an air strike ("se sont mis en grève")',
    text: `Des milliers d'ouvriers se sont mis en grève à {Dacca} <lundi|2015-01-05|day>.`,
    published: '2015-01-06',
    expect: [{ type: 'Protests', subtype: 'Peaceful protest', place: 'gn:dacca', date: '2015-01-05' }],
    count: 1,
  },
  {
    name: 'what a crowd demands is part of its protest, not a diplomatic demand',
    text: `Des centaines de personnes ont manifesté à {Alep} pour réclamer des salaires impayés.`,
    expect: [{ type: 'Protests', place: 'gn:alep' }],
    count: 1,
  },
  {
    name: 'weapons seized or defused: Disrupted weapons use, not an explosion',
    text: `La [police|police|military] a saisi des grenades et des engins explosifs improvisés à {Kandahar}.`,
    expect: [{ type: 'Strategic developments', subtype: 'Disrupted weapons use', place: 'gn:kandahar' }],
    count: 1,
  },
];
