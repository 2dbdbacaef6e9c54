/**
 * Reads the site's CSRF token where a tag's `csrf-*` attributes say it is (csrf.ts): a chunk
 * of its own, imported before the first request that sends it.
 */
import { cookieValue } from '../../src/cookie.js';
import type { CsrfSource } from './csrf.js';

/** The token now: the cookie when named and set, else the meta tag's content; null when neither. */
export function csrfToken(source: CsrfSource, doc: Document = document): string | null {
  const fromCookie = source.cookie ? cookieValue(source.cookie, doc.cookie) : null;
  if (fromCookie) return fromCookie;
  if (!source.meta) return null;
  const meta = [...doc.querySelectorAll<HTMLMetaElement>('meta[name]')].find((element) => element.name === source.meta);
  return meta?.content || null;
}
