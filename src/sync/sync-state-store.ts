/**
 * Where a queue keeps its sync state: every change goes through the one reducer
 * (sync-reducer.ts), and the store tells its owner when the state really changed.
 */
import { reduceSyncState, type SyncEvent } from './sync-reducer.js';
import type { SyncState } from './sync-state.js';

/** Holds one state and applies events to it. */
export class SyncStateStore {
  private current: SyncState;
  private readonly onChange: (next: SyncState, previous: SyncState) => void;

  /** Starts from `initial`; `onChange` hears every change (never a no-op event). */
  constructor(initial: SyncState, onChange: (next: SyncState, previous: SyncState) => void) {
    this.current = initial;
    this.onChange = onChange;
  }

  /** The current state (do not mutate it; the reducer never does). */
  get state(): Readonly<SyncState> {
    return this.current;
  }

  /** Applies `event`; calls `onChange` when the state changed. */
  dispatch(event: SyncEvent): void {
    const previous = this.current;
    const next = reduceSyncState(previous, event);
    if (next === previous) return;
    this.current = next;
    this.onChange(next, previous);
  }
}
