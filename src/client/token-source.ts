/**
 * Signed tokens from the host site (docs/integration.md, "Signing in with tokens"): the site
 * answers `GET tokenUrl` with a short-lived JWT for the learner its own session knows, and the
 * client sends it as `Authorization: Bearer`. The token is kept until shortly before its `exp`;
 * a 401 from the sync server asks for a fresh one once. Runs in pages and in the worker (which
 * has the site's cookies too, so Background Sync keeps working).
 *
 * Every failure to get a token is `auth-required` (the learner is not signed in on the site,
 * the token URL failed, or its token is for someone else: the queue pauses, nothing is
 * dead-lettered) or the network's own codes (`network`, `aborted`: the queue backs off).
 */
import { OfflineReviewError } from '../errors.js';

/** A token is renewed this long before its `exp`, so that it never expires on the way. */
export const TOKEN_RENEW_MARGIN_MS = 30_000;
/** How long a token without `exp` is kept. */
const NO_EXP_LIFETIME_MS = 60_000;

/** The claims the client reads from a token (without checking it: the server does). */
export interface TokenClaims {
  sub?: string;
  exp?: number;
}

/** Reads a JWT's claims (base64url JSON, the middle part). Null when it is not a JWT. */
export function tokenClaims(token: string): TokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as TokenClaims) : null;
  } catch {
    return null;
  }
}

/**
 * Reads the site's answer: JSON `{"token": "…"}` or the token as plain text.
 * @throws OfflineReviewError('auth-required') for an empty answer or JSON without a token.
 */
export function tokenFromBody(text: string, url: string): string {
  const body = text.trim();
  let token = body;
  if (body.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new OfflineReviewError('invalid-response', `The token URL ${url} answered malformed JSON.`, { details: { url }, cause: error });
    }
    const value = (parsed as { token?: unknown }).token;
    token = typeof value === 'string' ? value.trim() : '';
  }
  if (!token) throw new OfflineReviewError('auth-required', `The token URL ${url} gave no token: nobody is signed in.`, { details: { url } });
  return token;
}

/** Fetches and keeps the learner's token. One per client; concurrent requests share a fetch. */
export class TokenSource {
  /** The site's token URL. */
  readonly url: string;
  private readonly userId: string | undefined;
  private token: string | null = null;
  private renewAt = 0;
  private pending: Promise<string> | null = null;

  /** `url`: where the site hands out tokens; `userId`: when given, a token for anyone else is refused. */
  constructor(url: string, userId?: string) {
    this.url = url;
    this.userId = userId;
  }

  /**
   * Resolves a token, fetching one when none is kept or the kept one is about to expire.
   * `fresh`: fetch a new one whatever is kept (after a 401).
   * @throws OfflineReviewError: auth-required | network | aborted | invalid-response.
   */
  get(signal?: AbortSignal, fresh = false): Promise<string> {
    if (!fresh && this.token && Date.now() < this.renewAt) return Promise.resolve(this.token);
    if (fresh) this.token = null;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async fetchToken(signal: AbortSignal | undefined): Promise<string> {
    const details = { url: this.url };
    let response: Response;
    try {
      // The site's own cookies say who is signed in; never from a cache.
      response = await fetch(this.url, {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json, text/plain' },
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw new OfflineReviewError('aborted', `GET ${this.url} was cancelled.`, { details, cause: error });
      throw new OfflineReviewError('network', `GET ${this.url} failed: no network.`, { details, cause: error });
    }
    if (!response.ok) {
      // 401/403: not signed in on the site. Anything else is an auth problem too: it pauses the
      // queue (never a retry spent, never a dead letter) until the learner signs in or a page
      // resumes it.
      throw new OfflineReviewError('auth-required', `The token URL ${this.url} answered ${response.status}.`, {
        details: { ...details, status: response.status },
      });
    }
    const token = tokenFromBody(await response.text(), this.url);
    const claims = tokenClaims(token);
    if (this.userId !== undefined && typeof claims?.sub === 'string' && claims.sub !== this.userId) {
      // The site's session is another learner's now: these answers must wait for their own.
      throw new OfflineReviewError('auth-required', `The token from ${this.url} is for another user.`, {
        details: { ...details, expected: this.userId, subject: claims.sub },
      });
    }
    const exp = typeof claims?.exp === 'number' ? claims.exp * 1000 : Date.now() + NO_EXP_LIFETIME_MS + TOKEN_RENEW_MARGIN_MS;
    this.token = token;
    this.renewAt = exp - TOKEN_RENEW_MARGIN_MS;
    return token;
  }
}
