/**
 * The protocol's semantics over SQL, written once for both databases: a push applies in one
 * transaction, in order, idempotent by mutation id; answers are inserted if absent; sessions
 * merge with the core's resolver; progress is derived from answers (never taken from a
 * client); pull pages by one increasing sequence.
 */
import { mergeSessions } from '../src/merge/conflict-resolver.js';
import { applyAnswerToProgress } from '../src/merge/derive.js';
import { RejectCode } from '../src/errors.js';
import type { AnswerRecord, ChangeSet, Mutation, MutationResult, ProgressData, ReviewSession } from '../src/types.js';
import type { SqlDatabase, SqlExecutor } from './store.js';

/** A mutation after validation: either normalised, or already rejected with a code. */
export type CheckedMutation =
  | { ok: true; mutation: Mutation }
  | { ok: false; id: string; code: RejectCode; message: string };

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
  /** Closes the database. */
  close(): Promise<void>;
}

type Outcome = { status: 'applied' } | { status: 'rejected'; code: RejectCode; message: string };

const APPLIED: Outcome = { status: 'applied' };

/** Builds the protocol's store over an already migrated database. */
export function createReviewStore(db: SqlDatabase): ReviewStore {
  return {
    kind: db.kind,
    push: (userId, clientId, mutations) =>
      db.transaction(async (tx) => {
        // One writer per user at a time: sequences of one user's rows are then allocated and
        // committed in the same order, so a pull can never skip a row that commits late.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [userId]);
        const results: MutationResult[] = [];
        for (const checked of mutations) {
          if (!checked.ok) {
            results.push({ id: checked.id, status: 'rejected', code: checked.code, message: checked.message });
            continue;
          }
          results.push(await applyOne(tx, userId, clientId, checked.mutation));
        }
        return { results, cursor: await latestSeq(tx, userId) };
      }),
    pull: async (userId, since, limit) => {
      const rows = await db.query<{ kind: string; position: string; data: unknown }>(
        `SELECT kind, seq::text AS position, data FROM (
           SELECT 'session' AS kind, seq, data FROM offline_review_sessions WHERE user_id = $1 AND seq > $2
           UNION ALL SELECT 'answer', seq, data FROM offline_review_answers WHERE user_id = $1 AND seq > $2
           UNION ALL SELECT 'progress', seq, data FROM offline_review_progress WHERE user_id = $1 AND seq > $2
         ) AS c ORDER BY seq LIMIT $3`,
        [userId, since.toString(), limit + 1],
      );
      const page = rows.slice(0, limit);
      const changes: ChangeSet = { sessions: [], answers: [], progress: [] };
      for (const row of page) {
        const data = parseJson(row.data);
        if (row.kind === 'session') changes.sessions.push(data as ReviewSession);
        else if (row.kind === 'answer') changes.answers.push(data as AnswerRecord);
        else changes.progress.push(data as ProgressData);
      }
      const cursor = page.length > 0 ? page[page.length - 1]!.position : since.toString();
      return { changes, cursor, hasMore: rows.length > limit };
    },
    close: () => db.close(),
  };
}

/** jsonb arrives parsed from both drivers; a string only if a driver was set up otherwise. */
function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

async function latestSeq(tx: SqlExecutor, userId: string): Promise<string> {
  const rows = await tx.query<{ seq: string }>(
    `SELECT COALESCE(GREATEST(
       (SELECT max(seq) FROM offline_review_sessions WHERE user_id = $1),
       (SELECT max(seq) FROM offline_review_answers WHERE user_id = $1),
       (SELECT max(seq) FROM offline_review_progress WHERE user_id = $1)), 0)::text AS seq`,
    [userId],
  );
  return rows[0]!.seq;
}

async function applyOne(tx: SqlExecutor, userId: string, clientId: string, mutation: Mutation): Promise<MutationResult> {
  const seen = await tx.query('SELECT 1 FROM offline_review_applied_mutations WHERE user_id = $1 AND mutation_id = $2', [
    userId,
    mutation.id,
  ]);
  if (seen.length > 0) return { id: mutation.id, status: 'duplicate' };
  let outcome: Outcome = APPLIED;
  if (mutation.type === 'answer') outcome = await applyAnswer(tx, mutation.data as AnswerRecord);
  else if (mutation.type === 'session') outcome = await applySession(tx, mutation.data as ReviewSession);
  // statistics and progress: accepted and ignored; the server derives both from answers.
  if (outcome.status === 'rejected') {
    // Not recorded: a rejected mutation sent again is checked again, never called duplicate.
    return { id: mutation.id, status: 'rejected', code: outcome.code, message: outcome.message };
  }
  await tx.query(
    `INSERT INTO offline_review_applied_mutations (user_id, mutation_id, client_id) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING`,
    [userId, mutation.id, clientId],
  );
  return { id: mutation.id, status: 'applied' };
}

function conflict(what: string): Outcome {
  return { status: 'rejected', code: RejectCode.Conflict, message: `${what} id belongs to another user` };
}

async function applyAnswer(tx: SqlExecutor, answer: AnswerRecord): Promise<Outcome> {
  const inserted = await tx.query(
    `INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (id) DO NOTHING RETURNING 1 AS ok`,
    [answer.id, answer.userId, answer.sessionId, answer.itemId, answer.answeredAt, JSON.stringify(answer)],
  );
  if (inserted.length === 0) {
    // Already stored (sent again under another mutation id): a no-op, unless it is not ours.
    const owner = await tx.query<{ user_id: string }>('SELECT user_id FROM offline_review_answers WHERE id = $1', [answer.id]);
    return owner[0]?.user_id === answer.userId ? APPLIED : conflict('answer');
  }
  const rows = await tx.query<{ data: unknown }>(
    'SELECT data FROM offline_review_progress WHERE user_id = $1 AND item_id = $2 FOR UPDATE',
    [answer.userId, answer.itemId],
  );
  const previous = rows[0] ? (parseJson(rows[0].data) as ProgressData) : null;
  const progress = applyAnswerToProgress(previous, answer);
  await tx.query(
    `INSERT INTO offline_review_progress (user_id, item_id, data, seq)
     VALUES ($1, $2, $3::jsonb, nextval('offline_review_change_seq'))
     ON CONFLICT (user_id, item_id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq`,
    [answer.userId, answer.itemId, JSON.stringify(progress)],
  );
  return APPLIED;
}

async function applySession(tx: SqlExecutor, incoming: ReviewSession): Promise<Outcome> {
  const rows = await tx.query<{ user_id: string; data: unknown }>(
    'SELECT user_id, data FROM offline_review_sessions WHERE id = $1 FOR UPDATE',
    [incoming.id],
  );
  const existing = rows[0];
  if (existing && existing.user_id !== incoming.userId) return conflict('session');
  const current = existing ? (parseJson(existing.data) as ReviewSession) : null;
  const merged = current ? mergeSessions(current, incoming) : incoming;
  // Unchanged: keep the old sequence so pulls do not see a change that is not one.
  if (current && JSON.stringify(merged) === JSON.stringify(mergeSessions(current, current))) return APPLIED;
  await tx.query(
    `INSERT INTO offline_review_sessions (id, user_id, data, seq)
     VALUES ($1, $2, $3::jsonb, nextval('offline_review_change_seq'))
     ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq`,
    [incoming.id, incoming.userId, JSON.stringify(merged)],
  );
  return APPLIED;
}
