// Migrations: versioned steps recorded in a table, applied once, new steps applied on start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATIONS, migrate } from '../../server/migrations.js';
import { openPGliteDatabase } from '../../server/pglite-database.js';
import type { SqlDatabase } from '../../server/store.js';

/** Runs `use` on a fresh in-memory PGlite database, closed afterwards whatever happens. */
async function withDatabase(use: (db: SqlDatabase) => Promise<void>): Promise<void> {
  const db = await openPGliteDatabase();
  try {
    await use(db);
  } finally {
    await db.close();
  }
}

describe('migrations', () => {
  it('apply each step once, record it, and apply steps added later', async () => {
    await withDatabase(async (db) => {
    assert.deepEqual(await migrate(db), MIGRATIONS.map((m) => m.version));
    assert.deepEqual(await migrate(db), []);
    const next = [...MIGRATIONS, { version: 99, name: 'test step', sql: 'CREATE TABLE offline_review_test_step (x int); INSERT INTO offline_review_test_step VALUES (7)' }];
    assert.deepEqual(await migrate(db, next), [99]);
    assert.deepEqual(await db.query('SELECT x FROM offline_review_test_step'), [{ x: 7 }]);
    const recorded = await db.query<{ version: number; name: string }>('SELECT version, name FROM offline_review_migrations ORDER BY version');
    assert.deepEqual(recorded.map((r) => r.version), [...MIGRATIONS.map((m) => m.version), 99]);
    });
  });

  it('roll a failing step back entirely', async () => {
    await withDatabase(async (db) => {
    const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE offline_review_half (x int); SELECT nonsense FROM nowhere' }];
    await assert.rejects(migrate(db, broken));
    assert.deepEqual(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'offline_review_half'"), []);
    assert.deepEqual(await db.query('SELECT version FROM offline_review_migrations'), []);
    });
  });
});

describe('upgrading a database made by an earlier version', () => {
  it('adds the payload hash: old applied ids still answer duplicate, new ones are checked for reuse', async () => {
    const { createReviewStore } = await import('../../server/sync-repository.js');
    const { payloadHash } = await import('../../server/input-check.js');
    const { makeAnswer, makeSession, mutation } = await import('../../server/conformance/fixtures.js');
    await withDatabase(async (db) => {
    // The schema and a row exactly as version 1 wrote them.
    assert.deepEqual(await migrate(db, MIGRATIONS.slice(0, 1)), [1]);
    const session = makeSession('old-user');
    const old = mutation('answer', 'create', makeAnswer(session, 'item-1'));
    await db.query(`INSERT INTO offline_review_applied_mutations (user_id, mutation_id, client_id) VALUES ('old-user', $1, 'c')`, [old.id]);
    assert.deepEqual(await migrate(db), [2, 3, 4]);
    const store = createReviewStore(db);
    const anything = { ok: true as const, mutation: { ...old, data: makeAnswer(session, 'item-2') } };
    const resent = await store.push('old-user', 'c', [{ ...anything, hash: payloadHash(anything.mutation) }]);
    assert.equal(resent.results[0]!.status, 'duplicate', 'no hash was kept for it: a resend cannot be told apart');
    const fresh = mutation('answer', 'create', makeAnswer(session, 'item-3'));
    await store.push('old-user', 'c', [{ ok: true, mutation: fresh, hash: payloadHash(fresh) }]);
    const changed = { ...fresh, data: makeAnswer(session, 'item-4') };
    const reused = await store.push('old-user', 'c', [{ ok: true, mutation: changed, hash: payloadHash(changed) }]);
    assert.equal(reused.results[0]!.code, 'id-reused');
    const rows = await db.query<{ mutation_id: string; payload_hash: string | null }>('SELECT mutation_id, payload_hash FROM offline_review_applied_mutations');
    const hashOf = new Map(rows.map((r) => [r.mutation_id, r.payload_hash]));
    assert.equal(hashOf.get(old.id), null);
    assert.equal(hashOf.get(fresh.id), payloadHash(fresh));
    });
  });
});

describe('upgrading a database made before undo existed', () => {
  it('adds the retractions: stored answers stay, and an undo of one of them is pulled and leaves its progress', async () => {
    const { createReviewStore } = await import('../../server/sync-repository.js');
    const { payloadHash } = await import('../../server/input-check.js');
    const { makeAnswer, makeRetraction, makeSession, mutation } = await import('../../server/conformance/fixtures.js');
    await withDatabase(async (db) => {
    assert.deepEqual(await migrate(db, MIGRATIONS.slice(0, 2)), [1, 2]);
    const session = makeSession('old-user', ['item-1']);
    const answer = makeAnswer(session, 'item-1');
    // The answer exactly as version 2 stored it.
    await db.query(
      `INSERT INTO offline_review_answers (id, user_id, session_id, item_id, answered_at, data) VALUES ($1, 'old-user', $2, 'item-1', $3, $4::jsonb)`,
      [answer.id, session.id, answer.answeredAt, JSON.stringify(answer)],
    );
    assert.deepEqual(await migrate(db), [3, 4]);
    const store = createReviewStore(db);
    const undo = mutation('retraction', 'create', makeRetraction(answer));
    const result = await store.push('old-user', 'c', [{ ok: true, mutation: undo, hash: payloadHash(undo) }]);
    assert.equal(result.results[0]!.status, 'applied');
    const page = await store.pull('old-user', 0n, 100);
    assert.equal(page.changes.answers.length, 1);
    assert.deepEqual(page.changes.retractions, [undo.data]);
    assert.equal(page.changes.progress[0]!.reviewCount, 0);
    });
  });
});

describe('opening a store', () => {
  it('rejects with storage-unavailable (driver error as cause) when the database cannot be reached', async () => {
    const { createPgStore } = await import('../../server/index.js');
    const { isOfflineReviewError } = await import('../../src/errors.js');
    await assert.rejects(createPgStore('postgres://nobody@127.0.0.1:1/none'), (error) => {
      assert.ok(isOfflineReviewError(error, 'storage-unavailable'));
      assert.ok(error.cause instanceof Error);
      return true;
    });
  });
});
