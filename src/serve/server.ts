/**
 * `vigie serve`: the JSON API (src/serve/api.ts) and the web UI (src/serve/public/, static
 * files that use only the API), on node:http. Read-only: GET and HEAD only.
 * Nothing the page loads comes from elsewhere (Content-Security-Policy 'self').
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.js';
import { createApi } from './api.js';
import { HttpError, sendBody, sendError } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** src/serve/public of the repository (found from src/ or from a build folder such as dist/). */
export function publicDir(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, 'package.json'))) return join(d, 'src', 'serve', 'public');
    const up = dirname(d);
    if (up === d) throw new Error('cannot find the repository root (package.json) for the web UI files');
    d = up;
  }
}

function loadStatic(dir: string): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) files.set('/' + name, { body: readFileSync(join(dir, name)), type });
  }
  if (!files.has('/index.html')) throw new Error(`the web UI is missing: no index.html in ${dir}`);
  files.set('/', files.get('/index.html')!);
  return files;
}

export interface ServeOptions {
  store: Store;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Log one line per request to this function. */
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const api = createApi(opts.store);
  const files = loadStatic(publicDir());
  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendError(req, res, new HttpError(400, 'malformed request URL'));
    }
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(req, res, new HttpError(405, `method ${req.method} not allowed: the API is read-only (GET, HEAD)`));
    }
    if (isApi) {
      api.handle(req, res, url).catch((e) => sendError(req, res, e));
      return;
    }
    const f = files.get(url.pathname);
    if (!f) return sendError(req, res, new HttpError(404, `no file ${url.pathname}`));
    sendBody(req, res, 200, f.body, { 'content-type': f.type, 'cache-control': 'no-cache' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
