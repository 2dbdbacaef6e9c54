// d. Minified+gzip sizes of what a site ships (the CDN file and the worker), beside the bare
// libraries they stand on, bundled and minified the same way (esbuild minify, gzip -9).
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** gzip -9 size of a text or buffer, in bytes. */
export function gzipSize(data: string | Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

/** Bundles `source` (an ES module importing packages) minified; resolves its gzip size. */
async function bundledSize(source: string, platform: 'browser' = 'browser'): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2021',
    platform,
    write: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  return gzipSize(Buffer.from(result.outputFiles[0]!.contents));
}

export interface SizeResults {
  cdn: number | null;
  sw: number | null;
  lit: number;
  idb: number;
  workboxWindow: number;
  libsTogether: number;
  workboxSw: number;
}

/** Measures every size; `cdn`/`sw` are null when dist/ lacks the file (build first). */
export async function measureSizes(): Promise<SizeResults> {
  const file = (path: string) => (existsSync(path) ? gzipSize(readFileSync(path)) : null);
  return {
    cdn: file('dist/cdn/offline-review.js'),
    sw: file('dist/sw/offline-review-sw.js'),
    lit: await bundledSize("export * from 'lit';"),
    idb: await bundledSize("export * from 'idb';"),
    workboxWindow: await bundledSize("export * from 'workbox-window';"),
    libsTogether: await bundledSize("export * from 'lit'; export * from 'idb'; export * from 'workbox-window';"),
    // What a worker built from the same Workbox modules alone weighs: the worker's own baseline.
    workboxSw: await bundledSize(
      [
        "import { registerRoute, NavigationRoute } from 'workbox-routing';",
        "import { NetworkFirst, CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';",
        "import { precacheAndRoute, cleanupOutdatedCaches } from 'workbox-precaching';",
        "import { ExpirationPlugin } from 'workbox-expiration';",
        'precacheAndRoute(self.__WB_MANIFEST || []); cleanupOutdatedCaches();',
        "registerRoute(new NavigationRoute(new NetworkFirst({ networkTimeoutSeconds: 3 })));",
        "registerRoute(({ request }) => request.destination === 'image', new CacheFirst({ plugins: [new ExpirationPlugin({ maxEntries: 50 })] }));",
        "registerRoute(({ request }) => request.destination === 'script', new StaleWhileRevalidate());",
      ].join('\n'),
    ),
  };
}
