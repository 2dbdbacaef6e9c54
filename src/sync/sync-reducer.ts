/**
 * The one rule for the sync state: a pure function from a state and an event to the next
 * state. The pages' SyncQueue and the service worker's drain both compute their state with it,
 * so "synced", "offline", "can't reach the server" and "paused" mean the same everywhere.
 */
import { FailureKind, type SyncFailure } from './sync-failure.js';
import type { SyncState } from './sync-state.js';

/** What happened, as the state cares about it. */
export type SyncEvent =
  /** The device went online or offline (`online`/`offline` events, `navigator.onLine`). */
  | { type: 'connectivity'; online: boolean }
  /**
   * Counted from storage: the user's queued entries and/or dead letters, and of those how many
   * are answers; `refusal` is the newest dead letter's reason (null: none). A count of the
   * queued entries (`pending`) makes the state `counted`.
   */
  | {
      type: 'counted';
      pending?: number;
      pendingAnswers?: number;
      deadLetters?: number;
      deadLetterAnswers?: number;
      refusal?: SyncState['refusal'];
    }
  /** A drain began with `queued` entries in the queue, `answers` of them answers. */
  | { type: 'drain-started'; queued: number; answers?: number }
  /** A drain had `sent` of the `queued` entries it began with confirmed (`sentAnswers` of its `answers`). */
  | { type: 'progress'; sent: number; queued: number; sentAnswers?: number; answers?: number }
  /** This context's next automatic retry is at `at` (epoch ms), or none is set (null). */
  | { type: 'retry-scheduled'; at: number | null }
  /** A failure stopped the drain (classified by sync-failure.ts). */
  | { type: 'failed'; failure: SyncFailure }
  /**
   * A drain (here or in another context) sent everything that was due at `at`. `waiting`:
   * entries still wait out a backoff that an error put them in.
   */
  | { type: 'synced'; at: number; waiting: boolean }
  /** The drain of this context ended, however it ended. */
  | { type: 'drain-ended' }
  /** The user signed in again after `auth`: the pause is over. */
  | { type: 'resumed' };

/**
 * The state after `event`. Pure: returns `state` itself when nothing changed, else a new
 * object; never mutates its arguments.
 *
 * - A failure is kept as `lastError` with its kind; `auth` also pauses. An aborted drain is
 *   not an error. Going offline turns a standing `unreachable` into `offline`.
 * - `synced` clears the error, unless entries still wait out the backoff that error set: the
 *   error stands until they are sent (no "error" → "synced" → "error" flapping).
 */
export function reduceSyncState(state: SyncState, event: SyncEvent): SyncState {
  switch (event.type) {
    case 'connectivity': {
      // A device that went offline explains a server that could not be reached: the request
      // failed a moment before the browser said so. "Offline" it is, until a drain says more.
      const error = state.lastError;
      const explained = !event.online && error?.kind === FailureKind.Unreachable;
      return patch(state, { online: event.online, ...(explained ? { lastError: { ...error, kind: FailureKind.Offline } } : {}) });
    }
    case 'counted': {
      const { type: _type, ...counts } = event;
      const given: Partial<SyncState> = Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== undefined));
      return patch(state, event.pending === undefined ? given : { ...given, counted: true });
    }
    case 'drain-started': {
      const answers = event.answers ?? 0;
      // A drain counts the queue before it begins.
      return patch(state, { counted: true, syncing: true, sent: 0, total: event.queued, pending: event.queued, sentAnswers: 0, totalAnswers: answers, pendingAnswers: answers });
    }
    case 'progress': {
      const answers = event.answers ?? 0;
      const sentAnswers = event.sentAnswers ?? 0;
      return patch(state, {
        sent: event.sent,
        total: Math.max(event.queued, event.sent),
        pending: Math.max(0, event.queued - event.sent),
        sentAnswers,
        totalAnswers: Math.max(answers, sentAnswers),
        pendingAnswers: Math.max(0, answers - sentAnswers),
      });
    }
    case 'retry-scheduled':
      return patch(state, { nextRetryAt: event.at });
    case 'failed': {
      const { kind, code, message } = event.failure;
      if (kind === FailureKind.Aborted) return state;
      return patch(state, { lastError: { kind, code, message }, ...(kind === FailureKind.Auth ? { paused: true } : {}) });
    }
    case 'synced':
      return patch(state, event.waiting ? { lastSyncedAt: event.at } : { lastSyncedAt: event.at, lastError: null });
    case 'drain-ended':
      return patch(state, { syncing: false });
    case 'resumed':
      return patch(state, { paused: false });
  }
}

/** `state` with `changes`, or `state` itself when no value differs. */
function patch(state: SyncState, changes: Partial<SyncState>): SyncState {
  const keys = Object.keys(changes) as Array<keyof SyncState>;
  if (keys.every((key) => sameValue(state[key], changes[key]))) return state;
  return { ...state, ...changes };
}

/** Equal as state values: primitives by value, `lastError` and `refusal` by their fields. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((key) => x[key] === y[key]);
}
