/**
 * The engine as the source of a scheduled review's card states: derived on the device from
 * the learner's answers (merged from every device, undone ones left out) and stored there.
 */
import type { OfflineReview } from '../../src/index.js';
import type { CardState } from '../../src/scheduler/index.js';
import type { ScheduleSource } from './scheduled-run.js';
import type { ScheduleConfig } from './schedule-config.js';

/** A schedule source reading `engine`'s card states. */
export function engineSchedule(engine: OfflineReview): ScheduleSource {
  return {
    cardStates(itemIds: readonly string[], config: ScheduleConfig): Promise<ReadonlyMap<string, CardState>> {
      return engine.cardStates(itemIds, config.params, config.day);
    },
  };
}
