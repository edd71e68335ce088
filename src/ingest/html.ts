/**
 * HTML → article text and metadata: Readability over linkedom for the main content, the
 * page's <meta> tags (and JSON-LD) for title, author, publication date, site name and URL.
 * Paragraph structure is kept: block elements become lines separated by blank lines.
 */
import { createRequire } from 'node:module';

type Linkedom = typeof import('linkedom');
type ReadabilityClass = (typeof import('@mozilla/readability'))['Readability'];
const require = createRequire(import.meta.url);
let linkedomLib: Linkedom | null = null;
let readabilityLib: ReadabilityClass | null = null;
/**
 * linkedom and Readability are loaded on first HTML (~0.2 s of module loading): runs over
 * text and JSON Lines never pay for them. Both packages ship a CommonJS entry.
 */
function parseHTML(html: string): ReturnType<Linkedom['parseHTML']> {
  linkedomLib ??= require('linkedom') as Linkedom;
  return linkedomLib.parseHTML(html);
}
function readability(): ReadabilityClass {
  readabilityLib ??= (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability;
  return readabilityLib;
}

export interface HtmlArticle {
  text: string;
  title: string | null;
  author: string | null;
  published: string | null;
  outlet: string | null;
  url: string | null;
  lang: string | null;
}

// Minimal DOM shapes used here (the project does not load the DOM lib types).
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  querySelector(sel: string): DomElement | null;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  title?: string;
  querySelectorAll(sel: string): ArrayLike<DomElement>;
  querySelector(sel: string): DomElement | null;
}

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'FIGURE', 'FIGCAPTION', 'ADDRESS', 'HR', 'FORM', 'CAPTION',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'HEAD', 'TITLE', 'META', 'LINK']);

/** Text of a DOM subtree with block structure: blocks separated by blank lines, <br> as a line break. */
export function domToText(root: DomNode, skip: Set<string> = SKIP): string {
  const out: string[] = [];
  let line = '';
  const flush = (sep: string) => {
    const t = line.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (t) out.push(t, sep);
    else if (sep === '\n' && out.length > 0 && out[out.length - 1] !== '\n\n') out.push('\n');
    line = '';
  };
  const walk = (n: DomNode, depth: number) => {
    if (depth > 400) return;
    if (n.nodeType === 3) {
      line += n.textContent ?? '';
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const name = n.nodeName.toUpperCase();
    if (skip.has(name)) return;
    if (name === 'BR') {
      flush('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush('\n\n');
    const kids = n.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i], depth + 1);
    if (block) flush('\n\n');
    else if (name === 'TD' || name === 'TH') line += ' ';
  };
  walk(root, 0);
  flush('\n\n');
  // Join: text pieces followed by their separators; collapse separators.
  let s = '';
  for (const piece of out) {
    if (piece === '\n' || piece === '\n\n') {
      if (s === '') continue;
      if (s.endsWith('\n\n')) continue;
      if (s.endsWith('\n')) s += piece === '\n\n' ? '\n' : '';
      else s += piece;
    } else s += piece;
  }
  return s.trim();
}

function meta(doc: DomDocument, selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? null;
    if (v && v.trim()) return v.trim();
  }
  return null;
}

/** datePublished / author / publisher from JSON-LD blocks (NewsArticle and friends). */
function jsonLd(doc: DomDocument): { published?: string; author?: string; outlet?: string; title?: string } {
  const found: { published?: string; author?: string; outlet?: string; title?: string } = {};
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const nameOf = (x: unknown): string | undefined => {
    if (typeof x === 'string') return x;
    if (Array.isArray(x)) return nameOf(x[0]);
    if (x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string') return (x as { name: string }).name;
    return undefined;
  };
  const visit = (o: unknown, depth: number) => {
    if (!o || typeof o !== 'object' || depth > 4) return;
    if (Array.isArray(o)) {
      for (const x of o) visit(x, depth + 1);
      return;
    }
    const r = o as Record<string, unknown>;
    if (typeof r.datePublished === 'string' && !found.published) found.published = r.datePublished;
    if (r.author && !found.author) found.author = nameOf(r.author);
    if (r.publisher && !found.outlet) found.outlet = nameOf(r.publisher);
    if (typeof r.headline === 'string' && !found.title) found.title = r.headline;
    if (r['@graph']) visit(r['@graph'], depth + 1);
  };
  for (let i = 0; i < scripts.length && i < 10; i++) {
    try {
      visit(JSON.parse(scripts[i].textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common; ignore it.
    }
  }
  return found;
}

const clip = (s: string | null | undefined, n = 300): string | null => {
  if (typeof s !== 'string') return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, n) : null;
};

/** Parses an HTML page (or fragment) and extracts the article; text is '' when none is found. */
export function extractHtml(html: string): HtmlArticle {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const ld = jsonLd(document);
  const published = meta(document, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="sailthru.date"]',
    'time[itemprop="datePublished"]',
    'time[pubdate]',
  ]) ?? ld.published ?? null;
  const outlet = meta(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]']) ?? ld.outlet ?? null;
  const metaAuthor = meta(document, ['meta[name="author"]', 'meta[property="article:author"]', 'meta[name="byl"]']) ?? ld.author ?? null;
  const url = meta(document, ['meta[property="og:url"]']) ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const metaTitle = meta(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']) ?? ld.title ?? null;
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  const docTitle = document.querySelector('title')?.textContent ?? null;

  let text = '';
  let title: string | null = null;
  let byline: string | null = null;
  try {
    const article = new (readability())(document as never, { serializer: (n: unknown) => n as DomNode, charThreshold: 200 }).parse();
    if (article) {
      title = clip(article.title);
      byline = clip(article.byline?.replace(/^\s*(?:par|by)\s+/i, ''), 200);
      if (article.content) text = domToText(article.content as DomNode);
    }
  } catch {
    // Readability fails on some broken pages; fall back to the body below.
  }
  if (!/\p{L}{2}/u.test(text)) {
    // Readability found nothing (short page, fragment): take the body's text without page chrome.
    const { document: again } = parseHTML(html) as unknown as { document: DomDocument };
    const root = again.body ?? again.documentElement;
    text = root ? domToText(root, new Set([...SKIP, 'NAV', 'ASIDE', 'FORM'])) : '';
  }
  return {
    text,
    title: title ?? clip(metaTitle) ?? clip(docTitle),
    author: clip(metaAuthor, 200) ?? byline,
    published: clip(published, 60),
    outlet: clip(outlet, 120),
    url: clip(url, 2000),
    lang: clip(lang, 20),
  };
}

/** Text of an HTML fragment (feed descriptions, JSONL "html" without a page around it). */
export function htmlFragmentToText(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as { document: DomDocument };
  return document.body ? domToText(document.body) : '';
}
