/**
 * The demo's token URL, `GET /token`, and the authenticator of its sync API: the token flow a
 * real site uses (docs/integration.md, "Signing in with tokens"), minted with jose.
 *
 * DEMO ONLY: the demo mints a token for whoever its name-only cookie names. A real site mints
 * it from its own, real session (PHP, Django, Rails: docs/server.md) and keeps the secret out
 * of the code.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { demoAuthenticate, type Authenticate } from '../auth.js';
import { createJwtAuthenticator } from '../jwt-auth.js';

/** The issuer and audience of the demo's tokens. */
export const DEMO_TOKEN_CLAIMS = { issuer: 'offline-review-demo', audience: 'offline-review' } as const;
/** The demo's token lifetime: short, as a site's should be (the tags fetch a new one in time). */
const TOKEN_SECONDS = 5 * 60;

/** A fresh random HS256 secret for one demo process (tokens die with it: the tags fetch new ones). */
export function demoTokenSecret(): string {
  return randomBytes(48).toString('base64');
}

/**
 * The sync API's authenticator: a bearer token (checked by the reference server's JWT
 * authenticator) when the request has one, else the name-only cookie (DEMO ONLY).
 */
export function demoApiAuthenticator(secret: string): Authenticate {
  const jwt = createJwtAuthenticator({ secret, ...DEMO_TOKEN_CLAIMS });
  return (request) => (request.headers.has('authorization') ? jwt(request) : demoAuthenticate(request));
}

/**
 * `GET /token`: `{"token": …}` for the signed-in demo user, 401 when nobody is signed in.
 * Never cached: a token is the current session's.
 */
export async function tokenResponse(request: Request, secret: string): Promise<Response> {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
  const user = demoAuthenticate(request)?.userId;
  if (!user) return new Response(JSON.stringify({ error: { code: 'auth-required', message: 'Nobody is signed in.' } }), { status: 401, headers });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user)
    .setIssuer(DEMO_TOKEN_CLAIMS.issuer)
    .setAudience(DEMO_TOKEN_CLAIMS.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_SECONDS)
    .sign(new TextEncoder().encode(secret));
  return new Response(JSON.stringify({ token }), { headers });
}
