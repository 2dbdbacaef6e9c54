/**
 * A scheduled review's first card without the engine (docs/design.md, "Loading"): its card
 * states come from a read-only reader of the database (src/storage/first-card-states.ts) and
 * its items from the page, so the engine's chunk follows the first card's paint. The engine
 * arrives then (its chunk, `ready`, the inline items cached), or at once when something needs
 * it first: a read the reader cannot answer exactly, or a grade (which waits for it, held, and
 * is stored once, in order, as a grade waits for the scheduler's chunk).
 */
import type { OfflineReview, ReviewableContent } from '../../src/index.js';
import type { CardState } from '../../src/scheduler/card-types.js';
import { readFirstCardStates } from '../../src/storage/first-card-states.js';
import { nextPaint, pageLoadedAndIdle } from '../shared/idle.js';
import { userError } from './review-items.js';
import type { ReviewEngine } from './review-engine.js';
import type { ScheduleSource } from './scheduled-run.js';
import type { ScheduleConfig } from './schedule-config.js';

/** The engine of one load of a review whose first card was read without it. */
export class EngineArrival {
  private readonly engines: ReviewEngine;
  private readonly items: ReviewableContent[];
  private arriving: Promise<OfflineReview> | null = null;

  /** For the review of `items` (inline, cached once the engine is there) of `engines`' element. */
  constructor(engines: ReviewEngine, items: ReviewableContent[]) {
    this.engines = engines;
    this.items = items;
  }

  /**
   * Resolves the engine once it is ready and holds the deck's items, importing its chunk now
   * if that has not begun. Rejects as the engine's start or `loadContent` do (the review shows
   * that error), or when the chunk cannot be loaded.
   */
  engine(): Promise<OfflineReview> {
    this.arriving ??= this.engines.load().then(async (engine) => {
      if (!engine) throw userError(this.engines.host.user);
      await engine.ready;
      await engine.loadContent(this.items);
      return engine;
    });
    return this.arriving;
  }

  /** The engine once the first card is painted, the page loaded and the browser idle (at once if something asked before). */
  afterPaint(): Promise<OfflineReview> {
    return this.engines.host.updateComplete
      .then(nextPaint)
      .then(pageLoadedAndIdle)
      .then(() => this.engine());
  }

  /** The engine for a write: null when it failed to arrive (its error is shown by whoever awaits `afterPaint`). */
  forWrite(): Promise<OfflineReview | null> {
    return this.engine().catch(() => null);
  }

  /** The card states: from the reader until the engine is asked for, from the engine when the reader cannot answer, and after. */
  source(): ScheduleSource {
    return {
      cardStates: async (itemIds: readonly string[], config: ScheduleConfig): Promise<ReadonlyMap<string, CardState>> => {
        if (!this.arriving) {
          const read = await readFirstCardStates(this.engines.host.dbName, this.engines.host.user, itemIds, config.params, config.day);
          if (read && !this.arriving) return read;
        }
        return (await this.engine()).cardStates(itemIds, config.params, config.day);
      },
    };
  }
}
