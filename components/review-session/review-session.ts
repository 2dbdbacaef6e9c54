import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ReviewSession } from '../../src/index.js';
import { systemClock, type ReviewClock } from './queue-timer.js';
import { scheduleConfig, type ScheduleConfig } from './schedule-config.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { IndicatorState } from '../shared/sync-status.js';
import { noticeState } from './review-paint.js';
import { inlineItemsScript } from './review-items.js';
import { ReviewController, type ReviewHost } from './review-controller.js';
import { ReviewEngine } from './review-engine.js';
import { dispatchReviewReady } from './review-session-events.js';
import type { ReviewSessionLabels } from './review-session-labels.js';
import { errorTemplate } from './review-session-templates.js';
import { ElementWords } from './review-session-words.js';
import { onReviewKey } from './review-keys.js';
import { KeyboardController } from './keyboard-controller.js';
import { reviewSessionStyles } from './review-session.styles.js';
import { LaterParts } from './later-parts.js';
import { gradeStyles } from './grade.styles.js';
import { registerWorkerOnce } from './worker-registration.js';
import { renderPhase } from './review-view.js';

/** Attributes that select what is reviewed: a change reloads. */
const CONFIG_PROPERTIES = [
  'deck', 'user', 'apiBase', 'dbName', 'mode', 'src', 'schedule', 'desiredRetention', 'maximumInterval', 'learningSteps',
  'relearningSteps', 'fuzz', 'newPerDay', 'maxReviews', 'learnAhead', 'dayStartHour', 'timeZone',
] as const;

/**
 * A spaced-repetition review that works offline: answers are stored on the device first and
 * synced when the network allows. What is due comes from the learner's answers (FSRS, replayed
 * on every device), so a reload, another tab or another device shows the same queue. With
 * `schedule="drill"`, every card once in deck order instead; a reload resumes at the next card.
 *
 * @tagname review-session
 * @summary A spaced-repetition review (or a drill) that keeps working offline; a reload shows the same queue.
 *
 * @slot - A `<script type="application/json">` with the items (`[{id, prompt, answer, accept?}]`); not displayed.
 * @slot complete - Extra content for the end-of-session summary (a link to the next deck, say).
 * @slot offline-notice - Replaces the text of the offline notice.
 *
 * @event {ReviewAnswerEvent} review-answer - An answer was stored on the device. `detail: { answer, position, total }`.
 * @event {ReviewCompleteEvent} review-complete - The last card was answered. `detail: { sessionId, answered, correct, accuracy, durationMs }`.
 * @event {ReviewErrorEvent} review-error - Items could not be loaded or an answer not stored. `detail: { code, error }`.
 * @event {ReviewReadyEvent} review-ready - Once: the first card (or the summary, or an error) is shown.
 *
 * @csspart base - The frame around everything.
 * @csspart progress - The progress row ("3 of 10" and the bar).
 * @csspart progress-text - The "3 of 10" text.
 * @csspart progress-bar - The progress bar's track.
 * @csspart card - The current card.
 * @csspart prompt - The card's prompt.
 * @csspart answer-area - The area under the prompt that holds the revealed answer.
 * @csspart answer - The card's answer, once revealed.
 * @csspart actions - The row holding the reveal, next or check button.
 * @csspart reveal-button - The "Show answer" button.
 * @csspart grades - The group of grade buttons.
 * @csspart grade-button - Each grade button (also `grade-again`, `grade-hard`, `grade-good`, `grade-easy`).
 * @csspart typed-input - The typed-answer field (`mode="typed"`).
 * @csspart check-button - Submits a typed answer.
 * @csspart feedback - "Correct" / "Not quite" after a typed answer.
 * @csspart typed-comparison - After Check: what was typed beside the closest accepted answer.
 * @csspart typed-answer - What was typed, extra characters in `<del>` (struck through).
 * @csspart typed-expected - The closest accepted answer, characters not typed in `<ins>` (underlined).
 * @csspart next-button - Goes on after a typed answer.
 * @csspart notice - A problem with the current answer (storage full).
 * @csspart offline-notice - The notice shown while offline, or while the sync server cannot be reached.
 * @csspart summary - The end-of-session summary.
 * @csspart restart-button - Starts the deck again after the summary.
 * @csspart missed - The summary's list of missed cards (graded Again, or typed wrong), with its button.
 * @csspart missed-list - The list itself (each entry `missed-item`, holding `missed-prompt` and `missed-answer`).
 * @csspart review-missed-button - Starts a drill over just the missed cards (works offline).
 * @csspart counts - The new, learning and due counts of a scheduled review (also `count`, `count-new`, `count-learning`, `count-due`, `count-value`).
 * @csspart interval - The interval a grade button would give ("10m", "4d").
 * @csspart key-hint - The key of each grade button ("1"-"4"), hidden where the primary pointer is coarse (touch screens).
 * @csspart undo-button - Undoes the last answer (also `z` or Ctrl+Z).
 * @csspart done - "All done for now" (also `summary`).
 * @csspart next-due - When the next card is due.
 * @csspart practise-button - "Practise anyway": a drill over the whole deck.
 * @csspart loading - The loading message.
 * @csspart error - A load or setup error.
 * @csspart error-message - The error's text.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --review-session-background - Background of the frame.
 * @cssproperty --review-session-foreground - Text colour.
 * @cssproperty --review-session-muted - Secondary text (progress, summary terms).
 * @cssproperty --review-session-border - Borders and the progress track.
 * @cssproperty --review-session-accent - Primary buttons and the progress bar.
 * @cssproperty --review-session-accent-foreground - Text on accent-coloured buttons.
 * @cssproperty --review-session-success - "Correct" feedback.
 * @cssproperty --review-session-danger - "Not quite" feedback and errors.
 * @cssproperty --review-session-notice-background - Background of notices (offline, storage full).
 * @cssproperty --review-session-notice-foreground - Text of notices.
 * @cssproperty --review-session-radius - Corner radius.
 * @cssproperty --review-session-spacing - Space between parts.
 * @cssproperty --review-session-font - Font family.
 * @cssproperty --review-session-prompt-size - Font size of the prompt.
 * @cssproperty --review-session-max-width - Maximum width of the element.
 * @cssproperty --review-session-again - Background of the Again button (text: `--review-session-grade-foreground`).
 * @cssproperty --review-session-hard - Background of the Hard button.
 * @cssproperty --review-session-good - Background of the Good button.
 * @cssproperty --review-session-easy - Background of the Easy button.
 * @cssproperty --review-session-grade-foreground - Text on the grade buttons (white in light mode, near-black in dark).
 * @cssproperty --review-session-focus-ring - Colour of the focus ring shown on keyboard focus (`:focus-visible`; default the accent).
 * @cssproperty --review-session-transition - Duration and easing of transitions (0s under reduced motion).
 * @cssproperty --review-session-new - Colour of the new-card count (default the accent).
 * @cssproperty --review-session-learning - Colour of the learning count (default the danger colour).
 * @cssproperty --review-session-due - Colour of the to-review count (default the success colour).
 */
