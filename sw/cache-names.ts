/**
 * The service worker's cache names, and the clean-ups that depend on them. Runs in the worker
 * and in pages (both have `caches`), so that the page can test it and clear caches itself.
 *
 * Every name is `offline-review-<kind>-<version>[-<rest>]`: an activating worker deletes every
 * offline-review cache whose version is not its own, and the per-user API caches carry the
 * database and the user so that sign-out (or another user signing in) deletes exactly those.
 */

/** Bumped when what the caches hold changes shape: older versions are deleted on activate. */
export const CACHE_VERSION = 'v1';

/** Every cache this library creates starts with this. */
export const CACHE_PREFIX = 'offline-review';

/** The fixed caches of this version (the per-user API caches: see {@link apiCacheName}). */
export const cacheNames = {
  /** The site's offline page (pages themselves are cached per user: {@link pagesCacheName}). */
  pages: `${CACHE_PREFIX}-pages-${CACHE_VERSION}`,
  /** The list of pages the worker may serve from cache: those that showed the tags. */
  reviewPages: `${CACHE_PREFIX}-review-pages-${CACHE_VERSION}`,
  /** Scripts and styles (StaleWhileRevalidate). */
  assets: `${CACHE_PREFIX}-assets-${CACHE_VERSION}`,
  /** Images and fonts (CacheFirst). */
  media: `${CACHE_PREFIX}-media-${CACHE_VERSION}`,
  /** The widget's own files; Workbox builds this name from the parts below. */
  precache: `${CACHE_PREFIX}-precache-${CACHE_VERSION}`,
} as const;

/** Workbox's `setCacheNameDetails` argument that yields {@link cacheNames}.precache. */
export const workboxCacheNameDetails = {
  prefix: CACHE_PREFIX,
  precache: 'precache',
  runtime: 'runtime',
  suffix: CACHE_VERSION,
} as const;

const API_KIND = `${CACHE_PREFIX}-api-${CACHE_VERSION}-`;
const PAGE_KIND = `${CACHE_PREFIX}-page-${CACHE_VERSION}-`;

/**
 * The prefix of every per-user cache of one kind and database. `encodeURIComponent` never
 * leaves a `:`, so the prefix of database "a" is never a prefix of database "a:b"'s names.
 */
function userCachePrefix(kind: string, dbName: string): string {
  return `${kind}${encodeURIComponent(dbName)}:`;
}

/** The API-read cache of one user of one database (never one for all users). */
export function apiCacheName(dbName: string, userId: string): string {
  return `${userCachePrefix(API_KIND, dbName)}${encodeURIComponent(userId)}`;
}

/**
 * The page cache of one user of one database (null: nobody signed in). A page is served from
 * cache only to the user it was cached for: on a shared device the next person never gets
 * the previous learner's page.
 */
export function pagesCacheName(dbName: string, userId: string | null): string {
  return `${userCachePrefix(PAGE_KIND, dbName)}${userId ? encodeURIComponent(userId) : ''}`;
}

/**
 * True for a cache this library made with another version (or a name it no longer makes):
 * those go on activate. Caches of other libraries or of the site are never touched.
 */
export function isOutdatedCache(name: string): boolean {
  if (!name.startsWith(`${CACHE_PREFIX}-`)) return false;
  if (name.startsWith(API_KIND) || name.startsWith(PAGE_KIND)) return false;
  return !Object.values(cacheNames).includes(name as (typeof cacheNames)[keyof typeof cacheNames]);
}

/**
 * Deletes the caches of other versions. Resolves to the names deleted.
 * Throws only what CacheStorage throws.
 */
export async function deleteOutdatedCaches(storage: CacheStorage = caches): Promise<string[]> {
  const outdated = (await storage.keys()).filter(isOutdatedCache);
  await Promise.all(outdated.map((name) => storage.delete(name)));
  return outdated;
}

/** Whose caches of a database a clean-up deletes: `userId`'s only, or everyone's but `keepUserId`'s. */
export interface UserCaches {
  userId?: string;
  keepUserId?: string | null;
}

/**
 * Deletes the API caches of a database: those of `userId` when given, else those of every user
 * except `keepUserId` (when the signed-in user changes, the others' cached answers go).
 * Resolves to the names deleted.
 */
export async function deleteApiCaches(dbName: string, which: UserCaches = {}, storage: CacheStorage = caches): Promise<string[]> {
  return deleteUserCaches(API_KIND, dbName, which, storage);
}

/**
 * Deletes the page caches of a database, as {@link deleteApiCaches} does the API caches (the
 * caches of nobody signed in count as another user's).
 */
export function deletePageCaches(dbName: string, which: UserCaches = {}, storage: CacheStorage = caches): Promise<string[]> {
  return deleteUserCaches(PAGE_KIND, dbName, which, storage);
}

/** Whether `name` is one of the per-user caches of `kind` and `dbName` that `which` selects. */
function isUserCache(name: string, kind: string, dbName: string, which: UserCaches): boolean {
  const prefix = userCachePrefix(kind, dbName);
  const keep = which.keepUserId ? `${prefix}${encodeURIComponent(which.keepUserId)}` : null;
  const only = which.userId !== undefined ? `${prefix}${encodeURIComponent(which.userId)}` : null;
  return name.startsWith(prefix) && name !== keep && (only === null || name === only);
}

async function deleteUserCaches(kind: string, dbName: string, which: UserCaches, storage: CacheStorage): Promise<string[]> {
  const doomed = (await storage.keys()).filter((name) => isUserCache(name, kind, dbName, which));
  await Promise.all(doomed.map((name) => storage.delete(name)));
  return doomed;
}

/**
 * Whether `name` is one of the caches a sign-out of `userId` (every user, without it) from
 * `dbName` deletes: see {@link deleteSignedOutCaches}.
 */
export function isSignedOutCache(name: string, dbName: string, userId?: string): boolean {
  const which = userId === undefined ? {} : { userId };
  return isUserCache(name, API_KIND, dbName, which) || isUserCache(name, PAGE_KIND, dbName, which);
}

/**
 * What a sign-out deletes: the user's API caches and page caches of the database (every
 * user's, without `userId`): a server-rendered page shows the user's own content. Resolves to
 * the names deleted. The site's offline page and the list of review pages stay.
 */
export async function deleteSignedOutCaches(dbName: string, userId?: string, storage: CacheStorage = caches): Promise<string[]> {
  const which = userId === undefined ? {} : { userId };
  const [api, pages] = await Promise.all([deleteApiCaches(dbName, which, storage), deletePageCaches(dbName, which, storage)]);
  return [...api, ...pages];
}
