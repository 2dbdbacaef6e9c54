// Bundles: the CDN file (a small entry for a script tag, with each tag, lit and the core in
// chunks beside it that it imports on use) and the service worker (Workbox modules inlined). The npm build (dist/ ES modules + .d.ts) is tsc: see scripts/build.mjs.
// Every entry must exist: Rollup fails on a missing one.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import esbuild from 'rollup-plugin-esbuild';
import { answerWorkerFile, modernWorkboxWindow, precacheManifest } from './sw/build-plugins.mjs';

const plugins = (target) => [
  // Workbox keeps its development messages and logger behind `process.env.NODE_ENV`, in
  // node_modules, where esbuild's `define` does not reach: replaced in every module before
  // Rollup tree-shakes, so the worker does not carry Workbox's development code (about 3 KB gzip).
  replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
  // One idb: a Workbox module's own idb 7 (workbox-expiration, in the bench's plain Workbox
  // worker) resolves to the project's idb 8, which the core uses (idb 8 keeps every call it
  // makes; it dropped only EdgeHTML).
  nodeResolve({ browser: true, exportConditions: ['production', 'browser', 'default'], dedupe: ['idb'] }),
  // UTF-8 out, not `\uXXXX` escapes: the Japanese words are 3 bytes a character instead of 6
  // (module scripts and workers' scripts are always decoded as UTF-8).
  esbuild({ target, minify: true, legalComments: 'none', charset: 'utf8', tsconfig: 'tsconfig.json' }),
];

// The protocol's response checks run nothing when imported, and say so: the pages reach them
// through the worker's one entry (src/worker.ts, imported for the outbox) without using them,
// and Rollup would otherwise load their chunk with the first card, for its module-level tables.
const responsesHaveNoSideEffects = {
  name: 'responses-have-no-side-effects',
  transform(code, id) {
    return id.endsWith('/src/protocol/responses.ts') ? { code, map: null, moduleSideEffects: false } : null;
  },
};

