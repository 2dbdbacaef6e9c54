import { expect } from '@open-wc/testing';
import { waitUntil } from '../../support/until.js';
import { ReviewApiClient } from '../../../src/client/http-client.js';
import { OfflineReviewError } from '../../../src/errors.js';
import { PROTOCOL_LIMITS } from '../../../src/protocol/mutations.js';
import { api, signIn, signOut, unique } from '../../support/server.js';
import { sessionWithAnswers } from './fixtures.js';
import { reviewRejection } from '../../support/rejection.js';

describe('ReviewApiClient against the reference server', function () {
  this.timeout(60_000);
  let user: string;

  before(async () => {
    await api.warm(); // PGlite's first open takes seconds: not inside a test's deadline
  });

  beforeEach(() => {
    user = unique('u');
    signIn(user);
  });

  afterEach(async () => {
    await api.clear();
    signOut();
  });

  it('pushes protocol v1 with the session cookie; a re-send is a duplicate, not a second copy', async () => {
    const client = new ReviewApiClient();
    const { mutations } = sessionWithAnswers(user);
    const ids = mutations.map((m) => m.id);
    const first = await client.push({ clientId: 'client-1', mutations });
    expect(first.results.map((r) => [r.id, r.status])).to.deep.equal(ids.map((id) => [id, 'applied']));
    expect(first.cursor).to.match(/^\d+$/);
    const again = await client.push({ clientId: 'client-1', mutations: [...mutations].reverse() });
    expect(again.results.map((r) => r.status)).to.deep.equal(['duplicate', 'duplicate', 'duplicate']);
    expect(again.results.map((r) => r.id), 'in the order sent').to.deep.equal([...ids].reverse());

    const sent = (await api.log()).filter((entry) => entry.mutationIds?.[0] === ids[0]);
    expect(sent).to.have.length(1);
    expect(sent[0]).to.deep.include({ method: 'POST', path: '/api/review/sync', credentialed: true });
    expect(sent[0]!.headers).to.deep.include({ 'content-type': 'application/json', accept: 'application/json' });
    const state = await api.serverState(user);
    expect(state.answers).to.have.length(2);
  });

  it('pulls what was pushed, page by page with an opaque cursor', async () => {
    const client = new ReviewApiClient({ baseUrl: '/api/review/' });
    const { session, answers, mutations } = sessionWithAnswers(user, 3);
    await client.push({ clientId: 'client-1', mutations });
    const seen = { sessions: 0, answers: [] as string[], progress: 0 };
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await client.pull(cursor, 2);
      pages += 1;
      seen.sessions += page.changes.sessions.length;
      seen.answers.push(...page.changes.answers.map((a) => a.id));
      seen.progress += page.changes.progress.length;
      expect(page.cursor).to.be.a('string');
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).to.be.greaterThan(1);
    expect(seen.sessions).to.equal(1);
    expect(seen.answers).to.have.members(answers.map((a) => a.id));
    expect(seen.progress).to.equal(3);
    const after = await client.pull(cursor);
    expect(after.changes.answers).to.have.length(0);
    expect(after.hasMore).to.equal(false);
    const first = await client.pull(null, 1);
    expect(first.changes.sessions[0] ?? first.changes.answers[0] ?? first.changes.progress[0]).to.not.equal(undefined);
    const queries = (await api.log()).filter((e) => e.path === '/api/review/changes').map((e) => e.query);
    expect(queries).to.include('limit=2');
    expect(queries).to.include(`since=${encodeURIComponent(cursor!)}`);
    expect(session.id).to.be.a('string');
  });

  it('loses the answer to a committed push as a network error; the re-send is a duplicate', async () => {
    const client = new ReviewApiClient();
    const { answers, mutations } = sessionWithAnswers(user);
    // Until cleared: Chromium itself re-sends a request whose reused connection dies before
    // any answer, so one dropped answer may not be enough to reach the caller.
    await api.fault({ match: '/sync', mode: 'commit-then-drop' });
    const lost = await reviewRejection(client.push({ clientId: 'client-1', mutations }));
    expect(lost.code).to.equal('network');
    await api.clear();
    const resent = await client.push({ clientId: 'client-1', mutations });
    expect(resent.results.map((r) => r.status)).to.deep.equal(['duplicate', 'duplicate', 'duplicate']);
    const state = await api.serverState(user);
    expect(state.answers.map((a) => a.id)).to.have.members(answers.map((a) => a.id));
    expect(state.answers).to.have.length(answers.length);
    expect(state.progress.map((p) => p.reviewCount)).to.deep.equal([1, 1]);
  });

  it('reports a mutation the server refuses as a rejected result with its code', async () => {
    const client = new ReviewApiClient();
    const { mutations } = sessionWithAnswers(unique('someone-else'), 1);
    const response = await client.push({ clientId: 'client-1', mutations });
    expect(response.results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    expect(response.results[0]!.code).to.equal('wrong-user');
  });

  it('sends no cookie with credentials "omit": the server asks for sign-in', async () => {
    const client = new ReviewApiClient({ credentials: 'omit' });
    const error = await reviewRejection(client.pull(null));
    expect(error.code).to.equal('auth-required');
    expect(error.details.status).to.equal(401);
  });

  it('adds the headers the hook gives, asked for each request', async () => {
    let calls = 0;
    const client = new ReviewApiClient({
      headers: async () => {
        calls += 1;
        return { 'X-CSRF-Token': `token-${calls}` };
      },
    });
    await client.pull(null, 1);
    await client.pull(null, 1);
    // Our two pulls (limit=1): a browser of another group (the dark files) may pull at the same
    // time through the same test server.
    const sent = (await api.log()).filter((e) => e.path === '/api/review/changes' && new URLSearchParams(e.query).get('limit') === '1').slice(-2);
    expect(sent.map((e) => e.headers?.['x-csrf-token'])).to.deep.equal(['token-1', 'token-2']);
    const failing = new ReviewApiClient({
      headers: () => {
        throw new Error('no token');
      },
    });
    const error = await reviewRejection(failing.pull(null));
    expect(error.code).to.equal('invalid-input');
    expect((error.cause as Error).message).to.equal('no token');
    // What the browser could not fetch (the CSRF token's reader is a chunk): a network failure,
    // which spends no answer's retries; an OfflineReviewError of the hook's own is kept.
    const missingChunk = new ReviewApiClient({ headers: () => import(`./${unique('gone')}.js`) as Promise<HeadersInit> });
    const unfetched = await reviewRejection(missingChunk.pull(null));
    expect(unfetched.code).to.equal('network');
    expect(unfetched.cause).to.be.instanceOf(TypeError);
    const own = new OfflineReviewError('content-unavailable', 'gone', { details: { chunk: 'csrf-token' } });
    const coded = await reviewRejection(new ReviewApiClient({ headers: () => Promise.reject(own) }).pull(null));
    expect(coded).to.equal(own);
  });

  it('refuses a batch over the protocol limits before sending it', async () => {
    const client = new ReviewApiClient();
    const { mutations } = sessionWithAnswers(user, 1);
    const many = Array.from({ length: PROTOCOL_LIMITS.maxMutationsPerPush + 1 }, (_, i) => ({ ...mutations[0]!, id: `m-${i}` }));
    const tooMany = await reviewRejection(client.push({ clientId: 'c', mutations: many }));
    expect(tooMany.code).to.equal('payload-too-large');
    expect(tooMany.details).to.deep.include({ local: true, count: many.length });
    expect(tooMany.details).to.not.have.property('status');
    const big = { ...mutations[0]!, data: { blob: 'é'.repeat(PROTOCOL_LIMITS.maxBodyBytes / 2) } };
    const tooBig = await reviewRejection(client.push({ clientId: 'c', mutations: [big] }));
    expect(tooBig.code).to.equal('payload-too-large');
    expect(tooBig.details.bytes).to.be.greaterThan(PROTOCOL_LIMITS.maxBodyBytes);
    expect((await api.log()).some((e) => e.mutationIds?.includes('m-0') || e.mutationIds?.includes(big.id))).to.equal(false);
  });

  it('takes 0 as "no timeout" and refuses a negative or NaN one', async () => {
    const patient = new ReviewApiClient({ timeoutMs: 0 });
    expect((await patient.pull(null, 1)).hasMore).to.be.a('boolean');
    expect(new ReviewApiClient({ timeoutMs: Number.POSITIVE_INFINITY }).timeoutMs).to.equal(Number.POSITIVE_INFINITY);
    for (const timeoutMs of [-1, Number.NaN]) {
      try {
        new ReviewApiClient({ timeoutMs });
        expect.fail('expected invalid-input');
      } catch (error) {
        expect((error as OfflineReviewError).code).to.equal('invalid-input');
      }
    }
  });

  it('fetches a JSON document with fetchJson, and refuses one that is not JSON', async () => {
    const client = new ReviewApiClient();
    const pkg = (await client.fetchJson('/package.json')) as { name?: string };
    expect(pkg.name).to.equal('offline-review');
    const notJson = await reviewRejection(client.fetchJson('/README.md'));
    expect(notJson.code).to.equal('invalid-response');
    expect(notJson.details.status).to.equal(200);
    const missing = await reviewRejection(client.fetchJson('/api/review/no-such-route'));
    expect(missing.code).to.equal('bad-request');
    expect(missing.details.status).to.equal(404);
  });
});

