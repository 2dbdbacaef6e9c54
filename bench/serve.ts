// Serves the bundled in-browser benchmarks and the reference server's real handler (PGlite in
// memory) on one loopback origin, so the page's pushes go through the same code as in production.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandler, createPGliteStore, demoAuthenticate, toNodeListener } from '../server/index.js';

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>offline-review bench</title><script type="module" src="/bench.js"></script>';

/** Bundles bench/browser/bench-page.ts into a temp dir; resolves the bundle's text. */
async function bundle(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'offline-review-bench-'));
  try {
    await build({
      entryPoints: ['bench/browser/bench-page.ts'],
      bundle: true,
      format: 'esm',
      target: 'es2021',
      outfile: join(dir, 'bench.js'),
      tsconfig: 'tsconfig.json',
      logLevel: 'error',
    });
    return readFileSync(join(dir, 'bench.js'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the bench origin on a free loopback port. */
export async function startBenchServer(): Promise<BenchServer> {
  const script = await bundle();
  const store = await createPGliteStore();
  const api = toNodeListener(createHandler({ store, authenticate: demoAuthenticate, basePath: '/api/review' }));
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path?.startsWith('/api/review')) return void api(req, res);
    if (path === '/bench.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(script);
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(PAGE);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const closable = store as { close?: () => Promise<void> | void };
      await closable.close?.();
    },
  };
}
