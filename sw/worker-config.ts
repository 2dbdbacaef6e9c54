/**
 * The configuration the worker needs (API base, signed-in user), read from the meta store of
 * the shared database through the core's own storage: the engine writes it (key 'config'), the
 * worker only reads it; a sign-out records itself beside it (`recordSignOut`). The worker's storage is an `Outbox`, which opens only a database a
 * page already made (the worker never creates or upgrades it). Runs in the worker and in pages.
 */
import { Outbox } from '../src/worker.js';

/** The meta keys read and written here (src/storage/meta-keys.ts: the worker reaches the core through src/worker.ts alone). */
const CONFIG = 'config';
const SIGN_OUTS = 'signOuts';

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
    return toWorkerConfig(await storageFor(dbName).connection.getMeta(CONFIG));
  } catch {
    // Unreadable storage (private mode, a blocked upgrade) must not break the site's requests.
    return null;
  }
}

/** Who is signed in, as stored: the configured user (null: nobody) and the sign-outs so far. */
export interface SignInState {
  userId: string | null;
  /** Bumped by every sign-out ({@link recordSignOut}), before any cache is deleted. */
  signOuts: number;
}

/** True for the error of a database that does not exist (yet): nobody ever signed in there. */
function isMissing(error: unknown): boolean {
  return (error as { details?: { missing?: unknown } } | null)?.details?.missing === true;
}

/**
 * Reads who is signed in on `dbName` and its sign-out count. A database that does not exist
 * yet holds nobody and no sign-out. Resolves undefined when it cannot be read now (a blocked
 * upgrade, private mode): the caller can then tell neither "this user" nor "nobody", and must
 * neither write a user's cache nor delete one. Never rejects.
 */
export async function readSignInState(dbName: string): Promise<SignInState | undefined> {
  try {
    const { connection } = storageFor(dbName);
    const [config, signOuts] = await Promise.all([connection.getMeta(CONFIG), connection.getMeta(SIGN_OUTS)]);
    return { userId: toWorkerConfig(config)?.userId ?? null, signOuts: typeof signOuts === 'number' ? signOuts : 0 };
  } catch (error) {
    return isMissing(error) ? { userId: null, signOuts: 0 } : undefined;
  }
}

/** The user the configuration of `dbName` names: null for nobody, undefined when unreadable now. Never rejects. */
export async function configuredUser(dbName: string): Promise<string | null | undefined> {
  return (await readSignInState(dbName))?.userId;
}

/**
 * Records a sign-out of `dbName`, in one transaction: the sign-out count goes up and the
 * configuration forgets its user. Every sign-out calls it before deleting any cache, so a
 * write begun before it can tell, afterwards, that it must not stand. Never creates the
 * database (nobody signed in to a missing one). Rejects when the database cannot be written.
 */
export async function recordSignOut(dbName: string): Promise<void> {
  const outbox = new Outbox({ dbName });
  try {
    const db = await outbox.connection.db();
    const tx = db.transaction('meta', 'readwrite');
    const [signOuts, config] = await Promise.all([tx.store.get(SIGN_OUTS), tx.store.get(CONFIG)]);
    const writes = [tx.store.put((typeof signOuts === 'number' ? signOuts : 0) + 1, SIGN_OUTS)];
    if ((config as { userId?: unknown } | null | undefined)?.userId) writes.push(tx.store.put(null, CONFIG));
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    if (!isMissing(error)) throw error;
  } finally {
    outbox.close();
  }
}

/** Closes the storages this context opened (a database upgrade elsewhere waits for it). */
export function closeWorkerStorages(): void {
  for (const storage of storages.values()) storage.close();
  storages.clear();
}
