/** The shape of an events conformance case (one table per language: cases.fr.ts, cases.en.ts). */
export interface ExpectedEvent {
  type?: string;
  subtype?: string;
  /** Entity ids, compared as sets. */
  actor1?: string[];
  actor2?: string[];
  place?: string | null;
  date?: string | null;
  status?: 'asserted' | 'reported' | 'planned' | 'negated';
  fatalities?: number | null;
  sources?: string[];
}

export interface EventCase {
  name: string;
  /** Marked-up text (see build.ts). */
  text: string;
  /** Publication date, fixed (reference date). */
  published?: string | null;
  /** Each expected event must be found among the events (fields given are compared). */
  expect: ExpectedEvent[];
  /** Exact number of events, when the case checks it. */
  count?: number;
}
