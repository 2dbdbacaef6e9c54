/**
 * A scheduled review's first card without the engine (docs/design.md, "Loading"): its card
 * states come from a read-only reader of the database (src/storage/first-card-states.ts) and
 * its items from the page, so the engine's chunk follows the first card's paint. The engine
 * arrives then (its chunk, `ready`, the inline items cached), or at once when something needs
 * it first: a read the reader cannot answer exactly, or a grade (which waits for it, held, and
 * is stored once, in order, as a grade waits for the scheduler's chunk).
 */
import { OfflineReviewError } from '../../src/errors.js';
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
  /** The learner and database the review was loaded for: the engine must be theirs. */
  private readonly userId: string;
  private readonly dbName: string;
  private readonly onFailure: (error: unknown) => void;
  private arriving: Promise<OfflineReview> | null = null;
  private reported = false;

  /**
   * For the review of `items` (inline, cached once the engine is there) of `engines`' element,
   * for its user and database now; `onFailure` is told once if the engine cannot arrive.
   */
  constructor(engines: ReviewEngine, items: ReviewableContent[], onFailure: (error: unknown) => void) {
    this.engines = engines;
    this.items = items;
    this.userId = engines.host.user;
    this.dbName = engines.host.dbName;
    this.onFailure = onFailure;
  }

  /**
   * Resolves the engine once it is ready and holds the deck's items, importing its chunk now
   * if that has not begun. Rejects as the engine's start or `loadContent` do (the review shows
   * that error), when the chunk cannot be loaded, or with `aborted` when the element's user or
   * database changed meanwhile (that engine is another learner's: it gets none of this review).
   */
  engine(): Promise<OfflineReview> {
    this.arriving ??= this.engines.load().then(async (engine) => {
      if (!engine) throw userError(this.engines.host.user);
      if (engine.userId !== this.userId || engine.dbName !== this.dbName) {
        throw new OfflineReviewError('aborted', 'The review was left before the engine arrived.');
      }
      await engine.ready;
      await engine.loadContent(this.items);
      return engine;
    });
    return this.arriving;
  }

  /**
   * The engine once the first card is painted, the page loaded and the browser idle (at once if
   * something asked before). Resolves null when it failed to arrive (reported, see `failed`).
   */
  afterPaint(): Promise<OfflineReview | null> {
    return this.engines.host.updateComplete
      .then(nextPaint)
      .then(pageLoadedAndIdle)
      .then(() => this.forWrite());
  }

  /** The engine for a write: null when it failed to arrive, which is reported then (once, whoever asked first). */
  forWrite(): Promise<OfflineReview | null> {
    return this.engine().catch((error: unknown) => {
      if (!this.reported) this.onFailure(error);
      this.reported = true;
      return null;
    });
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
