/**
 * The behaviour of `<review-session>`: load items, start or resume the session through the
 * engine, reveal, grade or check, store answers, finish. It holds the view state the element
 * renders and asks the host to update when it changes; the element keeps attributes, keys and
 * templates.
 */
import type { ReactiveControllerHost } from 'lit';
import { OfflineReviewError, type AnswersChangedEvent, type ReviewableContent } from '../../src/index.js';
import type { EngineController } from '../shared/engine-controller.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { focusPart, type RenderedHost } from '../shared/focus.js';
import { format } from '../shared/format.js';
import { checkDeckId, loadItems, typedAnswerError, userError } from './review-items.js';
import { CatchUp } from './review-catch-up.js';
import { ReviewRun, typedAnswerMatches } from './review-run.js';
import { ReviewAnswerEvent, ReviewCompleteEvent, ReviewErrorEvent } from './review-session-events.js';
import { messageFor, type ReviewSessionLabels } from './review-session-labels.js';

/** What the element shows. */
export type ReviewPhase = 'loading' | 'card' | 'complete' | 'error';
/** A grade, as keys 1-4 give it. */
export type Grade = 1 | 2 | 3 | 4;

/** Where focus goes when a card appears. */
const FIRST_CONTROL = '[part~="reveal-button"], [part~="typed-input"]';

/** What the controller needs from its element (the element itself: inline items, `src`'s base URL, focus). */
export interface ReviewHost extends ReactiveControllerHost, RenderedHost, HTMLElement {
  user: string;
  deck: string;
  mode: string;
  src: string;
  /** The labels in force (defaults merged with the site's). */
  readonly resolvedLabels: ReviewSessionLabels;
}

/**
 * Runs one review session for its host element. It has no lifecycle of its own (loading follows
 * the element's attributes), so it is not registered as a ReactiveController.
 */
export class ReviewController {
  /** What to show. */
  phase: ReviewPhase = 'loading';
  /** The session in progress, once loaded. */
  run: ReviewRun | null = null;
  /** The card on screen. */
  item: ReviewableContent | null = null;
  /** The answer is visible. */
  revealed = false;
  /** A checked typed answer, while its feedback shows. */
  typed: { value: string; correct: boolean } | null = null;
  /** A problem with the current answer (storage full), shown on the card. */
  notice: string | null = null;
  /** The message of a load error. */
  errorMessage = '';
  /** The latest text for the polite live region. */
  announcement = '';
  /** An answer is being stored. */
  busy = false;
  /** The inline JSON last loaded (to notice when a CMS page's script arrives or changes). */
  inlineText: string | null = null;

  private readonly host: ReviewHost;
  private readonly engines: EngineController;
  private loading: AbortController | null = null;
  private shownAt = 0;
  private readonly catchUps: CatchUp;

  /** A controller for `host`; `engines` gives the shared engine. */
  constructor(host: ReviewHost, engines: EngineController) {
    this.host = host;
    this.engines = engines;
    const view = this;
    this.catchUps = new CatchUp({
      get run() {
        return view.run;
      },
      get showingCard() {
        return view.phase === 'card';
      },
      get busy() {
        return view.busy;
      },
      read: (sessionId) => engines.engine!.getSessionAnswers(sessionId),
      moved: (run) => this.moved(run),
    });
  }

  /**
   * (Re)loads the items and starts or resumes the session; a newer call aborts an older one
   * (its deck fetch is cancelled). Errors are shown and fired as `review-error`, never thrown.
   */
  async load(): Promise<void> {
    this.loading?.abort();
    const { signal } = (this.loading = new AbortController());
    const current = (): boolean => !signal.aborted;
    this.update({ phase: 'loading', run: null, item: null });
    try {
      const { mode, deck, src } = this.host;
      if (mode !== 'grade' && mode !== 'typed') {
        throw new OfflineReviewError('invalid-input', `Unknown mode "${mode}".`, { details: { attribute: 'mode', value: mode } });
      }
      const engine = this.engines.engine;
      if (!engine) throw userError(this.host.user);
      checkDeckId(deck);
      await engine.ready;
      const { items, inlineText, refused } = await loadItems(engine, this.host, src, signal);
      this.inlineText = inlineText;
      if (!current()) return;
      // Bad items cost only themselves: named to the page, and the rest of the deck goes on.
      if (refused) this.host.dispatchEvent(new ReviewErrorEvent(refused));
      const itemIds = items.map((item) => item.id);
      const { session, answers } = await engine.startSession({ deckId: deck, itemIds, mode });
      if (!current()) return;
      this.run = new ReviewRun(session, items, answers);
      if (this.run.done) await this.finish(false);
      else this.showCard(false);
    } catch (error) {
      if (current()) this.fail(error);
    }
  }

  /**
   * Reveals the answer (Space or the button) and moves focus to the grades, on "Good": a second
   * Space then means Good, as in other flashcard apps, never an accidental "Again".
   */
  reveal(): void {
    if (this.phase !== 'card' || this.revealed || !this.item) return;
    this.update({
      revealed: true,
      announcement: format(this.host.resolvedLabels.announceAnswer, { answer: this.item.answer }),
    });
    void focusPart(this.host, '[part~="grade-good"]');
  }

