/**
 * One reader per input format. Each turns decoded text into Docs and InputErrors; none
 * throws for bad input. Readers pass fields through as given (dates and languages are
 * normalized by clean; an input `lang` is read here because newDoc needs it).
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { createRequire } from 'node:module';
import type { XMLParser } from 'fast-xml-parser';
import { InputError, newDoc, type Doc, type Origin } from '../document.js';
import { extractHtml, htmlFragmentToText } from './html.js';
import { parseLangField } from '../clean/language.js';

export type Item = Doc | InputError;
export type Encoding = NonNullable<Origin['encoding']>;

/** "h:" + the first 16 hex digits of the SHA-256 of `s`. */
export function hashId(s: string): string {
  return 'h:' + createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);
}

/** A file's id for single-article files: its name without extension ("-" → hash of the content). */
function fileId(path: string, content: string): string {
  if (path === '-') return hashId(content);
  const b = basename(path);
  const stem = b.slice(0, b.length - extname(b).length) || b;
  return stem || hashId(content);
}

const hasText = (s: string) => /[\p{L}\p{N}]/u.test(s);

export function readTxt(path: string, text: string, encoding: Encoding): Item[] {
  if (!hasText(text)) return [new InputError(path, 'no text (only whitespace or punctuation)')];
  // The title candidate (first line) is decided by clean, which sees the whole text.
  return [newDoc({ id: fileId(path, text), origin: { path, format: 'txt', encoding }, raw: text })];
}

export function readHtml(path: string, html: string, encoding: Encoding): Item[] {
  let a;
  try {
    a = extractHtml(html);
  } catch (e) {
    return [new InputError(path, `unreadable HTML (${(e as Error).message.slice(0, 80)})`)];
  }
  if (!hasText(a.text)) return [new InputError(path, 'HTML with no article text')];
  const doc = newDoc({
    id: fileId(path, html),
    origin: { path, format: 'html', encoding },
    raw: a.text,
    html,
    title: a.title,
    author: a.author,
    outlet: a.outlet,
    published: a.published,
    url: a.url,
  });
  return [doc];
}

const FIELDS = ['id', 'text', 'html', 'title', 'url', 'outlet', 'published', 'lang', 'author'] as const;

/** One JSON record (a JSONL line or an array element) → a Doc or an InputError. */
function readRecord(path: string, rec: unknown, line: number, format: 'jsonl', encoding: Encoding): Item {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return new InputError(path, 'not a JSON object', line);
  const r = rec as Record<string, unknown>;
  const f: Partial<Record<(typeof FIELDS)[number], string>> = {};
  for (const k of FIELDS) {
    const v = r[k];
    if (v === undefined || v === null) continue;
    if (k === 'id' && typeof v === 'number' && Number.isFinite(v)) f.id = String(v);
    else if (typeof v !== 'string') return new InputError(path, `field "${k}" must be a string (got ${Array.isArray(v) ? 'array' : typeof v})`, line);
    else f[k] = v;
  }
  const origin: Origin = { path, format, line, encoding };
  let raw = f.text;
  let html: string | undefined;
  let meta: { title?: string | null; author?: string | null; outlet?: string | null; published?: string | null; url?: string | null } = {};
  if ((raw === undefined || !hasText(raw)) && f.html !== undefined) {
    html = f.html;
    try {
      const a = /<(?:html|body|article|head)\b/i.test(html) ? extractHtml(html) : { text: htmlFragmentToText(html), title: null, author: null, outlet: null, published: null, url: null };
      raw = a.text;
      meta = a;
    } catch {
      return new InputError(path, 'unreadable "html" field', line);
    }
    if (!hasText(raw)) return new InputError(path, '"html" field holds no text', line);
  }
  if (raw === undefined) return new InputError(path, 'missing "text" and "html"', line);
  if (!hasText(raw)) return new InputError(path, 'empty "text"', line);
  let lang: ReturnType<typeof parseLangField> = null;
  const warnings: string[] = [];
  if (f.lang !== undefined) {
    lang = parseLangField(f.lang);
    if (lang === null) warnings.push(`ignored "lang" field "${f.lang.slice(0, 20)}"`);
  }
  const doc = newDoc({
    id: f.id !== undefined && f.id.trim() !== '' ? f.id : hashId(raw),
    origin,
    raw,
    html,
    title: f.title ?? meta.title ?? null,
    author: f.author ?? meta.author ?? null,
    outlet: f.outlet ?? meta.outlet ?? null,
    published: f.published ?? meta.published ?? null,
    url: f.url ?? meta.url ?? null,
    lang,
  });
  doc.warnings.push(...warnings);
  return doc;
}

/** JSON Lines: one article per line; a bad line is refused with its 1-based number, the others go on. Unknown keys (e.g. "gold") are ignored. */
export function* readJsonl(path: string, text: string, encoding: Encoding): Generator<Item> {
  yield* jsonlItems(
    path,
    encoding,
    text.length,
    (from) => text.indexOf('\n', from),
    (a, b) => text.slice(a, b),
  );
}

/**
 * readJsonl over the bytes of a valid UTF-8 text (see utf8Body in decode.ts): the same items,
 * each line decoded on its own (line feeds are single bytes in UTF-8) instead of the whole
 * file being decoded into one string first (a buffer and a string the size of the file, per
 * file, in fresh memory).
 */
