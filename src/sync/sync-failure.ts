/**
 * How the queue reacts to a failed push or pull (DESIGN.md, "Sync queue", errors). Kept apart
 * from the queue so that the table is in one place.
 */
import { OfflineReviewError } from '../errors.js';

/**
 * - `offline`: no network or a timeout. Back off, spend no retry budget, never dead-letter:
 *   a week offline must not strand data.
 * - `retry`: the server is there but failed (5xx, 429, 503, a malformed answer, a whole-request
 *   400/403). Back off (Retry-After first) and count a retry; past the limit, dead letter.
 * - `auth`: 401. Pause until `resume()`.
 * - `too-large`: 413. Halve the batch and retry at once.
 * - `aborted`: the drain was cancelled (close, an AbortSignal). Give the entries back.
 */
export type FailureKind = 'offline' | 'retry' | 'auth' | 'too-large' | 'aborted';

/** A classified failure, with what to record as `lastError` or as a dead letter's reason. */
export interface SyncFailure {
  kind: FailureKind;
  code: string;
  message: string;
  status?: number;
  /** From the server's Retry-After. */
  retryAfterMs?: number;
}

/** Classifies anything a push or a pull rejected with. */
export function classifyFailure(error: unknown): SyncFailure {
  if (error instanceof OfflineReviewError) {
    const status = typeof error.details['status'] === 'number' ? (error.details['status'] as number) : undefined;
    const retryAfterMs = error.details['retryAfterMs'];
    const base = {
      code: error.code,
      message: error.message,
      ...(status === undefined ? {} : { status }),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    };
    switch (error.code) {
      case 'network':
      case 'timeout':
        return { kind: 'offline', ...base };
      case 'aborted':
      case 'closed':
        return { kind: 'aborted', ...base };
      case 'auth-required':
        return { kind: 'auth', ...base };
      case 'payload-too-large':
        return { kind: 'too-large', ...base };
      default:
        return { kind: 'retry', ...base };
    }
  }
  // A bug or a storage failure: retry it with backoff and count it, so that it cannot spin;
  // after the limit the entries are kept as dead letters, never dropped.
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'aborted', code: 'aborted', message };
  return { kind: 'retry', code: 'unexpected', message };
}

/**
 * A whole request the server refused as such: `forbidden` (403, a failed CSRF check) or
 * `bad-request` (400, 422, any 4xx without a row of its own). A page counts it as a retry;
 * the service worker, whose requests lack the page's own headers, leaves it to the pages.
 */
export function isRefusal(failure: { code: string }): boolean {
  return failure.code === 'forbidden' || failure.code === 'bad-request';
}
