/**
 * What only the review tag uses of the shared sync-state helpers: which notice the review
 * shows. Kept apart from components/shared/sync-status.ts, whose chunk the indicator's first
 * paint loads. (When a write starts, after the frame that paints the next card, is
 * answer-write.ts's, in the grades' chunk.)
 */
import { IndicatorState, indicatorState } from '../shared/sync-status.js';
import type { SyncState } from '../../src/sync/sync-state.js';

/** What a review shows of the sync state: the offline or unreachable notice, or null for none. */
export function noticeState(state: SyncState | null): IndicatorState | null {
  const shown = indicatorState(state);
  return shown === IndicatorState.Offline || shown === IndicatorState.Unreachable ? shown : null;
}
