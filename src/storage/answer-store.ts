/**
 * Recording an answer: ONE transaction that also derives what the answer changes (statistics,
 * progress, the card's schedule) and writes the queue entry and the HLC tick, so a crash can
 * never leave an answer that will not sync, nor a queue entry without its answer. Part of the
 * derivation chunk (derivation.ts): storage loads it before it opens the transaction.
 */
import { unwrap } from 'idb';
import { OfflineReviewError } from '../errors.js';
import { applyAnswerToProgress, applyAnswerToStatistics } from '../merge/derive.js';
import { ANSWER_FIELDS, requireRecord } from '../records/index.js';
import { deriveCardState, type CardState } from '../scheduler/card-state.js';
import type { LearnerDay } from '../scheduler/learner-day.js';
import { parametersKey, type SchedulerParameters } from '../scheduler/parameters.js';
import type { AnswerRecord, AnswerRetraction, Mutation, PendingCounts, ProgressData, ReviewSession, SessionStatistics } from '../types.js';
import { cardParameters, toCardState } from './card-state-store.js';
import { deriveStaleAmong } from './derive-stale.js';
import { newMutation, newQueueEntry } from './factories.js';
import { check } from './input-checks.js';
import type { ReviewDatabase, StoredCardState } from './schema.js';
import { isTerminal } from './session-store.js';
import { staleItemKey, staleSessionKey } from './stale-marks.js';
import { MetaKey } from './meta-keys.js';
import { countPendingIn } from './queue-counts.js';
import { settled } from './requests.js';
import { tickedHlc } from './stored-clock.js';
import { inTransaction, queued } from './transaction.js';

/** What `recordAnswer` resolves. `duplicate` is true (and `mutation` null) for an answer id already stored. */
export interface AnswerWrite {
  answer: AnswerRecord;
  session: ReviewSession;
  statistics: SessionStatistics;
  progress: ProgressData;
  mutation: Mutation | null;
  duplicate: boolean;
  /**
   * The answered card's state as stored once this transaction commits: derived again with the
   * answer (or, for a duplicate, as stored, when derived with the parameters asked for).
   * Null for a duplicate whose card has no stored state, one derived with other parameters, or
   * one its stale mark had to derive again (read it with `cardStates`).
   */
  cardState: CardState | null;
  /**
   * The user's queue entries, and the answers among them, once this transaction commits
   * (counted in it); null for a duplicate, which queued nothing.
   */
  queued: PendingCounts | null;
}

/** The parameters and learner day to derive the answered card's state with (see `recordAnswer`). */
export interface DeriveWith {
  params: SchedulerParameters;
  day: LearnerDay;
}

/** Checks an answer against the answer table (the server's), naming its item. */
function validateAnswer(answer: AnswerRecord): void {
  requireRecord(ANSWER_FIELDS, answer, 'answer', { itemId: (answer as Partial<AnswerRecord> | null)?.itemId });
}

/**
 * Records one answer: the answer, the session's lastActivityAt, the statistics, the progress,
 * the HLC, the queue entry and the card's state derived again, in ONE transaction. A duplicate
 * answer id changes nothing. The card's state is derived with `derive` when given (what the
 * caller schedules with, so its next read of the card finds it fresh), else with the parameters
 * it was stored with (the defaults for a card never answered).
 * Every read is issued at once, the card's answers and the retractions with the others: one
 * round of waiting before the writes, so the transaction holds the page for few, short tasks.
 * The user's queue is counted last, in the same transaction (`queued`): the sync state takes
 * it as it is, with no transaction of its own after each answer.
 * Throws OfflineReviewError 'not-found' (no such session), 'invalid-input' (bad answer, other
 * user, or a session that has ended).
 */
