/**
 * The preview of a scheduled review's grade intervals (the labels on the grade buttons), in the
 * extras' chunk (card-extras.ts), which formats them: the labels show once the scheduler and
 * that chunk are in, after the first card.
 */
import type { GradeName } from '../../src/scheduler/card-types.js';
import { newCardState } from '../../src/scheduler/card-types.js';
import { loadedDerivation } from '../../src/storage/derivation-loader.js';
import type { ScheduledRun } from './scheduled-run.js';

/**
 * How long each grade would put `run`'s current card away for, in ms, at `now`. Kept for the
 * card until the queue is rebuilt: the element renders again on every sync state change,
 * and the preview is a scheduler run per render otherwise. Null until the scheduler has
 * loaded (the load starts here if it has not yet; the view renders again once it is in).
 */
export function intervalsOf(run: ScheduledRun, now: number): Record<GradeName, number> | null {
  const item = run.current;
  const scheduler = loadedDerivation();
  if (!scheduler) void run.loadScheduler();
  if (!item || !scheduler) return null;
  const key = `${item.id}|${run.builds}`;
  if (run.preview?.key === key) return run.preview.value;
  const { params, day } = run.config;
  const state = run.states.get(item.id) ?? newCardState(item.id, params, day);
  const value = scheduler.previewIntervals(state, now, params, day);
  run.preview = { key, value };
  return value;
}
