/**
 * The request timeout option, checked apart from the client: the engine refuses a bad one when
 * it is made, while the client itself is a chunk that loads at the first drain.
 */
import { OfflineReviewError } from '../errors.js';

/** The request timeout when none is given. */
export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * `timeoutMs`, or the default when it is undefined.
 * @throws OfflineReviewError('invalid-input') for a negative or NaN timeout.
 */
export function requestTimeoutMs(timeoutMs: number | undefined): number {
  const value = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new OfflineReviewError('invalid-input', 'timeoutMs must be a number of milliseconds, 0 or more.', {
      details: { timeoutMs: value },
    });
  }
  return value;
}
