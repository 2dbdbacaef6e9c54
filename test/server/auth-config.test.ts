// A bad user id is a configuration error: an authenticator (or a token's sub) that returns an id
// no record could carry answers 500 auth-config with a clear message and one log line, instead
// of a 200 whose every answer is refused, push after push.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHandler, createJwtAuthenticator, createPGliteStore, type Authenticate, type ReviewStore } from '../../server/index.js';
import { makeAnswer, makeSession, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { hs256Token } from './support.js';

describe('a user id the server cannot accept', () => {
  let store: ReviewStore;
  before(async () => {
    store = await createPGliteStore();
  });
  after(() => store.close());

  function pushAs(authenticate: Authenticate, log: (line: string) => void, userId: string): Promise<Response> {
    const handler = createHandler({ store, authenticate, log, onError: () => undefined });
    const session = makeSession(userId);
    const body = JSON.stringify({ protocol: 1, clientId: 'c', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
    return handler(new Request('http://api.local/api/review/sync', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  }

  it('answers 500 auth-config on the first request and logs one line, not one per request', async () => {
    for (const bad of ['Ada Lovelace', '', 'x'.repeat(201), 'tab\there', 'half\ud800']) {
      const lines: string[] = [];
      const authenticate: Authenticate = () => ({ userId: bad });
      const handler = createHandler({ store, authenticate, log: (line) => lines.push(line), onError: () => undefined });
      for (let i = 0; i < 3; i++) {
        const response = await handler(new Request('http://api.local/api/review/changes'));
        assert.equal(response.status, 500, JSON.stringify(bad));
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(error.code, 'auth-config');
        assert.match(error.message, /user id the server cannot accept/);
      }
      assert.equal(lines.length, 1, 'one log line');
      assert.match(lines[0]!, /configuration error \(auth-config\)/);
    }
    const lines: string[] = [];
    const push = await pushAs(() => ({ userId: 'has space' }), (line) => lines.push(line), 'has space');
    assert.equal(push.status, 500, 'a push is not answered 200 with every answer refused');
    const notAString = await pushAs(() => ({ userId: 42 as unknown as string }), (line) => lines.push(line), 'x');
    assert.match(((await notAString.json()) as { error: { message: string } }).error.message, /a number instead of a string/);
  });

  it('reports a token whose sub is not an id the same way', async () => {
    const secret = 'a shared secret of more than thirty-two bytes';
    const authenticate = createJwtAuthenticator({ secret, issuer: 'https://site', audience: 'offline-review' });
    const token = await hs256Token(secret, 'user@example.com with spaces', 'https://site');
    const lines: string[] = [];
    const handler = createHandler({ store, authenticate, log: (line) => lines.push(line), onError: () => undefined });
    const response = await handler(new Request('http://api.local/api/review/changes', { headers: { authorization: `Bearer ${token}` } }));
    assert.equal(response.status, 500);
    assert.match(await response.text(), /auth-config.*JWT \\"sub\\"/);
    assert.equal(lines.length, 1);
  });
});
