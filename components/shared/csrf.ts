/**
 * The site's CSRF header, declared on the tags: sites that sign in with cookies often protect
 * their endpoints with a token the page must send back in a header — Django's `csrftoken`
 * cookie as `X-CSRFToken`, Rails' `<meta name="csrf-token">` as `X-CSRF-Token`, a PHP
 * session's token. The attributes name where the token is and which header carries it; the
 * token is read again before every request (it may rotate). docs/integration.md, "CSRF".
 * Reading it (csrf-token.ts) is a chunk of its own, imported at the first request: a tag offers
 * its headers function before it paints (`<sync-indicator>`), and the reader is not needed then.
 */
import { loadChunk } from './stale-build.js';

/** The CSRF attributes of a tag. */
export interface CsrfSource {
  /** `csrf-header`: the header to send, e.g. `X-CSRFToken`. */
  header: string;
  /** `csrf-cookie`: the cookie that holds the token, e.g. `csrftoken`. */
  cookie: string | null;
  /** `csrf-meta`: the `<meta name>` whose `content` is the token, e.g. `csrf-token`. */
  meta: string | null;
}

/** Reads the tag's CSRF attributes; null without `csrf-header` (or with neither source). */
export function csrfSource(host: Pick<Element, 'getAttribute'>): CsrfSource | null {
  const header = host.getAttribute('csrf-header');
  const cookie = host.getAttribute('csrf-cookie');
  const meta = host.getAttribute('csrf-meta');
  if (!header || (!cookie && !meta)) return null;
  return { header, cookie, meta };
}


/** One headers function per source: engines compare the `headers` option by identity. */
const hooks = new Map<string, () => Promise<HeadersInit>>();

/**
 * The engine's `headers` option for `source`: the same function for the same attributes, so
 * that every tag of the page shares one engine. A missing token sends no header (the server
 * then refuses, and the queue reports it).
 */
export function csrfHeaders(source: CsrfSource): () => Promise<HeadersInit> {
  const key = JSON.stringify(source);
  let hook = hooks.get(key);
  if (!hook) {
    hook = async () => {
      const token = (await loadChunk(() => import('./csrf-token.js'))).csrfToken(source);
      return token ? { [source.header]: token } : {};
    };
    hooks.set(key, hook);
  }
  return hook;
}
