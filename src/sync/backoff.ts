/**
 * Retry delays for the sync queue: exponential backoff with "full jitter"
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * Why full jitter: after an outage, every tab and device of a site comes back at the same
 * moment; a random delay in [0, ceiling) spreads their retries instead of synchronising them.
 */

/** How retry delays grow. */
export interface BackoffOptions {
  /** The ceiling of the first retry, in ms. */
  baseMs: number;
  /** The largest ceiling, in ms: a week offline still retries every `capMs` at worst. */
  capMs: number;
  /** A source of numbers in [0, 1); `Math.random` unless given. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry): a random number of ms in
 * [0, min(cap, base · 2^attempt)). Never negative, never above `capMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(0, attempt), 52);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const random = options.random ?? Math.random;
  return Math.max(0, Math.floor(random() * ceiling));
}

/**
 * The delay before a retry when the server said when (`retryAfterMs` from Retry-After), else
 * the backoff for `attempt`. A server's wish is honoured even above the cap: it knows its load.
 */
export function retryDelay(retryAfterMs: number | undefined, attempt: number, options: BackoffOptions): number {
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
  return backoffDelay(attempt, options);
}
