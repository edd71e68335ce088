/** English attribution conformance cases (made-up sentences written for Vigie's tests). */
import type { AttributionCase } from './cases.js';

export const casesEn: AttributionCase[] = [
  {
    name: '"according to X"',
    text: `According to the [SOHR|sohr|ngo], airstrikes hit {Ariha}.`,
    expect: [{ source: 'sohr', cue: 'According to' }],
    count: 1,
    events: [{ subtype: 'Air/drone strike', sources: ['sohr'], status: 'reported' }],
  },
  {
    name: '"X said" after the claim',
    text: `Clashes erupted in {Tripoli} between rival militias, the [UN mission|unsmil|igo] said.`,
    expect: [{ source: 'unsmil', cue: 'said' }],
    events: [{ subtype: 'Armed clash', sources: ['unsmil'], status: 'reported' }],
  },
  {
    name: '"said X" inverted after a quote',
    text: `"We retook the town," said [Colonel Ahmed Hassan|hassan|person].`,
    expect: [{ source: 'hassan', cue: 'said' }],
  },
  {
    name: '"X told Reuters"',
    text: `A security source told [Reuters|reuters|media] that gunmen abducted two engineers near {Kirkuk}.`,
    expect: [{ anonymous: true, source: null }],
    events: [{ subtype: 'Abduction/forced disappearance', sources: ['anon:0'], status: 'reported' }],
  },
  {
    name: '"citing X"',
    text: `Police arrested five suspects in {Nairobi}, citing [state media|kbc|media].`,
    expect: [{ source: 'kbc', cue: 'citing' }],
  },
  {
    name: 'anonymous activists',
    text: `Activists said [government forces|gov|military] shelled {Daraa}.`,
    expect: [{ source: null, anonymous: true }],
    events: [{ subtype: 'Shelling/artillery/missile attack', sources: ['anon:0'], status: 'reported' }],
  },
  {
    name: 'pronoun source "he said" → the previous speaker',
    text: `According to [General Petrov|petrov|person], the talks continue. "The details will be settled," he said.`,
    expect: [{ source: 'petrov' }, { source: 'petrov', cue: 'said' }],
    count: 2,
  },
  {
    name: '"the agency" refers back to the previous source',
    text: `[SANA|sana|media] reported that the [army|army|military] recaptured {Kafr Nabl}. The agency added that rebels withdrew.`,
    expect: [{ source: 'sana', cue: 'reported' }, { source: 'sana', cue: 'added' }],
    count: 2,
  },
  {
    name: '"were reported killed" is no attribution',
    text: `Three civilians were reported killed in {Idlib}.`,
    expect: [],
    count: 0,
  },
  {
    name: '"according to plan" is no attribution',
    text: `The offensive is going according to plan.`,
    expect: [],
    count: 0,
  },
  {
    name: 'an unknown outlet keeps its proper name',
    text: `The army shelled {Aleppo}, according to the pro-government newspaper Al Watan.`,
    expect: [{ source: null, source_text: 'Al Watan' }],
  },
];
