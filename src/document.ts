/**
 * The one document type every stage reads and extends.
 *
 * A `Doc` is created by ingest (raw input), cleaned by clean (text, metadata), then each
 * annotation stage appends to its own list. Every offset (`start`, `end`) is a UTF-16 code
 * unit index into `doc.text` (the cleaned text), end exclusive, so that
 * `doc.text.slice(start, end) === mention.text` always holds.
 *
 * `toAnnotation(doc)` gives the public annotation record (see docs/FORMAT.md and the README),
 * the contract the evaluation scores.
 */

export type Lang = 'fr' | 'en' | 'other';

/** Kinds of actors, as in the gold format. */
export type ActorKind =
  | 'state'
  | 'military'
  | 'armed_group'
  | 'political'
  | 'media'
  | 'ngo'
  | 'igo'
  | 'person'
  | 'org';

export type PlacePrecision = 'point' | 'city' | 'region' | 'country';
export type DatePrecision = 'day' | 'week' | 'month' | 'year';
export type EventStatus = 'asserted' | 'reported' | 'planned' | 'negated';

/** A stretch of the cleaned text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One occurrence of an entity or place in the text. */
export interface Mention extends Span {
  /**
   * The label the text used when it is a generic or loaded designation
   * ("forces du régime", "rebelles", "terroristes"); framing counts these.
   */
  label?: string;
  /** How the mention was found: registry alias, demonym, capital-as-actor, context pattern, fuzzy. */
  via?: 'alias' | 'demonym' | 'capital' | 'generic' | 'pattern' | 'fuzzy';
}

export interface Entity {
  /** Registry id when linked ("syria-military"), else a document-local id ("x:le-general-x"). */
  id: string;
  /** Neutral canonical name ("Military Forces of Syria"). */
  name: string;
  kind: ActorKind;
  /** True when the entity comes from the curated registry. */
  linked: boolean;
  aliases?: string[];
  country?: string | null;
  /** ACLED inter code, 1 (state forces) to 8 (external/other). */
  inter?: number | null;
  mentions: Mention[];
}

export interface Place {
  /** "gn:<geonameid>", "cc:<ISO2>" for countries, "adm1:<CC>.<code>", or an overlay id "ov:<slug>". */
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
  admin1?: string | null;
  lat: number;
  lon: number;
  precision: PlacePrecision;
  /** ACLED geo_precision: 1 town, 2 part of a region / near a town, 3 region. */
  geoPrecision: 1 | 2 | 3;
  population?: number | null;
  mentions: Mention[];
}

export interface DateMention extends Span {
  /**
   * ISO value at the precision the text supports: "2016", "2016-07", "2016-07-28",
   * "2015-W40", or with unknown year "XXXX-10-28". Null when the expression could not be
   * normalized.
   */
  value: string | null;
  precision: DatePrecision;
  /** Notes such as "weekday-mismatch" (the weekday named does not fall on the date). */
  flags?: string[];
}

export interface Attribution {
  /** Entity id of the source when known (registry or document-local), else null. */
  source: string | null;
  /** The source as written ("l'OSDH", "des sources libanaises"). */
  source_text: string;
  /** The cue ("selon", "a affirmé", "according to"). */
  cue: string;
  /** The span of the whole attribution cue + source. */
  start: number;
  end: number;
  /** True for anonymous sources ("des sources régionales"). */
  anonymous?: boolean;
  /** The stretch of text this attribution covers (its clause, possibly later sentences). */
  scope?: { start: number; end: number };
  /** Direct quote span when the attribution introduces one. */
  quote?: { start: number; end: number } | null;
}

export interface ConflictEvent {
  id: string;
  /** ACLED event type, or "Diplomacy". */
  type: string;
  subtype: string;
  /** Entity ids. */
  actor1: string[];
  actor2: string[];
  /** Place id or null. */
  place: string | null;
  date: string | null;
  status: EventStatus;
  fatalities: number | null;
  /** Entity ids of the sources the event is attributed to (may hold null-source attributions as "anon:<n>"). */
  sources: string[];
  /** The sentence the event was read from. */
  evidence: Span;
  /** The trigger word(s). */
  trigger?: Span;
  /** Optional pointers to the mentions used for each field. */
  spans?: {
    actor1?: Span[];
    actor2?: Span[];
    place?: Span;
    date?: Span;
    fatalities?: Span;
  };
}

