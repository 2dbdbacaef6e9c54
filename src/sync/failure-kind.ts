/**
 * The kinds of sync failure (sync-failure.ts decides which one a failure is), on their own so
 * that the indicator can tell them apart before the rest of the sync code is loaded.
 */

/**
 * What went wrong, as a person and the queue care about it:
 * - `offline`: the device is offline (`navigator.onLine` false) and the request failed.
 * - `unreachable`: the device is online but the sync server cannot be reached (connection
 *   refused or reset, DNS, no answer before the timeout).
 * - `auth`: 401, the user must sign in again. The queue pauses.
 * - `refused`: the server refused the whole request (400, 403, 422: any 4xx without a row of
 *   its own), e.g. a failed CSRF check.
 * - `rate-limited`: 429, or 503 with Retry-After: the server asks to slow down.
 * - `server-error`: 5xx, or an answer that is not the protocol's.
 * - `too-large`: 413, the batch was too large.
 * - `storage-full`: the device's storage refused a write of the drain.
 * - `unexpected`: anything else (a bug, storage unavailable).
 * - `aborted`: the drain was cancelled (close, an AbortSignal); not an error to show.
 */
export const FailureKind = {
  Offline: 'offline',
  Unreachable: 'unreachable',
  Auth: 'auth',
  Refused: 'refused',
  RateLimited: 'rate-limited',
  ServerError: 'server-error',
  TooLarge: 'too-large',
  StorageFull: 'storage-full',
  Unexpected: 'unexpected',
  Aborted: 'aborted',
} as const;
export type FailureKind = (typeof FailureKind)[keyof typeof FailureKind];
