/**
 * Builds a hand-made Doc from a sentence with inline mark-up, so that the events and attribution
 * suites do not depend on the entities, places and dates stages:
 *   [armée syrienne|syria-military|military]   an entity mention (id and kind optional)
 *   {Kafr Nabl|gn:1|city}                      a place mention (id and precision optional)
 *   <mercredi|2020-02-12|day>                  a date mention (value, precision)
 * Mentions of the same id share one entity / place. Demonym mentions: [syriens|syria-military|military|demonym].
 */
import { newDoc, type ActorKind, type DatePrecision, type Doc, type Entity, type Lang, type Place, type PlacePrecision } from '../../../src/document.js';

const MARK = /\[([^\]|]+)(?:\|([^\]|]*))?(?:\|([^\]|]*))?(?:\|([^\]|]*))?\]|\{([^}|]+)(?:\|([^}|]*))?(?:\|([^}|]*))?\}|<([^>|]+)\|([^>|]*)\|([^>|]*)>/g;

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function build(marked: string, opts: { lang?: Lang; published?: string | null; id?: string } = {}): Doc {
  let text = '';
  let last = 0;
  const ents = new Map<string, Entity>();
  const places = new Map<string, Place>();
  const dates: Doc['dates'] = [];
  MARK.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARK.exec(marked))) {
    text += marked.slice(last, m.index);
    last = m.index + m[0].length;
    const start = text.length;
    if (m[1] !== undefined) {
      const surface = m[1];
      text += surface;
      const id = m[2] || `x:${slug(surface)}`;
      const kind = (m[3] || 'armed_group') as ActorKind;
      const e = ents.get(id) ?? { id, name: surface, kind, linked: !id.startsWith('x:'), mentions: [] };
      e.mentions.push({ start, end: text.length, text: surface, ...(m[4] ? { via: m[4] as 'demonym' } : {}) });
      ents.set(id, e);
    } else if (m[5] !== undefined) {
      const surface = m[5];
      text += surface;
      const id = m[6] || `gn:${slug(surface)}`;
      const precision = (m[7] || 'city') as PlacePrecision;
      const p = places.get(id) ?? { id, name: surface, country: null, lat: 0, lon: 0, precision, geoPrecision: 1, mentions: [] };
      p.mentions.push({ start, end: text.length, text: surface });
      places.set(id, p);
    } else {
      const surface = m[8];
      text += surface;
      dates.push({ start, end: text.length, text: surface, value: m[9] || null, precision: m[10] as DatePrecision });
    }
  }
  text += marked.slice(last);
  const doc = newDoc({ origin: { path: '-', format: 'txt' }, raw: text, id: opts.id ?? 'doc', published: opts.published ?? null, lang: opts.lang ?? 'fr' });
  doc.entities = [...ents.values()];
  doc.places = [...places.values()];
  doc.dates = dates;
  return doc;
}
