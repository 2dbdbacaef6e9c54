// bench d: lit, idb and workbox-window alone, resolved as the CDN build resolves them
// (workbox-window's ES2017 production build: bench/sizes.ts). Bundled by bench/sizes.ts, never shipped.
export * from 'lit';
export * from 'idb';
export * from 'workbox-window';
