/**
 * What the worker is told, and how it sorts requests. Pure functions: they run in the worker
 * and are tested in the page.
 *
 * A site's worker file is one line (`importScripts(…/offline-review-sw.js)`), so its options
 * travel in the query of the URL the page registers: `/offline-review-sw.js?db=my-db&offline=/offline.html`.
 * `registerServiceWorker()` adds `db` for the engine it is given.
 */

/** The default database name of the engine and the tags. */
export const DEFAULT_DB_NAME = 'offline-review';

/** The Background Sync tag the page registers and the worker answers. */
export const SYNC_TAG = 'offline-review-sync';

/** The worker's options, read from the query of its own URL. */
export interface WorkerOptions {
  /** Databases whose queues this worker drains (`db`, repeatable). */
  dbNames: string[];
  /** The site's offline page (`offline`), cached at install; null: the built-in one. */
  offlinePage: string | null;
  /** NetworkFirst timeout for navigations (`timeout`, seconds; default 3). */
  navigationTimeoutSeconds: number;
  /** NetworkFirst timeout for API reads (`timeout`, seconds; default 5). */
  apiTimeoutSeconds: number;
  /**
   * Pages the site lists for offline use besides those that showed the tags (`pages`,
   * repeatable or comma-separated): a path, or a path prefix ending in `*`.
   */
  pages: string[];
}

/** Reads the worker's options from its script URL (`self.location.href`). Never throws. */
export function parseWorkerOptions(href: string): WorkerOptions {
  const url = new URL(href);
  const list = (name: string): string[] =>
    url.searchParams
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter(Boolean);
  const dbNames = list('db');
  const offline = url.searchParams.get('offline');
  const timeout = Number(url.searchParams.get('timeout'));
  const valid = Number.isFinite(timeout) && timeout > 0;
  return {
    dbNames: dbNames.length ? [...new Set(dbNames)] : [DEFAULT_DB_NAME],
    offlinePage: offline ? new URL(offline, url).href : null,
    navigationTimeoutSeconds: valid ? timeout : 3,
    apiTimeoutSeconds: valid ? timeout : 5,
    pages: [...new Set(list('pages'))],
  };
}

/**
 * The URL of the script that is running, from an `Error().stack` taken at its top level.
 * A worker has no `document.currentScript`, and the published bundle is usually pulled in by
 * `importScripts()` from a CDN: its own URL is what the widget's files are relative to.
 * A frame may name the script by the path it was imported with (Firefox does so in a new
 * version installed by an update: `@/dist/sw/offline-review-sw.js:1:214`); that path is
 * resolved against `fallback`, the worker's own URL, as `importScripts()` resolved it.
 * Falls back to `fallback` when no stack frame names a script.
 */
export function scriptUrlFromStack(stack: string | undefined, fallback: string): string {
  const match = /(?:^|[\s@(])((?:https?:\/\/|\/)[^\s()@]*?\.js)(?:\?[^\s():]*)?(?::\d+){0,2}/m.exec(stack ?? '');
  if (!match) return fallback;
  const name = match[1]!;
  return name.startsWith('/') ? new URL(name, fallback).href : name;
}

/** The kinds of static assets the worker caches, and how. */
export type AssetKind = 'asset' | 'media';

const ASSET_EXTENSIONS = /\.(?:m?js|css)$/i;
const MEDIA_EXTENSIONS = /\.(?:png|jpe?g|gif|svg|webp|avif|ico|woff2?|ttf|otf)$/i;

/**
 * Sorts a GET request for a static file: scripts and styles are 'asset' (StaleWhileRevalidate:
 * a deploy shows up on the next load), images and fonts 'media' (CacheFirst: they rarely
 * change). By the request's destination, else by the file extension (a `fetch()` of a CSS file
 * has no destination). Null for anything else.
 */
export function assetKind(request: { method: string; destination: string; url: string }): AssetKind | null {
  if (request.method !== 'GET') return null;
  const { destination } = request;
  if (destination === 'script' || destination === 'style' || destination === 'worker') return 'asset';
  if (destination === 'image' || destination === 'font') return 'media';
  if (destination !== '') return null;
  const path = new URL(request.url).pathname;
  if (ASSET_EXTENSIONS.test(path)) return 'asset';
  if (MEDIA_EXTENSIONS.test(path)) return 'media';
  return null;
}

/**
 * True when `url` is under `apiBase` (a path such as '/api/review' on the worker's origin, or an
 * absolute URL). A base of '/api/review' does not match '/api/reviewer'.
 */
export function isUnderApiBase(url: string, apiBase: string, origin: string): boolean {
  const base = new URL(apiBase, origin);
  const target = new URL(url);
  if (target.origin !== base.origin) return false;
  const prefix = base.pathname.replace(/\/+$/, '');
  return target.pathname === prefix || target.pathname.startsWith(`${prefix}/`);
}
