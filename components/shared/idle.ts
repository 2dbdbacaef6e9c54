/**
 * When a tag loads what its first paint does not need: after the page's `load` event, at the
 * browser's next idle moment (docs/design.md, "Loading").
 */

/** Resolves once the page's `load` event has fired and the browser is next idle (a task later where it cannot say). */
export function pageLoadedAndIdle(): Promise<void> {
  const loaded =
    document.readyState === 'complete' ? Promise.resolve() : new Promise<void>((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
  return loaded.then(
    () => new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve))),
  );
}

/**
 * Resolves after the next frame is painted (at once in a hidden page, which paints no frames):
 * what a tag rendered before the call is on screen by then.
 */
export function nextPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}
