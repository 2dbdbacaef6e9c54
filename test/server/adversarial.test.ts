// Bad input never costs good answers: poison mutations (a NUL, a lone surrogate, a 10,000-deep
// array) are rejected alone while the rest of the push applies; a reused mutation id with a
// different payload is refused with its own code (across pushes and within one); a cursor
// above the bigint range, a malformed Host header and bad %-encoding in a demo URL answer
// 400; a client that aborts mid-body is not reported as a server failure.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createDemoApp } from '../../server/demo/app.js';
import { createHandler, createPGliteStore, demoAuthenticate, toNodeListener, type ReviewStore } from '../../server/index.js';
import { makeAnswer, makeSession, mutation } from '../../server/conformance/fixtures.js';
import { describeEachStore, requirePostgresInCi, unique } from './support.js';

/** A push body as text with `"__DEEP__"` replaced by an array nested `depth` deep. */
function withDeepArray(body: unknown, depth: number): string {
  return JSON.stringify(body).replace('"__DEEP__"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
}

requirePostgresInCi();

describeEachStore('adversarial input', (suite) => {
  it('rejects each poison mutation alone and applies the rest of the push', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const good = [makeAnswer(session, 'item-1'), makeAnswer(session, 'item-2')];
    const sent = [
      mutation('session', 'create', session),
      mutation('answer', 'create', good[0]),
      mutation('answer', 'create', { ...makeAnswer(session, 'item-1'), typedAnswer: 'a\u0000b' }),
      mutation('answer', 'create', { ...makeAnswer(session, 'item-1'), typedAnswer: 'a\ud800b' }),
      mutation('statistics', 'create', { userId: user, nested: '__DEEP__' }),
      { ...mutation('answer', 'create', makeAnswer(session, 'item-3')), id: 'id-\udc00' },
      mutation('progress', 'update', { userId: user, ['key\u0000']: 1 }),
      mutation('answer', 'create', good[1]),
    ];
    const body = withDeepArray({ protocol: 1, clientId: 'c', mutations: sent }, 10_000);
    assert.ok(body.length < 64 * 1024, 'the deep array fits within a mutation');
    const response = await suite.api.postSync(user, body);
    assert.equal(response.status, 200);
    const { results } = (await response.json()) as { results: Array<{ id: string; status: string; code?: string }> };
    assert.deepEqual(results.map((r) => r.id), sent.map((m) => m.id));
    assert.deepEqual(
      results.map((r) => r.code ?? r.status),
      ['applied', 'applied', 'invalid-text', 'invalid-text', 'too-deep', 'invalid-text', 'invalid-text', 'applied'],
    );
    const state = await suite.api.pullAll(user);
    assert.deepEqual(state.answers.map((a) => a.id).sort(), good.map((a) => a.id).sort());
  });

  it('refuses a reused mutation id with a different payload, across pushes and within one', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const first = mutation('answer', 'create', makeAnswer(session, 'item-1'));
    await suite.api.push(user, [mutation('session', 'create', session), first]);
    const other = makeAnswer(session, 'item-2');
    const reused = { ...first, data: other };
    const again = await suite.api.push(user, [reused, first]);
    assert.deepEqual(again.results.map((r) => r.code ?? r.status), ['id-reused', 'duplicate']);
    // Within one batch: the first copy applies, a different payload under its id is refused.
    const fresh = mutation('answer', 'create', makeAnswer(session, 'item-3'));
    const clash = { ...fresh, data: makeAnswer(session, 'item-3') };
    const batch = await suite.api.push(user, [fresh, clash, fresh]);
    assert.deepEqual(batch.results.map((r) => r.code ?? r.status), ['applied', 'id-reused', 'duplicate']);
    // Key order and unknown fields do not make a resend "different".
    const reordered = { clientTimestamp: first.clientTimestamp, hlc: first.hlc, data: { ...first.data as object, extra: 1 }, action: 'create', type: 'answer', id: first.id };
    assert.equal((await suite.api.push(user, [reordered])).results[0]!.status, 'duplicate');
    const stored = (await suite.api.pullAll(user)).answers.map((a) => a.id).sort();
    assert.deepEqual(stored, [(first.data as { id: string }).id, (fresh.data as { id: string }).id].sort(), 'no refused answer stored');
  });

  it('answers 400 invalid-cursor to a since above the bigint range', async () => {
    const user = unique('u');
    for (const since of ['9223372036854775808', '9999999999999999999']) {
      const response = await suite.api.request(user, `/changes?since=${since}`);
      assert.equal(response.status, 400, since);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid-cursor');
    }
    assert.equal((await suite.api.request(user, '/changes?since=9223372036854775807')).status, 200);
  });
});

describe('adversarial requests over real HTTP', () => {
  let store: ReviewStore;
  let server: Server;
  let port: number;
  const errors: unknown[] = [];
  // Resolves with each answer the handler gives, so a test can wait for the server side.
  let answered: (status: number) => void = () => undefined;
  let entered: () => void = () => undefined;
  before(async () => {
    store = await createPGliteStore();
    const handler = createHandler({ store, authenticate: demoAuthenticate, onError: (e) => errors.push(e) });
    const watched = Object.assign(
      async (request: Request) => {
        entered();
        const response = await handler(request);
        answered(response.status);
        return response;
      },
      { basePath: handler.basePath },
    );
    server = createServer(toNodeListener(watched));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await store.close();
  });

  /** Sends raw bytes; resolves everything the server wrote before closing. */
  function raw(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let reply = '';
      socket.on('data', (chunk) => (reply += chunk.toString()));
      socket.on('end', () => resolve(reply));
      socket.on('error', reject);
    });
  }

  it('answers 400 to a malformed Host header', async () => {
    const reply = await raw('GET /api/review/changes HTTP/1.1\r\nHost: exa mple.com\r\nConnection: close\r\n\r\n');
    assert.match(reply, /^HTTP\/1\.1 400 /);
    assert.match(reply, /"invalid-request"/);
    assert.deepEqual(errors, []);
  });

  it('does not report a client that aborts mid-body as a server failure', async () => {
    const status = new Promise<number>((resolve) => (answered = resolve));
    const reading = new Promise<void>((resolve) => (entered = resolve));
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /api/review/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Cookie: offline_review_user=u\r\nContent-Length: 5000\r\n\r\n{"protocol":1,',
      );
    });
    socket.on('error', () => undefined);
    // Gone once the server is reading, before the body is complete: a closed tab, a lost network.
    await reading;
    socket.destroy();
    assert.equal(await status, 400);
    assert.deepEqual(errors, [], 'nothing reported to onError');
  });
});

describe('demo site with hostile URLs', () => {
  it('answers 400, not 500, to bad %-encoding in a deck URL', async () => {
    const store = await createPGliteStore();
    try {
      const app = createDemoApp({ store, decks: [], distDir: '.' });
      for (const path of ['/decks/%E0%A4%A', '/decks/%ZZ.json', '/decks/%C0/src']) {
        const response = await app(new Request(`http://demo.local${path}`));
        assert.equal(response.status, 400, path);
      }
    } finally {
      await store.close();
    }
  });
});
