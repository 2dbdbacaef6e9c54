/**
 * The interval between two checks of a condition that no event announces (the server's data,
 * a port that is not listening yet). Every wait built on it is bounded by a deadline and ends
 * as soon as the condition holds: it is polling, not a fixed sleep.
 */
export const POLL_INTERVAL_MS = 100;

/** Resolves after one poll interval. */
export function nextPoll(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
}
