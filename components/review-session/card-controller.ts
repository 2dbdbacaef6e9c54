/**
 * The card on screen of `<review-session>` and what a learner does with it: reveal, grade,
 * check a typed answer. The view state the element renders lives here; the review controller,
 * which extends it, decides which card comes next. What a grade does once given, and the
 * writing of answers, are the grades' chunk's (grading.ts, grade-card.ts), which loads with
 * the engine.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AnswerRecord, OfflineReviewError, ReviewableContent } from '../../src/index.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { focusPart, type RenderedHost } from '../shared/focus.js';
import { format } from '../shared/format.js';
import type { ReviewClock } from './queue-timer.js';
import type { QueueCounts } from '../../src/scheduler/session-queue.js';
import type { ReviewEngine } from './review-engine.js';
import type { LazyPart } from './lazy-part.js';
import type { ReviewRun } from './review-run.js';
import { grades, typedAnswers } from './review-parts.js';
import { ReviewErrorEvent } from './review-session-events.js';
import { messageFor, type ReviewSessionLabels } from './review-session-labels.js';
import { ScheduledRun } from './scheduled-run.js';
import type { ScheduleConfig } from './schedule-config.js';

/** What the element shows: `done` is "All done for now" (nothing due), `complete` the drill's end. */
export type ReviewPhase = 'loading' | 'card' | 'complete' | 'done' | 'error';
/** A grade, as keys 1-4 give it. */
export type Grade = 1 | 2 | 3 | 4;

/** Where focus goes when a card appears. */
export const FIRST_CONTROL = '[part~="reveal-button"], [part~="typed-input"]';

/** What the controller needs from its element (the element itself: inline items, `src`'s base URL, focus). */
export interface ReviewHost extends ReactiveControllerHost, RenderedHost, HTMLElement {
  user: string;
  dbName: string;
  deck: string;
  mode: string;
  schedule: string;
  src: string;
  clock: ReviewClock;
  /** The labels in force (defaults merged with the site's). */
  readonly resolvedLabels: ReviewSessionLabels;
  /** The scheduling configuration of the attributes; throws `invalid-input`. */
  scheduleConfig(): ScheduleConfig;
}

/** The card on screen and the learner's actions on it. */
export abstract class CardController {
  /** What to show. */
  phase: ReviewPhase = 'loading';
  /** The review in progress, once loaded: a scheduled one, or a drill over the deck. */
  run: ReviewRun | ScheduledRun | null = null;
  /** The card on screen. */
  item: ReviewableContent | null = null;
  /** The answer is visible. */
  revealed = false;
  /** A checked typed answer, while its feedback shows. */
  typed: { value: string; correct: boolean } | null = null;
  /** The counts of a scheduled review when the card was shown: kept while a typed answer's feedback shows. */
  cardCounts: QueueCounts | null = null;
  /** A problem with the current answer (storage full), shown on the card. */
  notice: string | null = null;
  /** The message of a load error. */
  errorMessage = '';
  /** The error shown (what "Try again" looks at, error-retry.ts); undefined before any. */
  declare failure?: OfflineReviewError;
  /** The latest text for the polite live region. */
  announcement = '';
  /** An answer is being stored or undone. */
  busy = false;
  /** Answers of this visit that can be undone, oldest first. */
  readonly undoStack: AnswerRecord[] = [];

  /** The element. @internal (read by the parts in chunks of their own) */
  readonly host: ReviewHost;
  /** The element's engine. @internal */
  readonly engines: ReviewEngine;
  /** When the card on screen was shown (an answer's response time counts from it). @internal */
  shownAt = 0;
  /** The latest write of a grade whose next card already shows (answer-write.ts); resolves whether it was stored. @internal */
  writing: Promise<boolean> | null = null;
  /** Answers being stored (`busy` while there are any), and of those, the ones whose next card already shows. @internal */
  records = 0;
  /** @internal */
  ahead = 0;
  /** Bumped when an answer whose next card shows is refused, or a review loads: the writes chained before are dropped. @internal */
  generation = 0;
  /** What waits for no answer to be in flight (see `answersStored`; answer-write.ts resolves it). @internal */
  readonly drained: (() => void)[] = [];
  /** Whether the answer that ended last was stored. @internal */
  lastStored = true;

  /** A controller for `host`; `engines` gives the shared engine. */
  constructor(host: ReviewHost, engines: ReviewEngine) {
    this.host = host;
    this.engines = engines;
  }

  /** The undo asked for and not yet run (see `undo`): grades wait for it, so it undoes an answer given before it. */
  protected undoing: Promise<void> | null = null;

  /** Its grades wait: the card on screen's answer is stored or undone, an undo waits, or two answers are (at most two held in memory only). */
  get storing(): boolean {
    return this.undoing !== null || (this.busy && (this.ahead === 0 || this.ahead >= 2));
  }

  /** There is an answer to undo: one stored during this visit, or one being stored now. */
  get undoable(): boolean {
    return this.undoStack.length > 0 || this.writing !== null;
  }

