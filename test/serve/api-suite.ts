/**
 * The API suite: a real `vigie serve` server on a random port over a store filled by
 * ingesting the fictional examples. Run against SQLite (sqlite.test.ts) and PostgreSQL
 * (postgres.test.ts) with the same assertions.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { RunningServer } from '../../src/serve/server.js';
import type { Store } from '../../src/store/store.js';
import { EXAMPLE_ARTICLES, fillWithExamples, getJson, serveStore } from './fixture.js';

const TERRITORY = ['Government regains territory', 'Non-state actor overtakes territory', 'Non-violent transfer of territory'];

export function runApiSuite(name: string, open: () => Promise<Store>, cleanup?: () => Promise<void>): void {
  describe(`serve API (${name})`, () => {
    let store: Store;
    let server: RunningServer;
    let base: string;

    before(async () => {
      store = await open();
      await fillWithExamples(store);
      server = await serveStore(store);
      base = server.url;
    });
    after(async () => {
      await server?.close();
      await store?.close();
      await cleanup?.();
    });

    test('GET /api lists the routes; /api/stats counts the ingested examples', async () => {
      const idx = await getJson(base, '/api');
      assert.equal(idx.status, 200);
      assert.equal(idx.body.store, name);
      assert.ok(idx.body.routes.some((r: { path: string }) => r.path === '/api/events/{id}'));
      const s = await getJson(base, '/api/stats');
      assert.equal(s.status, 200);
      assert.match(s.type, /^application\/json/);
      assert.equal(s.body.documents, EXAMPLE_ARTICLES);
      assert.deepEqual(s.body, await store.stats());
      assert.ok(s.body.stories >= 1, 'the syndicated Aleppo copy makes a story');
      assert.equal(Object.values(s.body.byEventType as Record<string, number>).reduce((a, b) => a + b, 0), s.body.events);
    });

    test('GET /api/events: same rows as the store (and `vigie events`), paged', async () => {
      const all = await store.events({});
      const first = await getJson(base, '/api/events?limit=10');
      assert.equal(first.status, 200);
      assert.equal(first.body.count, 10);
      assert.equal(first.body.next_offset, 10);
      assert.deepEqual(first.body.events, all.slice(0, 10));
      const second = await getJson(base, '/api/events?limit=10&offset=10');
      assert.deepEqual(second.body.events, all.slice(10, 20));
      const last = await getJson(base, `/api/events?limit=10&offset=${all.length - 3}`);
      assert.equal(last.body.count, 3);
      assert.equal(last.body.next_offset, null);
      // A page ending exactly at the last event has no next page; past the end is an empty page.
      const exact = await getJson(base, `/api/events?limit=10&offset=${all.length - 10}`);
      assert.equal(exact.body.count, 10);
      assert.equal(exact.body.next_offset, null);
      const past = await getJson(base, `/api/events?limit=10&offset=${all.length + 5}`);
      assert.equal(past.status, 200);
      assert.deepEqual([past.body.count, past.body.next_offset, past.body.events], [0, null, []]);
      // Following next_offset (filtered, small pages) gives every matching event once, in order.
      const battles = await store.events({ type: 'Battles' });
      assert.ok(battles.length > 3, 'several pages of battles');
      const walked: unknown[] = [];
      for (let off: number | null = 0; off !== null; ) {
        const p: { body: { events: unknown[]; next_offset: number | null; offset: number } } = await getJson(base, `/api/events?type=Battles&limit=3&offset=${off}`);
        assert.equal(p.body.offset, off);
        walked.push(...p.body.events);
        off = p.body.next_offset;
      }
      assert.deepEqual(walked, battles);
      const everything = await getJson(base, '/api/events?limit=5000');
      assert.equal(everything.body.count, all.length);
      assert.equal(everything.body.next_offset, null);
      const dflt = await getJson(base, '/api/events');
      assert.equal(dflt.body.limit, 100);
      assert.equal(dflt.body.count, Math.min(100, all.length));
    });

    test('GET /api/events filters: type, place (accent/case-insensitive), actor, outlet, from/to', async () => {
      const battles = await getJson(base, '/api/events?type=Battles&limit=5000');
      assert.ok(battles.body.count > 0);
      assert.ok(battles.body.events.every((e: { type: string }) => e.type === 'Battles'));
      assert.deepEqual(battles.body.events, await store.events({ type: 'Battles' }));

      // "Alep" is how the French articles name Aleppo: the filter matches names and mentions.
      const alep = await getJson(base, `/api/events?place=${encodeURIComponent('ALEP')}&limit=5000`);
      assert.ok(alep.body.count > 0);
      const docs = new Set(alep.body.events.map((e: { doc_id: string }) => e.doc_id));
      assert.deepEqual([...docs].sort(), ['fr-alep-frappes', 'fr-alep-frappes-reprise']);
      assert.ok(alep.body.events.some((e: { place: { name: string } }) => e.place.name === 'Aleppo'));

      const idleb = await getJson(base, `/api/events?outlet=${encodeURIComponent("La Voix d'Idleb")}&limit=5000`);
      assert.ok(idleb.body.count > 0);
      assert.ok(idleb.body.events.every((e: { outlet: string }) => e.outlet === "La Voix d'Idleb"));

      const wagner = await getJson(base, '/api/events?actor=wagner');
      assert.ok(wagner.body.count > 0);
      for (const e of wagner.body.events) {
        assert.ok([...e.actor1, ...e.actor2].some((a: { name: string }) => /Wagner/.test(a.name)), JSON.stringify(e));
      }

      const aug = await getJson(base, '/api/events?from=2019-08&to=2019-08-31&limit=5000');
      assert.ok(aug.body.count > 0);
      for (const e of aug.body.events) assert.match(e.date, /^2019-08/);
      assert.deepEqual(aug.body.filter, { from: '2019-08', to: '2019-08-31' });
      assert.deepEqual(aug.body.events, await store.events({ from: '2019-08', to: '2019-08-31' }));
    });

    test('GET /api/events?format=geojson: Points [lon, lat] of the events with a place', async () => {
      const g = await getJson(base, '/api/events?format=geojson&type=Battles&limit=5000');
      assert.equal(g.status, 200);
      assert.match(g.type, /^application\/geo\+json/);
      assert.equal(g.body.type, 'FeatureCollection');
      const rows = await store.events({ type: 'Battles' });
      const placed = rows.filter((r) => r.place);
      assert.equal(g.body.features.length, placed.length);
      assert.equal(g.body.vigie.without_place, rows.length - placed.length);
      for (const [i, f] of g.body.features.entries()) {
        assert.equal(f.geometry.type, 'Point');
        assert.deepEqual(f.geometry.coordinates, [placed[i].place!.lon, placed[i].place!.lat]);
        assert.equal(f.properties.type, 'Battles');
      }
    });

    test('GET /api/events/:id: a syndicated copy is reported as a copy, evidence offsets point into each text', async () => {
      const rows = await store.events({ place: 'Alep' });
      const ev = rows.find((r) => r.doc_id === 'fr-alep-frappes' && r.place?.name === 'Aleppo');
      assert.ok(ev, 'an Aleppo event in fr-alep-frappes');
      const d = await getJson(base, `/api/events/${encodeURIComponent(ev.id)}`);
      assert.equal(d.status, 200);
      assert.deepEqual(d.body.event, ev);
      assert.ok(d.body.story && d.body.story.size === 2);
      const [self, ...others] = d.body.reports;
      assert.equal(self.relation, 'this');
      assert.equal(self.doc_id, 'fr-alep-frappes');
      const copy = others.find((r: { relation: string }) => r.relation === 'copy');
      assert.ok(copy, 'the copy on the other site');
      assert.equal(copy.doc_id, 'fr-alep-frappes-reprise');
      assert.ok(copy.story_similarity >= 0.9);
      assert.equal(copy.evidence.text, self.evidence.text);
      assert.equal(copy.match.sentence, 'identical');
      assert.equal(copy.story_id, d.body.story.id);
      // Copies are not independent corroboration.
      assert.ok(d.body.reports.filter((r: { relation: string }) => r.relation === 'corroborating').every((r: { doc_id: string }) => r.doc_id !== 'fr-alep-frappes-reprise'));
      for (const r of d.body.reports) {
        assert.equal(r.text.slice(r.evidence.start, r.evidence.end), r.evidence.text);
        if (r.trigger) assert.equal(r.text.slice(r.trigger.start, r.trigger.end), r.trigger.text);
        for (const f of r.framing) assert.equal(r.text.slice(f.start, f.end), f.text);
        for (const a of r.attributions) assert.ok(a.start >= 0 && a.end <= r.text.length && typeof a.source_text === 'string');
      }
    });

    test('GET /api/events/:id: the same capture told by two outlets corroborates, each with its own vocabulary', async () => {
      const opp = await store.getDocument('fr-khan-cheikhoun-opposition');
      const off = await store.getDocument('fr-khan-cheikhoun-depeche-officielle');
      assert.ok(opp && off);
      const placeOf = (rec: typeof opp, id: string | null) => rec!.places.find((p) => p.id === id);
      const capture = opp.events.find((e) => TERRITORY.includes(e.subtype) && /Khan/.test(placeOf(opp, e.place)?.name ?? ''));
      assert.ok(capture, 'the opposition outlet reports the change of control of Khan Cheikhoun');
      const d = await getJson(base, `/api/events/${encodeURIComponent(capture.id)}?doc=fr-khan-cheikhoun-opposition`);
      assert.equal(d.status, 200);
      const other = d.body.reports.find((r: { doc_id: string }) => r.doc_id === 'fr-khan-cheikhoun-depeche-officielle');
      assert.ok(other, 'the pro-government wire is listed as a report');
      assert.equal(other.relation, 'corroborating');
      assert.ok(TERRITORY.includes(other.subtype));
      assert.match(other.match.place, /same place|km apart/);
      assert.ok(d.body.independent_reports >= 1);
      assert.ok(d.body.outlets.some((o: { outlet: string; relation: string }) => o.outlet === "La Voix d'Idleb" && o.relation === 'this'));
      // How each side tells it: "forces du régime" on one side, "terroristes" on the other.
      const self = d.body.reports[0];
      assert.ok(self.framing.some((f: { text: string }) => /forces du régime/i.test(f.text)));
      assert.ok(other.framing.some((f: { text: string }) => /terroristes/i.test(f.text)));
      // And the reverse direction finds the opposition report.
      const back = await getJson(base, `/api/events/${encodeURIComponent(other.event_id)}`);
      assert.ok(back.body.reports.some((r: { doc_id: string; relation: string }) => r.doc_id === 'fr-khan-cheikhoun-opposition' && r.relation === 'corroborating'));
      assert.ok(off.events.some((e) => e.id === other.event_id));
    });

    test('GET /api/documents/:id: cleaned text, annotations whose offsets slice the text, story', async () => {
      const d = await getJson(base, '/api/documents/fr-alep-frappes');
      assert.equal(d.status, 200);
      const rec = d.body;
      assert.deepEqual({ ...rec, story: undefined }, { ...(await store.getDocument('fr-alep-frappes')), story: undefined });
      assert.match(rec.text, /Alep/);
      for (const e of rec.entities) for (const m of e.mentions) assert.equal(rec.text.slice(m.start, m.end), m.text);
      for (const p of rec.places) for (const m of p.mentions) assert.equal(rec.text.slice(m.start, m.end), m.text);
      for (const x of rec.dates) assert.equal(rec.text.slice(x.start, x.end), x.text);
      for (const ev of rec.events) assert.equal(rec.text.slice(ev.evidence.start, ev.evidence.end), ev.evidence.text);
      for (const f of rec.framing) assert.equal(rec.text.slice(f.start, f.end), f.text);
      assert.equal(rec.story.size, 2);
      assert.deepEqual(rec.story.members.map((m: { id: string }) => m.id).sort(), ['fr-alep-frappes', 'fr-alep-frappes-reprise']);
      const solo = await getJson(base, '/api/documents/fr-mali-menaka');
      assert.equal(solo.status, 200);
      assert.equal(solo.body.story, null);
    });

    test('GET /api/search: full text, accent- and case-insensitive', async () => {
      const plain = await getJson(base, '/api/search?q=hopital');
      assert.equal(plain.status, 200);
      const ids = plain.body.hits.map((h: { id: string }) => h.id).sort();
      assert.ok(ids.includes('fr-alep-frappes'), JSON.stringify(ids));
      assert.ok(plain.body.hits.some((h: { snippet: string }) => /\[hôpital\]/i.test(h.snippet)));
      for (const q of ['HÔPITAL', 'Hôpital']) {
        const other = await getJson(base, `/api/search?q=${encodeURIComponent(q)}`);
        assert.deepEqual(other.body.hits.map((h: { id: string }) => h.id).sort(), ids, q);
      }
      const lim = await getJson(base, '/api/search?q=hopital&limit=1');
      assert.equal(lim.body.hits.length, 1);
      const none = await getJson(base, '/api/search?q=zzzzqqqq');
      assert.equal(none.status, 200);
      assert.equal(none.body.count, 0);
    });

    test('GET /api/outlets: per outlet documents, events, loaded terms, sources', async () => {
      const o = await getJson(base, '/api/outlets');
      assert.equal(o.status, 200);
      const s = await store.stats();
      assert.equal(o.body.outlets.reduce((a: number, x: { documents: number }) => a + x.documents, 0), s.documents);
      assert.equal(o.body.outlets.reduce((a: number, x: { events: number }) => a + x.events, 0), s.events);
      for (const x of o.body.outlets) assert.equal(x.documents, s.byOutlet[x.outlet], x.outlet);
      const idleb = o.body.outlets.find((x: { outlet: string }) => x.outlet === "La Voix d'Idleb");
      assert.ok(idleb);
      const regime = idleb.terms.find((t: { forms: { text: string }[] }) => t.forms.some((f) => f.text === 'forces du régime'));
      assert.ok(regime, JSON.stringify(idleb.terms));
      assert.ok(regime.count >= 1);
      assert.ok(idleb.sources.length > 0);
      assert.ok(o.body.terms.length > 0);
      assert.ok(o.body.terms.every((t: { count: number; outlets: number }) => t.count >= t.outlets && t.outlets >= 1));
    });

    test('GET /api/world: country outlines for the tile-less map', async () => {
      const w = await getJson(base, '/api/world', { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(w.status, 200);
      assert.equal(w.headers.get('content-encoding'), 'gzip', 'large answers are gzipped when accepted');
      const plain = await new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
        http.get(base + '/api/world', (res) => {
          let bytes = 0;
          res.on('data', (b: Buffer) => (bytes += b.length));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
        }).on('error', reject);
      });
      assert.equal(plain.encoding, undefined, 'and sent as is otherwise');
      assert.ok(plain.bytes > 100_000);
      assert.ok(w.body.features.length > 150);
      const sy = w.body.features.find((f: { id: string }) => f.id === 'SY');
      assert.ok(sy);
      assert.equal(sy.properties.name, 'Syria');
      // Aleppo (37.16 E, 36.20 N) lies inside Syria's outline bounding box.
      const pts = sy.geometry.coordinates.flat(2) as [number, number][];
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      assert.ok(Math.min(...xs) < 37.16 && Math.max(...xs) > 37.16 && Math.min(...ys) < 36.2 && Math.max(...ys) > 36.2);
    });

    test('errors: 400 naming the parameter, 404, 405', async () => {
      const bad = async (path: string, parameter: string): Promise<void> => {
        const r = await getJson(base, path);
        assert.equal(r.status, 400, path);
        assert.equal(r.body.error.status, 400);
        assert.equal(r.body.error.parameter, parameter, path);
        assert.match(r.body.error.message, new RegExp(`^${parameter}:`), path);
      };
      await bad('/api/events?from=2016-13', 'from');
      await bad('/api/events?to=yesterday', 'to');
      await bad('/api/events?from=2020&to=2019', 'from');
      await bad('/api/events?limit=0', 'limit');
      await bad('/api/events?limit=abc', 'limit');
      await bad('/api/events?limit=100000', 'limit');
      await bad('/api/events?offset=-1', 'offset');
      await bad('/api/events?format=xml', 'format');
      await bad('/api/events?typ=Battles', 'typ');
      await bad('/api/events?type=', 'type');
      await bad('/api/events?type=Battles&type=Protests', 'type');
      await bad('/api/search', 'q');
      await bad('/api/search?q=%20', 'q');
      await bad('/api/search?q=x&limit=1000', 'limit');
      await bad('/api/stats?x=1', 'x');
      await bad('/api/events/%E0%A4%A?', 'id');
      for (const path of ['/api/events/nope:e1', '/api/events/fr-alep-frappes:e999', '/api/documents/no-such-doc', '/api/nothing', '/nothing.js']) {
        const r = await getJson(base, path);
        assert.equal(r.status, 404, path);
        assert.equal(r.body.error.status, 404);
        assert.ok(r.body.error.message.length > 0);
      }
      const post = await getJson(base, '/api/events', { method: 'POST', body: '{}' });
      assert.equal(post.status, 405);
      assert.match(post.headers.get('allow') ?? '', /GET/);
    });

    test('static UI: served by Vigie itself, nothing loaded from elsewhere', async () => {
      const res = await fetch(base + '/');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      const html = await res.text();
      assert.match(html, /<script type="module" src="\/app\.js">/);
      for (const [path, type] of [['/app.js', /javascript/], ['/style.css', /text\/css/]] as const) {
        const r = await fetch(base + path);
        assert.equal(r.status, 200, path);
        assert.match(r.headers.get('content-type') ?? '', type);
        const body = await r.text();
        // The only absolute URL allowed is the SVG namespace (an identifier, never fetched).
        const urls = (body.match(/https?:\/\/[^\s'"`)]+/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');
        assert.deepEqual(urls, [], path);
      }
      assert.doesNotMatch(html, /(src|href)="https?:/);
    });
  });
}
