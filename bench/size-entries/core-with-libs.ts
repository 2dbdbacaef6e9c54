// bench d: the floor under the CDN file — the offline core the tags run on, with the three
// libraries the CDN file inlines, and no tag. Bundled by bench/sizes.ts, never shipped.
export { OfflineReview } from '../../src/engine.js';
export * from 'lit';
export * from 'idb';
export * from 'workbox-window';
