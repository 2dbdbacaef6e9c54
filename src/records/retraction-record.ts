/** The field table of an undo (AnswerRetraction): storage, the protocol and the server check it. */
import type { AnswerRetraction } from '../types.js';
import type { RecordTable } from './check-record.js';

/** One rule per field of a retraction. */
export const RETRACTION_FIELDS: RecordTable<AnswerRetraction> = {
  id: { kind: 'id' },
  answerId: { kind: 'id' },
  userId: { kind: 'id' },
  deviceId: { kind: 'id' },
  retractedAt: { kind: 'count' },
};
