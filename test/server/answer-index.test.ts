// The index on answers by user and item: the migration makes it on both stores, and the query
// that reads a user's answers to some items (card states of a pull page, due counts) is planned
// through it, with the items as an index condition, with statistics and (PGlite) without.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS, migrate } from '../../server/migrations.js';
import { openPgDatabase } from '../../server/pg-database.js';
import { openPGliteDatabase } from '../../server/pglite-database.js';
import { ANSWERS_OF_ITEMS } from '../../server/server-retractions.js';
import type { SqlDatabase } from '../../server/store.js';
import { requirePostgresInCi } from './support.js';

const kinds: Array<{ name: string; open: () => Promise<SqlDatabase> }> = [{ name: 'pglite', open: () => openPGliteDatabase() }];
if (process.env.DATABASE_URL) kinds.push({ name: 'pg', open: () => openPgDatabase(process.env.DATABASE_URL!) });

/** The plan of the answers-of-items query for two of `user`'s items, as text. */
async function planOf(db: SqlDatabase, user: string): Promise<string> {
  const rows = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${ANSWERS_OF_ITEMS}`, [user, JSON.stringify(['item-1', 'item-2'])]);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

for (const kind of kinds) {
  describe(`answers by user and item (${kind.name})`, () => {
    let db: SqlDatabase;
    before(async () => {
      db = await kind.open();
      await migrate(db);
    });
    after(() => db.close());

    it('is made by the migration and recorded', async () => {
      const step = MIGRATIONS.find((m) => m.name === 'answers by user and item');
      assert.ok(step);
      const recorded = await db.query('SELECT 1 FROM offline_review_migrations WHERE version = $1', [step.version]);
      assert.equal(recorded.length, 1);
      const [index] = await db.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE indexname = 'offline_review_answers_user_item'`);
      assert.match(index?.indexdef ?? '', /\(user_id, item_id\)/);
    });

    it('is what reading some items of a user with many answers goes through', async () => {
      // Two learners with 3,000 answers each over 150 items: two items are 40 of a learner's rows.
      const run = randomUUID();
      await db.query(
        `INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data)
         SELECT $1 || g, $1 || (g % 2), 's', 'item-' || (g / 2 % 150), g, '{}'::jsonb FROM generate_series(1, 6000) AS g`,
        [run],
      );
      const user = `${run}1`;
      const uses = /offline_review_answers_user_item[\s\S]*Index Cond: .*item_id = ANY/;
      // Before statistics: PGlite has none (no autovacuum), where `IN (SELECT …)` read every
      // answer of the user. PostgreSQL may hold statistics from earlier tests that know no such
      // user (then any plan is cheap), so only PGlite is asked.
      if (kind.name === 'pglite') assert.match(await planOf(db, user), uses, 'before ANALYZE');
      await db.query('ANALYZE offline_review_answers');
      assert.match(await planOf(db, user), uses, 'after ANALYZE');
      const rows = await db.query(ANSWERS_OF_ITEMS, [user, JSON.stringify(['item-1', 'item-2'])]);
      assert.equal(rows.length, 40);
    });
  });
}

requirePostgresInCi();
