// Rollup plugins for the service worker build (rollup.config.mjs).
//
// precacheManifest: replaces `self.__WB_MANIFEST` (Workbox's
// injection point) with the list of the widget's own files and a revision of each, a hash of
// its bytes. A new CDN bundle therefore gives a new revision, and the worker precaches it again
// on its next install; an unchanged file is not downloaded again.
//
// URLs are relative to the worker bundle (dist/sw/), so that a worker imported from a CDN
// precaches the CDN's copy. The CDN build must run before the worker build (rollup.config.mjs
// lists it first; `rollup -c` builds the list in order). A file that does not exist yet is left
// out with a warning: the worker still works, it only does not precache it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const INJECTION_POINT = 'self.__WB_MANIFEST';

/** The manifest entries for `files`, relative to `outDir`, and the files that are missing. */
export function manifestEntries(files, outDir) {
  const entries = [];
  const missing = [];
  for (const file of files) {
    if (!existsSync(file)) {
      missing.push(file);
      continue;
    }
    const revision = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
    entries.push({ url: relative(resolve(outDir), resolve(file)).split('\\').join('/'), revision });
  }
  return { entries, missing };
}

/**
 * @param {{ files?: string[], output?: string }} options files to precache; the worker's
 *   output file (their URLs are made relative to its folder)
 */
export function precacheManifest({ files = ['dist/cdn/offline-review.js'], output = 'dist/sw/offline-review-sw.js' } = {}) {
  return {
    name: 'offline-review-precache-manifest',
    transform(code) {
      if (!code.includes(INJECTION_POINT)) return null;
      const { entries, missing } = manifestEntries(files, dirname(output));
      for (const file of missing) this.warn(`${file} does not exist: the worker will not precache it`);
      for (const file of files) if (existsSync(file)) this.addWatchFile(resolve(file));
      return { code: code.split(INJECTION_POINT).join(JSON.stringify(entries)), map: null };
    },
  };
}

/**
 * Replaces `process.env.NODE_ENV` with "production" in every module, node_modules included,
 * before Rollup tree-shakes: Workbox keeps its development messages and logger behind that
 * test, and the esbuild plugin (which has a `define` for it) skips node_modules. Without this
 * the worker carries Workbox's development code (about 3 KB gzip).
 */
export function productionEnv() {
  return {
    name: 'offline-review-production-env',
    transform(code) {
      if (!code.includes('process.env.NODE_ENV')) return null;
      return { code: code.split('process.env.NODE_ENV').join('"production"'), map: null };
    },
  };
}

/**
 * Resolves the `idb` that Workbox's expiration imports (its own 7.x copy) to the project's idb
 * 8, which the core uses: one copy in the worker instead of two. idb 8 keeps the API
 * workbox-expiration uses (openDB, deleteDB, transactions, index cursors); it only dropped
 * EdgeHTML and browsers without `cursor.request`.
 */
export function dedupeIdb() {
  return {
    name: 'offline-review-dedupe-idb',
    async resolveId(source, importer) {
      if (source !== 'idb' || !importer || !/[\\/]node_modules[\\/]workbox-/.test(importer)) return null;
      return this.resolve('idb', fileURLToPath(new URL('./options.ts', import.meta.url)), { skipSelf: true });
    },
  };
}

/**
 * Resolves `workbox-window` to the package's own ES2017 production build
 * (build/workbox-window.prod.mjs) instead of its `module` entry, an ES5 build that carries
 * Babel's class, iterator and async helpers: the same code, 1.3 KB gzip instead of 2.3 KB. Our
 * bundles target ES2021, so nothing is lost. For the CDN file; npm users' bundlers choose for
 * themselves.
 */
export function modernWorkboxWindow() {
  return {
    name: 'offline-review-modern-workbox-window',
    async resolveId(source, importer) {
      if (source !== 'workbox-window') return null;
      return this.resolve('workbox-window/build/workbox-window.prod.mjs', importer, { skipSelf: true });
    },
  };
}
