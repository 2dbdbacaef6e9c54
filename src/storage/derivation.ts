/**
 * The derivation chunk: everything that replays answers through ts-fsrs or derives and merges
 * counts, and the storage transactions that do it (recording an answer, undo, applying pulled
 * changes, deriving stale marks, reading card states that need deriving). Imported only
 * through derivation-loader.ts, so a page's first card waits for none of it.
 */
export { recordAnswer } from './answer-store.js';
export { readCardStates } from './card-state-store.js';
export { deriveAllStale, deriveStaleAmong } from './derive-stale.js';
export { applyRemoteChanges } from './remote-changes.js';
export { retractAnswer } from './retraction-store.js';
export { deriveCardStates, gradeCardState, previewIntervals } from '../scheduler/card-state.js';
