/**
 * PGlite (embedded Postgres in WebAssembly) behind `SqlDatabase`: the default store, nothing
 * to install. PGlite has one connection and runs one transaction at a time.
 */
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlExecutor } from './store.js';

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined.
 * Resolves once the database is ready; rejects when the directory cannot be opened.
 */
export async function openPGliteDatabase(dataDir?: string): Promise<SqlDatabase> {
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
