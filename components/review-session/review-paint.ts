/**
 * What only the review tag uses of the shared paint and sync-state helpers: when a write starts
 * (after the frame that paints the next card) and which notice the review shows. Kept apart from
 * components/shared/idle.ts and sync-status.ts, whose chunk the indicator's first paint loads.
 */
import { IndicatorState, indicatorState } from '../shared/sync-status.js';
import type { SyncState } from '../../src/sync/sync-state.js';

/**
 * Like `nextPaint` (components/shared/idle.ts), but resolves after `atMostMs` if no frame came
 * by then: a page hidden meanwhile paints none, and what waits on the frame must not wait for
 * the learner to return.
 */
export function nextPaintWithin(atMostMs: number): Promise<void> {
  if (document.visibilityState === 'hidden') return Promise.resolve();
  return new Promise<void>((resolve) => {
    let waited = false;
    const go = (): void => {
      if (waited) return;
      waited = true;
      clearTimeout(fallback);
      setTimeout(resolve);
    };
    const fallback = setTimeout(go, atMostMs);
    requestAnimationFrame(go);
  });
}

/** What a review shows of the sync state: the offline or unreachable notice, or null for none. */
export function noticeState(state: SyncState | null): IndicatorState | null {
  const shown = indicatorState(state);
  return shown === IndicatorState.Offline || shown === IndicatorState.Unreachable ? shown : null;
}
