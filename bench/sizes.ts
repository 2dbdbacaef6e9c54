// d. Minified+gzip sizes of what a site ships (the CDN file and the worker), beside the bare
// libraries they stand on, bundled and minified the same way (esbuild minify, gzip -9).
import { build, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** gzip -9 size of a text or buffer, in bytes. */
export function gzipSize(data: string | Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

const require = createRequire(import.meta.url);

/**
 * An esbuild plugin that replaces modules whose path ends with a key of `stubs` by the key's
 * source, and resolves `idb` and `workbox-window` as the rollup build does (one idb; workbox-window's
 * ES2017 production build).
 */
function stubPlugin(stubs: Record<string, string>): Plugin {
  return {
    name: 'stubs',
    setup(b) {
      b.onResolve({ filter: /^idb$/ }, () => ({ path: require.resolve('idb') }));
      // As the CDN build does (sw/build-plugins.mjs, modernWorkboxWindow).
      b.onResolve({ filter: /^workbox-window$/ }, () => ({ path: require.resolve('workbox-window/build/workbox-window.prod.mjs') }));
      b.onResolve({ filter: /.*/ }, (args) => {
        const key = Object.keys(stubs).find((suffix) => args.path.endsWith(suffix));
        return key ? { path: key, namespace: 'stub' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], loader: 'ts', resolveDir: process.cwd() }));
    },
  };
}

/**
 * Bundles minified and resolves the gzip size: `source`, an ES module importing packages (the
 * bare libraries), or `entry`, a project file (always kept whole, as rollup keeps an entry),
 * with `stubs` replacing project modules (see stubPlugin).
 */
async function bundledSize(
  what: { source: string } | { entry: string; stubs?: Record<string, string>; format?: 'esm' | 'iife' },
): Promise<number> {
  const input =
    'source' in what
      ? { stdin: { contents: what.source, resolveDir: process.cwd(), loader: 'js' as const }, format: 'esm' as const }
      : { entryPoints: [what.entry], plugins: [stubPlugin(what.stubs ?? {})], tsconfig: 'tsconfig.json', format: what.format ?? 'esm' };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    target: 'es2021',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"', 'self.__WB_MANIFEST': '[]' },
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
  /** lit, idb and workbox-window as the CDN file inlines them (workbox-window's ES2017 build). */
  libsAsInlined: number;
  /**
   * The floor under the CDN file: the offline core alone (`OfflineReview`, what the tags run
   * on) with lit, idb and workbox-window — before any tag.
   */
  coreWithLibs: number;
  /** The worker built from the same entry with the same esbuild settings as the two below. */
  workerEsbuild: number;
  /**
   * The worker without its drain: sw/worker-sync.ts stubbed, and the configuration read with a
   * bare idb call instead of the queue's storage. Workbox and the worker's wiring.
   */
  workerWithoutDrain: number;
  /** The scheduler (src/scheduler/ with ts-fsrs) bundled alone. */
  scheduler: number;
  /** The core (`OfflineReview`) as it is, and with the scheduler's modules stubbed out. */
  core: number;
  coreWithoutScheduler: number;
}

/** The scheduler's modules as empty stand-ins: what the core weighs without them. */
const NO_SCHEDULER: Record<string, string> = {
  '/scheduler/index.js': 'export const defaultSchedulerParameters = {}; export const localLearnerDay = () => ({});',
  '/scheduler/card-state.js': 'export const deriveCardState = () => ({}); export const deriveCardStates = () => new Map();',
  '/scheduler/learner-day.js': 'export const localLearnerDay = () => ({}); export const normalizeLearnerDay = (day: unknown) => day;',
  '/scheduler/parameters.js':
    'export const defaultSchedulerParameters = {}; export const parametersKey = () => ""; export const parseParametersKey = () => null; export const normalizeSchedulerParameters = (params: unknown) => params ?? {};',
};

/** Measures every size; `cdn`/`sw` are null when dist/ lacks the file (build first). */
export async function measureSizes(): Promise<SizeResults> {
  const file = (path: string) => (existsSync(path) ? gzipSize(readFileSync(path)) : null);
  return {
    cdn: file('dist/cdn/offline-review.js'),
    sw: file('dist/sw/offline-review-sw.js'),
    lit: await bundledSize({ source: "export * from 'lit';" }),
    idb: await bundledSize({ source: "export * from 'idb';" }),
    workboxWindow: await bundledSize({ source: "export * from 'workbox-window';" }),
    libsTogether: await bundledSize({ source: "export * from 'lit'; export * from 'idb'; export * from 'workbox-window';" }),
    // What a worker built from the same Workbox modules alone weighs: the worker's own baseline.
    workboxSw: await bundledSize({
      source: [
        "import { registerRoute, NavigationRoute } from 'workbox-routing';",
        "import { NetworkFirst, CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';",
        "import { precacheAndRoute, cleanupOutdatedCaches } from 'workbox-precaching';",
        "import { ExpirationPlugin } from 'workbox-expiration';",
        'precacheAndRoute(self.__WB_MANIFEST || []); cleanupOutdatedCaches();',
        "registerRoute(new NavigationRoute(new NetworkFirst({ networkTimeoutSeconds: 3 })));",
        "registerRoute(({ request }) => request.destination === 'image', new CacheFirst({ plugins: [new ExpirationPlugin({ maxEntries: 50 })] }));",
        "registerRoute(({ request }) => request.destination === 'script', new StaleWhileRevalidate());",
      ].join('\n'),
    }),
    libsAsInlined: await bundledSize({ entry: 'bench/size-entries/libs.ts' }),
    coreWithLibs: await bundledSize({ entry: 'bench/size-entries/core-with-libs.ts' }),
    workerEsbuild: await bundledSize({ entry: 'sw/offline-review-sw.ts', format: 'iife' }),
    workerWithoutDrain: await bundledSize({
      entry: 'sw/offline-review-sw.ts',
      stubs: {
        '/worker-sync.js': 'export const drainDatabases = async () => false; export const isWorkerMessage = (m: unknown) => !!m;',
        // The configuration still has to be read (per-user API caches), with the least code.
        // And who is signed in (the per-user caches' guard on a shared device).
        '/worker-config.js': [
          "import { openDB } from 'idb';",
          "export const readWorkerConfig = async (name: string) => { try { const db = await openDB(name); const value = await db.get('meta', 'config'); db.close(); return value ?? null; } catch { return null; } };",
          "export const readSignInState = async (name: string) => { try { const db = await openDB(name); const [config, signOuts] = await Promise.all([db.get('meta', 'config'), db.get('meta', 'signOuts')]); db.close(); return { userId: config?.userId ?? null, signOuts: typeof signOuts === 'number' ? signOuts : 0 }; } catch { return undefined; } };",
          'export const configuredUser = async (name: string) => (await readSignInState(name))?.userId;',
        ].join('\n'),
      },
      format: 'iife',
    }),
    scheduler: await bundledSize({ entry: 'bench/size-entries/scheduler.ts' }),
    core: await bundledSize({ entry: 'bench/size-entries/core-without-scheduler.ts' }),
    coreWithoutScheduler: await bundledSize({ entry: 'bench/size-entries/core-without-scheduler.ts', stubs: NO_SCHEDULER }),
  };
}
