/** The field table of an answer (AnswerRecord): storage, the protocol and the server check it. */
import { Rating, type AnswerRecord } from '../types.js';
import type { RecordTable } from './check-record.js';
import { TYPED_ANSWER_FIELD } from './typed-answer-field.js';

/** One rule per field of an answer. */
export const ANSWER_FIELDS: RecordTable<AnswerRecord> = {
  id: { kind: 'id' },
  sessionId: { kind: 'id' },
  userId: { kind: 'id' },
  itemId: { kind: 'id' },
  deviceId: { kind: 'id' },
  answeredAt: { kind: 'count' },
  rating: { kind: 'enum', values: Object.values(Rating), optional: true },
  correct: { kind: 'boolean' },
  // Whole milliseconds: the engine rounds what a caller measured before it builds the record.
  responseTimeMs: { kind: 'count' },
  typedAnswer: TYPED_ANSWER_FIELD,
};
