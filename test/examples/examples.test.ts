/** The bundled examples: fictional, listed in the README, well-formed, varied enough. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { repoPath } from '../helpers.js';

const DIR = repoPath('examples');
const files = readdirSync(DIR).filter((f) => f !== 'README.md' && !f.startsWith('.') && statSync(join(DIR, f)).isFile()).sort();
const read = (f: string): string => readFileSync(join(DIR, f), 'utf8');
const xml = new XMLParser({ ignoreAttributes: false });

/** The articles in one file: one per txt/html, one per JSONL line, one per feed item. */
function articles(f: string): string[] {
  const s = read(f);
  if (f.endsWith('.jsonl')) {
    return s.split('\n').filter((l) => l.trim()).map((l) => {
      const o = JSON.parse(l) as { id?: string; text?: string; html?: string };
      assert.ok(o.id, `${f}: a line without id`);
      assert.ok(o.text || o.html, `${f}: ${o.id} has no text nor html`);
      return (o.text ?? o.html)!;
    });
  }
  if (f.endsWith('.rss')) {
    const items = xml.parse(s).rss.channel.item as { description: string }[];
    return items.map((i) => i.description);
  }
  if (f.endsWith('.atom')) {
    const entries = xml.parse(s).feed.entry as { content: { '#text': string } }[];
    return entries.map((e) => e.content['#text']);
  }
  return [s];
}

test('at least 14 articles in txt, html, jsonl, RSS and Atom', () => {
  const all = files.flatMap(articles);
  assert.ok(all.length >= 14, `${all.length} articles`);
  const exts = new Set(files.map((f) => f.slice(f.lastIndexOf('.') + 1)));
  for (const e of ['txt', 'html', 'jsonl', 'rss', 'atom']) assert.ok(exts.has(e), `no .${e} example`);
  for (const a of all) assert.ok(a.length > 300, 'an article is too short');
});

test('the README says they are fictional and lists every file', () => {
  const readme = read('README.md');
  assert.match(readme, /fictional/i);
  assert.match(readme, /written by the Vigie team/i);
  for (const f of files) assert.ok(readme.includes(`\`${f}\``), `README does not list ${f}`);
});

test('French first, English too; several conflicts', () => {
  const fr = files.filter((f) => f.startsWith('fr-') || f.startsWith('flux-'));
  const en = files.filter((f) => f.startsWith('en-') || f.startsWith('feed-'));
  assert.ok(fr.length > en.length && en.length >= 3, `${fr.length} fr, ${en.length} en`);
  const text = files.map(read).join('\n');
  for (const place of ['Alep', 'Kharkiv', 'Hodeïda', 'Gaza', 'Ménaka', 'Djibo', 'Kherson', 'Rafah']) assert.ok(text.includes(place), place);
});

test('dates stay within 2016–2024', () => {
  for (const f of files) {
    const years = [...read(f).replace(/https?:[^\s"]*/g, "").matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0])).filter((y) => y >= 1990);
    assert.ok(years.length > 0, `${f}: no year`);
    for (const y of years) assert.ok((y >= 2012 && y <= 2024), `${f}: year ${y}`);
    assert.ok(years.some((y) => y >= 2016), `${f}: no date in 2016–2024`);
  }
});

test('one syndicated copy (near-duplicate) and one event told by two outlets with different words', () => {
  const body = (f: string): Set<string> => new Set(read(f).split('\n').filter((l) => l.length > 80));
  const a = body('fr-alep-frappes.txt');
  const b = body('fr-alep-frappes-reprise.txt');
  const shared = [...a].filter((l) => b.has(l)).length;
  assert.ok(shared >= 5 && shared / a.size > 0.8, `syndicated copy shares ${shared}/${a.size} paragraphs`);
  assert.notEqual(read('fr-alep-frappes.txt'), read('fr-alep-frappes-reprise.txt'));
  const official = read('fr-khan-cheikhoun-depeche-officielle.txt');
  const opposition = read('fr-khan-cheikhoun-opposition.html');
  assert.match(official, /terroristes/);
  assert.match(official, /libér/);
  assert.match(opposition, /forces du régime/);
  assert.match(opposition, /rebelles/);
  assert.doesNotMatch(opposition, /terroristes/);
  assert.doesNotMatch(official, /forces du régime/);
});

test('the demo script exists and is executable', () => {
  const st = statSync(repoPath('scripts', 'demo.sh'));
  assert.ok(st.mode & 0o111, 'scripts/demo.sh is not executable');
  assert.match(readFileSync(repoPath('scripts', 'demo.sh'), 'utf8'), /ingest[\s\S]*stats[\s\S]*events --format table/);
});
