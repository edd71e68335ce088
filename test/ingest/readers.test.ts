import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readInputs, sniffFormat } from '../../src/ingest/index.js';
import { InputError, type Doc } from '../../src/document.js';
import { repoPath } from '../helpers.js';

const FIX = repoPath('test', 'fixtures', 'ingest');

async function all(paths: string[], opts = {}): Promise<(Doc | InputError)[]> {
  const out: (Doc | InputError)[] = [];
  for await (const x of readInputs(paths, opts)) out.push(x);
  return out;
}
const docs = (xs: (Doc | InputError)[]) => xs.filter((x): x is Doc => !(x instanceof InputError));
const errs = (xs: (Doc | InputError)[]) => xs.filter((x): x is InputError => x instanceof InputError);
const tmp = () => mkdtempSync(join(tmpdir(), 'vigie-ingest-'));

test('txt: one Doc, id from the file name, raw text kept', async () => {
  const d = tmp();
  const p = join(d, 'rapport-17.txt');
  writeFileSync(p, 'Titre inventé\n\nUn paragraphe inventé sur une ville imaginaire.\n');
  const [doc] = docs(await all([p]));
  assert.equal(doc.id, 'rapport-17');
  assert.equal(doc.origin.format, 'txt');
  assert.equal(doc.origin.encoding, 'utf-8');
  assert.match(doc.raw, /^Titre inventé\n\nUn paragraphe/);
});

test('html: Readability main content, meta title/author/date/site/url, raw html kept', async () => {
  const [doc, ...rest] = await all([join(FIX, 'page-fr.html')]);
  assert.equal(rest.length, 0);
  assert.ok(!(doc instanceof InputError));
  assert.equal(doc.origin.format, 'html');
  assert.equal(doc.title, "Frappes sur Valbourg : trois morts selon l'observatoire");
  assert.equal(doc.outlet, 'Le Courrier fictif');
  assert.equal(doc.author, 'Claire Vannier');
  assert.equal(doc.published, '2031-03-14T08:15:00+01:00');
  assert.equal(doc.url, 'https://example.org/valbourg-frappes');
  assert.match(doc.raw, /marché central de Valbourg/);
  assert.match(doc.raw, /changé de mains/);
  assert.doesNotMatch(doc.raw, /Tous droits réservés|Un autre article/);
  // paragraphs stay separate lines
  assert.ok(doc.raw.split('\n\n').length >= 4);
  assert.match(doc.html ?? '', /<article>/);
});

test('jsonl: one Doc per line, fields mapped, unknown keys (gold) ignored, bad lines refused with their number', async () => {
  const d = tmp();
  const p = join(d, 'batch.jsonl');
  const lines = [
    JSON.stringify({ id: 'a1', text: 'Texte inventé numéro un.', title: 'T1', url: 'https://example.org/1', outlet: 'Gazette', published: '2031-01-02', lang: 'fr', gold: { actors: [{ names: ['X'] }] }, extra: 1 }),
    '{"id": "broken", "text": ',
    JSON.stringify({ id: 'a3', title: 'no text' }),
    '',
    JSON.stringify({ id: 'a5', text: 42 }),
    JSON.stringify({ html: '<p>Un fragment <b>HTML</b> inventé.</p>' }),
    JSON.stringify(['not', 'an', 'object']),
    JSON.stringify({ id: 7, text: 'Numeric id is accepted.', lang: 'en-GB' }),
  ];
  writeFileSync(p, lines.join('\n') + '\n');
  const xs = await all([p]);
  const ds = docs(xs);
  const es = errs(xs);
  assert.deepEqual(ds.map((x) => x.id).slice(0, 1), ['a1']);
  const a1 = ds[0];
  assert.equal(a1.title, 'T1');
  assert.equal(a1.outlet, 'Gazette');
  assert.equal(a1.url, 'https://example.org/1');
  assert.equal(a1.published, '2031-01-02');
  assert.equal(a1.lang, 'fr');
  assert.equal(a1.origin.line, 1);
  assert.equal((a1 as unknown as Record<string, unknown>).gold, undefined);
  assert.ok(!JSON.stringify(a1).includes('actors'));
  const frag = ds.find((x) => x.origin.line === 6)!;
  assert.equal(frag.raw, 'Un fragment HTML inventé.');
  assert.match(frag.id, /^h:[0-9a-f]{16}$/);
  const num = ds.find((x) => x.origin.line === 8)!;
  assert.equal(num.id, '7');
  assert.equal(num.lang, 'en');
  assert.deepEqual(es.map((e) => e.line), [2, 3, 5, 7]);
  assert.match(es[0].message, /batch\.jsonl:2: malformed JSON/);
  assert.match(es[1].reason, /missing "text" and "html"/);
  assert.match(es[2].reason, /field "text" must be a string/);
  assert.match(es[3].reason, /not a JSON object/);
});

