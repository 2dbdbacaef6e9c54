/**
 * Catching up with answers stored elsewhere for the session on screen (another element on the
 * page, another tab, or a device through a pull), driven by the engine's `answers-changed`
 * event. Answers the event carries are taken as they are; otherwise the session's answers are
 * read once, and an event during that read folds into one more pass.
 */
import type { AnswerRecord, AnswersChangedEvent } from '../../src/index.js';
import { Coalesced } from '../../src/sync/coalesce.js';
import type { ReviewRun } from './review-run.js';

/** What the catch-up needs of the review it serves. */
export interface CatchUpView {
  /** The session on screen, or null. */
  readonly run: ReviewRun | null;
  /** A card is on screen (answers from elsewhere can move it on). */
  readonly showingCard: boolean;
  /** An answer of this view is being stored (it adds that answer itself). */
  readonly busy: boolean;
  /** Reads the session's answers from the engine. */
  read(sessionId: string): Promise<AnswerRecord[]>;
  /** Answers from elsewhere were added to `run`: move on from a card answered elsewhere. */
  moved(run: ReviewRun): Promise<void>;
}

/** Takes in answers from elsewhere for one review. */
export class CatchUp {
  private readonly view: CatchUpView;
  private readonly reads = new Coalesced(() => this.readOnce().catch(() => undefined), () => this.view.run !== null);
  /** Answers from elsewhere arrived while an answer of this view was being stored. */
  private missed = false;

  /** A catch-up for `view`. */
  constructor(view: CatchUpView) {
    this.view = view;
  }

  /** Takes in what `event` says changed, when it concerns the session on screen. */
  async changed(event: AnswersChangedEvent): Promise<void> {
    const run = this.view.run;
    if (!run || !event.concerns(run.session.id)) return;
    // Our own answer is added by the view, which is busy until it has.
    if (event.answers) {
      if (!this.view.busy) await this.takeIn(run, event.answers);
      return;
    }
    await this.reads.run();
  }

  /** The view stored its answer: reads once if answers from elsewhere came meanwhile. */
  settled(): void {
    if (!this.missed) return;
    this.missed = false;
    void this.reads.run();
  }

  private async readOnce(): Promise<void> {
    const run = this.view.run;
    if (!this.view.showingCard || !run) return;
    await this.takeIn(run, await this.view.read(run.session.id));
  }

  private async takeIn(run: ReviewRun, answers: readonly AnswerRecord[]): Promise<void> {
    if (this.view.busy) this.missed = true;
    if (this.view.run !== run || !this.view.showingCard || this.view.busy) return;
    const before = run.answered;
    for (const answer of answers) run.add(answer);
    if (run.answered !== before) await this.view.moved(run);
  }
}
