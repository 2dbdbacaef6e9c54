// Signed tokens: HS256 with a shared secret, EdDSA with a PEM or JWK public key, and a JWKS
// served on loopback; issuer, audience and expiry with the clock tolerance; 401 invalid-token
// with a Bearer challenge for every bad token; the options refused at creation.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { createHandler, createJwtAuthenticator, createPGliteStore, type JwtAuthOptions, type ReviewStore } from '../../server/index.js';
import { makeSession, mutation } from '../../server/conformance/fixtures.js';

const SECRET = 'a shared secret of more than thirty-two bytes';
const ISSUER = 'https://www.example.com';
const AUDIENCE = 'offline-review';

interface Mint {
  sub?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; null leaves exp out. */
  expiresIn?: number | null;
  kid?: string;
}

async function mint(key: Uint8Array | CryptoKey, alg: string, claims: Mint = {}): Promise<string> {
  const jwt = new SignJWT({}).setProtectedHeader({ alg, ...(claims.kid ? { kid: claims.kid } : {}) }).setIssuedAt();
  if (claims.sub !== '') jwt.setSubject(claims.sub ?? 'learner-1');
  jwt.setIssuer(claims.iss ?? ISSUER).setAudience(claims.aud ?? AUDIENCE);
  if (claims.expiresIn !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresIn ?? 300));
  return jwt.sign(key);
}

describe('JWT authenticator', () => {
  let store: ReviewStore;
  const secret = new TextEncoder().encode(SECRET);
  before(async () => {
    store = await createPGliteStore();
  });
  after(() => store.close());

  /** A push as the bearer of `token` (or none) through a handler with these options. */
  function call(options: Partial<JwtAuthOptions>, token?: string, userId = 'learner-1'): Promise<Response> {
    const authenticate = createJwtAuthenticator({ issuer: ISSUER, audience: AUDIENCE, ...options } as JwtAuthOptions);
    const handler = createHandler({ store, authenticate, onError: () => undefined });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const body = JSON.stringify({ protocol: 1, clientId: 'c', mutations: [mutation('session', 'create', makeSession(userId))] });
    return handler(new Request('http://api.local/api/review/sync', { method: 'POST', headers, body }));
  }

  async function expectRefused(response: Response, code = 'invalid-token'): Promise<void> {
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, code);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer /);
    if (code === 'invalid-token') assert.match(response.headers.get('www-authenticate')!, /error="invalid_token"/);
  }

  it('accepts an HS256 token from the host and takes the user id from sub', async () => {
    const ok = await call({ secret: SECRET }, await mint(secret, 'HS256'));
    assert.equal(ok.status, 200);
    const { results } = (await ok.json()) as { results: Array<{ status: string }> };
    assert.equal(results[0]!.status, 'applied', 'the session of learner-1 belongs to the token subject');
    const other = await call({ secret: SECRET }, await mint(secret, 'HS256', { sub: 'learner-2' }));
    assert.equal(((await other.json()) as { results: Array<{ code?: string }> }).results[0]!.code, 'wrong-user');
  });

  it('refuses bad, foreign and expired tokens with 401 invalid-token and a Bearer challenge', async () => {
    await expectRefused(await call({ secret: SECRET }), 'auth-required');
    await expectRefused(await call({ secret: SECRET }, await mint(new TextEncoder().encode(`${SECRET}!`), 'HS256')));
    await expectRefused(await call({ secret: SECRET }, await mint(secret, 'HS256', { iss: 'https://evil.example' })));
    await expectRefused(await call({ secret: SECRET }, await mint(secret, 'HS256', { aud: 'another-api' })));
    await expectRefused(await call({ secret: SECRET }, await mint(secret, 'HS256', { expiresIn: null })), 'invalid-token');
    await expectRefused(await call({ secret: SECRET }, await mint(secret, 'HS256', { sub: '' })));
    await expectRefused(await call({ secret: SECRET }, 'not.a.token'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: 9e9 })).toString('base64url')}.`;
    await expectRefused(await call({ secret: SECRET }, unsigned));
  });

  it('allows the clock tolerance past exp (30 s by default, configurable), and no more', async () => {
    const lateBy10 = await mint(secret, 'HS256', { expiresIn: -10 });
    assert.equal((await call({ secret: SECRET }, lateBy10)).status, 200);
    await expectRefused(await call({ secret: SECRET, clockToleranceSeconds: 0 }, lateBy10));
    const expired = await call({ secret: SECRET }, await mint(secret, 'HS256', { expiresIn: -60 }));
    await expectRefused(expired);
  });

  it('verifies EdDSA tokens with a PEM or JWK public key, and refuses an HS256 token there', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await mint(privateKey, 'EdDSA');
    assert.equal((await call({ publicKey: await exportSPKI(publicKey) }, token)).status, 200);
    assert.equal((await call({ publicKey: await exportJWK(publicKey) }, token)).status, 200);
    assert.equal((await call({ publicKey: JSON.stringify(await exportJWK(publicKey)) }, token)).status, 200);
    await expectRefused(await call({ publicKey: await exportSPKI(publicKey) }, await mint(secret, 'HS256')));
    const stranger = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectRefused(await call({ publicKey: await exportSPKI(publicKey) }, await mint(stranger.privateKey, 'EdDSA')));
  });

  describe('with a JWKS URL on loopback', () => {
    let server: Server;
    let url: string;
    let privateKey: CryptoKey;
    let fetches = 0;
    before(async () => {
      const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'EdDSA', use: 'sig' };
      server = createServer((_req, res) => {
        fetches++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });
    after(() => new Promise((resolve) => server.close(resolve)));

    it('verifies tokens by kid, fetching the keys once, and refuses an unknown kid', async () => {
      const authenticate = createJwtAuthenticator({ jwksUrl: url, issuer: ISSUER, audience: AUDIENCE });
      const handler = createHandler({ store, authenticate, onError: () => undefined });
      const pull = async (token: string) =>
        handler(new Request('http://api.local/api/review/changes', { headers: { authorization: `Bearer ${token}` } }));
      assert.equal((await pull(await mint(privateKey, 'EdDSA', { kid: 'key-1' }))).status, 200);
      assert.equal((await pull(await mint(privateKey, 'EdDSA', { kid: 'key-1', sub: 'learner-9' }))).status, 200);
      assert.equal(fetches, 1, 'the key set is cached');
      await expectRefused(await pull(await mint(privateKey, 'EdDSA', { kid: 'key-2' })));
    });
  });

  it('refuses bad options at creation', () => {
    const base = { issuer: ISSUER, audience: AUDIENCE };
    assert.throws(() => createJwtAuthenticator({ ...base, secret: 'short' }), /at least 32 bytes/);
    assert.throws(() => createJwtAuthenticator({ ...base }), /exactly one of/);
    assert.throws(() => createJwtAuthenticator({ ...base, secret: SECRET, jwksUrl: 'https://x/jwks' }), /exactly one of/);
    assert.throws(() => createJwtAuthenticator({ secret: SECRET, issuer: '', audience: AUDIENCE }), /issuer is required/);
    assert.throws(() => createJwtAuthenticator({ secret: SECRET, issuer: ISSUER, audience: [] }), /audience is required/);
  });
});
