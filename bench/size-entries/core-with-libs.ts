// bench d: the floor under the CDN file — the offline core the tags run on, with the three
// libraries the CDN file inlines, resolved as the CDN build resolves them (workbox-window's ES2017
// production build: bench/sizes.ts), and no tag. Bundled by bench/sizes.ts, never shipped.
export { OfflineReview } from '../../src/engine.js';
export * from 'lit';
export * from 'idb';
export * from 'workbox-window';
