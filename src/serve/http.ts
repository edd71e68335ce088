/**
 * The small HTTP layer of `vigie serve`, on node:http: JSON answers, JSON errors that name
 * the faulty parameter, query-string validation. No framework: the API is read-only and has a
 * handful of routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { parseIsoBound } from '../cli/common.js';

/** An error answered as JSON `{ error: { status, message, parameter? } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

export const badParam = (parameter: string, message: string): HttpError => new HttpError(400, `${parameter}: ${message}`, parameter);
export const notFound = (message: string): HttpError => new HttpError(404, message);

/** Security headers on every answer: the page may load only what this server serves. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
};

/** Bodies larger than this are gzipped when the client accepts it (GeoJSON, outlines). */
const GZIP_MIN_BYTES = 16 * 1024;

/** Sends a body, gzipped when it is large and the client accepts gzip. */
export function sendBody(req: IncomingMessage, res: ServerResponse, status: number, body: Buffer, headers: Record<string, string | number>): void {
  const h: Record<string, string | number> = { ...SECURITY_HEADERS, ...headers, vary: 'accept-encoding' };
  let out = body;
  if (body.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    out = gzipSync(body, { level: 5 });
    h['content-encoding'] = 'gzip';
  }
  h['content-length'] = out.length;
  res.writeHead(status, h);
  res.end(req.method === 'HEAD' ? undefined : out);
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void {
  sendBody(req, res, status, Buffer.from(JSON.stringify(body)), { 'content-type': contentType, 'cache-control': 'no-store' });
}

export function sendError(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  if (e instanceof HttpError) {
    const err: Record<string, unknown> = { status: e.status, message: e.message };
    if (e.parameter) err.parameter = e.parameter;
    sendJson(req, res, e.status, { error: err });
    return;
  }
  process.stderr.write(`vigie serve: ${(e as Error)?.stack ?? String(e)}\n`);
  sendJson(req, res, 500, { error: { status: 500, message: 'internal error (see the server log)' } });
}

/**
 * The query string of a request, checked: every parameter must be one of `allowed`, and none
 * may be repeated (a repeated filter is almost always a mistake in a hand-written URL).
 */
export function queryOf(url: URL, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of url.searchParams) {
    if (!allowed.includes(k)) {
      throw badParam(k, `unknown parameter${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (this route takes none)'}`);
    }
    if (out.has(k)) throw badParam(k, 'given more than once');
    out.set(k, v);
  }
  return out;
}

/** A non-negative integer parameter within [min, max], or `def` when absent. */
export function intParam(q: Map<string, string>, name: string, def: number, min: number, max: number): number {
  const v = q.get(name);
  if (v === undefined) return def;
  if (!/^\d+$/.test(v.trim())) throw badParam(name, `expected an integer between ${min} and ${max}, got "${v}"`);
  const n = Number(v);
  if (n < min || n > max) throw badParam(name, `expected an integer between ${min} and ${max}, got ${n}`);
  return n;
}

/** A non-empty text parameter (trimmed), or undefined when absent. */
export function textParam(q: Map<string, string>, name: string, maxLength = 200): string | undefined {
  const v = q.get(name);
  if (v === undefined) return undefined;
  const t = v.trim();
  if (!t) throw badParam(name, 'must not be empty');
  if (t.length > maxLength) throw badParam(name, `longer than ${maxLength} characters`);
  return t;
}

/** An ISO date bound YYYY[-MM[-DD]] (the rule `vigie events --from/--to` applies). */
export function dateParam(q: Map<string, string>, name: string): string | undefined {
  const v = textParam(q, name, 10);
  if (v === undefined) return undefined;
  try {
    return parseIsoBound(v);
  } catch (e) {
    throw badParam(name, (e as Error).message);
  }
}

export function choiceParam<T extends string>(q: Map<string, string>, name: string, choices: readonly T[], def: T): T {
  const v = q.get(name);
  if (v === undefined) return def;
  if (!(choices as readonly string[]).includes(v)) throw badParam(name, `expected one of ${choices.join(', ')}, got "${v}"`);
  return v as T;
}
