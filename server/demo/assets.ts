/**
 * The demo's own static files (demo/demo.css, demo/sync-states.js): read once, served at a
 * URL that names their content's hash, so browsers may keep them for a year and still get a new
 * one the moment it changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One static file of the demo. */
export interface DemoAsset {
  /** The path it is served at, without the version query. */
  path: string;
  /** The versioned URL the pages link to. */
  href: string;
  type: string;
  body: string;
}

function asset(name: string, type: string): DemoAsset {
  const body = readFileSync(fileURLToPath(new URL(`../../demo/${name}`, import.meta.url)), 'utf8');
  const path = `/${name}`;
  return { path, href: `${path}?v=${createHash('sha256').update(body).digest('hex').slice(0, 12)}`, type, body };
}

/** The stylesheet of every page. */
export const STYLESHEET = asset('demo.css', 'text/css; charset=utf-8');
/** The script of the Sync states page: shows a given state in each indicator. */
export const SYNC_STATES_SCRIPT = asset('sync-states.js', 'text/javascript; charset=utf-8');

const ASSETS = new Map([STYLESHEET, SYNC_STATES_SCRIPT].map((a) => [a.path, a]));

/**
 * The response for a demo asset's path, or null when `url` names none. The versioned URL is
 * immutable for a year; the bare path (or an old version) is answered too, but must be checked
 * again each time.
 */
export function assetResponse(url: URL): Response | null {
  const found = ASSETS.get(url.pathname);
  if (!found) return null;
  const current = url.search === found.href.slice(found.path.length);
  return new Response(found.body, {
    headers: {
      'content-type': found.type,
      'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}