/** A loaded term used by the document ("terroristes", "forces du régime", "libérée"). */
export interface FramingTerm extends Span {
  /** Lexicon key of the term ("terrorist", "regime", "liberate"...). */
  term: string;
  /** Who the term is typically applied to / whose vocabulary it is. */
  stance?: string;
}

/** Where a document came from. */
export interface Origin {
  /** File path, or "-" for standard input. */
  path: string;
  /** Reader that produced it. */
  format: 'txt' | 'html' | 'jsonl' | 'rss' | 'atom';
  /** 1-based line for JSONL, item index for feeds. */
  line?: number;
  /** Encoding the bytes were decoded with. */
  encoding?: 'utf-8' | 'windows-1252';
}

export interface Doc {
  id: string;
  origin: Origin;
  /** The text as read (HTML already reduced to text by ingest when the input was HTML). */
  raw: string;
  /** The raw HTML when the input was HTML. */
  html?: string;
  /** Cleaned text every offset refers to. */
  text: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  /** Dateline text when one was found ("DEBKAfile Reportage Exclusif 15 Janvier 2017, 8:28 PM (IDT)"). */
  dateline: string | null;
  /** Publication date, ISO "YYYY-MM-DD" (or a longer ISO timestamp's date part), or null. */
  published: string | null;
  url: string | null;
  lang: Lang;
  langConfidence: number;
  /** Hex SHA-256 of the cleaned text (normalized): re-ingesting the same article is a no-op. */
  hash: string;
  /** 64-bit SimHash as 16 hex chars, for near-duplicate detection. */
  simhash: string;
  /** Non-fatal notes gathered on the way ("decoded as windows-1252", "weekday mismatch"...). */
  warnings: string[];
  /** Sentence boundaries over `text`, filled by clean. */
  sentences: { start: number; end: number }[];

  entities: Entity[];
  places: Place[];
  dates: DateMention[];
  attributions: Attribution[];
  events: ConflictEvent[];
  framing: FramingTerm[];
}

/** The public annotation record (JSON), one per document. */
export interface AnnotationRecord {
  id: string;
  lang: Lang;
  title: string | null;
  outlet: string | null;
  author: string | null;
  published: string | null;
  url: string | null;
  hash: string;
  text: string;
  entities: Entity[];
  places: Place[];
  dates: DateMention[];
  attributions: Attribution[];
  events: ConflictEvent[];
  framing: FramingTerm[];
  warnings: string[];
}

/** A fresh Doc with empty annotation lists; ingest readers call this. */
export function newDoc(init: { id?: string; origin: Origin; raw: string; html?: string } & Partial<Pick<Doc, 'title' | 'outlet' | 'published' | 'url' | 'author'>> & { lang?: Lang | null }): Doc {
  return {
    id: init.id ?? '',
    origin: init.origin,
    raw: init.raw,
    html: init.html,
    text: init.raw,
    title: init.title ?? null,
    outlet: init.outlet ?? null,
    author: init.author ?? null,
    dateline: null,
    published: init.published ?? null,
    url: init.url ?? null,
    lang: init.lang ?? 'other',
    langConfidence: init.lang ? 1 : 0,
    hash: '',
    simhash: '',
    warnings: [],
    sentences: [],
    entities: [],
    places: [],
    dates: [],
    attributions: [],
    events: [],
    framing: [],
  };
}

export function toAnnotation(doc: Doc): AnnotationRecord {
  return {
    id: doc.id,
    lang: doc.lang,
    title: doc.title,
    outlet: doc.outlet,
    author: doc.author,
    published: doc.published,
    url: doc.url,
    hash: doc.hash,
    text: doc.text,
    entities: doc.entities,
    places: doc.places,
    dates: doc.dates,
    attributions: doc.attributions,
    events: doc.events,
    framing: doc.framing,
    warnings: doc.warnings,
  };
}

/** A refusal: one input (or one line of it) that could not be read, and why. */
export class InputError extends Error {
  constructor(
    public readonly path: string,
    public readonly reason: string,
    public readonly line?: number,
  ) {
    super(`${path}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'InputError';
  }
}
