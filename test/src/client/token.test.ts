// Signing in with tokens from the host site: the engine fetches a JWT from the site's token URL
// (with the site's cookie), sends it as a bearer token, keeps it until shortly before it expires,
// asks for a fresh one once after a 401, and never dead-letters an answer for an auth problem.
// Against the real reference server, whose test authenticator checks the token with jose.
import { expect } from '@open-wc/testing';
import { ReviewApiClient } from '../../../src/client/http-client.js';
import { tokenClaims, tokenFromBody } from '../../../src/client/token-source.js';
import { OfflineReview } from '../../../src/index.js';
import { api, pushes, signIn, signOut, unique } from '../../support/server.js';
import { reviewRejection } from '../../support/rejection.js';

const TOKEN_URL = '/test/token';

const tokenFetches = async (): Promise<number> => (await api.log()).filter((entry) => entry.path === TOKEN_URL).length;

describe('tokens from the host site', function () {
  this.timeout(60_000);
  let user: string;
  const engines: OfflineReview[] = [];

  before(async () => {
    await api.warm().catch(() => api.warm());
  });

  beforeEach(async () => {
    user = unique('u');
    signIn(user);
    await api.log({ clear: true });
  });

  afterEach(async () => {
    for (const engine of engines.splice(0)) engine.close();
    await api.clear();
    signOut();
  });

  /** An engine of `user` that signs in with the token URL and drains only when told to. */
  async function tokenEngine(): Promise<OfflineReview> {
    const engine = new OfflineReview({ userId: user, dbName: unique('db'), autoSync: false, tokenUrl: TOKEN_URL });
    engines.push(engine);
    await engine.ready;
    return engine;
  }

  /** Records one answer; resolves its id. */
  async function answer(engine: OfflineReview): Promise<string> {
    const { session } = await engine.startSession({ deckId: 'deck', itemIds: ['a', 'b'], mode: 'grade' });
    return (await engine.recordAnswer({ sessionId: session.id, itemId: 'a', rating: 3, responseTimeMs: 300 })).id;
  }

  const serverIds = async (userId: string): Promise<string[]> => (await api.serverState(userId)).answers.map((entry) => entry.id);

  it('sends the token as a bearer token, and keeps it until shortly before it expires', async () => {
    const engine = await tokenEngine();
    const id = await answer(engine);
    await engine.sync();
    await engine.sync();
    expect(await serverIds(user)).to.deep.equal([id]);
    const [push] = await pushes();
    expect(push!.headers?.authorization).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(tokenClaims(push!.headers!.authorization!.slice(7))?.sub).to.equal(user);
    // Two drains (push and pull each): one token.
    expect(await tokenFetches()).to.equal(1);

    // A token that expires within the renewal margin is fetched again for each request.
    await api.tokens({ ttlSeconds: 10 });
    const short = await tokenEngine();
    await api.log({ clear: true });
    await short.pull();
    await short.pull();
    expect(await tokenFetches()).to.equal(2);
  });

  it('after a 401 fetches a fresh token once and sends again', async () => {
    const engine = await tokenEngine();
    await answer(engine);
    await engine.sync();
    const second = await answer(engine);
    // The server stops taking the tokens handed out so far (a key rotated, say).
    await api.tokens({ revoke: true });
    await api.log({ clear: true });
    await engine.sync();
    expect(engine.state.pending).to.equal(0);
    expect(await serverIds(user)).to.include(second);
    expect((await pushes()).map((entry) => entry.status)).to.deep.equal([401, 200]);
    expect(await tokenFetches()).to.equal(1);
  });

  it('an auth problem pauses sync and never dead-letters an answer', async () => {
    for (const trouble of [{ status: 401 }, { status: 500 }, { subject: unique('someone-else') }]) {
      await api.tokens(trouble);
      const engine = await tokenEngine();
      await answer(engine);
      await engine.sync();
      expect(engine.state.lastError?.code, JSON.stringify(trouble)).to.equal('auth-required');
      expect(engine.state.paused).to.equal(true);
      expect(engine.state.deadLetters).to.equal(0);
      expect(engine.state.pending).to.be.greaterThan(0);
      // Nothing was sent under a token of someone else, or with none.
      expect(await pushes()).to.deep.equal([]);
    }
    // A 401 from the server itself, even with a fresh token, pauses as well.
    await api.tokens({});
    await api.fault({ match: '/sync', mode: 'status', status: 401 });
    const engine = await tokenEngine();
    await answer(engine);
    await engine.sync();
    expect(engine.state.lastError?.code).to.equal('auth-required');
    expect(engine.state.deadLetters).to.equal(0);
    expect((await pushes()).map((entry) => entry.status)).to.deep.equal([401, 401]);
  });

  it('the client alone: a token URL that cannot be reached is a network error', async () => {
    await api.fault({ match: 'nowhere', mode: 'down' });
    const client = new ReviewApiClient({ tokenUrl: '/api/review/nowhere/token' });
    expect((await reviewRejection(client.pull(null))).code).to.equal('network');
    const aborted = new AbortController();
    aborted.abort();
    expect((await reviewRejection(new ReviewApiClient({ tokenUrl: TOKEN_URL }).pull(null, undefined, aborted.signal))).code).to.equal('aborted');
  });

  it('reads the token URL\'s answer: JSON {token} or plain text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MjAwMDAwMDAwMH0.c2ln';
    expect(tokenFromBody(JSON.stringify({ token: jwt }), TOKEN_URL)).to.equal(jwt);
    expect(tokenFromBody(` ${jwt}\n`, TOKEN_URL)).to.equal(jwt);
    expect(tokenClaims(jwt)).to.deep.equal({ sub: 'alice', exp: 2_000_000_000 });
    expect(tokenClaims('opaque-token')).to.equal(null);
    expect(tokenClaims('a.!!!.c')).to.equal(null);
    for (const [body, code] of [
      ['', 'auth-required'],
      ['{"token": ""}', 'auth-required'],
      ['{"user": "alice"}', 'auth-required'],
      ['{"token": ', 'invalid-response'],
    ] as const) {
      let error: unknown = null;
      try {
        tokenFromBody(body, TOKEN_URL);
      } catch (caught) {
        error = caught;
      }
      expect((error as { code?: string } | null)?.code, body).to.equal(code);
    }
  });
});
