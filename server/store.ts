/**
 * The reference server's storage seam. Two databases run the SAME SQL behind `SqlDatabase`:
 * PGlite (embedded Postgres, the default) and PostgreSQL through `pg`. Everything the
 * protocol needs is written once, in sync-repository.ts, against this interface.
 */

/** Something that runs one SQL statement with `$1…` parameters and returns its rows. */
export interface SqlExecutor {
  /** Runs one statement; resolves its rows; rejects with the driver's error. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
}

/** How a transaction begins. */
export interface TransactionOptions {
  /** Text whose `hashtext` names a transaction-scoped advisory lock taken before `fn` runs. */
  readonly lock?: string;
}

/** The statement that takes a transaction's advisory lock, `$1` the lock's text. */
export const ADVISORY_LOCK = 'SELECT pg_advisory_xact_lock(hashtext($1))';

/** A database connection (or pool) that can run a callback in one transaction. */
export interface SqlDatabase extends SqlExecutor {
  /** 'pglite' or 'pg', for logs and benchmarks. */
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs `fn` inside BEGIN…COMMIT on one connection; rolls back and rethrows when `fn` throws.
   * With `lock`, the transaction first takes the advisory lock `hashtext(lock)` (held until it
   * ends), in the same round trip as its BEGIN where the driver can.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Closes the connection or pool. */
  close(): Promise<void>;
}
