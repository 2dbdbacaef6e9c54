// Rollup plugins for the bundles (rollup.config.mjs).
//
// precacheManifest: replaces `self.__WB_MANIFEST` (Workbox's injection point) with the widget's
// own files — the CDN entry and every chunk beside it, so that a tag a page has not shown yet
// still loads offline — and a revision of each, a hash of its bytes. A new CDN build therefore
// gives new revisions, and the worker precaches what changed on its next install; an unchanged
// file is not downloaded again. This is what workbox-build's injectManifest does; the plugin runs inside
// the Rollup build instead of rewriting the written worker and its source map afterwards, and
// spares the project workbox-build's Babel and Rollup toolchain for one hash of one file.
//
// URLs are relative to the worker bundle (dist/sw/), so that a worker imported from a CDN
// precaches the CDN's copy. The CDN build must run before the worker build (rollup.config.mjs
// lists it first; `rollup -c` builds the list in order): a file to precache that does not
// exist fails the build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const INJECTION_POINT = 'self.__WB_MANIFEST';

/** The CDN build's JavaScript files: the entry, then its chunks (source maps are not precached). */
export function cdnFiles(dir = 'dist/cdn', entry = 'offline-review.js') {
  const chunks = join(dir, 'chunks');
  const names = existsSync(chunks) ? readdirSync(chunks).filter((name) => name.endsWith('.js')).sort() : [];
  return [join(dir, entry), ...names.map((name) => join(chunks, name))];
}

/**
 * @param {{ files?: () => string[], output?: string }} options the files to precache, listed
 *   when the worker is built; the worker's output file (their URLs are made relative to its folder)
 */
export function precacheManifest({ files = cdnFiles, output = 'dist/sw/offline-review-sw.js' } = {}) {
  return {
    name: 'offline-review-precache-manifest',
    transform(code) {
      if (!code.includes(INJECTION_POINT)) return null;
      const entries = files().map((file) => {
        if (!existsSync(file)) this.error(`${file} does not exist: build it before the worker, which precaches it`);
        this.addWatchFile(resolve(file));
        const revision = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
        return { url: relative(resolve(dirname(output)), resolve(file)).split('\\').join('/'), revision };
      });
      return { code: code.split(INJECTION_POINT).join(JSON.stringify(entries)), map: null };
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

/**
 * The answer worker (src/storage/answer-worker.ts) as a file of the CDN build: bundled on its
 * own, in one file (a worker shares no chunk with the page's, whose lit needs a document), and
 * emitted beside the chunks with a hash in its name, so the worker precaches it like a chunk.
 * The page starts it with `new Worker(new URL('./answer-worker.js', import.meta.url))`, the
 * form bundlers know; this plugin points that URL at the emitted file, by Rollup's own
 * `import.meta.ROLLUP_FILE_URL_…`, which resolves from whichever chunk the code lands in.
 *
 * @param {{ input: string, importer: string, plugins: import('rollup').Plugin[] }} options
 *   the worker's entry, the module that starts it, and the plugins to bundle it with
 */
export function answerWorkerFile({ input, importer, plugins }) {
  const SOURCE_URL = "new URL('./answer-worker.js', import.meta.url)";
  let reference = null;
  return {
    name: 'offline-review-answer-worker',
    async buildStart() {
      const { rollup } = await import('rollup');
      const bundle = await rollup({ input, plugins, onwarn: (warning) => this.warn(warning) });
      const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
      await bundle.close();
      for (const file of bundle.watchFiles ?? []) this.addWatchFile(file);
      reference = this.emitFile({ type: 'asset', name: 'answer-worker.js', source: output[0].code });
    },
    transform(code, id) {
      if (!id.endsWith(importer)) return null;
      if (!code.includes(SOURCE_URL)) this.error(`${importer} no longer starts the worker with ${SOURCE_URL}`);
      return { code: code.split(SOURCE_URL).join(`new URL(import.meta.ROLLUP_FILE_URL_${reference})`), map: null };
    },
  };
}