export class ReviewSessionElement extends LitElement implements ReviewHost {
  static override styles = [sharedStyles, reviewSessionStyles, gradeStyles];
  // Lit's `static properties`, not decorators: the same properties in less code (first chunk).
  static override properties = {
    deck: {}, user: {}, apiBase: { attribute: 'api-base' }, dbName: { attribute: 'db-name' }, mode: {}, schedule: {},
    desiredRetention: { attribute: 'desired-retention', type: Number }, maximumInterval: { attribute: 'maximum-interval', type: Number },
    learningSteps: { attribute: 'learning-steps' }, relearningSteps: { attribute: 'relearning-steps' }, fuzz: { type: Boolean },
    newPerDay: { attribute: 'new-per-day', type: Number }, maxReviews: { attribute: 'max-reviews', type: Number },
    learnAhead: { attribute: 'learn-ahead', type: Number }, dayStartHour: { attribute: 'day-start-hour', type: Number },
    timeZone: { attribute: 'time-zone' }, clock: { attribute: false }, src: {}, sw: {}, keyboard: { reflect: true }, labels: { attribute: false },
  };

  /** The deck's id: a reload resumes the latest unfinished session of this deck. */
  deck = 'default';

  /** The signed-in user's id (required). */
  user = '';

  /** Base URL of the sync API. */
  apiBase = '/api/review';

  /** IndexedDB database name; tags with the same database and user share one engine. */
  dbName = 'offline-review';

  /** `grade` (reveal, then Again/Hard/Good/Easy) or `typed` (type the answer). */
  mode = 'grade';

  /** `review` (default): spaced repetition, what is due today; `drill`: every card once, in deck order. */
  schedule = 'review';

  /** FSRS desired retention, between 0 and 1 (default 0.9). */
  desiredRetention?: number;

  /** The longest interval, in days (default 36500). */
  maximumInterval?: number;

  /** Steps of a new card, space-separated (default "1m 10m"; units m, h, d). */
  learningSteps?: string;

  /** Steps of a forgotten card (default "10m"). */
  relearningSteps?: string;

  /** Spreads intervals a little, the same way on every device (off by default). */
  fuzz = false;

  /** New cards introduced per day (default 20). */
  newPerDay?: number;

