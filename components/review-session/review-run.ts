/**
 * Where a learner is in one session: the cards in the session's order, the answers stored so
 * far, the next unanswered card, and the summary. Rebuilt from `engine.startSession()`'s
 * answers after a reload, which is how a reload resumes at the next unanswered card. In the
 * grades' chunk (grading.ts): a drill's first card waits for the engine, which it comes with.
 */
import type { AnswerRecord, ReviewSession, ReviewableContent } from '../../src/index.js';
import type { ReviewCompleteDetail } from './review-complete-event.js';
import { NO_ONE, type ReviewIdentity } from './review-identity.js';

/** One session in progress, as the element sees it. */
export class ReviewRun {
  /** The session as the engine stored it. */
  readonly session: ReviewSession;
  /** The cards, in the session's order (items the page no longer lists are left out). */
  readonly cards: ReviewableContent[];
  /** Whom the run was loaded for (set by the review before it shows a card): its answers are theirs. */
  identity: ReviewIdentity = NO_ONE;
  private readonly answers = new Map<string, AnswerRecord>();
  private readonly undone = new Set<string>();
  /** Cards whose answer is being stored: not answered yet, but no longer the current card. */
  private readonly held = new Set<string>();

  /** A run over `items` for `session`, with the answers it already has. */
  constructor(session: ReviewSession, items: ReviewableContent[], answers: AnswerRecord[]) {
    this.session = session;
    const byId = new Map(items.map((item) => [item.id, item]));
    this.cards = session.itemIds.flatMap((id) => {
      const item = byId.get(id);
      return item ? [item] : [];
    });
    for (const answer of answers) this.add(answer);
  }

  /** Counts an answer (a second answer to the same card replaces the first in the summary). */
  add(answer: AnswerRecord): void {
    this.held.delete(answer.itemId);
    // The session's stored answers still hold an undone one: it stays out.
    if (!this.undone.has(answer.id)) this.answers.set(answer.itemId, answer);
  }

  /** Forgets an undone answer: its card is unanswered again, so it comes back next. */
  remove(answer: AnswerRecord): void {
    this.undone.add(answer.id);
    if (this.answers.get(answer.itemId)?.id === answer.id) this.answers.delete(answer.itemId);
  }

  /**
   * A card answered but not stored yet: the next card shows while it is written; it counts as
   * answered only once `add` has it, and `release` brings it back if the write is refused.
   */
  hold(itemId: string): void {
    this.held.add(itemId);
  }

  /** The held card's answer was not stored: it is the current card again. */
  release(itemId: string): void {
    this.held.delete(itemId);
  }

  /** The first card without an answer (stored or being stored), or undefined when there is none. */
  get current(): ReviewableContent | undefined {
    return this.cards.find((card) => !this.answers.has(card.id) && !this.held.has(card.id));
  }

  /** 1-based position of the current card (answered cards, and the one being stored, plus one). */
  get position(): number {
    return Math.min(this.answered + this.held.size + 1, this.total);
  }

  /** Number of cards. */
  get total(): number {
    return this.cards.length;
  }

  /** Number of cards answered. */
  get answered(): number {
    return this.cards.filter((card) => this.answers.has(card.id)).length;
  }

  /** True when every card has an answer. */
  get done(): boolean {
    return this.current === undefined;
  }

  /** The cards whose answer in this session was wrong (graded Again, or typed wrong), in session order. */
  missed(): ReviewableContent[] {
    return this.cards.filter((card) => this.answers.get(card.id)?.correct === false);
  }

  /** Answered, correct, accuracy and time for the end-of-session summary. */
  summary(): ReviewCompleteDetail {
    const answers = this.cards.flatMap((card) => {
      const answer = this.answers.get(card.id);
      return answer ? [answer] : [];
    });
    const correct = answers.filter((answer) => answer.correct).length;
    return {
      sessionId: this.session.id,
      answered: answers.length,
      correct,
      accuracy: answers.length === 0 ? 0 : correct / answers.length,
      durationMs: answers.reduce((sum, answer) => sum + answer.responseTimeMs, 0),
    };
  }
}
