// bench d: what the scheduler adds to what a page loads — the pure module (src/scheduler/) with
// ts-fsrs, as the page bundle takes it. Bundled by bench/sizes.ts, never shipped.
export * from '../../src/scheduler/index.js';
