/**
 * The reference sync server: a Web-standard handler for protocol v1 (docs/protocol.md), two
 * stores running the same SQL (PGlite by default, PostgreSQL through `pg`), a Node adapter and
 * the demo's cookie authentication.
 */
import { OfflineReviewError, isOfflineReviewError } from '../src/errors.js';
import { migrate } from './migrations.js';
import { openPgDatabase } from './pg-database.js';
import { openPGliteDatabase } from './pglite-database.js';
import type { SqlDatabase } from './store.js';
import { createReviewStore, type ReviewStore } from './sync-repository.js';

export { createHandler, type HandlerLimits, type HandlerOptions, type SyncHandler } from './handler.js';
export { demoAuthenticate, DEMO_COOKIE, type Authenticate, type AuthenticatedUser } from './auth.js';
export { createJwtAuthenticator, type JwtAuthOptions } from './jwt-auth.js';
export { toNodeListener, type NodeListener } from './node-adapter.js';
export type { ReviewStore, CheckedMutation, ChangesPage } from './sync-repository.js';
export { dueCounts, type DeckCatalog, type DeckManifest, type DueCounts, type SchedulingOptions } from './server-schedule.js';

/**
 * Opens the PGlite store: persisted in `dataDir` (created if missing), in memory without it.
 * One process per directory: a lock file `<dataDir>.lock` holds this process's pid until
 * close(), and another live process's lock makes this reject, naming the directory and the
 * pid. PGlite does not fsync: prefer PostgreSQL in production. Runs the migrations. Resolves the ready store; rejects with OfflineReviewError('storage-unavailable')
 * (the driver's error as cause) if the directory cannot be opened or migrated.
 */
export async function createPGliteStore(options: { dataDir?: string } = {}): Promise<ReviewStore> {
  return open(`PGlite${options.dataDir ? ` in ${options.dataDir}` : ' (in memory)'}`, () => openPGliteDatabase(options.dataDir));
}

/**
 * Opens the PostgreSQL store on `connectionString` (e.g. DATABASE_URL) and runs the
 * migrations. `poolSize` (default 10) caps this process's connections: on several instances,
 * give each its share of what the database should take. Resolves the ready store; rejects with
 * OfflineReviewError('invalid-input') for a pool size that is not a whole number from 1 to 1000, and
 * with OfflineReviewError('storage-unavailable') (the driver's error as cause) when the
 * database is unreachable or cannot be migrated.
 */
export async function createPgStore(connectionString: string, options: { poolSize?: number } = {}): Promise<ReviewStore> {
  const { poolSize = 10 } = options;
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
    throw new OfflineReviewError('invalid-input', `The pool size must be a whole number from 1 to 1000: ${String(poolSize)}`, { details: { poolSize } });
  }
  return open('PostgreSQL', () => openPgDatabase(connectionString, poolSize));
}

async function open(what: string, connect: () => Promise<SqlDatabase>): Promise<ReviewStore> {
  let db: SqlDatabase | undefined;
  try {
    db = await connect();
    await migrate(db);
    return createReviewStore(db);
  } catch (error) {
    await db?.close().catch(() => undefined);
    throw new OfflineReviewError('storage-unavailable', `${what} could not be opened: ${String(error)}`, {
      cause: error,
      details: isOfflineReviewError(error) ? error.details : {},
    });
  }
}
