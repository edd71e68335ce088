/**
 * The curated actor registry: loads every data file of src/knowledge/actors/data (listed below
 * and imported statically, so that tsc copies them to dist/ and the loader works from src/
 * under tsx as well as from dist/src/), validates each against the schema (schema.ts), merges
 * them, and caches the result.
 *
 * Alias convention: an entry's canonical `name` counts as an English alias implicitly (the
 * matcher indexes `name` together with `aliases.fr` and `aliases.en`), so `aliases.en` need
 * not repeat it; `allAliases(entry)` returns the three together. Aliases listed in
 * `ambiguous` are shared with other entries or loaded labels ("forces du régime",
 * "rebelles", "EI"): the matcher links them only when the document's context decides.
 *
 * A new data file must be imported here and added to DATA_FILES (the registry test fails if
 * a JSON file of data/ is not listed).
 */
import { actorFileSchema, type ActorEntry } from './schema.js';
import statesData from './data/states.json' with { type: 'json' };
import forcesData from './data/forces.json' with { type: 'json' };
import syriaData from './data/syria.json' with { type: 'json' };
import iraqData from './data/iraq.json' with { type: 'json' };
import lebanonData from './data/lebanon.json' with { type: 'json' };
import israelPalestineData from './data/israel-palestine.json' with { type: 'json' };
import turkeyIranData from './data/turkey-iran.json' with { type: 'json' };
import yemenData from './data/yemen.json' with { type: 'json' };
import libyaData from './data/libya.json' with { type: 'json' };
import sahelData from './data/sahel.json' with { type: 'json' };
import africaData from './data/africa.json' with { type: 'json' };
import russiaUkraineData from './data/russia-ukraine.json' with { type: 'json' };
import caucasusAsiaData from './data/caucasus-asia.json' with { type: 'json' };
import transnationalData from './data/transnational.json' with { type: 'json' };
import igosData from './data/igos.json' with { type: 'json' };
import ngosData from './data/ngos.json' with { type: 'json' };
import mediaData from './data/media.json' with { type: 'json' };
import personsData from './data/persons.json' with { type: 'json' };

export type { ActorEntry } from './schema.js';
export { actorEntrySchema, actorFileSchema, ACTOR_KINDS } from './schema.js';

/** The registry's data files by file name (as in data/), in load order. */
export const DATA_FILES: Readonly<Record<string, unknown>> = {
  'states.json': statesData,
  'forces.json': forcesData,
  'syria.json': syriaData,
  'iraq.json': iraqData,
  'lebanon.json': lebanonData,
  'israel-palestine.json': israelPalestineData,
  'turkey-iran.json': turkeyIranData,
  'yemen.json': yemenData,
  'libya.json': libyaData,
  'sahel.json': sahelData,
  'africa.json': africaData,
  'russia-ukraine.json': russiaUkraineData,
  'caucasus-asia.json': caucasusAsiaData,
  'transnational.json': transnationalData,
  'igos.json': igosData,
  'ngos.json': ngosData,
  'media.json': mediaData,
  'persons.json': personsData,
};

/** One validated data file. */
export interface ActorFile {
  file: string;
  about: string;
  actors: ActorEntry[];
}

let files: ActorFile[] | null = null;
let all: ActorEntry[] | null = null;
let byId: Map<string, ActorEntry> | null = null;

/** Every data file, validated (throws with the file name and the zod issues when one is invalid). */
export function loadActorFiles(): ActorFile[] {
  if (files) return files;
  const out: ActorFile[] = [];
  for (const [file, raw] of Object.entries(DATA_FILES)) {
    const r = actorFileSchema.safeParse(raw);
    if (!r.success) {
      const issues = r.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`actor registry: ${file} is invalid: ${issues}`);
    }
    out.push({ file, about: r.data._about, actors: r.data.actors });
  }
  files = out;
  return out;
}

/** All actors of the registry (every data file merged, validated; cached). Ids are unique. */
export function loadActors(): ActorEntry[] {
  if (all) return all;
  const list: ActorEntry[] = [];
  const seen = new Map<string, string>();
  for (const f of loadActorFiles()) {
    for (const a of f.actors) {
      const prev = seen.get(a.id);
      if (prev) throw new Error(`actor registry: duplicate id "${a.id}" in ${prev} and ${f.file}`);
      seen.set(a.id, f.file);
      list.push(a);
    }
  }
  all = list;
  return list;
}

/** The entry with this id, or undefined. */
export function actorById(id: string): ActorEntry | undefined {
  if (!byId) byId = new Map(loadActors().map((a) => [a.id, a]));
  return byId.get(id);
}

/** The canonical name followed by the French and English aliases, without exact repeats. */
export function allAliases(a: ActorEntry): string[] {
  return [...new Set([a.name, ...a.aliases.fr, ...a.aliases.en])];
}
