/**
 * ONE conformance suite that every Store implementation runs (SQLite, PostgreSQL): the
 * behaviour the CLI, the exports and the benchmark rely on. An implementation file calls
 * runStoreConformance with a function that opens a FRESH, EMPTY store, plus optional hooks
 * for what only some implementations can do (reopen a file, open an older schema).
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { toAnnotation, type Doc } from '../../src/document.js';
import type { Store } from '../../src/store/store.js';
import { englishDoc, flipBits, numberedDoc, plainDoc, richFrench, span } from './fixtures.js';

export interface ConformanceHooks {
  /** Closes `store` and opens the same database again. */
  reopen?: (store: Store) => Promise<Store>;
  /**
   * Opens a store over a database created at schema version 1 holding one document
   * (id "legacy-1", French text containing "l'hôpital", title "Ancien") written by SQL.
   */
  openLegacy?: () => Promise<Store>;
  /**
   * Opens a store over a database created at schema version 1 holding `docs` with all their
   * annotations, written by SQL in that version's layout (test/store/legacy.ts).
   */
  openLegacyWith?: (docs: Doc[]) => Promise<Store>;
  /** Opens a second connection (another writer) to the database of `store`. */
  openSecond?: (store: Store) => Promise<Store>;
  /** Why a hook is not provided (a skipped case must give a reason). */
  skipReason?: string;
}

const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

