/**
 * One push, applied inside one transaction with a handful of set-based statements (not a few
 * per mutation): which ids were applied before, the new answers in one INSERT, the touched
 * progress rows re-derived in memory with the core's rules and written back in one upsert,
 * then the applied ids, with the cursor read in the same statement. Results keep the batch's
 * order; effects equal applying one by one, because answers are a set, session merges commute
 * and progress is derived from answers.
 */
import { mergeSessions } from '../src/merge/conflict-resolver.js';
import { applyAnswerToProgress } from '../src/merge/derive.js';
import { RejectCode } from '../src/error-codes.js';
import type { AnswerRecord, AnswerRetraction, Mutation, MutationResult, ProgressData, ReviewSession } from '../src/types.js';
import { parseJson } from './json.js';
import { insertOwned, type OwnedTable } from './insert-owned.js';
import { insertRetractions, rederiveProgress } from './server-retractions.js';
import type { SqlExecutor } from './store.js';

/**
 * A mutation after validation: either normalised (with the hash of its payload, see
 * payloadHash, to tell a resend from a reused id), or already rejected with a code.
 */
export type CheckedMutation =
  | { ok: true; mutation: Mutation; hash?: string }
  | { ok: false; id: string; code: RejectCode; message: string };

export { parseJson };

function conflict(id: string, what: string): MutationResult {
  return { id, status: 'rejected', code: RejectCode.Conflict, message: `${what} id belongs to another user` };
}

function reused(id: string): MutationResult {
  return { id, status: 'rejected', code: RejectCode.IdReused, message: 'this mutation id was already used for a different change' };
}

/**
 * Applies `mutations` for `userId` (under the user's lock); resolves one result per mutation, in
 * order, and the cursor of the user's latest change after them.
 */
export async function applyBatch(
  tx: SqlExecutor,
  userId: string,
  clientId: string,
  mutations: CheckedMutation[],
): Promise<{ results: MutationResult[]; cursor: string }> {
  const validIds = mutations.filter((m) => m.ok).map((m) => (m.ok ? m.mutation.id : ''));
  const seenRows = validIds.length
    ? await tx.query<{ mutation_id: string; payload_hash: string | null }>(
        `SELECT mutation_id, payload_hash FROM offline_review_applied_mutations
         WHERE user_id = $1 AND mutation_id = ANY (SELECT jsonb_array_elements_text($2::jsonb))`,
        [userId, JSON.stringify(validIds)],
      )
    : [];
  // Id → hash of the payload it was applied with (null: applied before hashes were kept).
  const seen = new Map(seenRows.map((r) => [r.mutation_id, r.payload_hash]));
  const results: MutationResult[] = [];
  // Answers to insert, in batch order, each with the index of its result.
  const answers: Array<{ index: number; answer: AnswerRecord }> = [];
  const retractions: Array<{ index: number; retraction: AnswerRetraction }> = [];
  const firstAnswer = new Map<string, number>();
  const firstMutation = new Map<string, number>();
  // Later copies in this batch (same mutation id, or same answer id) share the first's fate.
  const copies: Array<{ index: number; of: number }> = [];
  for (const checked of mutations) {
    if (!checked.ok) {
      results.push({ id: checked.id, status: 'rejected', code: checked.code, message: checked.message });
      continue;
    }
    const { mutation } = checked;
    if (seen.has(mutation.id)) {
      const before = seen.get(mutation.id);
      if (before && checked.hash && before !== checked.hash) {
        results.push(reused(mutation.id));
        continue;
      }
      const of = firstMutation.get(mutation.id);
      if (of !== undefined) copies.push({ index: results.length, of });
      results.push({ id: mutation.id, status: 'duplicate' });
      continue;
    }
    seen.set(mutation.id, checked.hash ?? null);
    firstMutation.set(mutation.id, results.length);
    results.push({ id: mutation.id, status: 'applied' });
    if (mutation.type === 'session') {
      const outcome = await applySession(tx, mutation.data as ReviewSession);
      if (outcome) results[results.length - 1] = conflict(mutation.id, 'session');
    } else if (mutation.type === 'answer') {
      const answer = mutation.data as AnswerRecord;
      // The same answer twice in one batch (under two mutation ids): the first one inserts.
      const of = firstAnswer.get(answer.id);
      if (of === undefined) {
        firstAnswer.set(answer.id, results.length - 1);
        answers.push({ index: results.length - 1, answer });
      } else copies.push({ index: results.length - 1, of });
    } else if (mutation.type === 'retraction') {
      retractions.push({ index: results.length - 1, retraction: mutation.data as AnswerRetraction });
    }
    // statistics and progress: accepted and ignored; the server derives both from answers.
  }
  // Answers first, so a retraction in the same batch finds the answer it names.
  const added = answers.length > 0 ? await insertAnswers(tx, userId, answers, results) : [];
  const rederive = new Set(await insertRetractions(tx, userId, retractions, results));
  if (added.length > 0) {
    const { retracted, progress } = await progressOfNewAnswers(tx, userId, added);
    // A new answer already retracted (the undo came first) is counted by a full derivation too.
    for (const answer of added) if (retracted.has(answer.id)) rederive.add(answer.itemId);
    const incremental = added.filter((a) => !rederive.has(a.itemId));
    if (incremental.length > 0) await updateProgress(tx, userId, incremental, progress);
  }
  await rederiveProgress(tx, userId, [...rederive]);
  for (const { index, of } of copies) {
    const first = results[of]!;
    if (first.status === 'rejected') results[index] = { ...first, id: results[index]!.id };
  }
  // Rejected mutations are not remembered: sent again, they are checked again.
  const applied = results.filter((r) => r.status === 'applied').map((r): [string, string | null] => [r.id, seen.get(r.id) ?? null]);
  return { results, cursor: await rememberApplied(tx, userId, clientId, applied) };
}

