/**
 * How each outlet tells the story: per outlet, its documents and events, the loaded terms it
 * uses (framing), whom it cites (attributions), and how it presents events (asserted,
 * reported, planned, negated).
 *
 * The Store interface has no per-outlet aggregate, so this reads every stored record once and
 * keeps the result until the store's document or event count changes (a new ingest).
 */
import type { Store } from '../store/store.js';

export const UNKNOWN_OUTLET = '(unknown)';

export interface TermCount {
  term: string;
  stance: string | null;
  count: number;
  /** Surface forms as written, most frequent first. */
  forms: { text: string; count: number }[];
}

export interface OutletSummary {
  outlet: string;
  documents: number;
  languages: Record<string, number>;
  events: number;
  by_status: Record<string, number>;
  by_event_type: Record<string, number>;
  /** Loaded terms (framing) used, most frequent first. */
  terms: TermCount[];
  framing_terms: number;
  /** Loaded terms per 1,000 words of text. */
  terms_per_1000_words: number;
  /** Sources cited (attributions), most frequent first. */
  sources: { source: string; count: number; anonymous: number }[];
  attributions: number;
  first_published: string | null;
  last_published: string | null;
}

export interface OutletsAnswer {
  outlets: OutletSummary[];
  /** Every loaded term across outlets, most frequent first: the columns of a comparison. */
  terms: { term: string; stance: string | null; count: number; outlets: number }[];
}

const inc = (m: Record<string, number>, k: string, by = 1): void => {
  m[k] = (m[k] ?? 0) + by;
};

export async function computeOutlets(store: Store, pageSize = 500): Promise<OutletsAnswer> {
  const acc = new Map<
    string,
    OutletSummary & { _terms: Map<string, { stance: string | null; count: number; forms: Map<string, number> }>; _sources: Map<string, { count: number; anonymous: number }>; _words: number }
  >();
  for (let offset = 0; ; offset += pageSize) {
    const ids = await store.documentIds({ offset, limit: pageSize });
    for (const id of ids) {
      const rec = await store.getDocument(id);
      if (!rec) continue;
      const name = rec.outlet?.trim() || UNKNOWN_OUTLET;
      let o = acc.get(name);
      if (!o) {
        o = {
          outlet: name, documents: 0, languages: {}, events: 0, by_status: {}, by_event_type: {}, terms: [], framing_terms: 0,
          terms_per_1000_words: 0, sources: [], attributions: 0, first_published: null, last_published: null,
          _terms: new Map(), _sources: new Map(), _words: 0,
        };
        acc.set(name, o);
      }
      o.documents++;
      inc(o.languages, rec.lang);
      o._words += (rec.text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
      if (rec.published) {
        const d = rec.published.slice(0, 10);
        if (!o.first_published || d < o.first_published) o.first_published = d;
        if (!o.last_published || d > o.last_published) o.last_published = d;
      }
      for (const ev of rec.events) {
        o.events++;
        inc(o.by_status, ev.status);
        inc(o.by_event_type, ev.type);
      }
      for (const f of rec.framing) {
        o.framing_terms++;
        let t = o._terms.get(f.term);
        if (!t) o._terms.set(f.term, (t = { stance: f.stance ?? null, count: 0, forms: new Map() }));
        t.count++;
        const form = f.text.toLowerCase();
        t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
      }
      const entityName = new Map(rec.entities.map((e) => [e.id, e.name]));
      for (const a of rec.attributions) {
        o.attributions++;
        const key = (a.source && entityName.get(a.source)) || a.source_text;
        let s = o._sources.get(key);
        if (!s) o._sources.set(key, (s = { count: 0, anonymous: 0 }));
        s.count++;
        if (a.anonymous) s.anonymous++;
      }
    }
    if (ids.length < pageSize) break;
  }
  const byCount = <T extends { count: number }>(a: T & { k: string }, b: T & { k: string }): number => b.count - a.count || a.k.localeCompare(b.k);
  const allTerms = new Map<string, { term: string; stance: string | null; count: number; outlets: number }>();
  const outlets: OutletSummary[] = [];
  for (const o of acc.values()) {
    const { _terms, _sources, _words, ...rest } = o;
    rest.terms = [..._terms]
      .map(([term, t]) => ({
        k: term,
        term,
        stance: t.stance,
        count: t.count,
        forms: [...t.forms].map(([text, count]) => ({ k: text, text, count })).sort(byCount).map(({ text, count }) => ({ text, count })),
      }))
      .sort(byCount)
      .map(({ k: _k, ...t }) => t);
    rest.sources = [..._sources].map(([source, s]) => ({ k: source, source, ...s })).sort(byCount).map(({ k: _k, ...s }) => s);
    rest.terms_per_1000_words = _words ? Math.round((rest.framing_terms / _words) * 10000) / 10 : 0;
    for (const t of rest.terms) {
      const g = allTerms.get(t.term);
      if (g) {
        g.count += t.count;
        g.outlets++;
      } else allTerms.set(t.term, { term: t.term, stance: t.stance, count: t.count, outlets: 1 });
    }
    outlets.push(rest);
  }
  outlets.sort((a, b) => b.documents - a.documents || a.outlet.localeCompare(b.outlet));
  const terms = [...allTerms.values()].sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { outlets, terms };
}

/** computeOutlets, kept until the store's counts change. */
export class OutletsCache {
  private key = '';
  private value: Promise<OutletsAnswer> | null = null;
  constructor(private readonly store: Store) {}
  async get(): Promise<OutletsAnswer> {
    const s = await this.store.stats();
    const key = `${s.documents}/${s.events}`;
    if (!this.value || key !== this.key) {
      this.key = key;
      this.value = computeOutlets(this.store);
      this.value.catch(() => {
        this.value = null;
      });
    }
    return this.value;
  }
}
