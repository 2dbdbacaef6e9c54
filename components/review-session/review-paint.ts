/**
 * What only the review tag uses of the shared paint and sync-state helpers: when a write starts
 * (after the frame that paints the next card) and which notice the review shows. Kept apart from
 * components/shared/idle.ts and sync-status.ts, whose chunk the indicator's first paint loads.
 */
import { IndicatorState, indicatorState } from '../shared/sync-status.js';
import type { SyncState } from '../../src/sync/sync-state.js';

/**
 * Like `nextPaint` (components/shared/idle.ts), but resolves after `atMostMs` if no frame came
 * by then, and at once when the page is hidden (`pagehide`, or `visibilitychange` to hidden): a
 * hidden page paints no frames and throttles its timers, and what waits on the frame (an
 * answer's write) must start before the tab may be closed.
 */
export function nextPaintWithin(atMostMs: number): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise<void>((resolve) => {
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearTimeout(fallback);
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', end);
      resolve();
    };
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') end();
    };
    // After the frame: a task later, once it is painted.
    const go = (): void => void setTimeout(end);
    const fallback = setTimeout(go, atMostMs);
    requestAnimationFrame(go);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', end);
  });
}

/** What a review shows of the sync state: the offline or unreachable notice, or null for none. */
export function noticeState(state: SyncState | null): IndicatorState | null {
  const shown = indicatorState(state);
  return shown === IndicatorState.Offline || shown === IndicatorState.Unreachable ? shown : null;
}