// The chunks that load together, named. A module in a group takes with it the modules it
// imports that no other group names, so each group names what must stay out of it:
// - `cdn`, the entry's own modules (the loader of every chunk, components/shared/stale-build.ts,
//   which the shared helpers also import): without it, the shared helpers' group would take the
//   loader and the page with no tag would fetch lit;
// - `lit-shared`, what every tag's first paint uses: lit, the shared styles, words, sign-in
//   offer and announcements, and the sync state's constants and the idle helpers, which the
//   indicator's first paint and the review's both use;
// - `review-core`, what the first card needs beside its tag and the engine needs again: the
//   error class, the item checks with the item's field table, the scheduling rules and the
//   learner day, the stale marks' keys (a page with only an indicator never fetches it before
//   its state shows). Not the engine's part of those modules (the clock, the answer, session
//   and mutation tables, the codes' tables, the stale marks' writers), which live apart and
//   load with the engine (test/node/first-card-imports.test.ts);
// - `fsrs-scheduler`, ts-fsrs and what derives card states, which the first card does not need.
const modulePaths = (...paths) => new RegExp(`/(${paths.join('|')})\\.ts$`);
const CHUNK_GROUPS = [
  { name: 'cdn', modules: [modulePaths('components/cdn', 'components/lazy-tags', 'components/shared/stale-build')] },
  {
    name: 'fsrs-scheduler',
    modules: [modulePaths('src/scheduler/fsrs-scheduler', 'src/scheduler/card-state', 'src/merge/answer-order'), /\/node_modules\/ts-fsrs\//],
  },
  {
    name: 'lit-shared',
    modules: [
      /\/node_modules\/(lit-html|lit-element|@lit\/reactive-element)\//,
      modulePaths(
        'components/shared/(shared\\.styles|format|csrf|sign-in|labels|announced|sync-status|focus|idle)',
        'src/sync/(failure-kind|sync-state)',
        'src/records/record-id',
        'src/engine/offered-options',
        'src/storage/open-existing',
      ),
    ],
  },
  {
    name: 'review-core',
    modules: [
      modulePaths(
        'components/shared/errors',
        'components/review-session/(queue-timer|schedule-config)',
        'src/(errors|hlc-text)',
        'src/scheduler/(session-queue|parameters|learner-day|card-types)',
        'src/records/(field|check-record|content-record|normalise-items|typed-answer-field)',
        'src/storage/(schema-version|derivation-loader|stale-mark-keys)',
        'src/sync/coalesce',
      ),
    ],
  },
];

export default [
  {
    input: 'components/cdn.ts',
    // ts-fsrs is pure for what we use of it, but its package does not say so (and patches
    // Date.prototype with helpers we never call): without this, a module that merely re-exports
    // the scheduler keeps it in the chunk every tag loads, so the first card waits for it.
    treeshake: { moduleSideEffects: (id) => !/[\\/]node_modules[\\/]ts-fsrs[\\/]/.test(id) },
    // A chunk may import from the entry (the stale-build guard every lazy import goes through)
    // without Rollup adding a second file in front of it: the entry stays one request.
    preserveEntrySignatures: 'allow-extension',
    // Rollup's own code splitting: every dynamic import() is a chunk, and modules that chunks
    // share are chunks of their own. ES chunks import each other by relative URL, so they load
    // from wherever the entry was loaded. Hashed names: a chunk's URL changes with its bytes, so
    // a server may let browsers keep them (the demo sends `immutable`).
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: 'offline-review.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // The answer worker's file (sw/build-plugins.mjs, answerWorkerFile), beside the chunks.
      assetFileNames: 'chunks/[name]-[hash][extname]',
      // Chunks under 1000 bytes (a lit decorator, the sync state's constants, the id check) are
      // merged into a chunk that loads with them: a file of its own costs a request and its
      // compression. Measured: the indicator page 14.9 → 14.3 KB, the deck page 0.6 KB less; the
      // entry takes the sync-state constants (0.9 → 1.4 KB).
      experimentalMinChunkSize: 1000,
      // Each tag's words in another language stay a chunk of their own, loaded only by a page
      // in that language: the merge above would put the smallest (under 1000 bytes) in the
      // entry, on every page. The CSRF token's reader (with the cookie parser) likewise: a tag's
      // first request imports it, and the merge would put it in the entry (components/shared/csrf.ts).
      // The summaries' formats (shared by the review's summaries and the statistics) likewise: the
      // merge put them in the scheduling rules' chunk, on the way to the first card.
      // The review's "Try again" after an error (components/review-session/error-retry.ts)
      // likewise: the merge put it in the tag's chunk, 241 bytes more before the first card.
      // Then the chunks a page waits for, grouped by when they load (CHUNK_GROUPS): every file
      // is a request, and gzip compresses one file better than the same code split in several
      // (the names one chunk imports from another are written in both). Measured with
      // bench/critical-path.ts: the deck page 30,592 → 29,383 bytes in 5 files instead of 9, the
      // indicator page 15,271 → 14,798 in 3 instead of 5, the page with no tag unchanged.
      manualChunks: (id) =>
        /\/(src\/cookie|components\/shared\/csrf-token)\.ts$/.test(id)
          ? 'csrf-token'
          : id.endsWith('/components/shared/summary-format.ts')
            ? 'summary-format'
            : id.endsWith('/components/review-session/error-retry.ts')
              ? 'error-retry'
              : (/-labels-[a-z]+\.ts$/.exec(id)?.input.split('/').pop().replace(/\.ts$/, '') ??
              CHUNK_GROUPS.find(({ modules }) => modules.some((m) => m.test(id)))?.name),
    },
    // lit's own minifier for the css`…` and html`…` templates of components/ (500 B gzip).
    plugins: [
      responsesHaveNoSideEffects,
      modernWorkboxWindow(),
      answerWorkerFile({ input: 'src/storage/answer-worker.ts', importer: '/src/storage/answer-worker-client.ts', plugins: plugins('es2021') }),
      minifyHtmlLiterals({ include: ['components/**/*.ts'], failOnError: true }),
      ...plugins('es2021'),
    ],
  },
  {
    input: 'sw/offline-review-sw.ts',
    // A classic script, so that a site's one-line worker can importScripts() it.
    // An IIFE cannot load chunks: a dynamic import() the worker reaches (the core loads its sync
    // code lazily in pages) is inlined into the one file.
    output: { file: 'dist/sw/offline-review-sw.js', format: 'iife', sourcemap: true, inlineDynamicImports: true },
    // The precache manifest: the CDN entry and chunks above, each with a revision hash (sw/build-plugins.mjs).
    plugins: [precacheManifest(), ...plugins('es2021')],
  },
];
