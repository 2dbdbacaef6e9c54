/**
 * The demo's stylesheet (demo/demo.css): read once, served at a URL that names its content's
 * hash, so browsers may keep it for a year and still get a new one the moment it changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const css = readFileSync(fileURLToPath(new URL('../../demo/demo.css', import.meta.url)), 'utf8');

/** The stylesheet's path, without the version query. */
export const STYLESHEET_PATH = '/demo.css';

/** The stylesheet: its text, and the versioned URL the pages link to. */
export const STYLESHEET = {
  css,
  href: `${STYLESHEET_PATH}?v=${createHash('sha256').update(css).digest('hex').slice(0, 12)}`,
} as const;

/**
 * The stylesheet's response. The versioned URL is immutable for a year; the bare path (or an
 * old version) is answered too, but must be checked again each time.
 */
export function stylesheetResponse(url: URL): Response {
  const current = url.search === STYLESHEET.href.slice(STYLESHEET_PATH.length);
  return new Response(css, {
    headers: {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}
