/**
 * Runs work when the page is idle: `requestIdleCallback` with a timeout, so that it always
 * runs, and a macrotask where there is none (WebKit, the service worker). Sync work that can
 * wait (the push after a write, the first drain after the engine opened) waits for it, so it
 * does not land between a grade and the next card's paint.
 */

/** Cancels work scheduled by `whenIdle` (nothing happens when it already ran). */
export type CancelIdle = () => void;

interface IdleGlobal {
  requestIdleCallback?: (run: () => void, options?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
}

/** Runs `run` at the next idle moment, at the latest after `timeoutMs`. Resolves nothing; returns its cancel. */
export function whenIdle(run: () => void, timeoutMs: number): CancelIdle {
  const global = globalThis as IdleGlobal;
  if (typeof global.requestIdleCallback === 'function' && typeof global.cancelIdleCallback === 'function') {
    const cancel = global.cancelIdleCallback;
    const handle = global.requestIdleCallback(run, { timeout: Math.max(0, timeoutMs) });
    return () => cancel(handle);
  }
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}
