// bench d: the core the tags run on (as core-with-libs.ts, without the libraries), built once
// as is and once with the scheduler's modules stubbed (bench/sizes.ts): the difference is what
// the scheduler adds to a page. Bundled by bench/sizes.ts, never shipped.
export { OfflineReview } from '../../src/engine.js';