describe('ReviewApiClient under faults', function () {
  this.timeout(30_000);
  const client = new ReviewApiClient();
  const push = () => client.push({ clientId: 'client-1', mutations: sessionWithAnswers(unique('u'), 1).mutations });

  afterEach(() => api.clear());

  it('maps 503 with Retry-After to rate-limited with retryAfterMs', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 503, retryAfter: 2 });
    const error = await reviewRejection(push());
    expect(error.code).to.equal('rate-limited');
    expect(error.details).to.deep.include({ status: 503, retryAfterMs: 2000, serverCode: 'injected' });
  });

  it('maps 503 without Retry-After, and 500, to server-error', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 503, times: 1 });
    const unavailable = await reviewRejection(push());
    expect(unavailable.code).to.equal('server-error');
    expect(unavailable.details.status).to.equal(503);
    expect(unavailable.details).to.not.have.property('retryAfterMs');
    await api.fault({ match: '/sync', mode: 'status', status: 500, retryAfter: 7, times: 1 });
    const failed = await reviewRejection(push());
    expect(failed.code).to.equal('server-error');
    expect(failed.details).to.deep.include({ status: 500, retryAfterMs: 7000 });
  });

  it('maps 429 with an HTTP-date Retry-After to rate-limited', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    await api.fault({ match: '/changes', mode: 'status', status: 429, retryAfter: at as unknown as number });
    const error = await reviewRejection(client.pull(null));
    expect(error.code).to.equal('rate-limited');
    expect(error.details.status).to.equal(429);
    expect(error.details.retryAfterMs).to.be.within(1, 60_000);
  });

  it('maps 401, 403, 413 and 400 to their codes, with the status', async () => {
    const cases = [
      [401, 'auth-required'],
      [403, 'forbidden'],
      [413, 'payload-too-large'],
      [400, 'bad-request'],
    ] as const;
    for (const [status, code] of cases) {
      await api.fault({ match: '/sync', mode: 'status', status, times: 1 });
      const error = await reviewRejection(push());
      expect(error.code, String(status)).to.equal(code);
      expect(error.details).to.deep.include({ status, method: 'POST', url: '/api/review/sync', serverCode: 'injected' });
    }
  });

  it('maps a dropped connection to network', async () => {
    await api.fault({ mode: 'down' });
    expect((await reviewRejection(push())).code).to.equal('network');
    const error = await reviewRejection(client.pull('5'));
    expect(error.code).to.equal('network');
    expect(error.cause).to.be.instanceOf(TypeError);
    expect(error.details).to.not.have.property('status');
  });

  it('times out a slow server as timeout, not as aborted', async () => {
    await api.fault({ match: '/changes', mode: 'delay', delayMs: 5_000 });
    const quick = new ReviewApiClient({ timeoutMs: 150 });
    const error = await reviewRejection(quick.pull(null));
    expect(error.code).to.equal('timeout');
    expect(error.details.timeoutMs).to.equal(150);
  });

  it('ends a request the caller aborts as aborted, and sends nothing when already aborted', async () => {
    await api.fault({ match: '/changes', mode: 'hang' });
    const marker = unique('c');
    const controller = new AbortController();
    const pending = reviewRejection(client.pull(marker, undefined, controller.signal));
    await waitUntil(async () => (await api.log()).some((e) => e.query.includes(marker)), 'the request reached the server');
    controller.abort(new Error('user left'));
    const error = await pending;
    expect(error.code).to.equal('aborted');

    const before = (await api.log()).length;
    const early = await reviewRejection(client.push({ clientId: 'c', mutations: [] }, AbortSignal.abort()));
    expect(early.code).to.equal('aborted');
    expect((await api.log()).length).to.equal(before);
  });

  it('maps an answer cut off mid-body to network, and a stalled body to timeout', async () => {
    await api.fault({ match: '/sync', mode: 'cut-body', times: 1 });
    const cut = await reviewRejection(push());
    expect(cut.code).to.equal('network');
    expect(cut.details.status).to.equal(200);
    await api.fault({ match: '/changes', mode: 'stall-body', times: 1 });
    const stalled = await reviewRejection(new ReviewApiClient({ timeoutMs: 300 }).pull(null));
    expect(stalled.code).to.equal('timeout');
  });

  it('aborts while the headers hook is still working, before anything is sent', async () => {
    const controller = new AbortController();
    let release: (headers: HeadersInit) => void = () => undefined;
    const slow = new ReviewApiClient({ headers: () => new Promise<HeadersInit>((resolve) => (release = resolve)) });
    const marker = unique('hook');
    const pending = reviewRejection(slow.pull(marker, undefined, controller.signal));
    controller.abort();
    release({ 'X-CSRF-Token': 't' });
    expect((await pending).code).to.equal('aborted');
    expect((await api.log()).some((e) => e.query.includes(marker))).to.equal(false);
  });

  it('never takes a 200 that is not protocol v1 for a success', async () => {
    await api.fault({ match: '/sync', mode: 'status', status: 200, body: { ok: true }, times: 1 });
    const notPush = await reviewRejection(push());
    expect(notPush.code).to.equal('invalid-response');
    expect(notPush.details.path).to.equal('results');

    const { mutations } = sessionWithAnswers(unique('u'), 1);
    const partial = { results: [{ id: mutations[0]!.id, status: 'applied' }], cursor: '9' };
    await api.fault({ match: '/sync', mode: 'status', status: 200, body: partial, times: 1 });
    const missing = await reviewRejection(client.push({ clientId: 'c', mutations }));
    expect(missing.code).to.equal('invalid-response');
    expect(missing.details.missing).to.deep.equal([mutations[1]!.id]);

    await api.fault({ match: '/changes', mode: 'status', status: 200, body: { changes: [], cursor: '1', hasMore: false } });
    expect((await reviewRejection(client.pull(null))).code).to.equal('invalid-response');
  });
});
