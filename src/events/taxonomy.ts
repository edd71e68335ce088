/**
 * The event taxonomy: ACLED's six event types and their 25 sub-event types, spelled exactly as
 * ACLED (and the gold format, docs GOLD_FORMAT) spell them, plus Vigie's own `Diplomacy` type
 * for meetings, talks, coordination, demands, threats, accusations and rejections between actors.
 */

export const TAXONOMY = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
  Diplomacy: ['Consult', 'Cooperate', 'Demand', 'Threaten', 'Accuse', 'Reject'],
} as const satisfies Record<string, readonly string[]>;

export type EventType = keyof typeof TAXONOMY;

/** The six ACLED types (without Diplomacy). */
export const ACLED_TYPES = Object.keys(TAXONOMY).filter((t) => t !== 'Diplomacy') as EventType[];

export const EVENT_TYPES = Object.keys(TAXONOMY) as EventType[];

/** True when `subtype` is one of `type`'s sub-types. */
export function isSubtypeOf(type: string, subtype: string): boolean {
  const subs = (TAXONOMY as Record<string, readonly string[]>)[type];
  return !!subs && subs.includes(subtype);
}

/** The type a sub-type belongs to (sub-type names are unique across types), or null. */
export function typeOfSubtype(subtype: string): EventType | null {
  for (const t of EVENT_TYPES) if ((TAXONOMY[t] as readonly string[]).includes(subtype)) return t;
  return null;
}

/**
 * ACLED's generic actors for crowds: a protest or riot whose text names no organiser is
 * attributed to "Protesters (<Country>)" / "Rioters (<Country>)" (ACLED codebook; inter codes
 * 6 and 5).
 */
export const CROWD_ACTORS: Record<string, { label: string; inter: number }> = {
  Protests: { label: 'Protesters', inter: 6 },
  Riots: { label: 'Rioters', inter: 5 },
};

/** Country names as ACLED writes them where the CLDR English name differs. */
const ACLED_COUNTRY: Record<string, string> = {
  PS: 'Palestine',
  CD: 'Democratic Republic of Congo',
  CG: 'Republic of Congo',
  CI: 'Ivory Coast',
  MM: 'Myanmar',
  HK: 'China',
  MO: 'China',
};

let regionNames: Intl.DisplayNames | null = null;
/** English short name of an ISO 3166-1 alpha-2 country ("BD" → "Bangladesh"), or null. */
const countryNames = new Map<string, string | null>();
export function countryName(cc: string | null | undefined): string | null {
  if (!cc || !/^[A-Z]{2}$/.test(cc)) return null;
  if (ACLED_COUNTRY[cc]) return ACLED_COUNTRY[cc];
  let name = countryNames.get(cc);
  if (name === undefined) {
    try {
      regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
      const n = regionNames.of(cc);
      name = n && n !== cc ? n.replace(/\s*\(.*\)$/, '') : null;
    } catch {
      name = null;
    }
    countryNames.set(cc, name);
  }
  return name;
}