  /** Review cards per day (default 200); new cards count against it too. */
  maxReviews?: number;

  /** Minutes: when nothing else is left, learning cards due this soon are shown early (default 20). */
  learnAhead?: number;

  /** The hour, local time, at which the learner's day starts (default 4). */
  dayStartHour?: number;

  /** The learner's IANA time zone (default the browser's); every device of a learner should agree. */
  timeZone?: string;

  /**
   * Where the review reads the time (default the real clock). A test seam: give `{ now }` and
   * call `refresh()` after moving it.
   */
  clock: ReviewClock = systemClock;

  /** URL of a JSON array of items; fetched through the engine and cached for offline use. */
  src = '';

  /** URL of the site's service worker file (same origin); registered when set. */
  sw = '';

  /**
   * Where the shortcuts (Space or Enter, 1-4, z) work. `page` (default): from anywhere on the
   * page while nothing else has focus, when this is the page's only `<review-session>`, and
   * inside the element; `local`: only once focus is inside the element (a click on it will do).
   */
  keyboard = 'page';

  /** Replacement texts over the built-in set of the element's `lang` (en, ja; see ReviewSessionLabels). */
  labels: Partial<ReviewSessionLabels> = {};

  private readonly engines = new ReviewEngine(this, (event) => void this.review.catchUp(event), noticeState);
  private readonly review = new ReviewController(this, this.engines);
  private readonly words = new ElementWords(this);

  /** Listens for the keyboard shortcuts: inside the element, and from the page (see `keyboard`). */
  constructor() {
    super();
    new LaterParts(this, this.review);
    new KeyboardController(this, (event, fromPage) => onReviewKey(event, this.review, this.mode, fromPage));
  }

  /** The session being reviewed, once loaded (null while loading or after an error). */
  get session(): ReviewSession | null {
    return this.review.run?.session ?? null;
  }

  /** The scheduling configuration of the attributes. Throws `invalid-input` naming a bad attribute. */
  scheduleConfig(): ScheduleConfig {
    return scheduleConfig(this);
  }

  /** Re-reads the schedule now (after a test moved its `clock`, say); resolves when shown. */
  async refresh(): Promise<void> {
    await this.review.refresh();
    await this.updateComplete;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisible);
    // Moved in the page: its timer was stopped when it was taken out.
    void this.review.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    this.review.stop();
  }

  // Timers sleep in a hidden tab: look again when the learner comes back.
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') void this.review.refresh();
  };

  /** The labels in force (the `lang` set, `labels` over it); `locale` formats numbers and dates. @internal */
  get resolvedLabels(): ReviewSessionLabels {
    return this.words.resolve(this.labels);
  }

  // Each update waits for the words of the element's language (review-session-words.ts).
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.words.before(() => super.scheduleUpdate());
  }

  // Words that could not be loaded show the error and halt the review until "Try again": loaded again with it.
  private readonly retryWords = (): void => {
    this.words.failed = false;
    void this.review.load();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.words.failed) this.review.halt();
    else if (CONFIG_PROPERTIES.some((name) => changed.has(name))) {
      // Select the engine for the new attributes first, then start loading in this same
      // update: the "loading" state renders now instead of in a second update.
      this.engines.hostUpdate();
      this.review.only = null;
      void this.review.load();
    }
  }

  // After the first card (or the summary, or an error): other tags (review-ready), and the site's
  // worker once per URL, after the page's load at an idle moment (the extras' chunk); a failure
  // is reported but does not stop reviewing.
  protected override updated(): void {
    if (this.review.phase === 'loading' && !this.words.failed) return;
    const { engine } = this.engines;
    if (this.sw && engine) registerWorkerOnce(this, engine, this.sw);
    dispatchReviewReady(this);
  }

  private readonly onSlotChange = (): void => {
    // A CMS page may upgrade the element before its script child is parsed: load when it arrives.
    const text = inlineItemsScript(this)?.textContent ?? null;
    if (!this.src && text !== this.review.inlineText) void this.review.load();
  };

  protected override render(): TemplateResult {
    const t = this.resolvedLabels;
    if (!this.words.ready) return html`<div part="base">${errorTemplate(t, t.partUnavailable, this.retryWords)}</div>`;
    const sync = noticeState(this.engines.state);
    const notice = sync === IndicatorState.Offline ? t.offline : sync === IndicatorState.Unreachable ? t.unreachable : null;
    return html`<div part="base">
      <slot @slotchange=${this.onSlotChange} hidden></slot>
      ${notice ? html`<p part="offline-notice" role="status"><slot name="offline-notice">${notice}</slot></p>` : nothing}
      ${renderPhase(this, this.review, t)}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.review.announcement}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-session': ReviewSessionElement;
  }
}