test('gold-format lines read as articles without the gold key', async () => {
  const d = tmp();
  const p = join(d, 'mini.gold.jsonl');
  writeFileSync(p, JSON.stringify({ id: 'g-1', lang: 'fr', published: null, outlet: 'ATS', text: 'Un texte inventé.', gold: { events: [{ type: 'Battles' }] } }) + '\n');
  const [doc] = docs(await all([p]));
  assert.equal(doc.id, 'g-1');
  assert.equal(doc.outlet, 'ATS');
  assert.ok(!('gold' in doc));
});

test('RSS 2.0: one Doc per item (guid or link as id, pubDate, channel title as outlet); item without text refused', async () => {
  const xs = await all([join(FIX, 'feed.rss')]);
  const ds = docs(xs);
  assert.equal(ds.length, 2);
  assert.equal(ds[0].id, 'norvelle-2031');
  assert.equal(ds[0].title, 'Cessez-le-feu fragile à Norvelle');
  assert.equal(ds[0].outlet, 'Gazette imaginaire');
  assert.equal(ds[0].published, 'Wed, 07 Oct 2031 23:30:00 +0200');
  assert.equal(ds[0].origin.format, 'rss');
  assert.match(ds[0].raw, /^Un cessez-le-feu fragile tient depuis deux jours à Norvelle, ville imaginaire\.\n\nLes deux camps/);
  assert.equal(ds[1].id, 'https://example.org/second');
  assert.equal(ds[1].title, 'Second item & no guid');
  const es = errs(xs);
  assert.equal(es.length, 1);
  assert.equal(es[0].line, 3);
  assert.match(es[0].reason, /no text/);
});

test('Atom: entries with alternate link, updated date, html content', async () => {
  const [doc] = docs(await all([join(FIX, 'feed.atom')]));
  assert.equal(doc.origin.format, 'atom');
  assert.equal(doc.id, 'urn:uuid:eastmoor-1');
  assert.equal(doc.url, 'https://example.org/eastmoor');
  assert.equal(doc.published, '2031-05-02T06:00:00Z');
  assert.equal(doc.outlet, 'Invented Wire');
  assert.equal(doc.raw, 'Shelling was reported near the invented town of Eastmoor on Friday, residents said.');
});

test('directories: recursive, sorted, hidden files and unknown extensions skipped (reported as skipped, not refused)', async () => {
  const skipped: string[] = [];
  const xs = await all([join(FIX, 'dir')], { onSkip: (p: string, reason: string) => skipped.push(`${p.split(/[\\/]/).pop()}: ${reason}`) });
  assert.equal(errs(xs).length, 0);
  assert.deepEqual(
    docs(xs).map((x) => x.id),
    ['a', 'd1'],
  );
  assert.deepEqual(skipped, ['notes.md: not an article format (.md)']);
});

test('files with the same name in different folders get different, stable ids', async () => {
  const d = tmp();
  mkdirSync(join(d, '2030'));
  mkdirSync(join(d, '2031'));
  writeFileSync(join(d, '2030', 'depeche.txt'), 'Titre inventé\n\nUne première dépêche inventée sur Norvelle.\n');
  writeFileSync(join(d, '2031', 'depeche.txt'), 'Titre inventé\n\nUne seconde dépêche inventée sur Tamsar.\n');
  writeFileSync(join(d, 'README.md'), '# Corpus inventé\n');
  // a walked directory: the relative path names the document
  const walked = docs(await all([d]));
  assert.deepEqual(walked.map((x) => x.id), ['2030/depeche', '2031/depeche']);
  assert.deepEqual(docs(await all([d])).map((x) => x.id), walked.map((x) => x.id), 'stable across runs');
  // the same names given directly: the second gets a hash of its content
  const direct = docs(await all([join(d, '2030', 'depeche.txt'), join(d, '2031', 'depeche.txt')]));
  assert.equal(direct[0].id, 'depeche');
  assert.match(direct[1].id, /^depeche-[0-9a-f]{8}$/);
  const again = docs(await all([join(d, '2030', 'depeche.txt'), join(d, '2031', 'depeche.txt')]));
  assert.deepEqual(again.map((x) => x.id), direct.map((x) => x.id));
});

