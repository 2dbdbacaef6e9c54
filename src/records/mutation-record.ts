/**
 * The field table of a mutation's envelope, and which actions each type allows. Its `data` is
 * checked against the table of its type (answer, session); statistics and progress data only
 * for their user, because servers derive both from answers.
 */
import { MutationAction, MutationType, type Mutation } from '../types.js';
import type { RecordTable } from './check-record.js';

/** One rule per field of a mutation. */
export const MUTATION_FIELDS: RecordTable<Mutation> = {
  id: { kind: 'id' },
  type: { kind: 'enum', values: Object.values(MutationType) },
  action: { kind: 'enum', values: Object.values(MutationAction) },
  data: { kind: 'object' },
  hlc: { kind: 'hlc' },
  clientTimestamp: { kind: 'count' },
};

/** The actions of each type. Answers are immutable events; sessions are never deleted through sync. */
export const MUTATION_ACTIONS: Readonly<Record<MutationType, readonly MutationAction[]>> = {
  session: ['create', 'update'],
  answer: ['create'],
  statistics: ['create', 'update'],
  progress: ['create', 'update'],
  // An undo is an event like an answer: created once, never changed.
  retraction: ['create'],
};
