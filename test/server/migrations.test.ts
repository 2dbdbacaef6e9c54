// Migrations: versioned steps recorded in a table, applied once, new steps applied on start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATIONS, migrate } from '../../server/migrations.js';
import { openPGliteDatabase } from '../../server/pglite-database.js';

describe('migrations', () => {
  it('apply each step once, record it, and apply steps added later', async () => {
    const db = await openPGliteDatabase();
    try {
      assert.deepEqual(await migrate(db), MIGRATIONS.map((m) => m.version));
      assert.deepEqual(await migrate(db), []);
      const next = [...MIGRATIONS, { version: 99, name: 'test step', sql: 'CREATE TABLE offline_review_test_step (x int); INSERT INTO offline_review_test_step VALUES (7)' }];
      assert.deepEqual(await migrate(db, next), [99]);
      assert.deepEqual(await db.query('SELECT x FROM offline_review_test_step'), [{ x: 7 }]);
      const recorded = await db.query<{ version: number; name: string }>('SELECT version, name FROM offline_review_migrations ORDER BY version');
      assert.deepEqual(recorded.map((r) => r.version), [...MIGRATIONS.map((m) => m.version), 99]);
    } finally {
      await db.close();
    }
  });

  it('roll a failing step back entirely', async () => {
    const db = await openPGliteDatabase();
    try {
      const broken = [{ version: 1, name: 'broken', sql: 'CREATE TABLE offline_review_half (x int); SELECT nonsense FROM nowhere' }];
      await assert.rejects(migrate(db, broken));
      assert.deepEqual(await db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'offline_review_half'"), []);
      assert.deepEqual(await db.query('SELECT version FROM offline_review_migrations'), []);
    } finally {
      await db.close();
    }
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
