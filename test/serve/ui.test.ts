/**
 * The web UI in real headless Chromium (the Debian package at /usr/bin/chromium, driven by
 * playwright-core; no browser is ever downloaded). Never skipped: when Chromium is missing the
 * test fails and says how to install it (scripts/ensure-services.sh does).
 *
 * Over a temporary SQLite store filled with the fictional examples: load the page, filter
 * events, open one, see its evidence highlighted in its text (and the syndicated copy),
 * search, look at the outlets view; and check the page loads nothing from elsewhere.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { RunningServer } from '../../src/serve/server.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/store.js';
import { EXAMPLE_ARTICLES, fillWithExamples, serveStore } from './fixture.js';

const CHROMIUM = process.env.VIGIE_CHROMIUM ?? '/usr/bin/chromium';

let dir: string;
let store: Store;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const foreign: string[] = [];
const problems: string[] = [];

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: run \`bash scripts/ensure-services.sh\` (apt-get install -y chromium) or set VIGIE_CHROMIUM.`);
  }
  dir = mkdtempSync(join(tmpdir(), 'vigie-ui-'));
  store = await openStore(join(dir, 'vigie.db'));
  await fillWithExamples(store);
  server = await serveStore(store);
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  // Anything not served by Vigie is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url + '/') || url.startsWith('data:')) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
});

after(async () => {
  await context?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function settled(): Promise<void> {
  await page.waitForSelector('main[aria-busy="false"]');
}

test('UI: events table, filters, event detail with highlighted evidence, search, outlets', async () => {
  await page.goto(server.url + '/');
  await settled();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Events' }).waitFor());
  assert.equal(await page.locator('#store-summary').textContent(), `${EXAMPLE_ARTICLES} documents · ${(await store.stats()).events} events · ${(await store.stats()).stories} stories`);
  const all = await store.events({});
  assert.equal(await page.locator('table.events tbody tr').count(), Math.min(50, all.length));
  assert.equal(await page.locator('table.events caption').textContent(), `1–${Math.min(50, all.length)} of ${all.length} events`);
  assert.ok((await page.locator('table.events thead th[scope="col"]').count()) >= 8);
  // The map: one dot per event with coordinates, over country outlines.
  const geo = all.filter((e) => e.place);
  assert.equal(await page.locator('svg.mapsvg .points circle').count(), geo.length);
  assert.ok((await page.locator('svg.mapsvg .land path').count()) > 150);

  // Filter: place "Alep" (the French name; the places are stored as Aleppo & co.).
  await page.getByLabel('Place').fill('Alep');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForFunction("location.hash.includes('place=Alep')");
  await settled();
  const alep = await store.events({ place: 'Alep' });
  assert.ok(alep.length > 0);
  const rows = page.locator('table.events tbody tr');
  assert.equal(await rows.count(), alep.length);
  assert.match((await page.locator('table.events caption').textContent()) ?? '', /place = "Alep"/);
  const strike = alep.find((e) => e.place?.name === 'Aleppo');
  assert.ok(strike, 'an event at Aleppo');

  // Then also by type, with the select.
  await page.getByLabel('Event type', { exact: true }).selectOption(strike.type);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForFunction("location.hash.includes('type=')");
  await settled();
  const typed = await store.events({ place: 'Alep', type: strike.type });
  assert.equal(await rows.count(), typed.length);
  for (const t of await page.locator('table.events tbody th a').allTextContents()) assert.ok(t.startsWith(strike.type + ' /'), t);

  // Open the Aleppo event (keyboard: focus its link and press Enter).
  const link = page.locator('table.events tbody tr', { hasText: 'Aleppo (SY)' }).first().getByRole('link');
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction("location.hash.startsWith('#/event/')");
  await settled();
  const h1 = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  assert.equal(h1, `${strike.type} / ${strike.subtype}`);
  const opened = decodeURIComponent(String(await page.evaluate('location.hash')));
  const ev = alep.find((e) => opened.includes(e.id) && opened.includes(`doc=${e.doc_id}`));
  assert.ok(ev, `the opened event is one of the filtered rows (${opened})`);
  // The evidence sentence is highlighted in the first report's text, and visible.
  const mark = page.locator('#evidence-0');
  await mark.waitFor();
  assert.equal(await mark.evaluate((el) => el.tagName), 'MARK');
  const firstReport = page.locator('article.report').first();
  const marked = (await firstReport.locator('.doctext mark.evidence').allTextContents()).join('');
  assert.equal(marked, ev.evidence);
  assert.ok(await mark.isVisible());
  const box = await mark.boundingBox();
  assert.ok(box && box.y < 900 && box.y + box.height > 0, 'scrolled into view');
  // The syndicated copy on the other site is shown as a copy, with its own highlight.
  const copy = page.locator('article.report.r-copy');
  assert.equal(await copy.count(), 1);
  assert.match((await copy.getByRole('heading', { level: 3 }).textContent()) ?? '', /Copy of the same dispatch/);
  assert.equal((await copy.locator('.doctext mark.evidence').allTextContents()).join(''), ev.evidence);

  // The same capture told by two outlets: the page says who reports it, each text highlighted.
  const opp = await store.getDocument('fr-khan-cheikhoun-opposition');
  assert.ok(opp);
  const capture = opp.events.find((e) => /territory/.test(e.subtype) && /Khan/.test(opp.places.find((p) => p.id === e.place)?.name ?? ''));
  assert.ok(capture, 'the opposition outlet reports the change of control of Khan Cheikhoun');
  await page.goto(`${server.url}/#/event/${encodeURIComponent(capture.id)}?doc=fr-khan-cheikhoun-opposition`);
  await settled();
  const who = page.getByRole('region', { name: 'Who reports it' });
  assert.match((await who.textContent()) ?? '', /La Voix d'Idleb — this report/);
  assert.match((await who.textContent()) ?? '', /independent report/);
  const independent = page.locator('article.report.r-corroborating').filter({ has: page.locator('a[href="#/document/fr-khan-cheikhoun-depeche-officielle"]') });
  assert.equal(await independent.count(), 1);
  const off = (await store.getDocument('fr-khan-cheikhoun-depeche-officielle'))!;
  const offEv = off.events.find((e) => /territory/.test(e.subtype) && /Khan/.test(off.places.find((p) => p.id === e.place)?.name ?? ''));
  assert.equal((await independent.locator('.doctext mark.evidence').allTextContents()).join(''), offEv?.evidence.text);
  assert.match((await independent.locator('.doctext .framing').allTextContents()).join(' '), /terroristes/);

  // Search, accent-insensitive, from the navigation.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Search' }).click();
  await settled();
  await page.getByLabel('Search the stored articles').fill('hopital');
  await page.getByLabel('Search the stored articles').press('Enter');
  await page.waitForFunction("location.hash.includes('q=hopital')");
  await settled();
  const hits = await store.search('hopital', { limit: 50 });
  assert.ok(hits.length > 0);
  assert.equal(await page.locator('ol.results > li').count(), hits.length);
  assert.match((await page.getByRole('heading', { level: 2 }).first().textContent()) ?? '', new RegExp(`^${hits.length} results? for`));
  const marks = await page.locator('ol.results mark').allTextContents();
  assert.ok(marks.some((m) => m.toLowerCase() === 'hôpital'), JSON.stringify(marks));
  // A result opens its document, annotations highlighted.
  await page.locator('ol.results > li a').first().click();
  await settled();
  assert.ok((await page.locator('.doctext mark.evidence').count()) > 0);
  assert.ok((await page.locator('.doctext .place').count()) > 0);

  // Outlets & framing: each outlet's loaded vocabulary.
  await page.getByRole('link', { name: 'Outlets & framing' }).click();
  await settled();
  const row = page.locator('table.outlets-table tbody tr', { hasText: "La Voix d'Idleb" });
  assert.equal(await row.count(), 1);
  assert.match((await row.textContent()) ?? '', /forces du régime/);
  assert.ok((await page.locator('table.matrix tbody tr').count()) > 0);

  assert.deepEqual(foreign, [], 'requests to anything but Vigie');
  assert.deepEqual(problems, []);
});

test('UI: a bad filter shows the API error, by name', async () => {
  await page.goto(server.url + '/#/events?from=2016-13');
  await settled();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /from: expected an ISO date/);
});
