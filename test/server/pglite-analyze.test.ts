// PGlite runs no autovacuum: the store analyzes a table that has grown since it was last
// analyzed (or never was), looking every ANALYZE_CHECK_EVERY write transactions, so the
// planner reads a pull page through (user_id, seq) instead of sorting all of a user's answers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { migrate, MIGRATIONS } from '../../server/migrations.js';
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

  it('are made for a table that has none, though a migration set its size: answers stored before the index on (user_id, item_id)', async () => {
    const db = await openPGliteDatabase();
    try {
      await migrate(db, MIGRATIONS.filter((m) => m.version < 4));
      // History stored by a version that never analyzed, then the upgrade's CREATE INDEX, which
      // records the table's size as if it had been analyzed.
      await db.exec(`INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data)
        SELECT 'a' || g, 'u' || (g % 3), 's', 'item-' || (g % 500), g, '{"some":"answer data, some padding here"}'::jsonb FROM generate_series(1, 30000) AS g`);
      await migrate(db);
      const [sized] = await db.query<{ relpages: number }>(`SELECT relpages FROM pg_class WHERE relname = 'offline_review_answers'`);
      assert.ok(sized!.relpages > 10, 'the index recorded the table size');
      assert.equal((await analyzed(db)).count, 0);
      await writes(db, ANALYZE_CHECK_EVERY, 0, 0);
      assert.equal((await analyzed(db)).count, 1, 'analyzed at the next look');
      const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT data FROM offline_review_answers WHERE user_id = 'u1' AND seq > 100 ORDER BY seq LIMIT 1000`);
      assert.doesNotMatch(plan.map((r) => r['QUERY PLAN']).join('\n'), /Sort/, 'a page is read in order, not sorted');
    } finally {
      await db.close();
    }
  });

  it('are made when the store opens on a database that has none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-analyze-'));
    try {
      const first = await openPGliteDatabase(dir);
      try {
        await migrate(first);
        await first.exec(`INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data)
          SELECT 'a' || g, 'u', 's', 'item-' || (g % 500), g, '{"some":"answer data, some padding here"}'::jsonb FROM generate_series(1, 30000) AS g`);
      } finally {
        await first.close();
      }
      const again = await openPGliteDatabase(dir);
      try {
        const [row] = await again.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'offline_review_answers'`);
        assert.ok(row!.n > 0, 'statistics before any write');
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
