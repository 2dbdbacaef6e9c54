/**
 * PGlite (embedded Postgres in WebAssembly) behind `SqlDatabase`: the default store, no
 * database server to run. PGlite has one connection and runs one transaction at a time.
 * `@electric-sql/pglite` is an optional peer dependency, loaded when the store opens.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { loadDriver } from './load-driver.js';
import { ADVISORY_LOCK, type SqlDatabase, type SqlExecutor } from './store.js';

/** Write transactions between two looks at which tables to ANALYZE (see `openPGliteDatabase`). */
export const ANALYZE_CHECK_EVERY = 50;

/**
 * ANALYZE each of our tables of ten pages or more that has no statistics, or has grown by more
 * than a tenth (and ten pages) since it was last analyzed: autovacuum's rule, by pages, so a
 * large table is analyzed ever more rarely (one ANALYZE of 100,000 answers took 0.6 to 1.6 s
 * here). The page count is not enough alone: a CREATE INDEX (a migration on a database that
 * already holds answers) sets it without making statistics.
 */
const ANALYZE_GROWN = `DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = current_schema() AND c.relname LIKE 'offline_review_%'
      AND pg_relation_size(c.oid) / current_setting('block_size')::int >= 10
      AND (NOT EXISTS (SELECT 1 FROM pg_statistic s WHERE s.starelid = c.oid)
        OR pg_relation_size(c.oid) / current_setting('block_size')::int > GREATEST(c.relpages * 1.1, c.relpages + 10))
  LOOP EXECUTE format('ANALYZE %I', t); END LOOP;
END $$`;

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined.
 * A directory is locked for this process first (see data-dir-lock.ts) and freed by close().
 * Resolves once the database is ready; rejects when the directory is held by another live
 * process (OfflineReviewError 'storage-unavailable' naming it) or cannot be opened, or with
 * OfflineReviewError('storage-unavailable') naming the package when PGlite is not installed.
 */
export async function openPGliteDatabase(dataDir?: string): Promise<SqlDatabase> {
  const { PGlite } = await loadDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    mkdirSync(dirname(resolve(dataDir)), { recursive: true });
    lock = lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
    await pg.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  // PGlite runs no autovacuum: without this the planner never had statistics, and a pull page
  // read and sorted all of the user's answers after its cursor (48,526 rows, 154 ms, half way
  // through 100,000) instead of reading the next 1,000 in order through (user_id, seq). Run
  // after the transaction, not awaited (the push answers first), queued before the next query.
  // Once at open too: a server restarted on a database written without statistics (by an
  // earlier version) may serve only pulls for a while.
  let writes = 0;
  let analyzing: Promise<unknown> = pg.exec(ANALYZE_GROWN).catch(() => undefined);
  const afterWrite = () => {
    writes += 1;
    if (writes % ANALYZE_CHECK_EVERY === 0) analyzing = pg.exec(ANALYZE_GROWN).catch(() => undefined);
  };
  const run = (executor: Pick<PGlite, 'query'>): SqlExecutor['query'] =>
    async <R>(sql: string, params: unknown[] = []) => (await executor.query<R>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: async (fn, options) => {
      const result = await pg.transaction(async (tx) => {
        // In process: a statement costs no round trip, so the lock is one of its own.
        if (options?.lock !== undefined) await tx.query(ADVISORY_LOCK, [options.lock]);
        return fn({ query: run(tx) });
      });
      afterWrite();
      return result;
    },
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: async () => {
      try {
        await analyzing;
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
