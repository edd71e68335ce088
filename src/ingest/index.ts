/**
 * Ingest: turns paths (files, directories walked recursively, "-" for standard input) into
 * Docs, one per article, and InputErrors for what cannot be read. Never throws for bad input:
 * every refusal is yielded with the file and the reason, and the batch goes on.
 *
 * Formats: .txt (one article; its first line is a title candidate), .html/.htm (Readability
 * over linkedom), .jsonl/.ndjson (one article per line), .json (an array of articles), RSS 2.0
 * / RSS 1.0 / Atom (.xml, .rss, .atom). Unknown extensions and standard input are sniffed from
 * the content. Encodings: UTF-8, with a Windows-1252 fallback (reported as a warning).
 */
import { closeSync, fstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InputError, type Doc } from '../document.js';
import { decodeBytes, utf8Body } from './decode.js';
import { hashId, readFeed, readHtml, readJson, readJsonl, readJsonlUtf8, readTxt, type Encoding, type Item } from './readers.js';

export { decodeBytes } from './decode.js';
export { extractHtml, htmlFragmentToText } from './html.js';

export interface ReadOptions {
  /** Largest file accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Standard input (default process.stdin); tests pass their own stream. */
  stdin?: AsyncIterable<Uint8Array | string>;
  /**
   * Called for each file a directory walk leaves out on purpose (an extension that is not an
   * article format: README.md, images, notes): skipped, not refused, so never an InputError.
   */
  onSkip?: (path: string, reason: string) => void;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type Format = 'txt' | 'html' | 'jsonl' | 'json' | 'feed';

const EXT: Record<string, Format> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.xml': 'feed',
  '.rss': 'feed',
  '.atom': 'feed',
};

/** The format of a file by its extension, or null when the extension says nothing. */
export function formatOfPath(path: string): Format | null {
  return EXT[extname(path).toLowerCase()] ?? null;
}

/** The format of some text from its first characters. */
export function sniffFormat(text: string): Format {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return 'jsonl';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('<')) {
    const h = head.slice(0, 1024).toLowerCase();
    if (/<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]/.test(h)) return 'feed';
    if (h.startsWith('<?xml') && !/<html/.test(h)) return 'feed';
    return 'html';
  }
  return 'txt';
}

function* readText(path: string, text: string, format: Format, encoding: Encoding): Generator<Item> {
  switch (format) {
    case 'txt':
      yield* readTxt(path, text, encoding);
      return;
    case 'html':
      yield* readHtml(path, text, encoding);
      return;
    case 'jsonl':
      yield* readJsonl(path, text, encoding);
      return;
    case 'json':
      yield* readJson(path, text, encoding);
      return;
    case 'feed':
      yield* readFeed(path, text, encoding);
      return;
  }
}

/** Reads decoded bytes from one source with its format (null = sniff). Exposed for tests and the CLI. */
export function* readBytes(path: string, bytes: Uint8Array, format: Format | null, maxBytes = DEFAULT_MAX_BYTES): Generator<Item> {
  if (bytes.length > maxBytes) {
    yield new InputError(path, `file too large (${bytes.length} bytes, limit ${maxBytes})`);
    return;
  }
  if (bytes.length === 0) {
    yield new InputError(path, 'empty file');
    return;
  }
  if (format === 'jsonl') {
    // JSON Lines in UTF-8 (the usual bulk input): lines are decoded one at a time (see readJsonlUtf8).
    const body = utf8Body(bytes);
    if (body !== null) {
      try {
        yield* readJsonlUtf8(path, body, 'utf-8');
      } catch (e) {
        yield new InputError(path, `could not be read (${(e as Error)?.message?.slice(0, 100) ?? 'unknown error'})`);
      }
      return;
    }
  }
  const d = decodeBytes(bytes);
  if (!d.ok) {
    yield new InputError(path, d.reason);
    return;
  }
  if (d.text.trim() === '') {
    yield new InputError(path, 'empty file (only whitespace)');
    return;
  }
  const fmt = format ?? sniffFormat(d.text);
  try {
    for (const item of readText(path, d.text, fmt, d.encoding)) {
      if (d.warning && !(item instanceof InputError)) item.warnings.push(d.warning);
      yield item;
    }
  } catch (e) {
    // A reader bug must not stop the batch: report it as a refusal of this file.
    yield new InputError(path, `could not be read (${(e as Error)?.message?.slice(0, 100) ?? 'unknown error'})`);
  }
}

function errMessage(e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return `unreadable (${code ?? (e as Error)?.message ?? 'error'})`;
}