test('stdin: "-" is sniffed (jsonl, html, rss, txt)', async () => {
  const jsonl = docs(await all(['-'], { stdin: Readable.from([Buffer.from('{"id":"s1","text":"Depuis l\'entrée standard."}\n')]) }));
  assert.equal(jsonl[0].id, 's1');
  assert.equal(jsonl[0].origin.path, '-');
  const txt = docs(await all(['-'], { stdin: Readable.from(['Juste du texte inventé.']) }));
  assert.equal(txt[0].origin.format, 'txt');
  assert.match(txt[0].id, /^h:[0-9a-f]{16}$/);
  assert.equal(sniffFormat('  <?xml version="1.0"?><rss version="2.0">'), 'feed');
  assert.equal(sniffFormat('<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
  assert.equal(sniffFormat('<!DOCTYPE html><html>'), 'html');
  assert.equal(sniffFormat('[{"id":1}]'), 'json');
  assert.equal(sniffFormat('\uFEFF{"id":1}'), 'jsonl');
  assert.equal(sniffFormat('Bonjour'), 'txt');
});

test('encodings: UTF-8 BOM stripped; Latin-1/Windows-1252 bytes decoded and reported; mixed lines keep their UTF-8', async () => {
  const d = tmp();
  const bom = join(d, 'bom.txt');
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Début du texte.', 'utf8')]));
  const [b] = docs(await all([bom]));
  assert.equal(b.raw, 'Début du texte.');
  assert.deepEqual(b.warnings, []);

  const latin = join(d, 'latin.txt');
  // "L'armée a frappé à Alep — « été »" in Windows-1252 bytes.
  writeFileSync(latin, Buffer.from([0x4c, 0x27, 0x61, 0x72, 0x6d, 0xe9, 0x65, 0x20, 0x61, 0x20, 0x66, 0x72, 0x61, 0x70, 0x70, 0xe9, 0x20, 0xe0, 0x20, 0x41, 0x6c, 0x65, 0x70, 0x20, 0x97, 0x20, 0xab, 0x20, 0xe9, 0x74, 0xe9, 0x20, 0xbb]));
  const [l] = docs(await all([latin]));
  assert.equal(l.raw, "L'armée a frappé à Alep — « été »");
  assert.equal(l.origin.encoding, 'windows-1252');
  assert.ok(l.warnings.includes('decoded as windows-1252'));

  const mixed = join(d, 'mixed.txt');
  writeFileSync(mixed, Buffer.concat([Buffer.from('Première ligne en UTF-8.\n', 'utf8'), Buffer.from([0x44, 0x65, 0x75, 0x78, 0x69, 0xe8, 0x6d, 0x65, 0x2e])]));
  const [m] = docs(await all([mixed]));
  assert.equal(m.raw, 'Première ligne en UTF-8.\nDeuxième.');
  assert.match(m.warnings[0], /windows-1252 \(1 of 2 lines/);
});

test('refusals name the file and the reason; the rest of the batch goes on', async () => {
  const d = tmp();
  const good = join(d, 'good.txt');
  writeFileSync(good, 'Un bon article inventé.');
  const cases: [string, Buffer | string, RegExp][] = [
    ['empty.txt', '', /empty file/],
    ['blank.txt', '  \n\t \n', /only whitespace/],
    ['bin.txt', Buffer.from([0x41, 0x00, 0x42, 0x43]), /binary file \(NUL bytes\)/],
    ['doc.pdf.txt', Buffer.from('%PDF-1.7\n...'), /binary file \(PDF/],
    ['ctrl.txt', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))), /binary file \(\d+ control bytes/],
    ['bad-utf8.txt', Buffer.from([0x41, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x42]), /invalid UTF-8/],
    ['utf16.txt', Buffer.from([0xff, 0xfe, 0x41, 0x00]), /UTF-16/],
    ['empty.html', '<html><body><script>var x = 1;</script><div>   </div></body></html>', /HTML with no article text/],
    ['nofeed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', /feed with no items/],
    ['notfeed.xml', '<?xml version="1.0"?><catalog><book>1</book></catalog>', /neither an RSS nor an Atom feed/],
    ['punct.txt', '... --- !!!', /no text/],
  ];
  for (const [name, content] of cases) writeFileSync(join(d, name), content);
  const big = join(d, 'big.txt');
  writeFileSync(big, 'x'.repeat(2000));
  const locked = join(d, 'locked.txt');
  writeFileSync(locked, 'secret');
  chmodSync(locked, 0o000);
  const paths = [...cases.map(([n]) => join(d, n)), join(d, 'missing.txt'), big, good];
  const xs = await all(paths, { maxBytes: 1000 });
  const es = errs(xs);
  for (const [name, , reason] of cases) {
    const e = es.find((x) => x.path === join(d, name));
    assert.ok(e, `no refusal for ${name}`);
    assert.match(e.reason, reason, name);
    assert.ok(e.message.startsWith(join(d, name)), e.message);
  }
  assert.match(es.find((x) => x.path.endsWith('missing.txt'))!.reason, /no such file/);
  assert.match(es.find((x) => x.path === big)!.reason, /file too large \(2000 bytes, limit 1000\)/);
  assert.equal(docs(xs).map((x) => x.id).join(), 'good');
  // Permission errors (skipped when running as root, which can read anything).
  if (process.getuid?.() !== 0) {
    const [e] = errs(await all([locked]));
    assert.match(e.reason, /permission denied/);
  }
  mkdirSync(join(d, 'empty-dir'));
  assert.deepEqual(await all([join(d, 'empty-dir')]), []);
});
