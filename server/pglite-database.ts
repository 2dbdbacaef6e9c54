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
import type { SqlDatabase, SqlExecutor } from './store.js';

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
  const run = (executor: Pick<PGlite, 'query'>): SqlExecutor['query'] =>
    async <R>(sql: string, params: unknown[] = []) => (await executor.query<R>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: (fn) => pg.transaction((tx) => fn({ query: run(tx) })),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
