/**
 * The behaviour of `<review-session>`: load items, build today's queue (or the drill's deck
 * order), move from card to card, undo, and end with "All done for now" or the drill's
 * summary. The card on screen and the actions on it are the CardController's.
 */
import type { AnswersChangedEvent } from '../../src/index.js';
import { isRecordId } from '../../src/records/record-id.js';
import { Coalesced } from '../../src/sync/coalesce.js';
import { CardController } from './card-controller.js';
import { engineSchedule } from './engine-schedule.js';
import { EngineArrival } from './first-card.js';
import { QueueTimer } from './queue-timer.js';
import type { CatchUp } from './review-catch-up.js';
import { cardExtras, grades, screens, typedAnswers } from './review-parts.js';
import { checkDeckId, checkModes, loadItems, userError } from './review-items.js';
import { ReviewErrorEvent } from './review-session-events.js';
import { ScheduledRun } from './scheduled-run.js';
import { loadChunk } from '../shared/stale-build.js';

export type { Grade, ReviewHost, ReviewPhase } from './card-controller.js';

/**
 * Runs one review for its host element. It has no lifecycle of its own (loading follows the
 * element's attributes), so it is not registered as a ReactiveController.
 */
export class ReviewController extends CardController {
  /** The inline JSON last loaded (to notice when a CMS page's script arrives or changes). */
  inlineText: string | null = null;
  /** "Practise anyway" was chosen: a drill over the deck until the attributes change. */
  practising = false;
  /** "Review the missed cards" was chosen: the drill holds only these items (until a restart). */
  only: readonly string[] | null = null;

  private readonly timer = new QueueTimer();
  private loading: AbortController | null = null;
  private readonly reads = new Coalesced(() => this.refresh().catch(() => undefined), () => this.scheduled !== null);
  /** The drill's catch-up (run-end.ts, in the summaries' chunk), made on first need. */
  private drillCatchUp: CatchUp | null = null;
  /** Answers from elsewhere arrived while an answer of ours was being stored. */
  private missed = false;

  /**
   * (Re)loads the items and builds today's queue, or starts or resumes the drill; a newer call
   * aborts an older one (its deck fetch is cancelled). Errors are shown and fired as
   * `review-error`, never thrown.
   */
  async load(): Promise<void> {
    this.loading?.abort();
    const { signal } = (this.loading = new AbortController());
    const current = (): boolean => !signal.aborted;
    this.timer.clear();
    this.undoStack.length = 0;
    this.generation += 1;
    this.update({ phase: 'loading', run: null, item: null });
    try {
      const { deck, src, schedule, user, dbName } = this.host;
      const mode = checkModes(this.host.mode, schedule);
      const identity = { userId: user, dbName, deckId: deck, mode };
      const config = schedule === 'review' ? this.host.scheduleConfig() : null;
      if (!isRecordId(this.host.user)) throw userError(this.host.user);
      checkDeckId(deck);
      // A scheduled review of inline items before the engine: read without it (first-card.ts).
      const early = config !== null && !this.practising && !src && !this.engines.loaded;
      this.engines.arrival = null;
      const engine = early ? null : await this.engines.load();
      // A typed review's first card waits for the typed answers' chunk, fetched meanwhile, and
      // the grades' chunk its check writes through.
      await Promise.all([engine?.ready, mode === 'typed' ? typedAnswers.load() : null, mode === 'typed' ? grades.load() : null]);
      const { items, inlineText, refused } = await loadItems(engine, this.host, src, signal);
      this.inlineText = inlineText;
      if (!current()) return;
      // Bad items cost only themselves: named to the page, and the rest of the deck goes on.
      if (refused) this.host.dispatchEvent(new ReviewErrorEvent(refused));
      if (config && !this.practising) {
        // The engine failing to arrive shows the error, at the first grade or after the first card.
        const arrival = early ? new EngineArrival(this.engines, items, (error) => current() && this.fail(error)) : null;
        const run = new ScheduledRun(items, config, arrival ? arrival.source() : engineSchedule(engine!), () => this.update({}));
        run.identity = identity;
        this.engines.arrival = arrival;
        await run.reload(this.host.clock.now());
        if (!current()) return;
        this.run = run;
        await this.advance(false);
        // The engine's states are the truth: read again once it is in (a face-down card may change).
        void arrival?.afterPaint().then((engine) => engine && current() && this.arrived());
        return;
      }
      // A drill: its start is the grades' chunk's, which came with the engine (drill-start.ts).
      const run = await (await grades.load()).startDrill(engine!, items, identity, mode, this);
      if (!current()) return;
      this.run = run;
      await this.advance(false);
    } catch (error) {
      if (current()) this.fail(error);
    }
  }

