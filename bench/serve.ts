// Serves the bundled in-browser benchmarks and the reference server's real handler (PGlite in
// memory) on one loopback origin, so the page's pushes go through the same code as in production.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseEncoding, EncodedFiles } from '../server/demo/compression.js';
import { createHandler, createPGliteStore, demoAuthenticate, toNodeListener } from '../server/index.js';

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

const page = (script: string) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>offline-review bench</title><body><script type="module" src="/${script}"></script>`;
/** The pages: path → bundled script (the bench page; grade to paint; catch-up). */
const PAGES: Record<string, string> = { '/': 'bench.js', '/grade.html': 'grade.js', '/catch-up.html': 'catch-up.js' };

/** Bundles the bench pages into a temp dir; resolves each bundle's text by file name. */
async function bundle(): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'offline-review-bench-'));
  try {
    await build({
      // The answer worker beside the pages: the storage starts it from `./answer-worker.js`.
      entryPoints: { bench: 'bench/browser/bench-page.ts', grade: 'bench/browser/grade-page.ts', 'catch-up': 'bench/browser/catch-up-page.ts', 'answer-worker': 'src/storage/answer-worker.ts' },
      bundle: true,
      format: 'esm',
      target: 'es2021',
      outdir: dir,
      tsconfig: 'tsconfig.json',
      logLevel: 'error',
    });
    return Object.fromEntries([...Object.values(PAGES), 'answer-worker.js'].map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts the bench origin on a free loopback port. */
export async function startBenchServer(): Promise<BenchServer> {
  const scripts = await bundle();
  const encoded = new EncodedFiles();
  const store = await createPGliteStore();
  const api = toNodeListener(createHandler({ store, authenticate: demoAuthenticate, basePath: '/api/review' }));
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path?.startsWith('/api/review')) return void api(req, res);
    const name = path?.slice(1) ?? '';
    const script = scripts[name];
    if (script) {
      // Compressed as the demo compresses its bundles (server/demo/compression.ts), once per encoding.
      const encoding = chooseEncoding(req.headers['accept-encoding'] ?? null);
      const headers = { 'content-type': 'text/javascript; charset=utf-8', vary: 'Accept-Encoding' };
      if (!encoding) {
        res.writeHead(200, headers);
        return void res.end(script);
      }
      void encoded.get(name, '', Buffer.from(script), encoding).then((body) => {
        res.writeHead(200, { ...headers, 'content-encoding': encoding });
        res.end(body);
      });
      return;
    }
    const pageScript = PAGES[path ?? ''];
    if (pageScript) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(page(pageScript));
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
