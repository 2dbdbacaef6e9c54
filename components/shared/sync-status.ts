/**
 * One reading of the engine's SyncState for the UI, shared by `<sync-indicator>` (its `state`
 * attribute) and `<review-session>` (its offline notice), so both always agree.
 */
import type { SyncState } from '../../src/index.js';

/** What `<sync-indicator state="…">` reflects. */
export const IndicatorState = {
  Synced: 'synced',
  Offline: 'offline',
  Syncing: 'syncing',
  Error: 'error',
} as const;
export type IndicatorState = (typeof IndicatorState)[keyof typeof IndicatorState];

/** Error codes that mean "no network": the learner is offline even if `navigator.onLine` says not. */
const OFFLINE_CODES: ReadonlySet<string> = new Set(['network', 'timeout']);

/**
 * Reduces a SyncState to the four states a person cares about.
 * Offline wins (a dead server looks the same to a learner as no network), then a running
 * drain, then errors (including dead letters and a paused queue), then answers waiting for the
 * next drain.
 */
export function indicatorState(state: SyncState | null): IndicatorState {
  if (!state) return IndicatorState.Synced;
  if (!state.online || (state.lastError !== null && OFFLINE_CODES.has(state.lastError.code))) {
    return IndicatorState.Offline;
  }
  if (state.syncing) return IndicatorState.Syncing;
  if (state.lastError !== null || state.paused || state.deadLetters > 0) return IndicatorState.Error;
  if (state.pending > 0) return IndicatorState.Syncing;
  return IndicatorState.Synced;
}
