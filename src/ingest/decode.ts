/**
 * Bytes → text. UTF-8 (BOM stripped); when the bytes are not valid UTF-8 but look like Latin
 * text, Windows-1252 (a superset of Latin-1's printable range), line by line so that a file
 * mixing both keeps its UTF-8 lines intact. Binary content and UTF-16 are refused.
 */
import { isUtf8, transcode } from 'node:buffer';

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'windows-1252'; warning?: string }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What utf8.decode(bytes) gives for bytes that are valid UTF-8 (checked first): the BOM
 * dropped, the rest converted to UTF-16 by transcode (several times faster than TextDecoder
 * on large files; V8 keeps a one-byte string when every code unit fits). Falls back to the
 * decoder where transcode is not available (a Node built without ICU).
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return transcode(body, 'utf8', 'ucs2').toString('ucs2');
  } catch {
    return utf8.decode(bytes);
  }
}

// Windows-1252's 0x80-0x9F (Node's TextDecoder decodes this label as Latin-1 on some builds,
// so the table is explicit). Undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) stay C1 controls.
const C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const cp1252 = {
  decode(b: Uint8Array): string {
    const codes = new Uint16Array(b.length);
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      codes[i] = c >= 0x80 && c < 0xa0 ? C1[c - 0x80] : c;
    }
    let out = '';
    for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.subarray(i, i + 8192));
    return out;
  },
};

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP archive (or office document)'],
  [[0x1f, 0x8b], 'gzip archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG image'],
  [[0xff, 0xd8, 0xff], 'JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF executable'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'SQLite database'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'MS Office document'],
  [[0x42, 0x5a, 0x68], 'bzip2 archive'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz archive'],
];

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** Why `bytes` is binary, or null when it can be text. */
export function binaryReason(bytes: Uint8Array): string | null {
  for (const [sig, what] of MAGIC) if (startsWith(bytes, sig)) return `binary file (${what})`;
  const n = Math.min(bytes.length, 65536);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 0) return 'binary file (NUL bytes)';
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) ctrl++;
  }
  if (ctrl > 8 && ctrl / n > 0.01) return `binary file (${ctrl} control bytes in the first ${n})`;
  return null;
}

/** True when a Windows-1252 decoding reads as Latin text: the high bytes decode to letters and typographic marks. */
function looksLatin(bytes: Uint8Array, text: string): boolean {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) high++;
  if (high === 0) return true;
  // Characters from high bytes: letters, quotes, dashes, NBSP, currency, degree...
  let good = 0;
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    if (/[\p{L}\u2018-\u201F\u2013\u2014\u2026\u00A0\u00AB\u00BB\u00B0\u20AC\u00A3\u00A9\u00AE\u2122\u00B7\u2022\u00BA\u00AA]/u.test(ch)) good++;
    else bad++;
  }
  // Bytes 0x81 0x8D 0x8F 0x90 0x9D are undefined in Windows-1252: they decode to C1 controls.
  return good >= 0.8 * (good + bad);
}

/**
 * The bytes decodeBytes would read as UTF-8 (BOM dropped), when it would and the text is
 * plainly not only white space (its first byte that is not ASCII white space is another ASCII
 * character); else null (then decodeBytes gives the text, the Windows-1252 reading or the
 * refusal). A reader may then decode the bytes piece by piece, each piece cut at a line feed
 * (a byte that is never part of a multi-byte sequence), into strings equal to the pieces of
 * decodeBytes(bytes).text, without making the whole file one string.
 */
export function utf8Body(bytes: Uint8Array): Buffer | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  if (binaryReason(bytes) !== null || !isUtf8(bytes)) return null;
  const from = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let i = from;
  while (i < bytes.length && (bytes[i] === 32 || (bytes[i] >= 9 && bytes[i] <= 13))) i++;
  if (i === bytes.length || bytes[i] >= 0x80) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.length - from);
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, reason: 'UTF-16 text is not supported (convert the file to UTF-8)' };
  }
  const bin = binaryReason(bytes);
  if (bin) return { ok: false, reason: bin };
  if (isUtf8(bytes)) return { ok: true, text: decodeValidUtf8(bytes), encoding: 'utf-8' };
  // Not valid UTF-8: decode line by line, keeping valid UTF-8 lines.
  const parts: string[] = [];
  let start = 0;
  let latinLines = 0;
  const latinChunks: Uint8Array[] = [];
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i);
      let s: string;
      try {
        s = utf8.decode(line);
      } catch {
        s = cp1252.decode(line);
        latinLines++;
        latinChunks.push(line);
      }
      parts.push(s);
      start = i + 1;
    }
  }
  const latinText = latinChunks.map((c) => cp1252.decode(c)).join('\n');
  const latinAll = new Uint8Array(latinChunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of latinChunks) {
    latinAll.set(c, o);
    o += c.length;
  }
  if (!looksLatin(latinAll, latinText)) return { ok: false, reason: 'invalid UTF-8 (and not Windows-1252/Latin-1 text either)' };
  const total = parts.length;
  const warning = latinLines === total || total === 1 ? 'decoded as windows-1252' : `decoded as windows-1252 (${latinLines} of ${total} lines; the others were UTF-8)`;
  return { ok: true, text: parts.join('\n'), encoding: 'windows-1252', warning };
}
