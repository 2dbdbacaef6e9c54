/**
 * Valid protocol v1 data for the conformance checks: sessions, answers and their mutations,
 * each with fresh ids so a check never collides with data already on the server.
 */
import { encodeHlc } from '../../src/hlc.js';
import { uuidv7 } from '../../src/ids.js';
import type { AnswerRecord, AnswerRetraction, Mutation, ReviewSession, SessionStatus } from '../../src/types.js';

let clock = 0;

/** A fresh HLC string, increasing within this process. */
export function nextHlc(device = 'conformance'): string {
  clock = Math.max(clock + 1, Date.now());
  return encodeHlc({ wall: clock, counter: 0, node: device });
}

/** A new active session of `userId` over `itemIds`. */
export function makeSession(userId: string, itemIds: string[] = ['item-1', 'item-2', 'item-3']): ReviewSession {
  const now = Date.now();
  return {
    id: uuidv7(),
    userId,
    deckId: 'conformance-deck',
    itemIds,
    mode: 'grade',
    status: 'active',
    statusHlc: nextHlc(),
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
    deviceId: 'conformance',
  };
}

/** The same session with a later status write. */
export function withStatus(session: ReviewSession, status: SessionStatus): ReviewSession {
  const now = Date.now();
  const terminal = status === 'completed' || status === 'abandoned';
  return { ...session, status, statusHlc: nextHlc(), lastActivityAt: now, endedAt: terminal ? now : null };
}

/** A new answer in `session` for `itemId`. */
export function makeAnswer(
  session: ReviewSession,
  itemId: string,
  options: { deviceId?: string; correct?: boolean; answeredAt?: number } = {},
): AnswerRecord {
  const correct = options.correct ?? true;
  return {
    id: uuidv7(),
    sessionId: session.id,
    userId: session.userId,
    itemId,
    deviceId: options.deviceId ?? 'conformance',
    answeredAt: options.answeredAt ?? Date.now(),
    rating: correct ? 3 : 1,
    correct,
    responseTimeMs: 1500,
  };
}

/** A mutation carrying `data`. */
export function mutation(type: Mutation['type'], action: Mutation['action'], data: unknown): Mutation {
  return { id: uuidv7(), type, action, data, hlc: nextHlc(), clientTimestamp: Date.now() };
}

/** `session create` then one `answer create` per answer. */
export function sessionWithAnswers(session: ReviewSession, answers: AnswerRecord[]): Mutation[] {
  return [mutation('session', 'create', session), ...answers.map((a) => mutation('answer', 'create', a))];
}

/** An undo of `answer`, made on `deviceId`. */
export function makeRetraction(answer: AnswerRecord, options: { deviceId?: string; retractedAt?: number } = {}): AnswerRetraction {
  return {
    id: uuidv7(),
    answerId: answer.id,
    userId: answer.userId,
    deviceId: options.deviceId ?? 'conformance',
    retractedAt: options.retractedAt ?? Date.now(),
  };
}
