/**
 * Starting a review: a reload (or another tab) on the same deck resumes the learner's latest
 * unfinished session there with its answers, so that it goes on at the next unanswered card;
 * otherwise a new session starts.
 */
import { uuidv7 } from '../ids.js';
import type { IndexedDBStorage } from '../storage/indexeddb-storage.js';
import type { AnswerRecord, ReviewSession, SessionMode } from '../types.js';

/** What a session is started for. */
export interface SessionStart {
  deckId: string;
  itemIds: string[];
  mode: SessionMode;
}

/** What `startSession` resolves; `created` is true for a new session. */
export interface StartedSession {
  session: ReviewSession;
  answers: AnswerRecord[];
  created: boolean;
}

/** Resumes `userId`'s latest unfinished session of the deck, or creates one at `now`. Rejects 'invalid-input' or 'storage-full'. */
export async function startOrResume(
  storage: IndexedDBStorage,
  userId: string,
  input: SessionStart,
  now: number,
): Promise<StartedSession> {
  const resumable = await storage.findResumableSession(userId, input.deckId);
  if (resumable) return { session: resumable, answers: await storage.getSessionAnswers(resumable.id), created: false };
  const { deckId, itemIds, mode } = input;
  const fresh = { id: uuidv7(now), userId, deckId, itemIds, mode, status: 'active' as const, startedAt: now, lastActivityAt: now, endedAt: null };
  const { session } = await storage.createSession(fresh);
  return { session, answers: [], created: true };
}