export async function recordAnswer(db: ReviewDatabase, deviceId: string, answer: AnswerRecord, now: number, derive?: DeriveWith): Promise<AnswerWrite> {
  validateAnswer(answer);
  const tx = db.transaction(['answers', 'sessions', 'statistics', 'progress', 'meta', 'syncQueue', 'retractions', 'cardStates'], 'readwrite');
  return inTransaction(tx, async () => {
    // IndexedDB's own objects, not idb's wrappers: every answer runs this (see requests.ts).
    const raw = unwrap(tx);
    const answers = raw.objectStore('answers');
    const sessions = raw.objectStore('sessions');
    const statisticsStore = raw.objectStore('statistics');
    const progressStore = raw.objectStore('progress');
    const meta = raw.objectStore('meta');
    const cards = raw.objectStore('cardStates');
    const queue = raw.objectStore('syncQueue');
    // All reads are issued at once: one round of waiting, not four.
    const [existing, session, storedStats, storedProgress, staleItem, staleSession, storedCard, itemAnswers, retractions, storedHlc] = await Promise.all([
      settled<AnswerRecord | undefined>(answers.get(answer.id)),
      settled<ReviewSession | undefined>(sessions.get(answer.sessionId)),
      settled<SessionStatistics | undefined>(statisticsStore.get(answer.sessionId)),
      settled<ProgressData | undefined>(progressStore.get([answer.userId, answer.itemId])),
      settled(meta.getKey(staleItemKey(answer.userId, answer.itemId))),
      settled(meta.getKey(staleSessionKey(answer.sessionId))),
      settled<StoredCardState | undefined>(cards.get([answer.userId, answer.itemId])),
      settled<AnswerRecord[]>(answers.index('userItem').getAll([answer.userId, answer.itemId])),
      settled<AnswerRetraction[]>(raw.objectStore('retractions').index('userId').getAll(answer.userId)),
      settled<unknown>(meta.get(MetaKey.Hlc)),
    ]);
    let [oldStats, oldProgress] = [storedStats, storedProgress];
    // Pulled answers not yet counted (stale-marks.ts): derived first, so the answer adds to exact counts.
    if (staleItem !== undefined || staleSession !== undefined) {
      await deriveStaleAmong(tx, answer.userId, [answer.itemId], [answer.sessionId]);
      [oldStats, oldProgress] = await Promise.all([
        settled<SessionStatistics | undefined>(statisticsStore.get(answer.sessionId)),
        settled<ProgressData | undefined>(progressStore.get([answer.userId, answer.itemId])),
      ]);
    }
    if (!session) {
      throw new OfflineReviewError('not-found', 'The answer names a session that does not exist.', {
        details: { sessionId: answer.sessionId },
      });
    }
    check(session.userId === answer.userId, 'The answer and its session belong to different users.', { answerId: answer.id });
    if (existing) {
      // The state read above, unless it was derived again meanwhile (a stale mark) or with other parameters.
      const cardState = staleItem === undefined && storedCard && (!derive || storedCard.parametersKey === parametersKey(derive.params, derive.day)) ? toCardState(storedCard) : null;
      return {
        answer: existing,
        session,
        statistics: oldStats ?? applyAnswerToStatistics(null, existing),
        progress: oldProgress ?? applyAnswerToProgress(null, existing),
        mutation: null,
        duplicate: true,
        cardState,
        queued: null,
      };
    }
    check(!isTerminal(session.status), 'The session has ended; it takes no more answers.', { sessionId: session.id });
    const hlc = tickedHlc(storedHlc, deviceId, now);
    const updated: ReviewSession = { ...session, lastActivityAt: Math.max(session.lastActivityAt, answer.answeredAt) };
    const statistics = applyAnswerToStatistics(oldStats ?? null, answer);
    const progress = applyAnswerToProgress(oldProgress ?? null, answer);
    const mutation = newMutation('answer', 'create', answer, hlc, now);
    // Not awaited one by one: the commit (tx.done) reports any failure of any of them.
    for (const write of [
      meta.put(hlc, MetaKey.Hlc),
      sessions.put(updated),
      statisticsStore.put(statistics),
      progressStore.put(progress),
      answers.add(answer),
      queue.add(newQueueEntry(answer.userId, mutation, now, answer.sessionId)),
    ]) {
      queued(settled(write));
    }
    // The card's schedule, derived again with the answer. Its stored answers and the retractions
    // were read above: a stale mark's derivation (above) adds no answer and keeps the parameters.
    const with_ = derive ?? cardParameters(storedCard);
    const undone = new Set(retractions.map((r) => r.answerId));
    const cardState = deriveCardState(answer.itemId, [...itemAnswers, answer], undone, with_.params, with_.day);
    queued(settled(cards.put({ ...cardState, userId: answer.userId })));
    // The queue as it is once this answer is in it: the sync state needs no transaction of its own.
    const counts = await countPendingIn(queue, answer.userId);
    return { answer, session: updated, statistics, progress, mutation, duplicate: false, cardState, queued: counts };
  });
}
