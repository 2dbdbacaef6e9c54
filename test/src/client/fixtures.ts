// Valid protocol v1 mutations for the client tests (they go to the real reference server).
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import type { AnswerRecord, Mutation, ReviewSession } from '../../../src/types.js';

/** A session, one answer per item, and the mutations that create them, for `userId`. */
export function sessionWithAnswers(userId: string, answerCount = 2) {
  const now = Date.now();
  const deviceId = `device-${userId}`;
  const hlc = (counter: number) => encodeHlc({ wall: now, counter, node: deviceId });
  const session: ReviewSession = {
    id: uuidv7(),
    userId,
    deckId: 'deck-1',
    itemIds: Array.from({ length: answerCount }, (_, i) => `item-${i}`),
    mode: 'grade',
    status: 'active',
    statusHlc: hlc(0),
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
    deviceId,
  };
  const answers: AnswerRecord[] = session.itemIds.map((itemId, i) => ({
    id: uuidv7(),
    sessionId: session.id,
    userId,
    itemId,
    deviceId,
    answeredAt: now + i,
    rating: 3,
    correct: true,
    responseTimeMs: 900 + i,
  }));
  const mutations: Mutation[] = [
    { id: uuidv7(), type: 'session', action: 'create', data: session, hlc: hlc(0), clientTimestamp: now },
    ...answers.map(
      (answer, i): Mutation => ({ id: uuidv7(), type: 'answer', action: 'create', data: answer, hlc: hlc(i + 1), clientTimestamp: now }),
    ),
  ];
  return { session, answers, mutations };
}
