/**
 * Authentication for the reference server. A real site replaces `demoAuthenticate` with its
 * own session check; the hook only has to map a request to a user id, or null for 401.
 */

/** The authenticated caller. */
export interface AuthenticatedUser {
  userId: string;
}

/** The hook a site provides: resolves the user of a request, or null (answered with 401). */
export type Authenticate = (request: Request) => AuthenticatedUser | null | Promise<AuthenticatedUser | null>;

/** The demo's cookie. DEMO ONLY: anyone can set it to any name; never use it in production. */
export const DEMO_COOKIE = 'offline_review_user';

/** Reads one cookie from a Cookie header; undefined when absent or badly encoded. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * DEMO ONLY: trusts the `offline_review_user` cookie as the user id, with no password.
 * Resolves `{userId}` for a non-empty name of at most 200 characters, else null.
 */
export function demoAuthenticate(request: Request): AuthenticatedUser | null {
  const name = readCookie(request.headers.get('cookie'), DEMO_COOKIE)?.trim();
  if (!name || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) return null;
  return { userId: name };
}
