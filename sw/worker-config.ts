/**
 * The configuration the worker needs (API base, signed-in user), read from the meta store of
 * the shared database through the core's own storage: the engine writes it (key 'config'), the
 * worker only reads it. The worker's storage is an `Outbox`, which opens only a database a
 * page already made (the worker never creates or upgrades it). Runs in the worker and in pages.
 */
import { Outbox } from '../src/worker.js';

/** What the engine stores under the meta key 'config'. */
export interface WorkerConfig {
  apiBase: string;
  /** Null (or absent) when nobody is signed in. */
  userId: string | null;
  /** The site's token URL (absolute), when it signs in with tokens. */
  tokenUrl?: string;
}

/** Narrows what the meta store holds; anything else counts as "no configuration". */
export function toWorkerConfig(value: unknown): WorkerConfig | null {
  if (typeof value !== 'object' || value === null) return null;
  const { apiBase, userId, tokenUrl } = value as { apiBase?: unknown; userId?: unknown; tokenUrl?: unknown };
  if (typeof apiBase !== 'string' || apiBase === '') return null;
  const config: WorkerConfig = { apiBase, userId: typeof userId === 'string' && userId !== '' ? userId : null };
  if (typeof tokenUrl === 'string' && tokenUrl !== '') config.tokenUrl = tokenUrl;
  return config;
}

const storages = new Map<string, Outbox>();

/** One storage per database for the life of the context (the open database is cached). */
export function storageFor(dbName: string): Outbox {
  let storage = storages.get(dbName);
  if (!storage) {
    storage = new Outbox({ dbName });
    storages.set(dbName, storage);
  }
  return storage;
}

/**
 * Reads the configuration of `dbName`. Resolves null when the database holds none or does
 * not exist yet (the site never started an engine) or when it cannot be read: the worker then caches no API reads,
 * which is the safe side. Never rejects.
 */
export async function readWorkerConfig(dbName: string): Promise<WorkerConfig | null> {
  try {
    return toWorkerConfig(await storageFor(dbName).connection.getMeta('config'));
  } catch {
    // Unreadable storage (private mode, a blocked upgrade) must not break the site's requests.
    return null;
  }
}

/** Closes the storages this context opened (a database upgrade elsewhere waits for it). */
export function closeWorkerStorages(): void {
  for (const storage of storages.values()) storage.close();
  storages.clear();
}
