/**
 * The one classification of a failed push or pull (docs/design.md, "Sync state"). Every other
 * part (the drain, the state, the worker, the Background Sync registration, the indicator)
 * reads the kind decided here, never an error code or a status of its own.
 */
import { OfflineReviewError } from '../errors.js';
import { FailureKind } from './failure-kind.js';
import { currentlyOnline } from './sync-state.js';

// The kinds live apart so that the indicator can show them without this classification.
export { FailureKind } from './failure-kind.js';

/** A classified failure, with what to record as `lastError` or as a dead letter's reason. */
export interface SyncFailure {
  kind: FailureKind;
  code: string;
  message: string;
  status?: number;
  /** From the server's Retry-After. */
  retryAfterMs?: number;
}

/** The kind of each error code; codes not named here are `unexpected`. */
const KIND_OF_CODE: Readonly<Record<string, FailureKind>> = {
  aborted: FailureKind.Aborted,
  closed: FailureKind.Aborted,
  'auth-required': FailureKind.Auth,
  'payload-too-large': FailureKind.TooLarge,
  forbidden: FailureKind.Refused,
  'bad-request': FailureKind.Refused,
  'rate-limited': FailureKind.RateLimited,
  'server-error': FailureKind.ServerError,
  'invalid-response': FailureKind.ServerError,
  'storage-full': FailureKind.StorageFull,
};

/**
 * Classifies anything a push or a pull rejected with. `online` is the device's connectivity at
 * that moment (`navigator.onLine` unless given): it alone tells a network failure of an
 * offline device from a server that cannot be reached.
 */
export function classifyFailure(error: unknown, online: boolean = currentlyOnline()): SyncFailure {
  if (error instanceof OfflineReviewError) {
    const status = typeof error.details['status'] === 'number' ? (error.details['status'] as number) : undefined;
    const retryAfterMs = error.details['retryAfterMs'];
    // A chunk of this page's code that could not be fetched (the merge rules, before a pull
    // stores its page) fails for want of network, like the request itself.
    const chunk = error.code === 'content-unavailable' && error.details['chunk'] !== undefined;
    const network = error.code === 'network' || error.code === 'timeout' || chunk;
    const kind = network ? (online ? FailureKind.Unreachable : FailureKind.Offline) : (KIND_OF_CODE[error.code] ?? FailureKind.Unexpected);
    return {
      kind,
      code: error.code,
      message: error.message,
      ...(status === undefined ? {} : { status }),
      ...(typeof retryAfterMs === 'number' ? { retryAfterMs } : {}),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'AbortError') return { kind: FailureKind.Aborted, code: 'aborted', message };
  if (error instanceof Error && error.name === 'QuotaExceededError') return { kind: FailureKind.StorageFull, code: 'storage-full', message };
  // A bug: retried with backoff and counted, so that it cannot spin; after the limit the
  // entries are kept as dead letters, never dropped.
  return { kind: FailureKind.Unexpected, code: 'unexpected', message };
}

/**
 * The failure says nothing about the entries, only about the way to the server: the drain
 * gives them back without spending a retry, so a week offline (or a server down for a week)
 * strands nothing.
 */
export function isConnectivity(kind: FailureKind): boolean {
  return kind === FailureKind.Offline || kind === FailureKind.Unreachable;
}

/**
 * The failure passes by itself (the network or the server comes back): worth a Background
 * Sync, which the browser fires when the device is online again.
 */
export function passesByItself(kind: FailureKind): boolean {
  return isConnectivity(kind) || kind === FailureKind.ServerError || kind === FailureKind.RateLimited;
}

/**
 * A whole request the server refused as such. A page counts it as a retry; the service
 * worker, whose requests lack the page's own headers (a CSRF token), leaves it to the pages.
 */
export function isRefusal(failure: { kind: FailureKind }): boolean {
  return failure.kind === FailureKind.Refused;
}
