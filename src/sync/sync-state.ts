/**
 * The queue's observable state, which drives `<sync-indicator>` ("Syncing 120 of 500",
 * "3 waiting", "offline", "can't reach the server", errors, dead letters). Its changes are
 * computed by one reducer (sync-reducer.ts), in pages and in the service worker alike.
 */
import type { FailureKind } from './failure-kind.js';

/** The error that stopped a drain, as the state keeps it. */
export interface SyncError {
  /** What kind of failure it was (sync-failure.ts): the UI and the worker read this. */
  kind: FailureKind;
  /** The error code (src/errors.ts), for logs and tooltips. */
  code: string;
  /** The technical message. */
  message: string;
}

/** A snapshot of the sync state. Every change is emitted as a `state-change` event. */
export interface SyncState {
  /** The browser's idea of connectivity (`navigator.onLine`); true where unknown. */
  online: boolean;
  /**
   * True once this context has counted the user's queue from storage. Before that, `pending`
   * and the dead-letter counts are 0 because nothing is known yet, not because nothing waits:
   * `<sync-indicator>` shows no state until then, so a page never says "synced" over answers
   * it has not counted.
   */
  counted: boolean;
  /** Queue entries of this user not yet confirmed by the server. */
  pending: number;
  /** Of `pending`, how many are answers (the rest: sessions, undos, other records). */
  pendingAnswers: number;
  /** A drain is running in this context. */
  syncing: boolean;
  /** Entries confirmed by the server in the current (or last) drain. */
  sent: number;
  /** `sent` plus what was still queued: "Syncing `sent` of `total`". */
  total: number;
  /** Of `sent`, how many were answers. */
  sentAnswers: number;
  /** Of `total`, how many are answers: "Syncing `sentAnswers` of `totalAnswers` answers". */
  totalAnswers: number;
  /** Dead letters of this user, waiting for the user to retry or discard them. */
  deadLetters: number;
  /** Of `deadLetters`, how many are answers. */
  deadLetterAnswers: number;
  /** Why the newest dead letter was refused (the server's code and message), or null. */
  refusal: { code: string; message: string; status?: number } | null;
  /** When a drain last ended with everything due sent and pulled (epoch ms). */
  lastSyncedAt: number | null;
  /** The error that stopped the last drain, until a drain succeeds. */
  lastError: SyncError | null;
  /** When this context retries by itself (epoch ms; the backoff or the next due entry), or null. */
  nextRetryAt: number | null;
  /** True after a 401, until `resume()`. */
  paused: boolean;
  /** A new service worker waits (set by the engine). */
  updateAvailable: boolean;
}

/** The state of a queue that has not counted anything yet (`counted` false). */
export function initialSyncState(online: boolean): SyncState {
  return {
    online,
    counted: false,
    pending: 0,
    pendingAnswers: 0,
    syncing: false,
    sent: 0,
    total: 0,
    sentAnswers: 0,
    totalAnswers: 0,
    deadLetters: 0,
    deadLetterAnswers: 0,
    refusal: null,
    nextRetryAt: null,
    lastSyncedAt: null,
    lastError: null,
    paused: false,
    updateAvailable: false,
  };
}

/** The event a SyncQueue or OfflineReview dispatches on every state change. */
export class SyncStateEvent extends CustomEvent<SyncState> {
  /** A `state-change` event carrying a copy of `state`. */
  constructor(state: SyncState) {
    super('state-change', { detail: { ...state } });
  }
}

/** `navigator.onLine` where there is a navigator (pages and workers), else true. */
export function currentlyOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return typeof nav?.onLine === 'boolean' ? nav.onLine : true;
}
