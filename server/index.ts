/**
 * The reference sync server: a Web-standard handler for protocol v1 (docs/protocol.md), two
 * stores running the same SQL (PGlite by default, PostgreSQL through `pg`), a Node adapter and
 * the demo's cookie authentication.
 */
import { migrate } from './migrations.js';
import { openPgDatabase } from './pg-database.js';
import { openPGliteDatabase } from './pglite-database.js';
import { createReviewStore, type ReviewStore } from './sync-repository.js';

export { createHandler, type HandlerLimits, type HandlerOptions, type SyncHandler } from './handler.js';
export { demoAuthenticate, DEMO_COOKIE, type Authenticate, type AuthenticatedUser } from './auth.js';
export { toNodeListener, type NodeListener } from './node-adapter.js';
export type { ReviewStore, CheckedMutation, ChangesPage } from './sync-repository.js';

/**
 * Opens the PGlite store: persisted in `dataDir` (created if missing), in memory without it.
 * Runs the migrations. Resolves the ready store; rejects if the directory cannot be opened.
 */
export async function createPGliteStore(options: { dataDir?: string } = {}): Promise<ReviewStore> {
  const db = await openPGliteDatabase(options.dataDir);
  await migrate(db);
  return createReviewStore(db);
}

/**
 * Opens the PostgreSQL store on `connectionString` (e.g. DATABASE_URL) and runs the
 * migrations. Resolves the ready store; rejects when the database is unreachable.
 */
export async function createPgStore(connectionString: string, options: { poolSize?: number } = {}): Promise<ReviewStore> {
  const db = await openPgDatabase(connectionString, options.poolSize);
  await migrate(db);
  return createReviewStore(db);
}
