/**
 * Which API reads the worker caches, and in which cache: only GETs under the API base of a
 * database whose configuration names a signed-in user, each user in a cache of their own
 * (never one cache for every user). When the user in a configuration changes, the other users' caches of
 * that database are deleted. Runs in the worker and in pages.
 */
import { apiCacheName, deleteApiCaches } from './cache-names.js';
import { isUnderApiBase } from './options.js';
import { readWorkerConfig, type WorkerConfig } from './worker-config.js';

/** Where an API read is cached. */
export interface ApiCacheTarget {
  dbName: string;
  userId: string;
  cacheName: string;
}

/** Decides, per request, whether and where an API read is cached. */
export class ApiCacheRouter {
  private readonly dbNames: string[];
  private readonly origin: string;
  private readonly readConfig: (dbName: string) => Promise<WorkerConfig | null>;
  private readonly forgetOthers: (dbName: string, keepUserId: string | null) => Promise<unknown>;
  /** API bases seen in configurations, so that `mayMatch` can answer synchronously. */
  private readonly bases = new Set<string>();
  /** The last user seen per database: a different one means the others' caches go. */
  private readonly users = new Map<string, string | null>();
  private loaded = false;

  /**
   * `dbNames`: the databases to look in; `origin`: the worker's origin (API bases may be
   * paths); `readConfig`: how configurations are read (the core's storage); `forgetOthers`:
   * how the caches of a database's other users are deleted when its user changed (the worker
   * defers it until its writes in flight are done).
   */
  constructor(
    dbNames: string[],
    origin: string,
    readConfig: (dbName: string) => Promise<WorkerConfig | null> = readWorkerConfig,
    forgetOthers: (dbName: string, keepUserId: string | null) => Promise<unknown> = (dbName, keepUserId) =>
      deleteApiCaches(dbName, { keepUserId }),
  ) {
    this.dbNames = [...dbNames];
    this.origin = origin;
    this.readConfig = readConfig;
    this.forgetOthers = forgetOthers;
  }

  /** Adds a database a page told about (a message names it). */
  addDatabase(dbName: string): void {
    if (!this.dbNames.includes(dbName)) this.dbNames.push(dbName);
  }

  /**
   * A synchronous first sieve for Workbox's route matching (which cannot await): true for a
   * GET `fetch()` under a known API base, and, while no configuration is known (none read
   * yet, or the site has not started an engine yet), for any same-origin `fetch()` (the
   * handler then passes non-API requests through to the network).
   */
  mayMatch(request: { method: string; destination: string; url: string }): boolean {
    if (request.method !== 'GET' || request.destination !== '') return false;
    if (!this.loaded || this.bases.size === 0) return new URL(request.url).origin === this.origin;
    return this.isKnownApi(request.url);
  }

  /** True when `url` is under an API base read so far (navigations there are not pages). */
  isKnownApi(url: string): boolean {
    for (const base of this.bases) if (isUnderApiBase(url, base, this.origin)) return true;
    return false;
  }

  /**
   * Where to cache the read of `url`, reading the configurations afresh (a sign-out in a page
   * takes effect on the next request). Resolves null when no database with a signed-in user
   * has `url` under its API base: the read then goes to the network only. Deletes the caches
   * of a database's other users when its user changed. Never rejects for a missing config.
   */
  async resolve(url: string): Promise<ApiCacheTarget | null> {
    let target: ApiCacheTarget | null = null;
    for (const dbName of this.dbNames) {
      const config = await this.readConfig(dbName);
      await this.noteUser(dbName, config?.userId ?? null);
      if (!config) continue;
      this.bases.add(config.apiBase);
      if (!target && config.userId && isUnderApiBase(url, config.apiBase, this.origin)) {
        target = { dbName, userId: config.userId, cacheName: apiCacheName(dbName, config.userId) };
      }
    }
    this.loaded = true;
    return target;
  }

  /** Reads every configuration (at start-up, and when a page says it changed), so that `mayMatch` knows the bases. */
  async refresh(): Promise<void> {
    await this.resolve(`${this.origin}/`);
  }

  /** Records the user of a database; when it changed, the other users' API caches go. */
  private async noteUser(dbName: string, userId: string | null): Promise<void> {
    if (this.users.has(dbName) && this.users.get(dbName) === userId) return;
    this.users.set(dbName, userId);
    await this.forgetOthers(dbName, userId);
  }
}
