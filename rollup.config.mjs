// Bundles: the CDN file (lit and everything inlined, for a script tag) and the service worker
// (Workbox modules inlined). The npm build (dist/ ES modules + .d.ts) is tsc: see scripts/build.mjs.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { existsSync } from 'node:fs';
import { dedupeIdb, modernWorkboxWindow, precacheManifest, productionEnv } from './sw/build-plugins.mjs';
import { minifyTemplateLiterals } from './scripts/minify-literals.mjs';
import { litStaticProperties } from './scripts/lit-static-properties.mjs';

const plugins = (target) => [
  nodeResolve({ browser: true, exportConditions: ['production', 'browser', 'default'] }),
  esbuild({
    target,
    minify: true,
    legalComments: 'none',
    tsconfig: 'tsconfig.json',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
];

const builds = [
  {
    input: 'components/cdn.ts',
    // One file for a script tag: the lazily imported worker registration is inlined too.
    output: { file: 'dist/cdn/offline-review.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
    // The components' lit decorators as `static properties` (scripts/lit-static-properties.mjs),
    // the CSS and the markup whitespace of their templates minified (scripts/minify-literals.mjs).
    plugins: [modernWorkboxWindow(), litStaticProperties(), minifyTemplateLiterals(), ...plugins('es2021')],
  },
  {
    input: 'sw/offline-review-sw.ts',
    // A classic script, so that a site's one-line worker can importScripts() it.
    output: { file: 'dist/sw/offline-review-sw.js', format: 'iife', sourcemap: true },
    // The precache manifest (the CDN bundle above and its revision hash), Workbox without its
    // development code, and one idb: sw/build-plugins.mjs.
    plugins: [productionEnv(), dedupeIdb(), precacheManifest(), ...plugins('es2021')],
  },
];

// Entries land one by one while the project grows; build those that exist.
export default builds.filter((build) => existsSync(build.input));
