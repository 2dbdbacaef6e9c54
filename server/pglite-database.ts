/**
 * PGlite (embedded Postgres in WebAssembly) behind `SqlDatabase`: the default store, no
 * database server to run. PGlite has one connection and runs one transaction at a time.
 * `@electric-sql/pglite` is an optional peer dependency, loaded when the store opens.
 */
import type { PGlite } from '@electric-sql/pglite';
import { loadDriver } from './load-driver.js';
import type { SqlDatabase, SqlExecutor } from './store.js';

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined.
 * Resolves once the database is ready; rejects when the directory cannot be opened, or with
 * OfflineReviewError('storage-unavailable') naming the package when PGlite is not installed.
 */
export async function openPGliteDatabase(dataDir?: string): Promise<SqlDatabase> {
  const { PGlite } = await loadDriver<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  const run = (executor: Pick<PGlite, 'query'>): SqlExecutor['query'] =>
    async <R>(sql: string, params: unknown[] = []) => (await executor.query<R>(sql, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: (fn) => pg.transaction((tx) => fn({ query: run(tx) })),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
