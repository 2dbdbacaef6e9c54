/**
 * One reading of the engine's SyncState for the UI, shared by `<sync-indicator>` (its `state`
 * attribute) and `<review-session>` (its offline notice), so both always agree. It reads the
 * failure kind the core decided (src/sync/sync-failure.ts), never error codes of its own.
 */
import { FailureKind, type SyncState } from '../../src/index.js';

/** What `<sync-indicator state="…">` reflects. */
export const IndicatorState = {
  Synced: 'synced',
  /** The device is offline. */
  Offline: 'offline',
  /** The device is online, but the sync server cannot be reached. */
  Unreachable: 'unreachable',
  Syncing: 'syncing',
  Error: 'error',
} as const;
export type IndicatorState = (typeof IndicatorState)[keyof typeof IndicatorState];

/**
 * Reduces a SyncState to the five states a person cares about.
 * Offline wins (the device has no network), then a server that cannot be reached (both only
 * wait; a retry running meanwhile changes nothing a learner can do), then a running drain,
 * then errors (including dead letters and a paused queue), then answers waiting for the next
 * drain.
 */
export function indicatorState(state: SyncState | null): IndicatorState {
  if (!state) return IndicatorState.Synced;
  const kind = state.lastError?.kind;
  if (!state.online || kind === FailureKind.Offline) return IndicatorState.Offline;
  if (kind === FailureKind.Unreachable) return IndicatorState.Unreachable;
  if (state.syncing) return IndicatorState.Syncing;
  if (state.lastError !== null || state.paused || state.deadLetters > 0) return IndicatorState.Error;
  if (state.pending > 0) return IndicatorState.Syncing;
  return IndicatorState.Synced;
}
