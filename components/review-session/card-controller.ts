/**
 * The card on screen of `<review-session>` and what a learner does with it: reveal, grade,
 * check a typed answer, store the answer. The view state the element renders lives here; the
 * review controller, which extends it, decides which card comes next.
 */
import type { ReactiveControllerHost } from 'lit';
import type { AnswerRecord, ReviewableContent } from '../../src/index.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { focusPart, type RenderedHost } from '../shared/focus.js';
import { format } from '../shared/format.js';
import { nextPaintWithin } from './review-paint.js';
import type { ReviewClock } from './queue-timer.js';
import type { QueueCounts } from '../../src/scheduler/session-queue.js';
import { servesRun, storeAnswer } from './review-answer.js';
import type { ReviewEngine } from './review-engine.js';
import { ReviewRun } from './review-run.js';
import { typedAnswers } from './review-parts.js';
import { ReviewAnswerEvent, ReviewErrorEvent } from './review-session-events.js';
import { answerAgainNotice, messageFor, type ReviewSessionLabels } from './review-session-labels.js';
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
  protected shownAt = 0;
  /** The latest write of a grade whose next card already shows (see `record`); resolves whether it was stored. @internal */
  writing: Promise<boolean> | null = null;
  /** Answers being stored (`busy` while there are any), and of those, the ones whose next card already shows. */
  private records = 0;
  private ahead = 0;
  /** Bumped when an answer whose next card shows is refused, or a review loads: the writes chained before are dropped. */
  protected generation = 0;
  /** What waits for no answer to be in flight (see `answersStored`). */
  private readonly drained: (() => void)[] = [];
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

  /** Sets the timer for the next change of the queue by itself. */
  protected abstract arm(): void;

  /** An answer was stored (or refused): take in what arrived from elsewhere meanwhile. */
  protected abstract settled(): void;

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
   * Stores a grade (keys 1-4 or the buttons) and shows the next card, from the queue in memory,
   * while the answer is written; it can be graded at once (its answer is written after). An
   * answer counts (undo, `review-answer`) once stored; a refused write brings its card back with
   * the notice, dropping grades given meanwhile. The review's end shows once all are stored.
   */
  async grade(rating: Grade): Promise<void> {
    const item = this.item;
    if (this.phase !== 'card' || !this.revealed || this.storing || !item) return;
    const run = this.run!;
    const now = this.host.clock.now();
    if (run instanceof ScheduledRun) run.hold(item.id, rating, now);
    else run.hold(item.id);
    if (run.done) {
      // The last card: the end completes the session, which must hold every answer first.
      run.release(item.id, now);
      if (this.writing && !(await this.writing)) return;
      if (this.phase !== 'card' || !this.revealed || this.storing || this.item !== item) return;
      if (await this.record({ rating })) await this.advance(true);
      return;
    }
    const write = this.record({ rating }, this.writing ?? true);
    this.writing = write;
    this.showCard(true);
    const stored = await write;
    if (this.writing === write) this.writing = null;
    // The stored state of the answered card is the truth: a card the queue in memory got wrong
    // is replaced while it is still face down.
    if (stored && this.run === run && this.phase === 'card' && !this.revealed && run.current !== this.item) {
      await this.advance(this.host.matches(':focus-within'));
    }
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

  /** What the live region says of `item` shown: its prompt, with the drill's progress or the review's counts. */
  private cardAnnouncement(item: ReviewableContent | null): string {
    const run = this.run!;
    const t = this.host.resolvedLabels;
    const prompt = item?.prompt ?? '';
    return run instanceof ReviewRun
      ? format(t.announceCard, { progress: format(t.progress, { n: run.position, total: run.total }, t.locale), prompt }, t.locale)
      : format(t.announceReviewCard, { counts: this.countsText(), prompt }, t.locale);
  }

  /** "3 new, 1 learning, 5 due", for announcements. */
  protected countsText(): string {
    const counts = this.scheduled?.queue.counts ?? { new: 0, learning: 0, due: 0 };
    return format(this.host.resolvedLabels.announceCounts, { ...counts }, this.host.resolvedLabels.locale);
  }

  /**
   * Stores one answer through the engine. On `storage-full`, or when the scheduler's chunk cannot
   * be fetched, the answer is not accepted: the card stays (or, when the next card already shows,
   * comes back) with a notice. `ahead`: the next card already shows; `true`, or the write before,
   * which this one waits for (if that one was refused, this one is dropped), as is one whose review
   * was left (another user, database or deck) before its write starts. Resolves true when stored.
   * @internal
   */
  async record(answer: { rating?: Grade; correct?: boolean; typedAnswer?: string }, ahead: Promise<boolean> | boolean = false): Promise<boolean> {
    const run = this.run!;
    const item = this.item!;
    const responseTimeMs = Math.round(performance.now() - this.shownAt);
    const generation = this.generation;
    this.records += 1;
    if (ahead) this.ahead += 1;
    this.update({ busy: true });
    try {
      // The next card is painted first: the write starts in a task after that frame (100 ms at
      // most), so its IndexedDB work is not between the key and the paint. Held in memory.
      if (ahead) await nextPaintWithin(100);
      const engine = await this.engines.forWrite();
      if (generation !== this.generation || (typeof ahead !== 'boolean' && !(await ahead)) || !engine || this.run !== run || !servesRun(engine, run)) {
        run.release(item.id, this.host.clock.now());
        return (this.lastStored = false);
      }
      const { stored, position, total } = await storeAnswer(engine, this.host, run, { itemId: item.id, responseTimeMs, ...answer });
      if (this.run === run) this.undoStack.push(stored);
      if (!ahead) this.update({ notice: null });
      this.host.dispatchEvent(new ReviewAnswerEvent({ answer: stored, position, total }));
      return (this.lastStored = true);
    } catch (error) {
      this.lastStored = false;
      const failure = toOfflineReviewError(error);
      if (ahead) {
        run.release(item.id, this.host.clock.now());
        // A grade on the card brought back is not chained behind the writes now doomed.
        this.writing = null;
        this.generation += 1;
      }
      const notice = answerAgainNotice(this.host.resolvedLabels, failure);
      if (notice === null) {
        this.fail(failure);
        return false;
      }
      // The card answered comes back as it was left, grades showing, whatever showed meanwhile (not an error).
      if (ahead && this.run === run && this.phase !== 'error') {
        this.update({ phase: 'card', item, revealed: true, typed: null, notice, announcement: this.cardAnnouncement(item) });
        void focusPart(this.host, '[part~="grade-good"]');
      } else if (this.run === run) this.update({ notice });
      this.host.dispatchEvent(new ReviewErrorEvent(failure));
      return false;
    } finally {
      this.records -= 1;
      if (ahead) this.ahead -= 1;
      // What arrived from elsewhere meanwhile is read once no answer of ours is in flight.
      if (this.records === 0) {
        this.update({ busy: false });
        for (const resolve of this.drained.splice(0)) resolve();
        this.settled();
      }
    }
  }

  /** Shows an error and fires `review-error` with its code. @internal */
  fail(error: unknown): void {
    const failure = toOfflineReviewError(error);
    this.update({ phase: 'error', errorMessage: messageFor(this.host.resolvedLabels, failure), announcement: '' });
    this.host.dispatchEvent(new ReviewErrorEvent(failure));
  }

  /** Sets view state and asks the element to render. @internal */
  update(patch: Partial<Pick<CardController, ViewField>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}

type ViewField = 'phase' | 'run' | 'item' | 'revealed' | 'typed' | 'cardCounts' | 'notice' | 'errorMessage' | 'announcement' | 'busy';
