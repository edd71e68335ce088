/** French attribution conformance cases (made-up sentences written for Vigie's tests). */
import type { AttributionCase } from './cases.js';

export const casesFr: AttributionCase[] = [
  {
    name: '"selon X" with a known entity',
    text: `Selon l'[OSDH|sohr|ngo], des frappes ont visé {Ariha}.`,
    expect: [{ source: 'sohr', cue: 'Selon' }],
    count: 1,
    events: [{ subtype: 'Air/drone strike', sources: ['sohr'], status: 'reported' }],
  },
  {
    name: '"d\'après X"',
    text: `D'après le [Bureau de la coordination|ocha|igo], des combats ont éclaté à {Tawergha}.`,
    expect: [{ source: 'ocha' }],
    events: [{ subtype: 'Armed clash', sources: ['ocha'], status: 'reported' }],
  },
  {
    name: 'preposed verb with "que": "X a affirmé que"',
    text: `L'[Observatoire syrien des droits de l'homme|sohr|ngo] a affirmé que des bombardements avaient frappé {Douma}.`,
    expect: [{ source: 'sohr', cue: 'affirmé' }],
    events: [{ subtype: 'Air/drone strike', sources: ['sohr'], status: 'reported' }],
  },
  {
    name: 'inverted verb after the claim: ", a révélé l\'agence X" (unknown outlet → its proper name)',
    text: `Des négociations ont débuté entre l'[armée|army|military] et les [rebelles|rebels] à {Douma}, a révélé l'agence syrienne Al-Watan Online.`,
    expect: [{ source: null, source_text: 'Al-Watan Online', cue: 'révélé' }],
    events: [{ subtype: 'Agreement', sources: ['anon:0'], status: 'reported' }],
  },
  {
    name: 'anonymous sources are kept as such',
    text: `Des sources libanaises ont affirmé que des [combattants iraniens|iran-military|military] avaient pris position à {Qousseir}.`,
    expect: [{ source: null, source_text: 'Des sources libanaises', anonymous: true }],
  },
  {
    name: '"de sources régionales": the anonymous head belongs to the source',
    text: `On sait de sources régionales que le général a préparé la campagne.`,
    expect: [{ source: null, source_text: 'sources régionales', anonymous: true }],
  },
  {
    name: 'a demonym is not the source ("sources libanaises" stays anonymous)',
    text: `Selon des sources [libanaises|lebanon|state|demonym], l'armée a quitté ses positions.`,
    expect: [{ source: null, anonymous: true }],
  },
  {
    name: 'apposition: "selon le porte-parole du ministère, le général X"',
    text: `La [Russie|russia|state] pourrait coordonner ses frappes, selon le porte-parole du [ministère de la Défense|mod|state], le général [Igor Petrov|petrov|person].`,
    expect: [{ source: 'petrov' }],
  },
  {
    name: 'quote with an inverted pronoun: "a-t-il dit" → the previous speaker',
    text: `Selon le général [Igor Petrov|petrov|person], les discussions continuent. «Nous examinons les propositions», a-t-il dit.`,
    expect: [{ source: 'petrov', cue: 'Selon' }, { source: 'petrov', cue: 'a-t-il dit' }],
    count: 2,
  },
  {
    name: 'a bare title after a quote refers back to the person quoted before',
    text: `Selon le général [Igor Petrov|petrov|person], rien n'est décidé. «Les détails seront discutés demain», a ajouté le général.`,
    expect: [{ source: 'petrov', cue: 'ajouté' }],
    count: 2,
  },
  {
    name: '"cette agence" refers back to the previous source',
    text: `Selon l'agence [SANA|sana|media], l'[armée|army|military] a repris {Kafr Nabl}.\nToujours selon cette agence, les [rebelles|rebels] se sont retirés vers le nord.`,
    expect: [{ source: 'sana' }, { source: 'sana', cue: 'Toujours selon' }],
    count: 2,
  },
  {
    name: 'scope carries over the next sentence in reported conditional, not past a paragraph break',
    text: `L'[OSDH|sohr|ngo] a affirmé que l'[aviation russe|russia-military|military] avait bombardé {Jisr al-Choughour}. Quatre positions des [rebelles|rebels] auraient été visées par des frappes.\nL'[armée|army|military] a lancé une offensive à {Hama}.`,
    expect: [{ source: 'sohr' }],
    count: 1,
    events: [
      { subtype: 'Armed clash', sources: [], status: 'asserted' },
    ],
  },
  {
    name: '"selon les attentes de" is no attribution',
    text: `Selon les attentes de la coalition, la bataille devait durer deux jours.`,
    expect: [],
    count: 0,
  },
  {
    name: 'a reporting verb without "que" is no attribution ("ne précise pas qui")',
    text: `L'[OSDH|sohr|ngo] ne précise pas qui participe à l'assaut.`,
    expect: [],
    count: 0,
  },
  {
    name: '"cité par X" / "diffusées par X"',
    text: `Des photos de l'arrestation ont été diffusées par l'agence [Masdar|masdar|media].`,
    expect: [{ source: 'masdar' }],
  },
];
