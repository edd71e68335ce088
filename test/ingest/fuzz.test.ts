import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBytes, readInputs, type Format } from '../../src/ingest/index.js';
import { cleanStage } from '../../src/clean/index.js';
import { InputError, type Doc } from '../../src/document.js';
import { PACKS } from '../../src/lang/language.js';

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  "L'armée a repris la colline inventée de Tamsar après deux jours de combats.",
  'Selon un observatoire imaginaire, six civils ont été tués à Norvelle.',
  'Rebels shelled the made-up town of Eastmoor on Friday, residents said.',
  '« Nous ne céderons pas », a déclaré le porte-parole fictif.',
  'Partager',
  'Photo: Agence Imaginaire',
  '/ATS',
  'Gazettefile Reportage 15 Janvier 2031, 8:28 PM (IDT)',
];

function makeInput(r: () => number): { bytes: Uint8Array; format: Format | null } {
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const text = () => Array.from({ length: 1 + int(8) }, () => pick(SENTENCES)).join(pick(['\n', '\n\n', ' ', '\r\n']));
  const formats: (Format | null)[] = [null, 'txt', 'html', 'jsonl', 'json', 'feed'];
  const format = pick(formats);
  const kind = int(10);
  let bytes: Uint8Array;
  switch (kind) {
    case 0: // random bytes
      bytes = Uint8Array.from({ length: int(3000) }, () => int(256));
      break;
    case 1: {
      // truncated UTF-8 (cut inside a multi-byte character, possibly)
      const b = Buffer.from(text(), 'utf8');
      bytes = b.subarray(0, int(b.length + 1));
      break;
    }
    case 2: {
      // broken HTML
      const tags = ['<p>', '</p>', '<div class="x">', '<script>', '</script>', '<article>', '<h1>', '<br>', '<!--', '-->', '<table><tr><td>', '<![CDATA[', '<meta property="article:published_time" content="', '&eacute;', '&#99999999;', '<'];
      bytes = Buffer.from(Array.from({ length: 1 + int(40) }, () => (r() < 0.5 ? pick(tags) : pick(SENTENCES))).join(''), 'utf8');
      break;
    }
    case 3: {
      // broken JSON lines
      const lines = Array.from({ length: 1 + int(6) }, () => {
        const rec: Record<string, unknown> = { id: pick(['a', 1, null, [], {}, '']), text: pick([text(), 42, null, '', ['x'], { a: 1 }]), html: pick([undefined, '<p>x</p>', 5]), published: pick([undefined, '2031-01-01', 'nope', 3]), lang: pick([undefined, 'fr', 'xx-yy-zz', '💥', 7]), gold: { x: 1 } };
        const s = JSON.stringify(rec);
        return r() < 0.4 ? s.slice(0, int(s.length)) : s;
      });
      bytes = Buffer.from(lines.join('\n'), 'utf8');
      break;
    }
    case 4: // huge line
      bytes = Buffer.from(pick(SENTENCES).repeat(200 + int(2000)), 'utf8');
      break;
    case 5: {
      // control characters sprinkled
      const b = Buffer.from(text(), 'utf8');
      for (let i = 0; i < 1 + int(20); i++) b[int(b.length)] = int(32);
      bytes = b;
      break;
    }
    case 6: {
      // mixed encodings: UTF-8 and Latin-1 lines
      bytes = Buffer.concat(Array.from({ length: 1 + int(6) }, () => Buffer.concat([Buffer.from(pick(SENTENCES), r() < 0.5 ? 'utf8' : 'latin1'), Buffer.from('\n')])));
      break;
    }
    case 7: {
      // broken feeds
      const items = Array.from({ length: int(4) }, () => `<item><title>${pick(SENTENCES)}</title><description>${r() < 0.5 ? '<![CDATA[' + text() + ']]>' : text()}</description>${r() < 0.5 ? '<pubDate>' + pick(['Wed, 07 Oct 2031 10:00:00 GMT', 'garbage', '']) + '</pubDate>' : ''}</item>`).join('');
      const s = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${items}</channel></rss>`;
      bytes = Buffer.from(r() < 0.4 ? s.slice(0, int(s.length)) : s, 'utf8');
      break;
    }
    case 8: // whitespace-only or empty
      bytes = Buffer.from(pick(['', ' ', '\n\n\t', '\u00a0\u00a0', '\uFEFF']), 'utf8');
      break;
    default: {
      // random Unicode, including lone surrogates and combining marks
      const s = Array.from({ length: 1 + int(500) }, () => String.fromCharCode(r() < 0.7 ? 32 + int(95) : int(0xffff))).join('');
      bytes = Buffer.from(s, 'utf8');
    }
  }
  return { bytes, format };
}

function checkDoc(d: Doc): void {
  cleanStage.run(d, { pack: PACKS.fr });
  assert.equal(typeof d.text, 'string');
  assert.match(d.hash, /^[0-9a-f]{64}$/);
  assert.match(d.simhash, /^[0-9a-f]{16}$/);
  assert.ok(['fr', 'en', 'other'].includes(d.lang));
  assert.ok(d.langConfidence >= 0 && d.langConfidence <= 1);
  assert.ok(d.published === null || /^\d{4}-\d{2}-\d{2}$/.test(d.published));
  for (const s of d.sentences) assert.ok(s.start >= 0 && s.start < s.end && s.end <= d.text.length);
  assert.ok(typeof d.id === 'string' && d.id.length > 0);
}

test('fuzz: 3,000 malformed inputs through the readers and clean, zero crashes', () => {
  const r = rng(20310115);
  let docsSeen = 0;
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const { bytes, format } = makeInput(r);
    let items: (Doc | InputError)[];
    try {
      items = [...readBytes(`fuzz-${i}`, bytes, format, 1 << 20)];
    } catch (e) {
      assert.fail(`input ${i} threw out of the reader: ${(e as Error).stack}`);
    }
    for (const x of items) {
      if (x instanceof InputError) {
        refused++;
        assert.ok(x.reason.length > 0 && x.message.startsWith(`fuzz-${i}`));
      } else {
        docsSeen++;
        try {
          checkDoc(x);
        } catch (e) {
          assert.fail(`input ${i} broke clean: ${(e as Error).message}\n${JSON.stringify(x.raw.slice(0, 200))}`);
        }
      }
    }
  }
  // Both outcomes occur: the generator really produces good and bad inputs.
  assert.ok(docsSeen > 500, `docs ${docsSeen}`);
  assert.ok(refused > 500, `refused ${refused}`);
});

test('fuzz: 200 malformed files in a directory through readInputs, every item a Doc or an InputError', async () => {
  const r = rng(42);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-fuzz-'));
  mkdirSync(join(dir, 'nested'));
  const exts = ['.txt', '.html', '.jsonl', '.json', '.xml', '.rss', '.atom'];
  for (let i = 0; i < 200; i++) {
    const { bytes } = makeInput(r);
    writeFileSync(join(dir, i % 3 === 0 ? 'nested' : '.', `f${String(i).padStart(3, '0')}${exts[i % exts.length]}`), bytes);
  }
  let n = 0;
  for await (const x of readInputs([dir, join(dir, 'does-not-exist')], { maxBytes: 1 << 20 })) {
    n++;
    if (x instanceof InputError) assert.ok(x.path.startsWith(dir));
    else checkDoc(x);
  }
  assert.ok(n >= 200, `items ${n}`);
});