  /** Resolves once no answer is being stored: at once when none is. @internal (undo waits on it) */
  answersStored(): Promise<void> {
    return this.records === 0 ? Promise.resolve() : new Promise<void>((resolve) => this.drained.push(resolve));
  }

  /** An answer is being stored now. @internal */
  get answering(): boolean {
    return this.records > 0;
  }

  /** The review schedules (not a drill, nor "practise anyway"). */
  get scheduled(): ScheduledRun | null {
    return this.run instanceof ScheduledRun ? this.run : null;
  }

  /** The next card, or the end of the review. */
  abstract advance(moveFocus?: boolean): Promise<void>;

  /** Sets the timer for the next change of the queue by itself. @internal */
  abstract arm(): void;

  /** An answer was stored (or refused): take in what arrived from elsewhere meanwhile. @internal */
  abstract settled(): void;

  /**
   * Reveals the answer (Space or the button) and moves focus to the grades, on "Good": a second
   * Space then means Good, as in other flashcard apps, never an accidental "Again".
   */
  reveal(): void {
    if (this.phase !== 'card' || this.revealed || !this.item) return;
    this.update({
      revealed: true,
      announcement: format(this.host.resolvedLabels.announceAnswer, { answer: this.item.answer }, this.host.resolvedLabels.locale),
    });
    void focusPart(this.host, '[part~="grade-good"]');
  }

  /**
   * Grades the card on screen (keys 1-4 or the buttons): the grades' chunk (grade-card.ts)
   * stores it and shows the next card while its answer is written. That chunk loads with the
   * engine's, which every write waits for: a grade given before it is in waits for it, the
   * card's grades disabled meanwhile (so it is given once), with the engine asked for at once as
   * the write would; a chunk that cannot be loaded shows the error, with `content-unavailable`.
   */
  async grade(rating: Grade): Promise<void> {
    const { item, run } = this;
    if (this.phase !== 'card' || !this.revealed || this.storing || !item) return;
    if (!grades.loaded) {
      void this.engines.forWrite();
      if (!(await this.partIn(grades)) || this.run !== run || this.item !== item) return;
    }
    await grades.loaded!.gradeCard(this, rating);
  }

  /**
   * Checks and stores a typed answer; the card stays, with feedback, until `advance()`. The
   * check is the typed answers' chunk's (typed-check.ts), in whenever a typed card shows: a
   * typed review loads it before its first card.
   */
  async check(value: string): Promise<void> {
    await typedAnswers.loaded?.checkTyped(this, value);
  }

  /** Shows the run's current card (focused when `moveFocus`). @internal */
  showCard(moveFocus: boolean): void {
    const run = this.run!;
    const item = run.current ?? null;
    this.shownAt = performance.now();
    this.update({
      phase: 'card',
      item,
      cardCounts: this.scheduled ? { ...this.scheduled.queue.counts } : null,
      revealed: false,
      typed: null,
      notice: null,
      announcement: this.cardAnnouncement(item),
    });
    this.arm();
    if (moveFocus) void focusPart(this.host, FIRST_CONTROL);
  }

  /** What the live region says of `item` shown: its prompt, with the drill's progress or the review's counts. @internal */
  cardAnnouncement(item: ReviewableContent | null): string {
    const run = this.run!;
    const t = this.host.resolvedLabels;
    const prompt = item?.prompt ?? '';
    return run instanceof ScheduledRun
      ? format(t.announceReviewCard, { counts: this.countsText(), prompt }, t.locale)
      : format(t.announceCard, { progress: format(t.progress, { n: run.position, total: run.total }, t.locale), prompt }, t.locale);
  }

  /** "3 new, 1 learning, 5 due", for announcements. */
  protected countsText(): string {
    const counts = this.scheduled?.queue.counts ?? { new: 0, learning: 0, due: 0 };
    return format(this.host.resolvedLabels.announceCounts, { ...counts }, this.host.resolvedLabels.locale);
  }

  /**
   * Resolves true once `part`'s chunk is in (mostly at once: each is fetched ahead). While it is
   * fetched the card stays, its grades disabled; a chunk that cannot be loaded shows the error,
   * with `content-unavailable`.
   */
  protected async partIn(part: LazyPart<unknown>): Promise<boolean> {
    if (part.loaded) return true;
    this.update({ busy: true });
    try {
      await part.load();
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    } finally {
      // Answers still being stored keep the grades waiting.
      this.update({ busy: this.answering });
    }
  }

  /** Shows an error and fires `review-error` with its code. @internal */
  fail(error: unknown): void {
    const failure = toOfflineReviewError(error);
    this.update({ phase: 'error', failure, errorMessage: messageFor(this.host.resolvedLabels, failure), announcement: '' });
    this.host.dispatchEvent(new ReviewErrorEvent(failure));
  }

  /** Sets view state and asks the element to render. @internal */
  update(patch: Partial<Pick<CardController, ViewField>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}

type ViewField = 'phase' | 'run' | 'item' | 'revealed' | 'typed' | 'cardCounts' | 'notice' | 'errorMessage' | 'failure' | 'announcement' | 'busy';