  /** Stores a grade (keys 1-4 or the buttons), then shows the next card or the summary. */
  async grade(rating: Grade): Promise<void> {
    if (this.phase !== 'card' || !this.revealed || this.busy) return;
    if (await this.record({ rating })) await this.advance();
  }

  /** Checks and stores a typed answer; the card stays, with feedback, until `advance()`. */
  async check(value: string): Promise<void> {
    const item = this.item;
    if (this.phase !== 'card' || this.typed || this.busy || !item) return;
    // Refused as it is typed, as a server would refuse it: the card stays for another try.
    const refused = typedAnswerError(item.id, value);
    if (refused) {
      this.update({ notice: format(this.host.resolvedLabels.invalidAnswer, { max: refused.details['max'] as number }) });
      this.host.dispatchEvent(new ReviewErrorEvent(refused));
      return;
    }
    const correct = typedAnswerMatches(value, item.answer);
    if (!(await this.record({ correct, typedAnswer: value }))) return;
    const t = this.host.resolvedLabels;
    this.update({
      typed: { value, correct },
      revealed: true,
      announcement: `${correct ? t.correct : t.incorrect}. ${format(t.announceAnswer, { answer: item.answer })}`,
    });
    void focusPart(this.host, '[part~="next-button"]');
  }

  /** After an answer: the next card (focused), or the summary after the last one. */
  async advance(): Promise<void> {
    if (this.run?.done) await this.finish(true);
    else this.showCard(true);
  }

  /** Takes in answers stored elsewhere for this session (review-catch-up.ts). */
  catchUp(event: AnswersChangedEvent): Promise<void> {
    return this.catchUps.changed(event);
  }

  /** Answers from elsewhere were added: a card answered elsewhere is replaced by the next one. */
  private async moved(run: ReviewRun): Promise<void> {
    // A card whose feedback is on screen was answered here: it stays until "Next".
    if (this.typed || run.current === this.item) {
      this.host.requestUpdate();
      return;
    }
    const hadFocus = this.host.matches(':focus-within');
    if (run.done) await this.finish(hadFocus);
    else this.showCard(hadFocus);
  }

  /** Starts the deck again after the summary, focusing the first card. */
  async restart(): Promise<void> {
    await this.load();
    await focusPart(this.host, FIRST_CONTROL);
  }

  private showCard(moveFocus: boolean): void {
    const run = this.run!;
    const item = run.current ?? null;
    const t = this.host.resolvedLabels;
    this.shownAt = performance.now();
    this.update({
      phase: 'card',
      item,
      revealed: false,
      typed: null,
      notice: null,
      announcement: format(t.announceCard, {
        progress: format(t.progress, { n: run.position, total: run.total }),
        prompt: item?.prompt ?? '',
      }),
    });
    if (moveFocus) void focusPart(this.host, FIRST_CONTROL);
  }

  /**
   * Stores one answer through the engine. On `storage-full` the answer is not accepted: the
   * card stays as it is with a notice, so the learner can answer again after freeing space.
   * Resolves true when the answer was stored.
   */
  private async record(answer: { rating?: Grade; correct?: boolean; typedAnswer?: string }): Promise<boolean> {
    const run = this.run!;
    const item = this.item!;
    this.update({ busy: true });
    try {
      const stored = await this.engines.engine!.recordAnswer({
        sessionId: run.session.id,
        itemId: item.id,
        responseTimeMs: Math.round(performance.now() - this.shownAt),
        ...answer,
      });
      const position = run.position;
      run.add(stored);
      this.update({ notice: null });
      this.host.dispatchEvent(new ReviewAnswerEvent({ answer: stored, position, total: run.total }));
      return true;
    } catch (error) {
      const failure = toOfflineReviewError(error);
      if (failure.code !== 'storage-full') {
        this.fail(failure);
        return false;
      }
      this.update({ notice: this.host.resolvedLabels.storageFull });
      this.host.dispatchEvent(new ReviewErrorEvent(failure));
      return false;
    } finally {
      this.update({ busy: false });
      this.catchUps.settled();
    }
  }

  private async finish(moveFocus: boolean): Promise<void> {
    const run = this.run!;
    try {
      await this.engines.engine!.completeSession(run.session.id);
    } catch (error) {
      this.fail(error);
      return;
    }
    const summary = run.summary();
    this.update({
      phase: 'complete',
      announcement: format(this.host.resolvedLabels.announceComplete, {
        answered: summary.answered,
        accuracy: `${Math.round(summary.accuracy * 100)}%`,
      }),
    });
    this.host.dispatchEvent(new ReviewCompleteEvent(summary));
    if (moveFocus) void focusPart(this.host, '[part~="summary"]');
  }

  /** Shows an error and fires `review-error` with its code. */
  private fail(error: unknown): void {
    const failure = toOfflineReviewError(error);
    this.update({ phase: 'error', errorMessage: messageFor(this.host.resolvedLabels, failure), announcement: '' });
    this.host.dispatchEvent(new ReviewErrorEvent(failure));
  }

  private update(patch: Partial<Pick<ReviewController, ViewField>>): void {
    Object.assign(this, patch);
    this.host.requestUpdate();
  }
}

type ViewField = 'phase' | 'run' | 'item' | 'revealed' | 'typed' | 'notice' | 'errorMessage' | 'announcement' | 'busy';