export function* readJsonlUtf8(path: string, bytes: Buffer, encoding: Encoding): Generator<Item> {
  yield* jsonlItems(
    path,
    encoding,
    bytes.length,
    (from) => bytes.indexOf(10, from),
    (a, b) => bytes.toString('utf8', a, b),
  );
}

/** The lines of a text of `length` units (code units, or bytes of UTF-8): `newline(from)` the next line feed at or after `from` (or -1), `lineAt(a, b)` the units a..b as a string. */
function* jsonlItems(path: string, encoding: Encoding, length: number, newline: (from: number) => number, lineAt: (a: number, b: number) => string): Generator<Item> {
  let n = 0;
  let start = 0;
  let any = false;
  while (start <= length) {
    let end = newline(start);
    if (end < 0) end = length;
    n++;
    const line = lineAt(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    any = true;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (e) {
      yield new InputError(path, `malformed JSON (${(e as Error).message.slice(0, 80)})`, n);
      continue;
    }
    yield readRecord(path, rec, n, 'jsonl', encoding);
  }
  if (!any) yield new InputError(path, 'no JSON lines');
}

/** A JSON file: an array of article objects, or one article object. */
export function* readJson(path: string, text: string, encoding: Encoding): Generator<Item> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // Maybe JSON Lines after all.
    yield* readJsonl(path, text, encoding);
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) yield new InputError(path, 'empty JSON array');
    for (let i = 0; i < v.length; i++) yield readRecord(path, v[i], i + 1, 'jsonl', encoding);
  } else yield readRecord(path, v, 1, 'jsonl', encoding);
}

let xmlParser: XMLParser | null = null;
/** fast-xml-parser is loaded on the first feed (~60 ms of module loading otherwise paid by every run). */
function xml(): XMLParser {
  if (xmlParser) return xmlParser;
  const { XMLParser: Parser } = createRequire(import.meta.url)('fast-xml-parser') as typeof import('fast-xml-parser');
  xmlParser = new Parser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    cdataPropName: false,
    processEntities: true,
    htmlEntities: true,
    trimValues: true,
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  });
  return xmlParser;
}

/** The text of an XML value that may be a string, a {#text} object or a list. */
function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('#text' in o) return str(o['#text']);
    if (typeof o['@_href'] === 'string') return o['@_href'];
    // Atom xhtml content: a <div> with markup; rebuild a rough text.
    const parts: string[] = [];
    for (const [k, x] of Object.entries(o)) if (!k.startsWith('@_')) parts.push(str(x) ?? '');
    const s = parts.join('\n').trim();
    return s || null;
  }
  return null;
}

function atomLink(v: unknown): string | null {
  if (!Array.isArray(v)) return str(v);
  const alt = v.find((l) => l && typeof l === 'object' && ((l as Record<string, unknown>)['@_rel'] ?? 'alternate') === 'alternate');
  return str(alt ?? v[0]);
}

/** RSS 2.0, RSS 1.0 (RDF) or Atom: one Doc per item. */
export function* readFeed(path: string, text: string, encoding: Encoding): Generator<Item> {
  let root: Record<string, unknown>;
  try {
    root = xml().parse(text) as Record<string, unknown>;
  } catch (e) {
    yield new InputError(path, `malformed XML (${(e as Error).message.slice(0, 80)})`);
    return;
  }
  let items: unknown[] = [];
  let format: 'rss' | 'atom' = 'rss';
  let outlet: string | null = null;
  const rss = root.rss as Record<string, unknown> | undefined;
  const rdf = root['rdf:RDF'] as Record<string, unknown> | undefined;
  const feed = root.feed as Record<string, unknown> | undefined;
  if (rss && typeof rss === 'object') {
    const ch = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Record<string, unknown> | undefined;
    items = (ch?.item as unknown[]) ?? [];
    outlet = str(ch?.title);
  } else if (rdf && typeof rdf === 'object') {
    items = (rdf.item as unknown[]) ?? [];
    outlet = str((rdf.channel as Record<string, unknown> | undefined)?.title);
  } else if (feed && typeof feed === 'object') {
    format = 'atom';
    items = (feed.entry as unknown[]) ?? [];
    outlet = str(feed.title);
  } else {
    yield new InputError(path, 'XML that is neither an RSS nor an Atom feed');
    return;
  }
  if (!Array.isArray(items) || items.length === 0) {
    yield new InputError(path, 'feed with no items');
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const line = i + 1;
    const it = items[i] as Record<string, unknown>;
    if (!it || typeof it !== 'object') {
      yield new InputError(path, `feed item ${line} is empty`, line);
      continue;
    }
    const title = str(it.title);
    const link = format === 'atom' ? atomLink(it.link) : str(it.link);
    const guid = str(it.guid) ?? str(it.id);
    const published = str(it.pubDate) ?? str(it['dc:date']) ?? str(it.published) ?? str(it.updated);
    const author = str(it['dc:creator']) ?? str(it.author);
    const body = str(it['content:encoded']) ?? str(it.content) ?? str(it.description) ?? str(it.summary);
    let raw = '';
    try {
      raw = body ? htmlFragmentToText(body) : '';
    } catch {
      raw = '';
    }
    if (!hasText(raw)) {
      yield new InputError(path, `feed item ${line} has no text`, line);
      continue;
    }
    const doc = newDoc({
      id: guid?.trim() || link?.trim() || hashId(raw),
      origin: { path, format, line, encoding },
      raw,
      html: body ?? undefined,
      title: title ? htmlFragmentToText(title) : null,
      author,
      outlet,
      published,
      url: link,
    });
    yield doc;
  }
}
