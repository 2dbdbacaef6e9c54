// Cross-site request forgery: the forged text/plain form post that used to be stored, JSON-only
// writes (415), Sec-Fetch-Site and Origin checks (403), the allow-list with its CORS answers,
// and non-browser clients.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHandler, demoAuthenticate, type ReviewStore } from '../../server/index.js';
import { makeAnswer, makeSession, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { Api, describeEachStore, errorCode, requirePostgresInCi, unique } from './support.js';

/**
 * The body an auto-submitted `<form enctype="text/plain">` sends: one field whose name is the
 * JSON up to a padding string and whose value closes it, joined by "=".
 */
function forgedFormBody(user: string): string {
  const session = makeSession(user);
  const json = JSON.stringify({ protocol: 1, clientId: 'evil', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
  return `${json.slice(0, -1)},"pad":"=" }`;
}

requirePostgresInCi();

describeEachStore('cross-site requests', (suite) => {
  it('refuses the forged text/plain form post of another origin and stores nothing', async () => {
    const user = unique('victim');
    const body = forgedFormBody(user);
    assert.doesNotThrow(() => JSON.parse(body), 'the forged body is valid JSON');
    // What Chromium sends for a form auto-submitted on a sibling origin of the same site.
    const siblings = { 'content-type': 'text/plain', origin: 'https://evil.example.com', 'sec-fetch-site': 'same-site' };
    const forged = await suite.api.postSync(user, body, siblings);
    assert.equal(forged.status, 403);
    assert.equal(await errorCode(forged), 'forbidden-origin');
    // An older browser sends no Sec-Fetch-Site, only Origin.
    const old = await suite.api.request(user, '/sync', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body });
    assert.equal(old.status, 403);
    // Even from the API's own origin, a form body is not a write.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json']) {
      const sameOrigin = await suite.api.postSync(user, body, { 'content-type': type });
      assert.equal(sameOrigin.status, 415, type);
      assert.equal(await errorCode(sameOrigin), 'unsupported-media-type');
    }
    const untyped = await suite.api.request(user, '/sync', { method: 'POST', body: new Blob([body]) });
    assert.equal(untyped.status, 415, 'no Content-Type at all');
    assert.equal((await suite.api.pullAll(user)).answers.length, 0, 'nothing was stored');
  });

  it('accepts JSON from the same origin, with or without Sec-Fetch-Site, and from non-browser clients', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const push = (headers: Record<string, string>) =>
      suite.api.postSync(user, { protocol: 1, clientId: 'c', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) }, headers);
    assert.equal((await push({ 'content-type': 'application/json; charset=utf-8' })).status, 200);
    // Origin only (an older browser): the host is compared, not the scheme (TLS may end at a proxy).
    const viaProxy = await suite.api.request(user, '/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://test.local' },
      body: JSON.stringify({ protocol: 1, clientId: 'c', mutations: [] }),
    });
    assert.equal(viaProxy.status, 200);
    // Neither header: curl, a backend, the conformance kit.
    const bare = await suite.api.request(user, '/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: 'c', mutations: [] }),
    });
    assert.equal(bare.status, 200);
    // Reads from another site are refused too.
    const read = await suite.api.request(user, '/changes', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    assert.equal(read.status, 403);
    assert.equal((await suite.api.request(user, '/changes', { headers: { 'sec-fetch-site': 'same-origin' } })).status, 200);
    assert.equal((await suite.api.request(user, '/changes', { headers: { origin: 'null' } })).status, 403, 'an opaque origin');
  });

  it('lets listed origins call the API with CORS, and only them', async () => {
    const listed = new Api(suite.store, undefined, { allowedOrigins: ['https://www.example.com/'] });
    const user = unique('u');
    const site = { origin: 'https://www.example.com', 'sec-fetch-site': 'same-site' };
    const preflight = await listed.request(null, '/sync', {
      method: 'OPTIONS',
      headers: { ...site, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-csrf-token' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://www.example.com');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-headers')!, /x-csrf-token/);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /authorization/);
    const push = await listed.postSync(user, { protocol: 1, clientId: 'c', mutations: [] }, site);
    assert.equal(push.status, 200);
    assert.equal(push.headers.get('access-control-allow-origin'), 'https://www.example.com');
    assert.match(push.headers.get('vary') ?? '', /Origin/);
    const other = { origin: 'https://evil.example.com', 'sec-fetch-site': 'same-site' };
    const refused = await listed.postSync(user, { protocol: 1, clientId: 'c', mutations: [] }, other);
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    const otherPreflight = await listed.request(null, '/sync', { method: 'OPTIONS', headers: other });
    assert.equal(otherPreflight.status, 405, 'no CORS grant for an unlisted origin');
    assert.equal(otherPreflight.headers.get('access-control-allow-origin'), null);
  });
});

describe('allowedOrigins', () => {
  it('throws at creation for an entry that is not an origin', async () => {
    const store = {} as ReviewStore;
    for (const bad of ['www.example.com', 'https://www.example.com/path', 'not a url']) {
      assert.throws(() => createHandler({ store, authenticate: demoAuthenticate, allowedOrigins: [bad] }), TypeError, bad);
    }
  });
});
