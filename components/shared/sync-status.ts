/**
 * One reading of the engine's SyncState for the UI, shared by `<sync-indicator>` (its `state`
 * attribute) and `<review-session>` (its offline notice), so both always agree. It reads the
 * failure kind the core decided (src/sync/sync-failure.ts), never error codes of its own.
 */
import { FailureKind } from '../../src/sync/failure-kind.js';
import type { SyncState } from '../../src/sync/sync-state.js';

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
 * drain. "Offline" only while the device is offline: `deviceOnline` (default
 * `navigator.onLine`; null: unknown, the state's `online` decides) overrules a state that has not heard of the
 * change yet (a queue without auto sync listens to no connectivity event), and a failure of
 * kind `offline` says nothing more once the device is back (the next drain decides).
 */
export function indicatorState(state: SyncState | null, deviceOnline: boolean | null = navigatorOnline()): IndicatorState {
  if (!state) return IndicatorState.Synced;
  const kind = state.lastError?.kind;
  if (!(deviceOnline ?? (state.online && kind !== FailureKind.Offline))) return IndicatorState.Offline;
  if (kind === FailureKind.Unreachable) return IndicatorState.Unreachable;
  if (state.syncing) return IndicatorState.Syncing;
  const error = state.lastError !== null && kind !== FailureKind.Offline;
  if (error || state.paused || state.deadLetters > 0) return IndicatorState.Error;
  if (state.pending > 0) return IndicatorState.Syncing;
  return IndicatorState.Synced;
}

/** `navigator.onLine`, or null where there is none. */
function navigatorOnline(): boolean | null {
  return typeof navigator === 'undefined' || typeof navigator.onLine !== 'boolean' ? null : navigator.onLine;
}