/**
 * The bytes of one file, read synchronously: a thread-pool round trip per call (open, stat,
 * read, close) costs more than the read itself for article-sized files, and the loop that
 * asks for the file has nothing else to do meanwhile.
 */
/**
 * A buffer one readInputs call reuses from one file to the next: it reads one file at a time,
 * and nothing made from a file's bytes keeps them (readers make strings of their own), so a
 * file-sized buffer in fresh memory per file is not needed.
 */
interface Scratch {
  buf: Buffer | null;
}

function readFileCapped(path: string, maxBytes: number, scratch?: Scratch): Uint8Array | InputError {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return new InputError(path, errMessage(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.size > maxBytes) return new InputError(path, `file too large (${st.size} bytes, limit ${maxBytes})`);
    // every byte returned is read into (the rest is cut off below)
    let buf: Buffer;
    if (scratch && st.size > 4096) {
      if (scratch.buf === null || scratch.buf.length < st.size) scratch.buf = Buffer.allocUnsafeSlow(st.size);
      buf = scratch.buf;
    } else buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const bytesRead = readSync(fd, buf, off, st.size - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return buf.subarray(0, off);
  } catch (e) {
    return new InputError(path, errMessage(e));
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* as before: a failed close is not a refusal */
    }
  }
}

async function readStdin(stream: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array | InputError> {
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const c of stream) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c);
      n += b.length;
      if (n > maxBytes) return new InputError('-', `input too large (over ${maxBytes} bytes)`);
      chunks.push(b);
    }
  } catch (e) {
    return new InputError('-', errMessage(e));
  }
  return Buffer.concat(chunks);
}

/** A file found by a walk, with its path relative to the walked directory. */
interface Found {
  path: string;
  rel: string;
}

/**
 * Regular files under a directory, recursively, sorted by name, hidden entries skipped; files
 * whose extension is not an article format are reported to `onSkip` and left out. Synchronous
 * file system calls, as for reading the files (see readFileCapped).
 */
function* walk(dir: string, onSkip: ReadOptions['onSkip'], rel = '', depth = 0): Generator<Found | InputError> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  } catch (e) {
    yield new InputError(dir, errMessage(e));
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      yield new InputError(p, errMessage(e));
      continue;
    }
    const r = rel ? `${rel}/${name}` : name;
    if (st.isDirectory()) {
      if (depth < 64) yield* walk(p, onSkip, r, depth + 1);
    } else if (st.isFile()) {
      if (formatOfPath(p) !== null) yield { path: p, rel: r };
      else onSkip?.(p, `not an article format (${extname(name) || 'no extension'})`);
    }
  }
}

/**
 * Reads paths (files, directories, "-") into Docs and InputErrors. Single-article files (txt,
 * html) get their id from the file: the name without extension for a file given directly or at
 * the top of a given directory, the relative path without extension below it ("2023/a"), and
 * when that id was already given to another file in this call, the name plus a hash of the
 * content ("a-3fa2b1c0"): same names in different folders never share an id.
 */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<Doc | InputError> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const fileIds = new Set<string>();
  const scratch: Scratch = { buf: null };
  for (const p of paths) {
    if (p === '-') {
      const bytes = await readStdin(opts.stdin ?? process.stdin, maxBytes);
      if (bytes instanceof InputError) yield bytes;
      else yield* readBytes('-', bytes, null, maxBytes);
      continue;
    }
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      yield new InputError(p, errMessage(e));
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) {
      yield new InputError(p, 'not a regular file');
      continue;
    }
    const files: Iterable<Found | InputError> = st.isDirectory() ? walk(p, opts.onSkip) : [{ path: p, rel: basename(p) }];
    for (const f of files) {
      if (f instanceof InputError) {
        yield f;
        continue;
      }
      const bytes = readFileCapped(f.path, maxBytes, scratch);
      if (bytes instanceof InputError) {
        yield bytes;
        continue;
      }
      for (const item of readBytes(f.path, bytes, formatOfPath(f.path), maxBytes)) {
        if (!(item instanceof InputError) && (item.origin.format === 'txt' || item.origin.format === 'html')) {
          item.id = uniqueFileId(f.rel, item.html ?? item.raw, fileIds);
        }
        yield item;
      }
    }
  }
}

/** The id of a single-article file (see readInputs). */
function uniqueFileId(rel: string, content: string, taken: Set<string>): string {
  const stem = rel.slice(0, rel.length - extname(rel).length) || rel;
  let id = stem;
  if (taken.has(id)) id = `${basename(stem)}-${hashId(content).slice(2, 10)}`;
  for (let k = 2; taken.has(id); k++) id = `${basename(stem)}-${hashId(content).slice(2, 10)}-${k}`;
  taken.add(id);
  return id;
}
