// The tests' one wait for a condition: @open-wc/testing's waitUntil, with a bound that suits
// real browsers on a loaded machine. Its own default (one second) is a guess about speed: a
// worker's install precaches every chunk and a page's drain goes through the real server, and
// under load either takes longer, which is not a failure. A test that waits for something that
// never happens still fails, with its message, once the bound is spent.
import { waitUntil as openWcWaitUntil } from '@open-wc/testing';

/** How long a wait lasts unless the test names a bound (ms). */
export const WAIT_BOUND_MS = 15_000;

/**
 * Resolves once `condition` returns (or resolves) a truthy value, checked every `interval` ms;
 * rejects with `message` after `timeout` ms (default {@link WAIT_BOUND_MS}).
 */
export function waitUntil(
  condition: () => unknown,
  message?: string,
  options: { interval?: number; timeout?: number } = {},
): Promise<void> {
  return openWcWaitUntil(condition as () => boolean | Promise<boolean>, message, { interval: 50, timeout: WAIT_BOUND_MS, ...options });
}
