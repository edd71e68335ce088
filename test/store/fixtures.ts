/**
 * Hand-made documents for the store tests (made-up sentences; no pipeline stage involved).
 */
import { createHash } from 'node:crypto';
import { newDoc, type Doc, type Span } from '../../src/document.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The span of the n-th occurrence of `s` in `text` (throws when absent). */
export function span(text: string, s: string, nth = 0): Span {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(s, i + 1);
    if (i < 0) throw new Error(`"${s}" (#${nth}) not in text`);
  }
  return { start: i, end: i + s.length, text: s };
}

/** A bare document with a computed hash and the given simhash. */
export function plainDoc(id: string, text: string, opts: Partial<Doc> = {}): Doc {
  const d = newDoc({ id, origin: { path: `${id}.txt`, format: 'txt' }, raw: text, lang: opts.lang ?? 'fr' });
  Object.assign(d, { hash: sha256(text), simhash: '0123456789abcdef', ...opts });
  if (opts.text === undefined) d.text = text;
  return d;
}

/** A French document with every kind of annotation, optional fields included. */
export function richFrench(id = 'fr-rich'): Doc {
  const text =
    "Alep, 28 octobre 2016 (AFP) - Des frappes aériennes ont visé l'hôpital d'Alep-Est jeudi, selon l'OSDH. " +
    'Les Forces démocratiques syriennes ont affirmé que la ville a été libérée, trois combattants ont été tués.';
  const d = plainDoc(id, text, {
    title: 'Frappes sur un hôpital à Alep',
    outlet: 'Agence France-Presse',
    author: 'Correspondant',
    dateline: 'Alep, 28 octobre 2016 (AFP)',
    published: '2016-10-28',
    url: 'https://example.org/alep',
    lang: 'fr',
    langConfidence: 0.97,
    simhash: 'f0f0f0f0f0f0f0f0',
    warnings: ['decoded as windows-1252'],
    sentences: [{ start: 0, end: 102 }],
    html: '<p>Alep…</p>',
  });
  d.raw = 'RAW ' + text;
  d.origin = { path: 'articles/alep.html', format: 'html', encoding: 'windows-1252' };
  const ev1 = span(text, 'Des frappes aériennes ont visé l\'hôpital d\'Alep-Est jeudi, selon l\'OSDH.');
  const ev2 = span(text, 'Les Forces démocratiques syriennes ont affirmé que la ville a été libérée, trois combattants ont été tués.');
  d.entities = [
    {
      id: 'sohr',
      name: 'Syrian Observatory for Human Rights',
      kind: 'ngo',
      linked: true,
      aliases: ['OSDH', 'Observatoire syrien des droits de l\'homme'],
      country: 'GB',
      inter: null,
      mentions: [{ ...span(text, 'OSDH'), via: 'alias' }],
    },
    {
      id: 'sdf',
      name: 'Syrian Democratic Forces',
      kind: 'armed_group',
      linked: true,
      aliases: ['FDS'],
      country: 'SY',
      inter: 2,
      mentions: [{ ...span(text, 'Forces démocratiques syriennes'), via: 'alias' }],
    },
    { id: 'syria-military', name: 'Military Forces of Syria', kind: 'military', linked: true, inter: 1, mentions: [] },
  ];
  d.places = [
    {
      id: 'gn:170063',
      name: 'Aleppo',
      country: 'SY',
      admin1: 'Aleppo Governorate',
      lat: 36.20124,
      lon: 37.16117,
      precision: 'city',
      geoPrecision: 1,
      population: 1602264,
      mentions: [span(text, 'Alep'), { ...span(text, 'Alep-Est'), label: 'Alep-Est' }],
    },
  ];
  d.dates = [
    { ...span(text, '28 octobre 2016'), value: '2016-10-28', precision: 'day' },
    { ...span(text, 'jeudi'), value: '2016-10-27', precision: 'day', flags: ['weekday-mismatch'] },
  ];
  const att = span(text, "selon l'OSDH");
  d.attributions = [
    { source: 'sohr', source_text: "l'OSDH", cue: 'selon', start: att.start, end: att.end, anonymous: false, scope: { start: ev1.start, end: ev1.end }, quote: null },
  ];
  d.events = [
    {
      id: 'e1',
      type: 'Explosions/Remote violence',
      subtype: 'Air/drone strike',
      actor1: ['syria-military'],
      actor2: [],
      place: 'gn:170063',
      date: '2016-10-27',
      status: 'reported',
      fatalities: null,
      sources: ['sohr'],
      evidence: ev1,
      trigger: span(text, 'frappes aériennes'),
      spans: { place: span(text, 'Alep-Est'), date: span(text, 'jeudi') },
    },
    {
      id: 'e2',
      type: 'Battles',
      subtype: 'Government regains territory',
      actor1: ['sdf'],
      actor2: ['x:combattants'],
      place: 'gn:170063',
      date: '2016-10',
      status: 'asserted',
      fatalities: 3,
      sources: ['anon:0'],
      evidence: ev2,
    },
  ];
  d.framing = [{ ...span(text, 'libérée'), term: 'liberate', stance: 'claimant' }];
  return d;
}

