/** `vigie serve`: the read-only HTTP API and web UI over a store. */
import type { Command } from 'commander';
import { dbUrl, fail, openDb, type GlobalOptions } from '../cli/common.js';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port must be an integer between 0 and 65535, got "${v}"`);
  return n;
}

export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the read-only JSON API and the web UI over the database')
    .option('--port <n>', 'TCP port (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'address to listen on (127.0.0.1: this machine only)', '127.0.0.1')
    .option('-q, --quiet', 'do not log requests')
    .addHelpText(
      'after',
      `
Examples:
  vigie serve                              http://127.0.0.1:8080/ over ./vigie.db
  vigie serve --db postgres://localhost/war --port 9000
  vigie serve --host 0.0.0.0               reachable from the network (no authentication!)

The API is described in docs/API.md (GET /api lists the routes). The page loads nothing
from the network: no CDN, no map tiles.`,
    )
    .action(async (opts: { port: number; host: string; quiet?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as GlobalOptions;
      const store = await openDb(g);
      const { startServer } = await import('./server.js');
      let running;
      try {
        running = await startServer({
          store,
          port: opts.port,
          host: opts.host,
          log: opts.quiet ? undefined : (line) => process.stderr.write(line + '\n'),
        });
      } catch (e) {
        await store.close().catch(() => {});
        return fail(`cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}`);
      }
      process.stderr.write(`vigie: serving ${dbUrl(g)} (${store.kind}) at ${running.url}/ — Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await running.close();
      await store.close();
    });
}
