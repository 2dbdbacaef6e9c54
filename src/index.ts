/**
 * The offline core's public entry: re-exports only. No rendering and no lit here; it runs in
 * pages and in the service worker.
 */
export * from './errors.js';
export * from './types.js';
export * from './hlc.js';
export * from './ids.js';
export * from './merge/derive.js';
export * from './merge/conflict-resolver.js';