/** An English document whose events have a week date, an unknown-year date and no date. */
export function englishDoc(id = 'en-1'): Doc {
  const text =
    'Beirut, 3 March 2017 - Hezbollah fighters clashed with rebels near Qusayr, killing twelve, according to Reuters. ' +
    'The old café on the square was damaged by shelling. On 28 October, a convoy was ambushed.';
  const d = plainDoc(id, text, {
    title: 'Clashes near Qusayr',
    outlet: 'Reuters',
    published: '2017-03-03',
    lang: 'en',
    langConfidence: 0.99,
    simhash: '0f0f0f0f0f0f0f0f',
  });
  d.entities = [
    { id: 'hezbollah', name: 'Hezbollah', kind: 'armed_group', linked: true, aliases: ['Hizbullah', 'Hezbollah'], inter: 2, mentions: [span(text, 'Hezbollah')] },
    { id: 'x:rebels', name: 'rebels', kind: 'armed_group', linked: false, inter: 2, mentions: [{ ...span(text, 'rebels'), label: 'rebels', via: 'generic' }] },
  ];
  d.places = [
    { id: 'ov:qusayr', name: 'Al-Qusayr', country: 'SY', admin1: null, lat: 34.5089, lon: 36.5797, precision: 'city', geoPrecision: 2, mentions: [span(text, 'Qusayr')] },
  ];
  const ev1 = span(text, 'Hezbollah fighters clashed with rebels near Qusayr, killing twelve, according to Reuters.');
  const ev2 = span(text, 'The old café on the square was damaged by shelling.');
  const ev3 = span(text, 'On 28 October, a convoy was ambushed.');
  d.events = [
    { id: 'e1', type: 'Battles', subtype: 'Armed clash', actor1: ['hezbollah'], actor2: ['x:rebels'], place: 'ov:qusayr', date: '2017-W09', status: 'reported', fatalities: 12, sources: ['reuters'], evidence: ev1 },
    { id: 'e2', type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack', actor1: [], actor2: [], place: null, date: null, status: 'asserted', fatalities: null, sources: [], evidence: ev2 },
    { id: 'e3', type: 'Violence against civilians', subtype: 'Attack', actor1: [], actor2: [], place: null, date: 'XXXX-10-28', status: 'asserted', fatalities: null, sources: [], evidence: ev3 },
  ];
  return d;
}

/** Flips `n` bits of a hex simhash: bits offset, offset+9, offset+18… (spread over the bands). */
export function flipBits(h: string, n: number, offset = 0): string {
  let v = BigInt('0x' + h);
  for (let i = 0; i < n; i++) v ^= 1n << BigInt(i * 9 + offset);
  return v.toString(16).padStart(16, '0');
}

/** The i-th document of a deterministic stream (kill -9 test): annotated, distinct content. */
export function numberedDoc(i: number): Doc {
  const d = richFrench(`n${i}`);
  const text = d.text + ` Dépêche numéro ${i}.`;
  d.text = text;
  d.raw = text;
  d.hash = sha256(text);
  d.simhash = (BigInt(i) * 0x9e3779b97f4a7c15n & 0xffffffffffffffffn).toString(16).padStart(16, '0');
  return d;
}
