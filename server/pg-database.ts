/**
 * PostgreSQL through `pg` behind `SqlDatabase`, for sites that outgrow one machine. A pool of
 * connections: concurrent pushes for one user are serialised by an advisory lock in the
 * repository, and unique keys make a race store each answer once. `pg` is an optional peer
 * dependency, loaded when the store opens.
 */
import { loadDriver } from './load-driver.js';
import type { SqlDatabase } from './store.js';

/**
 * Opens a pool on `connectionString` and checks it with one query; rejects if unreachable, or
 * with OfflineReviewError('storage-unavailable') naming the package when `pg` (an optional
 * peer dependency) is not installed.
 */
export async function openPgDatabase(connectionString: string, poolSize = 10): Promise<SqlDatabase> {
  const { default: pg } = await loadDriver<typeof import('pg')>('pg');
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query fails.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  return {
    kind: 'pg',
    query: async <R>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as R[],
    transaction: async (fn, options) => {
      const client = await pool.connect();
      try {
        // BEGIN and the lock in one simple query (one round trip, not two): the protocol takes
        // no parameters there, so the lock's text goes in as a quoted literal.
        await client.query(options?.lock === undefined ? 'BEGIN' : `BEGIN; SELECT pg_advisory_xact_lock(hashtext(${client.escapeLiteral(options.lock)}))`);
        const result = await fn({
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