export function runStoreConformance(name: string, open: () => Promise<Store>, hooks: ConformanceHooks = {}): void {
  describe(`Store conformance: ${name}`, () => {
    const opened: Store[] = [];
    const fresh = async (): Promise<Store> => {
      const s = await open();
      opened.push(s);
      return s;
    };
    after(async () => {
      for (const s of opened) await s.close().catch(() => {});
    });

    test('put then getDocument returns the same annotation record (round trip)', async () => {
      const s = await fresh();
      const fr = richFrench();
      const en = englishDoc();
      const r = await s.putDocuments([fr, en]);
      assert.equal(r.inserted, 2);
      assert.equal(r.duplicates, 0);
      assert.deepEqual(r.items.map((i) => [i.id, i.inserted]), [['fr-rich', true], ['en-1', true]]);
      assert.deepEqual(await s.getDocument('fr-rich'), json(toAnnotation(fr)));
      assert.deepEqual(await s.getDocument('en-1'), json(toAnnotation(en)));
      assert.equal(await s.getDocument('nope'), null);
      assert.equal((await s.hasHashes([fr.hash])).has(fr.hash), true);
      assert.equal((await s.hasHashes(['0'.repeat(64)])).has('0'.repeat(64)), false);
    });

    test('hasHashes answers a list at once: only the stored hashes, repeats and unknowns allowed', async () => {
      const s = await fresh();
      const a = plainDoc('ha', 'Un texte stocké sur Alep.');
      const b = plainDoc('hb', 'Un autre texte stocké sur Homs.');
      await s.putDocuments([a, b]);
      const unknown = '0'.repeat(64);
      assert.deepEqual(await s.hasHashes([]), new Set());
      assert.deepEqual(await s.hasHashes([unknown]), new Set());
      assert.deepEqual(await s.hasHashes([a.hash, unknown, b.hash, a.hash]), new Set([a.hash, b.hash]));
      // A failed batch leaves no hash behind.
      const bad = plainDoc('hbad', 'Court.');
      bad.dates = [{ start: 3, end: 400, text: 'x', value: '2016', precision: 'year' }];
      const c = plainDoc('hc', 'Un troisième texte, jamais stocké.');
      await assert.rejects(s.putDocuments([c, bad]));
      assert.deepEqual(await s.hasHashes([c.hash, bad.hash, a.hash]), new Set([a.hash]));
    });

    test('re-putting the same content is a no-op counted as duplicate', async () => {
      const s = await fresh();
      const a = plainDoc('a', 'Un premier texte sur la trêve à Homs.');
      await s.putDocuments([a]);
      const again = plainDoc('a-again', 'Un premier texte sur la trêve à Homs.');
      const r = await s.putDocuments([again]);
      assert.equal(r.inserted, 0);
      assert.equal(r.duplicates, 1);
      assert.deepEqual(r.items, [{ id: 'a', hash: a.hash, inserted: false, story: null }]);
      assert.equal((await s.stats()).documents, 1);
      assert.equal(await s.getDocument('a-again'), null);
    });

    test('a duplicate inside one batch is stored once', async () => {
      const s = await fresh();
      const r = await s.putDocuments([plainDoc('x1', 'Même dépêche.'), plainDoc('x2', 'Autre texte.'), plainDoc('x3', 'Même dépêche.')]);
      assert.equal(r.inserted, 2);
      assert.equal(r.duplicates, 1);
      assert.deepEqual(r.items.map((i) => [i.id, i.inserted]), [['x1', true], ['x2', true], ['x1', false]]);
      assert.deepEqual(await s.documentIds(), ['x1', 'x2']);
    });

    test('an id taken by another content gets a disambiguated id, nothing is lost', async () => {
      const s = await fresh();
      await s.putDocuments([plainDoc('dup-id', 'Premier contenu.')]);
      const r = await s.putDocuments([plainDoc('dup-id', 'Deuxième contenu.'), plainDoc('dup-id', 'Troisième contenu.')]);
      assert.deepEqual(r.items.map((i) => i.id), ['dup-id~2', 'dup-id~3']);
      assert.equal((await s.getDocument('dup-id'))?.text, 'Premier contenu.');
      assert.equal((await s.getDocument('dup-id~2'))?.text, 'Deuxième contenu.');
      assert.equal((await s.getDocument('dup-id~3'))?.text, 'Troisième contenu.');
      // A real id that looks like a suffix is respected too.
      const r2 = await s.putDocuments([plainDoc('dup-id~4', 'Quatrième.'), plainDoc('dup-id', 'Cinquième.')]);
      assert.deepEqual(r2.items.map((i) => i.id), ['dup-id~4', 'dup-id~5']);
      assert.deepEqual(await s.documentIds({ offset: 1, limit: 2 }), ['dup-id~2', 'dup-id~3']);
    });

    test('search is accent-insensitive in French and marks the match in the snippet', async () => {
      const s = await fresh();
      await s.putDocuments([richFrench(), englishDoc(), plainDoc('other', 'Une école a rouvert à Homs.')]);
      const hits = await s.search('hopital');
      assert.deepEqual(hits.map((h) => h.id), ['fr-rich']);
      assert.match(hits[0].snippet, /\[hôpital\]/);
      assert.equal(hits[0].outlet, 'Agence France-Presse');
      assert.equal(hits[0].published, '2016-10-28');
      assert.equal(typeof hits[0].score, 'number');
      assert.deepEqual((await s.search('ECOLE')).map((h) => h.id), ['other']);
      assert.deepEqual((await s.search('Hôpital')).map((h) => h.id), ['fr-rich']);
    });

    test('search stems French and English words', async () => {
      const s = await fresh();
      await s.putDocuments([
        plainDoc('lib', 'Le village a été libéré par les combattants.'),
        plainDoc('bomb', 'Le quartier a été bombardé dans la nuit.'),
        plainDoc('kill', 'Two soldiers were killed near the border.', { lang: 'en' }),
      ]);
      assert.deepEqual((await s.search('libérée')).map((h) => h.id), ['lib']);
      assert.match((await s.search('libérée'))[0].snippet, /\[libéré\]/);
      assert.deepEqual((await s.search('bombardements')).map((h) => h.id), ['bomb']);
      assert.deepEqual((await s.search('killing')).map((h) => h.id), ['kill']);
      assert.deepEqual((await s.search('soldier')).map((h) => h.id), ['kill']);
    });

    test('search: English accents, every term required, phrases, prefixes, no match', async () => {
      const s = await fresh();
      await s.putDocuments([richFrench(), englishDoc()]);
      assert.deepEqual((await s.search('cafe')).map((h) => h.id), ['en-1']);
      assert.deepEqual((await s.search('hopital Qusayr')).map((h) => h.id), []);
      assert.deepEqual((await s.search('Qusayr Hezbollah')).map((h) => h.id), ['en-1']);
      assert.deepEqual((await s.search('"frappes aeriennes"')).map((h) => h.id), ['fr-rich']);
      assert.deepEqual((await s.search('"aeriennes frappes"')).map((h) => h.id), []);
      assert.deepEqual((await s.search('aérien*')).map((h) => h.id), ['fr-rich']);
      assert.deepEqual((await s.search('Hezb*')).map((h) => h.id), ['en-1']);
      assert.deepEqual((await s.search('Alep-Est')).map((h) => h.id), ['fr-rich']);
      assert.deepEqual(await s.search('introuvable'), []);
      assert.deepEqual(await s.search('  "" ; '), []);
      // Query syntax of the database is never passed through.
      assert.deepEqual((await s.search('hopital ( ) : * & | ! - ^ ~ " ')).map((h) => h.id), ['fr-rich']);
      // The title counts too.
      assert.deepEqual((await s.search('Clashes')).map((h) => h.id), ['en-1']);
      assert.equal((await s.search('a')).length, 2);
      assert.equal((await s.search('a', { limit: 1 })).length, 1);
    });

    test('events: rows resolve names, place coordinates, sources and document fields', async () => {
      const s = await fresh();
      await s.putDocuments([richFrench(), englishDoc()]);
      const rows = await s.events();
      assert.deepEqual(rows.map((r) => `${r.doc_id}/${r.id}`), ['fr-rich/e1', 'fr-rich/e2', 'en-1/e1', 'en-1/e2', 'en-1/e3']);
      const e1 = rows[0];
      assert.deepEqual(e1, {
        id: 'e1',
        doc_id: 'fr-rich',
        type: 'Explosions/Remote violence',
        subtype: 'Air/drone strike',
        date: '2016-10-27',
        status: 'reported',
        fatalities: null,
        actor1: [{ id: 'syria-military', name: 'Military Forces of Syria', inter: 1 }],
        actor2: [],
        place: { id: 'gn:170063', name: 'Aleppo', country: 'SY', admin1: 'Aleppo Governorate', lat: 36.20124, lon: 37.16117, geo_precision: 1 },
        sources: [{ id: 'sohr', name: 'Syrian Observatory for Human Rights' }],
        outlet: 'Agence France-Presse',
        published: '2016-10-28',
        url: 'https://example.org/alep',
        title: 'Frappes sur un hôpital à Alep',
        evidence: "Des frappes aériennes ont visé l'hôpital d'Alep-Est jeudi, selon l'OSDH.",
      });
      assert.equal(rows[1].fatalities, 3);
      assert.deepEqual(rows[1].actor2, [{ id: 'x:combattants', name: 'x:combattants', inter: null }]);
      assert.deepEqual(rows[1].sources, [{ id: 'anon:0', name: "l'OSDH" }]);
      assert.equal(rows[3].place, null);
      assert.equal(rows[3].date, null);
    });

    test('events: each filter', async () => {
      const s = await fresh();
      await s.putDocuments([richFrench(), englishDoc()]);
      const ids = async (f: Parameters<Store['events']>[0]): Promise<string[]> => (await s.events(f)).map((r) => `${r.doc_id}/${r.id}`);
      assert.deepEqual(await ids({ type: 'battles' }), ['fr-rich/e2', 'en-1/e1']);
      assert.deepEqual(await ids({ subtype: 'Armed clash' }), ['en-1/e1']);
      assert.deepEqual(await ids({ type: 'Battles', subtype: 'Government regains territory' }), ['fr-rich/e2']);
      // Actor: canonical name, alias, mention text, id — case- and accent-insensitive substrings.
      assert.deepEqual(await ids({ actor: 'forces democratiques' }), ['fr-rich/e2']);
      assert.deepEqual(await ids({ actor: 'FDS' }), ['fr-rich/e2']);
      assert.deepEqual(await ids({ actor: 'HIZBULLAH' }), ['en-1/e1']);
      assert.deepEqual(await ids({ actor: 'syria-military' }), ['fr-rich/e1']);
      assert.deepEqual(await ids({ actor: 'rebels' }), ['en-1/e1']);
      assert.deepEqual(await ids({ actor: '100%' }), []);
      // Place: name, mention text, id.
      assert.deepEqual(await ids({ place: 'alep' }), ['fr-rich/e1', 'fr-rich/e2']);
      assert.deepEqual(await ids({ place: 'Aleppo' }), ['fr-rich/e1', 'fr-rich/e2']);
      assert.deepEqual(await ids({ place: 'ov:qusayr' }), ['en-1/e1']);
      // Dates: bounds compared on the known prefix; XXXX and null never match a bound.
      assert.deepEqual(await ids({ from: '2016-10-28' }), ['fr-rich/e2', 'en-1/e1']); // 2016-10 covers the 28th
      assert.deepEqual(await ids({ to: '2016-10-27' }), ['fr-rich/e1', 'fr-rich/e2']);
      assert.deepEqual(await ids({ from: '2016-11', to: '2017' }), ['en-1/e1']);
      assert.deepEqual(await ids({ from: '2017-03-01', to: '2017-03-01' }), ['en-1/e1']); // week 9 of 2017: Feb 27 – Mar 5
      assert.deepEqual(await ids({ from: '2017-03-06' }), []);
      assert.deepEqual(await ids({ from: '2016', to: '2016' }), ['fr-rich/e1', 'fr-rich/e2']);
      // Outlet, limit.
      assert.deepEqual(await ids({ outlet: 'reuters' }), ['en-1/e1', 'en-1/e2', 'en-1/e3']);
      assert.deepEqual(await ids({ outlet: 'france-presse' }), ['fr-rich/e1', 'fr-rich/e2']);
      assert.deepEqual(await ids({ limit: 2 }), ['fr-rich/e1', 'fr-rich/e2']);
      assert.deepEqual(await ids({ type: 'Protests' }), []);
    });

    test('stats count documents, stories, annotations, languages, outlets, event types', async () => {
      const s = await fresh();
      await s.putDocuments([richFrench(), englishDoc(), plainDoc('bare', 'Texte sans source.', { simhash: '' })]);
      assert.deepEqual(await s.stats(), {
        documents: 3,
        stories: 0,
        events: 5,
        entities: 5,
        places: 2,
        byLang: { fr: 2, en: 1 },
        byOutlet: { '(unknown)': 1, 'Agence France-Presse': 1, Reuters: 1 },
        byEventType: { 'Explosions/Remote violence': 2, Battles: 2, 'Violence against civilians': 1 },
      });
    });

    test('near-duplicates (similarity ≥ 0.9) are linked as one story with their similarity', async () => {
      const s = await fresh();
      const base = 'a5a5a5a5c3c3c3c3';
      const a = plainDoc('wire-a', 'Dépêche reprise par plusieurs sites, version A.', { simhash: base });
      const b = plainDoc('wire-b', 'Dépêche reprise par plusieurs sites, version B.', { simhash: flipBits(base, 3) });
      const far = plainDoc('far', 'Rien à voir.', { simhash: flipBits(base, 7) }); // similarity 57/64 < 0.9
      const r1 = await s.putDocuments([a, far]);
      assert.deepEqual(r1.items.map((i) => i.story), [null, null]);
      const r2 = await s.putDocuments([b]);
      assert.equal(r2.items[0].story, 'story:wire-a');
      // c: 6 bits from a (similarity exactly 0.90625), 9 from b; d: 1 bit from c, 5 from a.
      const c = plainDoc('wire-c', 'Dépêche reprise, version C.', { simhash: flipBits(base, 6, 1) });
      const d = plainDoc('wire-d', 'Dépêche reprise, version D.', { simhash: flipBits(flipBits(base, 6, 1), 1, 1) });
      const r3 = await s.putDocuments([c, d]);
      assert.deepEqual(r3.items.map((i) => i.story), ['story:wire-a', 'story:wire-a']);
      const story = await s.storyOf('wire-b');
      assert.deepEqual(story, {
        id: 'story:wire-a',
        first: 'wire-a',
        size: 4,
        members: [
          { id: 'wire-a', similarity: 1, linkedTo: null },
          { id: 'wire-b', similarity: 61 / 64, linkedTo: 'wire-a' },
          { id: 'wire-c', similarity: 58 / 64, linkedTo: 'wire-a' },
          // d is linked to its nearest stored document.
          { id: 'wire-d', similarity: 63 / 64, linkedTo: 'wire-c' },
        ],
      });
      assert.equal(await s.storyOf('far'), null);
      assert.equal((await s.stats()).stories, 1);
      // Re-putting a member reports its story.
      assert.equal((await s.putDocuments([b])).items[0].story, 'story:wire-a');
    });

    test('near-duplicates inside one batch are linked too', async () => {
      const s = await fresh();
      const base = '00ff00ff00ff00ff';
      const r = await s.putDocuments([
        plainDoc('p1', 'Version un.', { simhash: base }),
        plainDoc('p2', 'Version deux.', { simhash: flipBits(base, 2) }),
        plainDoc('q1', 'Autre histoire.', { simhash: 'ff00ff00ff00ff00' }),
        plainDoc('p3', 'Version trois.', { simhash: flipBits(base, 4) }),
      ]);
      assert.deepEqual(r.items.map((i) => i.story), ['story:p1', 'story:p1', null, 'story:p1']);
      assert.equal((await s.storyOf('p1'))?.size, 3);
      assert.deepEqual((await s.storyOf('p3'))?.members.map((m) => m.id), ['p1', 'p2', 'p3']);
    });

    test('a batch with a document the store rejects leaves nothing of that batch stored', async () => {
      const s = await fresh();
      await s.putDocuments([plainDoc('before', 'Déjà là.')]);
      const bad = plainDoc('bad', 'Court texte.');
      bad.dates = [{ start: 3, end: 400, text: 'x', value: '2016', precision: 'year' }];
      const good1 = richFrench('g1');
      const good2 = englishDoc('g2');
      const near = plainDoc('near', 'Presque pareil.', { simhash: flipBits('f0f0f0f0f0f0f0f0', 1) });
      await assert.rejects(s.putDocuments([good1, near, good2, bad]), /bad.*offsets|offsets.*bad/s);
      assert.equal((await s.hasHashes([good1.hash])).has(good1.hash), false);
      assert.equal((await s.hasHashes([good2.hash])).has(good2.hash), false);
      assert.equal(await s.getDocument('g1'), null);
      const st = await s.stats();
      assert.equal(st.documents, 1);
      assert.equal(st.events, 0);
      assert.equal(st.stories, 0);
      assert.deepEqual(await s.search('hopital'), []);
      // The same batch without the bad document then goes in whole.
      const r = await s.putDocuments([good1, near, good2]);
      assert.equal(r.inserted, 3);
      assert.equal(r.items[1].story, 'story:g1');
    });

    test('documents without simhash, title or outlet are stored and found', async () => {
      const s = await fresh();
      const d = plainDoc('nohash', 'Un texte minimal sur Raqqa.', { simhash: '' });
      const r = await s.putDocuments([d]);
      assert.equal(r.items[0].story, null);
      assert.deepEqual(await s.getDocument('nohash'), json(toAnnotation(d)));
      assert.deepEqual((await s.search('raqqa')).map((h) => h.id), ['nohash']);
      assert.deepEqual(await s.putDocuments([]), { inserted: 0, duplicates: 0, items: [] });
    });

    const skip = hooks.skipReason ?? false;
    test('data persists when the store is closed and reopened', { skip: hooks.reopen ? false : skip || 'no reopen hook' }, async () => {
      let s = await fresh();
      const fr = richFrench();
      await s.putDocuments([fr, plainDoc('near', 'Presque pareil.', { simhash: flipBits(fr.simhash, 2) })]);
      s = await hooks.reopen!(s);
      opened.push(s);
      assert.deepEqual(await s.getDocument('fr-rich'), json(toAnnotation(fr)));
      assert.equal((await s.putDocuments([richFrench()])).duplicates, 1);
      assert.deepEqual((await s.search('hopital')).map((h) => h.id), ['fr-rich']);
      assert.equal((await s.storyOf('near'))?.size, 2);
    });

    test('an older schema is migrated on open, its documents kept and indexed', { skip: hooks.openLegacy ? false : skip || 'no legacy hook' }, async () => {
      const s = await hooks.openLegacy!();
      opened.push(s);
      const d = await s.getDocument('legacy-1');
      assert.equal(d?.title, 'Ancien');
      assert.match(d!.text, /l'hôpital/);
      assert.deepEqual((await s.search('hopitaux')).map((h) => h.id), ['legacy-1']);
      const r = await s.putDocuments([richFrench()]);
      assert.equal(r.inserted, 1);
      assert.equal((await s.stats()).documents, 2);
    });

    test('the nearest near-duplicate wins; on a tie, the earliest stored', async () => {
      const s = await fresh();
      const h = '3c3c3c3c5a5a5a5a';
      const a = plainDoc('tie-a', 'Version A.', { simhash: flipBits(h, 2, 0) }); // 2 bits from h
      const b = plainDoc('tie-b', 'Version B.', { simhash: flipBits(h, 2, 27) }); // 2 bits from h, 4 from a
      await s.putDocuments([a]);
      await s.putDocuments([b]);
      const r = await s.putDocuments([plainDoc('tie-h', 'Version H.', { simhash: h })]);
      assert.equal(r.items[0].story, 'story:tie-a');
      const story = await s.storyOf('tie-h');
      assert.deepEqual(story?.members.map((m) => [m.id, m.linkedTo]), [['tie-a', null], ['tie-b', 'tie-a'], ['tie-h', 'tie-a']]);
      // One bit from b, three from a: the nearest wins.
      const r2 = await s.putDocuments([plainDoc('near-b', 'Version B bis.', { simhash: flipBits(flipBits(h, 2, 27), 1, 40) })]);
      assert.equal((await s.storyOf('near-b'))?.members.find((m) => m.id === 'near-b')?.linkedTo, 'tie-b');
      assert.equal(r2.items[0].story, 'story:tie-a');
    });

    test('a rejected batch leaves no trace in near-duplicate linking', async () => {
      const s = await fresh();
      const base = 'c0c0c0c0c0c0c0c0';
      await s.putDocuments([plainDoc('base', 'Base.', { simhash: base })]);
      const rejectedNear = plainDoc('gone', 'Disparu.', { simhash: flipBits(base, 5) });
      const bad = plainDoc('bad', 'Mauvais.');
      bad.framing = [{ start: 0, end: 99, text: 'x', term: 'x' }];
      await assert.rejects(s.putDocuments([rejectedNear, bad]), /offsets/);
      // 2 bits from the rejected document, 7 from base: nothing to link to.
      const after = plainDoc('after', 'Après.', { simhash: flipBits(flipBits(base, 5), 2, 50) });
      const r = await s.putDocuments([after]);
      assert.equal(r.items[0].story, null);
      assert.equal(await s.storyOf('base'), null);
      // The same document, put again without the bad one, is linked to its nearest (after: 2 bits).
      assert.equal((await s.putDocuments([rejectedNear])).items[0].story, 'story:after');
    });

    test('a re-put duplicate reports the story its document joined in the same batch', async () => {
      const s = await fresh();
      const a = plainDoc('orig', 'Original.', { simhash: '1234123412341234' });
      await s.putDocuments([a]);
      const r = await s.putDocuments([plainDoc('copy', 'Original.', { simhash: '1234123412341234' }), plainDoc('near', 'Presque.', { simhash: flipBits('1234123412341234', 1) })]);
      assert.deepEqual(r.items.map((i) => [i.id, i.inserted, i.story]), [['orig', false, 'story:orig'], ['near', true, 'story:orig']]);
    });

    test('many documents: events in storage order, filters, limits, stats', async () => {
      const s = await fresh();
      const docs = Array.from({ length: 120 }, (_, i) => numberedDoc(i));
      for (let i = 0; i < docs.length; i += 50) await s.putDocuments(docs.slice(i, i + 50));
      const all = await s.events();
      assert.equal(all.length, 240);
      assert.deepEqual(all.slice(0, 3).map((r) => `${r.doc_id}/${r.id}`), ['n0/e1', 'n0/e2', 'n1/e1']);
      assert.equal(all[239].doc_id, 'n119');
      assert.equal(all[239].evidence, docs[119].events[1].evidence.text);
      assert.equal((await s.events({ limit: 7 })).length, 7);
      assert.deepEqual((await s.events({ actor: 'FDS', limit: 3 })).map((r) => `${r.doc_id}/${r.id}`), ['n0/e2', 'n1/e2', 'n2/e2']);
      assert.equal((await s.events({ type: 'battles', place: 'alep' })).length, 120);
      // Paging: offset + limit pages, concatenated, are exactly the full list (pages of 7 split
      // documents, whose 2 events then land on two pages), with and without a filter.
      const key = (r: { doc_id: string; id: string }): string => `${r.doc_id}/${r.id}`;
      const pages = async (f: Parameters<Store['events']>[0], size: number): Promise<string[]> => {
        const out: string[] = [];
        for (let offset = 0; ; offset += size) {
          const page = await s.events({ ...f, offset, limit: size });
          assert.ok(page.length <= size);
          out.push(...page.map(key));
          if (page.length < size) return out;
        }
      };
      assert.deepEqual(await pages({}, 7), all.map(key));
      assert.deepEqual(await pages({}, 240), all.map(key));
      const fds = (await s.events({ actor: 'FDS' })).map(key);
      assert.equal(fds.length, 120);
      assert.deepEqual(await pages({ actor: 'FDS' }, 13), fds);
      assert.deepEqual((await s.events({ offset: 237 })).map(key), all.slice(237).map(key));
      assert.deepEqual((await s.events({ offset: 101, limit: 3 })).map(key), all.slice(101, 104).map(key));
      assert.deepEqual(await s.events({ offset: 101, limit: 3 }), all.slice(101, 104));
      assert.deepEqual((await s.events({ actor: 'FDS', offset: 50, limit: 2 })).map(key), fds.slice(50, 52));
      assert.deepEqual(await s.events({ offset: 240 }), []);
      assert.deepEqual(await s.events({ offset: 10_000, limit: 5 }), []);
      assert.deepEqual(await s.events({ offset: 5, limit: 0 }), []);
      assert.deepEqual((await s.events({ offset: 0, limit: 2 })).map(key), ['n0/e1', 'n0/e2']);
      assert.deepEqual((await s.events({ offset: -4, limit: 2 })).map(key), ['n0/e1', 'n0/e2']);
      assert.deepEqual((await s.events({ offset: 2.9, limit: 1 })).map(key), ['n1/e1']);
      const st = await s.stats();
      assert.equal(st.documents, 120);
      assert.equal(st.events, 240);
      assert.equal(st.entities, 360);
      assert.equal(st.places, 120);
      assert.deepEqual(await s.getDocument('n77'), json(toAnnotation(docs[77])));
    });

    test('a near-duplicate or duplicate stored by another writer is seen', { skip: hooks.openSecond ? false : skip || 'no second-connection hook' }, async () => {
      const a = await fresh();
      const b = await hooks.openSecond!(a);
      opened.push(b);
      const base = '9a9a9a9a9a9a9a9a';
      await b.putDocuments([plainDoc('b-first', 'Premier de b.', { simhash: 'ffffffffffffffff' })]); // b has loaded its index
      await a.putDocuments([plainDoc('from-a', 'Écrit par a.', { simhash: base })]);
      const r = await b.putDocuments([plainDoc('from-b', 'Écrit par b.', { simhash: flipBits(base, 3) }), plainDoc('again', 'Écrit par a.')]);
      assert.deepEqual(r.items.map((i) => [i.id, i.inserted, i.story]), [['from-b', true, 'story:from-a'], ['from-a', false, 'story:from-a']]);
      const r2 = await a.putDocuments([plainDoc('from-a-2', 'Encore a.', { simhash: flipBits(base, 1, 5) })]);
      assert.equal(r2.items[0].story, 'story:from-a');
      assert.equal((await a.storyOf('from-a'))?.size, 3);
      assert.deepEqual(await b.documentIds(), ['b-first', 'from-a', 'from-b', 'from-a-2']);
    });

    test('an older database with annotations is migrated: records, events, filters and stats unchanged', { skip: hooks.openLegacyWith ? false : skip || 'no legacy hook' }, async () => {
      const docs = [richFrench(), englishDoc(), plainDoc('bare', 'Texte sans source.', { simhash: '' })];
      const s = await hooks.openLegacyWith!(docs);
      opened.push(s);
      const ref = await fresh();
      await ref.putDocuments([richFrench(), englishDoc(), plainDoc('bare', 'Texte sans source.', { simhash: '' })]);
      for (const d of docs) assert.deepEqual(await s.getDocument(d.id), json(toAnnotation(d)), d.id);
      assert.deepEqual(await s.events(), await ref.events());
      for (const f of [{ actor: 'FDS' }, { actor: 'hizbullah' }, { place: 'alep' }, { from: '2016-11', to: '2017' }, { outlet: 'reuters' }, { type: 'battles' }]) {
        assert.deepEqual(await s.events(f), await ref.events(f), JSON.stringify(f));
      }
      assert.deepEqual(await s.stats(), await ref.stats());
      assert.deepEqual((await s.search('hopital')).map((h) => h.id), ['fr-rich']);
      // The migrated SimHashes are found; the migrated hashes are duplicates.
      const r = await s.putDocuments([plainDoc('near-fr', 'Presque pareil.', { simhash: flipBits(docs[0].simhash, 2) }), englishDoc('en-again')]);
      assert.deepEqual(r.items.map((i) => [i.id, i.inserted, i.story]), [['near-fr', true, 'story:fr-rich'], ['en-1', false, null]]);
    });
  });
}

export { span, type Doc };
