// The demo's token flow beside its name-only cookie (DEMO ONLY): GET /token mints a short-lived
// JWT for the cookie's user with jose, the sync API takes it as a bearer token (checked by the
// reference server's JWT authenticator), a deck page with ?auth=token names the URL in
// token-url, and signed-out pages render the tags with no user (the device's sign-out).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { loadDecks } from '../../server/demo/decks.js';
import { DEMO_TOKEN_CLAIMS } from '../../server/demo/demo-token.js';
import { useDemoApp } from './demo-fixture.js';

const decksDir = join(import.meta.dirname, '../../demo/decks');

describe('demo site: tokens', () => {
  const demo = useDemoApp({ decks: loadDecks(decksDir) });

  const request = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    demo.app(new Request(`http://demo.local${path}`, { ...init, headers }));
  const cookie = (user: string) => ({ cookie: `offline_review_user=${encodeURIComponent(user)}` });

  it('mints a token for the signed-in user, and the sync API takes it without the cookie', async () => {
    const response = await request('/token', cookie('alice'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const { token } = (await response.json()) as { token: string };
    const claims = decodeJwt(token);
    assert.equal(claims.sub, 'alice');
    assert.equal(claims.iss, DEMO_TOKEN_CLAIMS.issuer);
    assert.equal(claims.aud, DEMO_TOKEN_CLAIMS.audience);
    assert.ok(typeof claims.exp === 'number' && claims.exp - Date.now() / 1000 <= 300);

    const pull = await request('/api/review/changes', { authorization: `Bearer ${token}` });
    assert.equal(pull.status, 200);
    const forged = await request('/api/review/changes', { authorization: `Bearer ${token.slice(0, -2)}xx` });
    assert.equal(forged.status, 401);
  });

  it('answers 401 at /token when nobody is signed in', async () => {
    const response = await request('/token');
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'auth-required');
  });

  it('a deck page with ?auth=token names the token URL on its tags; signed-out pages render the tags with no user', async () => {
    const withTokens = await (await request('/decks/jp-basics?auth=token', cookie('alice'))).text();
    assert.match(withTokens, /<sync-indicator user="alice" token-url="\/token" lang="ja">/);
    assert.match(withTokens, /<review-session [^>]*token-url="\/token"/);
    const withCookie = await (await request('/decks/jp-basics', cookie('alice'))).text();
    assert.doesNotMatch(withCookie, /token-url/);
    assert.match(withCookie, /DEMO ONLY/);
    const signedOut = await (await request('/')).text();
    assert.match(signedOut, /<sync-indicator hidden><\/sync-indicator>/);
    assert.match(signedOut, /DEMO ONLY/);
  });
});
