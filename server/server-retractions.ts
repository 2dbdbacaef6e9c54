/**
 * Undos on the server: retractions stored once by id, and the progress of the items they
 * touch derived again from the answers that remain. Progress that counts an answer never
 * counts it after its retraction, whichever arrived first.
 */
import { deriveProgress } from '../src/merge/derive.js';
import { RejectCode } from '../src/error-codes.js';
import type { AnswerRecord, AnswerRetraction, MutationResult } from '../src/types.js';
import { parseJson } from './json.js';
import { insertOwned, type OwnedTable } from './insert-owned.js';
import type { SqlExecutor } from './store.js';

const RETRACTIONS: OwnedTable = {
  into: 'offline_review_retractions (id, user_id, answer_id, data)',
  values: "e->>'id', e->>'userId', e->>'answerId', e",
};

/**
 * The user's answers to the items of a JSON array, each with whether one of the user's
 * retractions names it (probed through (user_id, answer_id): one statement, not a second round
 * trip). The items are an array the index scan probes (`= ANY`), not a subquery: `IN (SELECT …)`
 * was planned as a hash join over every answer of the user, index or not.
 */
export const ANSWERS_OF_ITEMS = `SELECT a.data, EXISTS (SELECT 1 FROM offline_review_retractions r
    WHERE r.user_id = $1 AND r.answer_id = a.id) AS retracted
  FROM offline_review_answers a
  WHERE a.user_id = $1 AND a.item_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`;

/** The user's answers to `items` and the ids among them that are retracted. */
export async function answersOfItems(
  tx: SqlExecutor,
  userId: string,
  items: readonly string[],
): Promise<{ answers: AnswerRecord[]; retracted: Set<string> }> {
  const rows = await tx.query<{ data: unknown; retracted: boolean }>(ANSWERS_OF_ITEMS, [userId, JSON.stringify(items)]);
  const answers = rows.map((r) => parseJson(r.data) as AnswerRecord);
  return { answers, retracted: new Set(answers.filter((_, i) => rows[i]!.retracted).map((a) => a.id)) };
}

/** Derives the progress of `items` again from all their answers and writes it (new sequence). */
export async function rederiveProgress(tx: SqlExecutor, userId: string, items: readonly string[]): Promise<void> {
  if (items.length === 0) return;
  const { answers, retracted } = await answersOfItems(tx, userId, items);
  const progress = items.map((item) => deriveProgress(userId, item, answers, retracted));
  await tx.query(
    `INSERT INTO offline_review_progress (user_id, item_id, data, seq)
     SELECT $1, e->>'itemId', e, nextval('offline_review_change_seq')
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
     ON CONFLICT (user_id, item_id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq`,
    [userId, JSON.stringify(progress)],
  );
}

/**
 * Stores new retractions (a retraction id already stored is a no-op; one of another user, or
 * naming another user's answer, is rejected as a conflict) and resolves the items whose
 * progress must be derived again.
 */
export async function insertRetractions(
  tx: SqlExecutor,
  userId: string,
  retractions: Array<{ index: number; retraction: AnswerRetraction }>,
  results: MutationResult[],
): Promise<string[]> {
  if (retractions.length === 0) return [];
  const answerIds = [...new Set(retractions.map((r) => r.retraction.answerId))];
  const owners = await tx.query<{ id: string; user_id: string; item_id: string }>(
    `SELECT id, user_id, item_id FROM offline_review_answers WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(answerIds)],
  );
  const answerOf = new Map(owners.map((o) => [o.id, o]));
  const conflict = (index: number, what: string): void => {
    results[index] = { id: results[index]!.id, status: 'rejected', code: RejectCode.Conflict, message: `${what} belongs to another user` };
  };
  const fresh = retractions.filter(({ index, retraction }) => {
    const owner = answerOf.get(retraction.answerId);
    if (owner && owner.user_id !== userId) conflict(index, 'the retracted answer');
    return !owner || owner.user_id === userId;
  });
  if (fresh.length === 0) return [];
  const { fresh: added, foreign } = await insertOwned(tx, RETRACTIONS, userId, fresh.map(({ index, retraction }) => ({ index, record: retraction })));
  for (const index of foreign) conflict(index, 'retraction id');
  const items = fresh.filter((r) => added.has(r.retraction.id)).map((r) => answerOf.get(r.retraction.answerId)?.item_id);
  return [...new Set(items.filter((item): item is string => item !== undefined))];
}
