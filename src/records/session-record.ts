/** The field table of a review session: storage, the protocol and the server check it. */
import { SessionMode, SessionStatus, type ReviewSession } from '../types.js';
import type { RecordTable } from './check-record.js';
import { RECORD_LIMITS } from './field.js';

/** One rule per field of a session. */
export const SESSION_FIELDS: RecordTable<ReviewSession> = {
  id: { kind: 'id' },
  userId: { kind: 'id' },
  deckId: { kind: 'id' },
  itemIds: { kind: 'ids', max: RECORD_LIMITS.maxSessionItems },
  mode: { kind: 'enum', values: Object.values(SessionMode) },
  status: { kind: 'enum', values: Object.values(SessionStatus) },
  statusHlc: { kind: 'hlc' },
  startedAt: { kind: 'count' },
  lastActivityAt: { kind: 'count' },
  endedAt: { kind: 'count', nullable: true },
  deviceId: { kind: 'id' },
};
