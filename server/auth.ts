/**
 * Authentication for the reference server: the hook a site provides maps a request to a user
 * id, or null for 401. Production sites use createJwtAuthenticator (jwt-auth.ts) or their own
 * hook; `demoAuthenticate` is DEMO ONLY.
 */

import { cookieValue } from '../src/cookie.js';
import { isRecordId } from '../src/records/field.js';

/** The authenticated caller. */
export interface AuthenticatedUser {
  userId: string;
}

/**
 * The hook a site provides: resolves the user of a request, or null (answered 401
 * auth-required). It may throw OfflineReviewError('auth-required') with `details.reason`
 * 'invalid-token' for credentials that are present but wrong (answered 401 invalid-token).
 * Any other throw is a server failure (500). The id must be a record id (1–200 characters, no
 * whitespace or control characters), else every request answers 500 auth-config.
 */
export type Authenticate = (request: Request) => AuthenticatedUser | null | Promise<AuthenticatedUser | null>;

/** The demo's cookie. DEMO ONLY: anyone can set it to any name; never use it in production. */
export const DEMO_COOKIE = 'offline_review_user';

/**
 * DEMO ONLY: trusts the `offline_review_user` cookie as the user id, with no password.
 * Resolves `{userId}` for a name that is a valid id (1–200 characters, no whitespace or
 * control characters), else null.
 */
export function demoAuthenticate(request: Request): AuthenticatedUser | null {
  const name = cookieValue(DEMO_COOKIE, request.headers.get('cookie'))?.trim();
  // A name no record could carry (an old cookie with a space) is no sign-in.
  if (!isRecordId(name)) return null;
  return { userId: name };
}
