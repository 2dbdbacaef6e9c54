// PGlite runs no autovacuum: the store analyzes a table that has grown since it was last
// analyzed (or never was), looking every ANALYZE_CHECK_EVERY write transactions, so the
// planner reads a pull page through (user_id, seq) instead of sorting all of a user's answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { migrate } from '../../server/migrations.js';
import { ANALYZE_CHECK_EVERY, openPGliteDatabase } from '../../server/pglite-database.js';
import type { SqlDatabase } from '../../server/store.js';

/** How many times the answers table was analyzed, and how many rows its statistics count. */
async function analyzed(db: SqlDatabase): Promise<{ count: number; rows: number }> {
  const [stats] = await db.query<{ analyze_count: string }>(`SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'offline_review_answers'`);
  const [table] = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'offline_review_answers'`);
  return { count: Number(stats!.analyze_count), rows: Number(table!.reltuples) };
}

/** Runs `n` write transactions, each adding `rows` answers (none: a transaction that writes nothing). */
async function writes(db: SqlDatabase, n: number, rows: number, from: number): Promise<number> {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) =>
      tx.query(
        `INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data)
         SELECT 'a' || g, 'u', 's', 'item-' || (g % 50), g, '{"some":"answer data"}'::jsonb FROM generate_series($1::int, $2::int - 1) AS g`,
        [from, from + rows],
      ),
    );
    from += rows;
  }
  return from;
}

describe('statistics on PGlite', () => {
  it('are made once a table grew, looked at every ANALYZE_CHECK_EVERY write transactions, and not made again until it grows', async () => {
    const db = await openPGliteDatabase();
    try {
      await migrate(db);
      const [{ done }] = (await db.query<{ done: number }>('SELECT count(*)::int AS done FROM offline_review_migrations')) as [{ done: number }];
      // The migrations were write transactions too: stop one short of the look.
      let next = await writes(db, ANALYZE_CHECK_EVERY - done - 1, 100, 0);
      assert.deepEqual(await analyzed(db), { count: 0, rows: -1 }, 'never analyzed before the look');
      next = await writes(db, 1, 100, next);
      assert.deepEqual(await analyzed(db), { count: 1, rows: next }, 'analyzed at the look, the answers counted');
      await writes(db, ANALYZE_CHECK_EVERY, 0, next);
      assert.equal((await analyzed(db)).count, 1, 'not analyzed again without growth');
      next = await writes(db, ANALYZE_CHECK_EVERY, 100, next);
      assert.deepEqual(await analyzed(db), { count: 2, rows: next }, 'analyzed again once grown');
    } finally {
      await db.close();
    }
  });
});