  /**
   * "Try again" on the error screen: loads again, first importing again a chunk that failed, or
   * reloading the page where that import cannot succeed (error-retry.ts, a chunk of its own;
   * without it, loads again). Errors are shown, never thrown.
   */
  retry(): Promise<void> {
    return loadChunk(() => import('./error-retry.js')).then(
      (chunk) => chunk.retryAfterError(this, [grades, screens, typedAnswers, cardExtras]),
      () => this.load(),
    );
  }

  /** The next card (focused when `moveFocus`), or the end: the drill's summary, or "All done for now" (run-end.ts). */
  async advance(moveFocus = true): Promise<void> {
    const run = this.run;
    if (!run) return;
    if (!run.done) return this.showCard(moveFocus);
    // The end is the summaries' chunk's (summary-actions.ts), fetched first: if it fails, a
    // retry finds the session unfinished. "The next card is due…" is formatted by the extras'
    // chunk: fetched beside it.
    const scheduled = run instanceof ScheduledRun;
    if (scheduled) void cardExtras.load().catch(() => undefined);
    if (!(await this.partIn(screens)) || (scheduled && !(await this.partIn(cardExtras)))) return;
    await screens.loaded!.endRun(this, moveFocus);
  }

  /**
   * Re-reads the schedule now: the queue's counts and, when no card is on screen, the next card.
   * Runs after each answer, when a learning step falls due (a timer) and when the page is shown
   * again; a test that moves its `clock` calls it through the element's `refresh()`.
   */
  async refresh(): Promise<void> {
    const run = this.scheduled;
    if (!run || this.busy) return;
    await run.reload(this.host.clock.now());
    if (this.run !== run || this.busy) return;
    if (this.phase === 'done' && !run.done) this.showCard(this.host.matches(':focus-within'));
    else if (this.phase === 'card' && !this.revealed && run.current && run.current !== this.item) this.showCard(this.host.matches(':focus-within'));
    else this.update({});
    this.arm();
  }

  /** Sets the timer for the next change of the queue by itself. @internal */
  arm(): void {
    const run = this.scheduled;
    this.timer.set(run ? run.nextChangeAt() : null, this.host.clock, () => void this.refresh());
  }

  /**
   * Stops the review where it is, its error already reported (the element's words could not be
   * loaded): a load under way is dropped, and no card is shown or acted on until `load()`.
   */
  halt(): void {
    this.loading?.abort();
    this.timer.clear();
    this.update({ phase: 'error' });
  }

  /** Stops the timer (the element left the page). */
  stop(): void {
    this.timer.clear();
  }

  /**
   * Undoes the last answer of this visit (button, `z`, Ctrl+Z): retracted everywhere; its card
   * comes back. Undo's code is a chunk loaded after the first card (card-extras.ts): an undo
   * asked for before it arrived waits for it and runs once; a chunk that cannot be loaded
   * shows the error, with `content-unavailable`. Grades and checks wait from the key until the
   * undo has run, so it undoes the last answer given before it, never one given after. An undo
   * asked for while one is under way is that one.
   */
  undo(): Promise<void> {
    if (this.undoing) return this.undoing;
    this.undoing = this.partIn(cardExtras)
      .then((inHand) => (inHand ? cardExtras.loaded!.undoLast(this) : undefined))
      .finally(() => {
        this.undoing = null;
        this.host.requestUpdate();
      });
    this.host.requestUpdate();
    return this.undoing;
  }

  /**
   * Takes in answers stored elsewhere (another element on the page, another tab, or a device
   * through a pull). A scheduled review reads its card states again, since an answer in any
   * session may be to one of the deck's items; a drill catches up with its own session's
   * answers (review-catch-up.ts).
   */
  async catchUp(event: AnswersChangedEvent): Promise<void> {
    if (!this.scheduled) {
      // The event's answers while ours is stored are ours, which the write takes in (answer-write.ts).
      if (event.answers && this.busy) return;
      const catchUp = await screens.load().then((loaded) => (this.drillCatchUp ??= loaded.drillCatchUp(this)), () => null);
      // Its chunk could not be loaded: the next change tries again.
      return catchUp?.changed(event);
    }
    // Our own answer is taken in by its write, which is busy until it has.
    if (this.busy) this.missed ||= event.origin !== 'local';
    else await this.reads.run();
  }

  /** The engine arrived after the first card: its states are read, now or once the answer being stored is. */
  private arrived(): void {
    if (this.busy) this.missed = true;
    else void this.reads.run();
  }

  /** An answer was stored: reads again what arrived from elsewhere meanwhile. @internal */
  settled(): void {
    if (!this.scheduled) this.drillCatchUp?.settled();
    else if (this.missed) {
      this.missed = false;
      void this.reads.run();
    }
  }
}
