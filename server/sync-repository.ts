/**
 * The protocol's semantics over SQL, written once for both databases: a push applies in one
 * transaction, in order, idempotent by mutation id; answers are inserted if absent; sessions
 * merge with the core's resolver; progress is derived from answers (never taken from a
 * client); pull pages by one increasing sequence.
 */
import type { AnswerRecord, AnswerRetraction, ChangeSet, MutationResult, ProgressData, ReviewSession } from '../src/types.js';
import { applyBatch, type CheckedMutation } from './push-batch.js';
import { parseJson } from './json.js';
import { answersOfItems } from './server-retractions.js';
import type { SqlDatabase } from './store.js';

export type { CheckedMutation };

/** One page of a user's changes. */
export interface ChangesPage {
  changes: ChangeSet;
  /** Sequence of the last change in the page (or `since` when the page is empty). */
  cursor: string;
  hasMore: boolean;
}

/** What the handler needs from storage. */
export interface ReviewStore {
  /** 'pglite' or 'pg'. */
  readonly kind: 'pglite' | 'pg';
  /**
   * Applies a push for `userId` in one transaction, in order. Resolves one result per
   * mutation and the user's latest sequence; rejects (nothing applied) on a database error.
   */
  push(userId: string, clientId: string, mutations: CheckedMutation[]): Promise<{ results: MutationResult[]; cursor: string }>;
  /** Resolves up to `limit` of the user's changes with a sequence above `since` (a decimal). */
  pull(userId: string, since: bigint, limit: number): Promise<ChangesPage>;
  /** Resolves the user's answers to `itemIds` and which of them are retracted (undone). */
  answersOf(userId: string, itemIds: readonly string[]): Promise<{ answers: AnswerRecord[]; retracted: Set<string> }>;
  /** Closes the database. */
  close(): Promise<void>;
}

/** Builds the protocol's store over an already migrated database. */
export function createReviewStore(db: SqlDatabase): ReviewStore {
  return {
    kind: db.kind,
    push: (userId, clientId, mutations) =>
      // One writer per user at a time: sequences of one user's rows are then allocated and
      // committed in the same order, so a pull can never skip a row that commits late.
      db.transaction((tx) => applyBatch(tx, userId, clientId, mutations), { lock: userId }),
    pull: async (userId, since, limit) => {
      const rows = await db.query<{ kind: string; position: string; data: unknown }>(
        // Each branch stops at limit+1 rows through its (user_id, seq) index, so a page costs
        // the same however much the user has: paging from the start stays linear.
        `SELECT kind, seq::text AS position, data FROM (
           (SELECT 'session' AS kind, seq, data FROM offline_review_sessions
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
           UNION ALL (SELECT 'answer', seq, data FROM offline_review_answers
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
           UNION ALL (SELECT 'progress', seq, data FROM offline_review_progress
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
           UNION ALL (SELECT 'retraction', seq, data FROM offline_review_retractions
             WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
         ) AS c ORDER BY seq LIMIT $3`,
        [userId, since.toString(), limit + 1],
      );
      const page = rows.slice(0, limit);
      const changes: ChangeSet = { sessions: [], answers: [], progress: [], retractions: [] };
      for (const row of page) {
        const data = parseJson(row.data);
        if (row.kind === 'session') changes.sessions.push(data as ReviewSession);
        else if (row.kind === 'answer') changes.answers.push(data as AnswerRecord);
        else if (row.kind === 'retraction') changes.retractions!.push(data as AnswerRetraction);
        else changes.progress.push(data as ProgressData);
      }
      const cursor = page.length > 0 ? page[page.length - 1]!.position : since.toString();
      return { changes, cursor, hasMore: rows.length > limit };
    },
    answersOf: (userId, itemIds) => answersOfItems(db, userId, itemIds),
    close: () => db.close(),
  };
}
