/**
 * From a request to its user, through the site's authenticator, with the answers a client and
 * an operator need: 401 with `WWW-Authenticate: Bearer` when there is no valid sign-in, and a
 * 500 `auth-config` when the authenticator returns a user id that no record could carry (a
 * deployment mistake: every push would be refused `wrong-user` or fail, answer after answer).
 */
import { isOfflineReviewError } from '../src/errors.js';
import { ProtocolErrorCode } from '../src/protocol/mutations.js';
import { isRecordId } from '../src/records/field.js';
import type { Authenticate, AuthenticatedUser } from './auth.js';
import { errorResponse } from './http.js';

/** The challenge of every 401 (RFC 6750); cookie sign-in is not affected by it. */
const CHALLENGE = 'Bearer realm="offline-review"';

function describe(userId: unknown): string {
  if (typeof userId !== 'string') return `a ${userId === null ? 'null' : typeof userId} instead of a string`;
  if (userId.length === 0) return 'an empty string';
  if (userId.length > 200) return `${userId.length} characters (at most 200)`;
  return 'a string with whitespace, a control character or a lone surrogate';
}

/**
 * Wraps `authenticate`: resolves the user, or the Response to answer. `log` gets one line per
 * distinct misconfiguration, the first time it is seen, not one per request.
 */
export function createIdentify(authenticate: Authenticate, log: (line: string) => void): (request: Request) => Promise<AuthenticatedUser | Response> {
  const reported = new Set<string>();
  return async (request) => {
    let user: AuthenticatedUser | null;
    try {
      user = await authenticate(request);
    } catch (error) {
      if (!isOfflineReviewError(error, 'auth-required')) throw error;
      const invalid = error.details.reason === 'invalid-token';
      const challenge = invalid ? `${CHALLENGE}, error="invalid_token"` : CHALLENGE;
      return errorResponse(401, invalid ? ProtocolErrorCode.InvalidToken : ProtocolErrorCode.AuthRequired, error.message, {
        'www-authenticate': challenge,
      });
    }
    if (!user) return errorResponse(401, ProtocolErrorCode.AuthRequired, 'Sign in to sync.', { 'www-authenticate': CHALLENGE });
    if (!isRecordId(user.userId)) {
      const what = describe(user.userId);
      const message =
        `The authenticator returned a user id the server cannot accept: ${what}. ` +
        'A user id must be 1 to 200 characters without whitespace or control characters; fix the authenticator ' +
        '(or the token minting: the JWT "sub").';
      if (!reported.has(what)) {
        reported.add(what);
        log(`offline-review server: configuration error (auth-config): ${message}`);
      }
      return errorResponse(500, ProtocolErrorCode.AuthConfig, message);
    }
    return user;
  };
}
