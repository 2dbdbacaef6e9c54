/**
 * Versioned schema steps, applied at start inside one transaction each and recorded in
 * `offline_review_migrations`. Append new steps; never edit an applied one.
 */
import type { SqlDatabase } from './store.js';

/** One schema step. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The schema, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sync tables',
    // One sequence for every change row, so one cursor orders sessions, answers and progress.
    sql: `
      CREATE SEQUENCE offline_review_change_seq;
      CREATE TABLE offline_review_applied_mutations (
        user_id text NOT NULL,
        mutation_id text NOT NULL,
        client_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, mutation_id)
      );
      CREATE TABLE offline_review_answers (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        session_id text NOT NULL,
        item_id text NOT NULL,
        answered_at bigint NOT NULL,
        data jsonb NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('offline_review_change_seq')
      );
      CREATE INDEX offline_review_answers_user_seq ON offline_review_answers (user_id, seq);
      CREATE TABLE offline_review_sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        data jsonb NOT NULL,
        seq bigint NOT NULL
      );
      CREATE INDEX offline_review_sessions_user_seq ON offline_review_sessions (user_id, seq);
      CREATE TABLE offline_review_progress (
        user_id text NOT NULL,
        item_id text NOT NULL,
        data jsonb NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (user_id, item_id)
      );
      CREATE INDEX offline_review_progress_user_seq ON offline_review_progress (user_id, seq);
    `,
  },
  {
    version: 2,
    name: 'payload hash of applied mutations',
    // Null for rows applied before: those ids still answer duplicate, whatever is resent.
    sql: `ALTER TABLE offline_review_applied_mutations ADD COLUMN payload_hash text`,
  },
  {
    version: 3,
    name: 'retractions',
    // Undos: immutable events like answers, one row per retraction id, pulled by sequence.
    sql: `
      CREATE TABLE offline_review_retractions (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        answer_id text NOT NULL,
        data jsonb NOT NULL,
        seq bigint NOT NULL DEFAULT nextval('offline_review_change_seq')
      );
      CREATE INDEX offline_review_retractions_user_seq ON offline_review_retractions (user_id, seq);
      CREATE INDEX offline_review_retractions_user_answer ON offline_review_retractions (user_id, answer_id);
    `,
  },
  {
    version: 4,
    name: 'answers by user and item',
    // Card states in pull pages, due counts and undos read a user's answers to some items: without
    // it each read scanned all of the user's answers (100 items of a user with 100,000 answers in
    // PGlite: 234 to 279 ms in EXPLAIN ANALYZE, 5 to 23 ms with it).
    sql: `CREATE INDEX offline_review_answers_user_item ON offline_review_answers (user_id, item_id)`,
  },
];

/**
 * Brings the schema up to date. Safe to run from several processes at once on PostgreSQL:
 * an advisory lock serialises them. Resolves the versions applied now; rejects on SQL errors.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS offline_review_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: number[] = [];
  for (const step of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(8731)');
      const rows = await tx.query('SELECT 1 FROM offline_review_migrations WHERE version = $1', [step.version]);
      if (rows.length > 0) return false;
      for (const statement of step.sql.split(';').map((s) => s.trim()).filter(Boolean)) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO offline_review_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      return true;
    });
    if (done) applied.push(step.version);
  }
  return applied;
}