/**
 * Records the applied mutation ids and reads the user's latest sequence, in one statement (a
 * round trip less on every push): the SELECT sees the rows this transaction wrote before it,
 * and none of the tables it reads is the one its WITH writes.
 */
async function rememberApplied(tx: SqlExecutor, userId: string, clientId: string, applied: Array<[string, string | null]>): Promise<string> {
  const rows = await tx.query<{ seq: string }>(
    `WITH remembered AS (
       INSERT INTO offline_review_applied_mutations (user_id, mutation_id, client_id, payload_hash)
       SELECT $1, x->>0, $2, x->>1 FROM jsonb_array_elements($3::jsonb) AS t(x) ON CONFLICT DO NOTHING)
     SELECT COALESCE(GREATEST(
       (SELECT max(seq) FROM offline_review_sessions WHERE user_id = $1),
       (SELECT max(seq) FROM offline_review_answers WHERE user_id = $1),
       (SELECT max(seq) FROM offline_review_progress WHERE user_id = $1),
       (SELECT max(seq) FROM offline_review_retractions WHERE user_id = $1)), 0)::text AS seq`,
    [userId, clientId, JSON.stringify(applied)],
  );
  return rows[0]!.seq;
}

/**
 * For answers just stored: which of them an earlier retraction names, and the stored progress
 * of their items (locked for the write that follows), in one statement.
 */
async function progressOfNewAnswers(
  tx: SqlExecutor,
  userId: string,
  added: AnswerRecord[],
): Promise<{ retracted: Set<string>; progress: Map<string, ProgressData> }> {
  const rows = await tx.query<{ item_id: string | null; data: unknown; answer_id: string | null }>(
    `WITH stored AS (
       SELECT item_id, data FROM offline_review_progress
       WHERE user_id = $1 AND item_id IN (SELECT jsonb_array_elements_text($2::jsonb)) FOR UPDATE)
     SELECT item_id, data, NULL::text AS answer_id FROM stored
     UNION ALL
     SELECT NULL, NULL, answer_id FROM offline_review_retractions
     WHERE user_id = $1 AND answer_id IN (SELECT jsonb_array_elements_text($3::jsonb))`,
    [userId, JSON.stringify([...new Set(added.map((a) => a.itemId))]), JSON.stringify(added.map((a) => a.id))],
  );
  const retracted = new Set<string>();
  const progress = new Map<string, ProgressData>();
  for (const row of rows) {
    if (row.answer_id !== null) retracted.add(row.answer_id);
    else progress.set(row.item_id!, parseJson(row.data) as ProgressData);
  }
  return { retracted, progress };
}

const ANSWERS: OwnedTable = {
  into: 'offline_review_answers (id, user_id, session_id, item_id, answered_at, data)',
  values: "e->>'id', e->>'userId', e->>'sessionId', e->>'itemId', (e->>'answeredAt')::bigint, e",
};

async function insertAnswers(
  tx: SqlExecutor,
  userId: string,
  answers: Array<{ index: number; answer: AnswerRecord }>,
  results: MutationResult[],
): Promise<AnswerRecord[]> {
  const { fresh, foreign } = await insertOwned(tx, ANSWERS, userId, answers.map(({ index, answer }) => ({ index, record: answer })));
  // Already stored (resent under another mutation id): a no-op, unless it is not ours.
  for (const index of foreign) results[index] = conflict(results[index]!.id, 'answer');
  return answers.filter((a) => fresh.has(a.answer.id)).map((a) => a.answer);
}

/** Folds `added` into the stored progress of their items (`stored`) and writes it back. */
async function updateProgress(tx: SqlExecutor, userId: string, added: AnswerRecord[], stored: ReadonlyMap<string, ProgressData>): Promise<void> {
  const items = [...new Set(added.map((a) => a.itemId))];
  const progress = new Map<string, ProgressData | null>(items.map((item) => [item, stored.get(item) ?? null]));
  for (const answer of added) progress.set(answer.itemId, applyAnswerToProgress(progress.get(answer.itemId) ?? null, answer));
  await tx.query(
    `INSERT INTO offline_review_progress (user_id, item_id, data, seq)
     SELECT $1, e->>'itemId', e, nextval('offline_review_change_seq')
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
     ON CONFLICT (user_id, item_id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq`,
    [userId, JSON.stringify([...progress.values()])],
  );
}

/** Merges a session into its stored copy; resolves true when the id is another user's. */
async function applySession(tx: SqlExecutor, incoming: ReviewSession): Promise<boolean> {
  const rows = await tx.query<{ user_id: string; data: unknown }>(
    'SELECT user_id, data FROM offline_review_sessions WHERE id = $1 FOR UPDATE',
    [incoming.id],
  );
  const existing = rows[0];
  if (existing && existing.user_id !== incoming.userId) return true;
  const current = existing ? (parseJson(existing.data) as ReviewSession) : null;
  const merged = current ? mergeSessions(current, incoming) : incoming;
  // Unchanged: keep the old sequence so pulls do not see a change that is not one.
  if (current && JSON.stringify(merged) === JSON.stringify(mergeSessions(current, current))) return false;
  await tx.query(
    `INSERT INTO offline_review_sessions (id, user_id, data, seq)
     VALUES ($1, $2, $3::jsonb, nextval('offline_review_change_seq'))
     ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq`,
    [incoming.id, incoming.userId, JSON.stringify(merged)],
  );
  return false;
}
