/**
 * PostgreSQL through `pg` behind `SqlDatabase`, for sites that outgrow one machine. A pool of
 * connections: concurrent pushes for one user are serialised by an advisory lock in the
 * repository, and unique keys make a race store each answer once. `pg` is an optional peer
 * dependency, loaded when the store opens.
 */
import { loadDriver } from './load-driver.js';
import type { SqlDatabase } from './store.js';

/**
 * BEGIN and the advisory lock on `hashtext(lock)` as one simple query: one round trip, not two.
 * That protocol takes no parameters, so the text goes in as hex digits decoded from UTF-8 by
 * PostgreSQL: nothing in it needs quoting whatever the connection's encoding or
 * `standard_conforming_strings`, the key is the one `hashtext($1)` takes for the same text, and
 * the statement shows the text only as hex (`pg_stat_activity`, an error PostgreSQL logs).
 */
export function beginLocked(lock: string): string {
  return `BEGIN; SELECT pg_advisory_xact_lock(hashtext(convert_from(decode('${Buffer.from(lock, 'utf8').toString('hex')}', 'hex'), 'UTF8')))`;
}

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
      // A connection that dies while checked out (a backend ended, PostgreSQL restarted) emits
      // 'error' besides failing the query in flight: unheard, that error would end the process.
      const dropped = (): void => undefined;
      client.on('error', dropped);
      // A connection that could not roll back is not given back to the pool mid-transaction.
      let unusable: Error | undefined;
      try {
        await client.query(options?.lock === undefined ? 'BEGIN' : beginLocked(options.lock));
        const result = await fn({
          query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        unusable = await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))),
        );
        throw error;
      } finally {
        client.off('error', dropped);
        client.release(unusable);
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
