/**
 * Storing records the client names by id (answers, retractions): a resend of a stored id is a
 * no-op for its owner, and a conflict for anyone else — an id never lets one learner touch
 * another's record. One statement inserts the batch in its order; a second reads the owners of
 * the ids that were there already.
 */
import type { SqlExecutor } from './store.js';

/** A table of records stored by id, and how one JSON record fills its columns. */
export interface OwnedTable {
  /** The table, with its columns: `offline_review_answers (id, user_id, …)`. */
  readonly into: string;
  /** The SELECT list over the record `e` (jsonb), one per column. */
  readonly values: string;
}

/** What an insert did: the ids stored now, and the batch indexes whose id is another user's. */
export interface OwnedInsert {
  readonly fresh: ReadonlySet<string>;
  readonly foreign: readonly number[];
}

/**
 * Inserts `records` (their `id` is the key) in batch order, skipping ids already stored, and
 * resolves which were stored now and which entries name an id that belongs to another user.
 */
export async function insertOwned(
  tx: SqlExecutor,
  table: OwnedTable,
  userId: string,
  records: ReadonlyArray<{ index: number; record: { id: string } }>,
): Promise<OwnedInsert> {
  if (records.length === 0) return { fresh: new Set(), foreign: [] };
  // WITH ORDINALITY + ORDER BY: sequences follow the batch order, so pulls return that order.
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO ${table.into}
     SELECT ${table.values}
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(records.map((r) => r.record))],
  );
  const fresh = new Set(inserted.map((r) => r.id));
  const existing = records.filter((r) => !fresh.has(r.record.id));
  if (existing.length === 0) return { fresh, foreign: [] };
  const tableName = table.into.split(' ')[0];
  const owners = await tx.query<{ id: string; user_id: string }>(
    `SELECT id, user_id FROM ${tableName} WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
    [JSON.stringify(existing.map((r) => r.record.id))],
  );
  const ownerOf = new Map(owners.map((o) => [o.id, o.user_id]));
  return { fresh, foreign: existing.filter((r) => ownerOf.get(r.record.id) !== userId).map((r) => r.index) };
}
