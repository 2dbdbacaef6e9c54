// Push semantics on every store: idempotency, order, concurrency, validation, auth, limits,
// malformed bodies, and progress derived from answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeAnswer, makeSession, mutation, sessionWithAnswers, withStatus } from '../../server/conformance/fixtures.js';
import { Api, describeEachStore, errorCode, requirePostgresInCi, unique } from './support.js';

describeEachStore('push', (suite) => {
  it('is idempotent by mutation id, per user', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const sent = sessionWithAnswers(session, [makeAnswer(session, 'a'), makeAnswer(session, 'b')]);
    assert.deepEqual((await suite.api.push(user, sent)).results.map((r) => r.status), ['applied', 'applied', 'applied']);
    assert.deepEqual((await suite.api.push(user, sent)).results.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
    const state = await suite.api.pullAll(user);
    assert.equal(state.answers.length, 2);
    assert.equal(state.sessions.length, 1);
    // The same answer under a new mutation id (a re-queued dead letter) is applied as a no-op.
    const again = await suite.api.push(user, [mutation('answer', 'create', sent[1]!.data)]);
    assert.equal(again.results[0]!.status, 'applied');
    assert.equal((await suite.api.pullAll(user)).answers.length, 2);
    // Mutation ids are per user: another user's mutation with the same id is not a duplicate.
    const other = unique('v');
    const otherSession = makeSession(other);
    const reused = { ...mutation('session', 'create', otherSession), id: sent[0]!.id };
    assert.equal((await suite.api.push(other, [reused])).results[0]!.status, 'applied');
  });

  it('applies a batch in order', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const paused = withStatus(session, 'paused');
    const done = withStatus(paused, 'completed');
    const answers = ['c', 'a', 'b'].map((item) => makeAnswer(session, item));
    const sent = [
      mutation('session', 'create', session),
      mutation('session', 'update', paused),
      ...answers.map((a) => mutation('answer', 'create', a)),
      mutation('session', 'update', done),
    ];
    const response = await suite.api.push(user, sent);
    assert.deepEqual(response.results.map((r) => r.id), sent.map((m) => m.id));
    const state = await suite.api.pullAll(user);
    assert.equal(state.sessions.at(-1)!.status, 'completed');
    assert.deepEqual(state.answers.map((a) => a.id), answers.map((a) => a.id), 'pull order is push order');
    // A stale write after completion does not undo it (the core's merge rules).
    await suite.api.push(user, [mutation('session', 'update', { ...paused, lastActivityAt: paused.lastActivityAt + 5 })]);
    const merged = (await suite.api.pullAll(user)).sessions.at(-1)!;
    assert.equal(merged.status, 'completed');
    assert.equal(merged.lastActivityAt, paused.lastActivityAt + 5);
  });

  it('stores each answer once when identical pushes arrive at the same moment', async () => {
    const user = unique('u');
    const session = makeSession(user, ['x']);
    const sent = sessionWithAnswers(session, Array.from({ length: 20 }, () => makeAnswer(session, 'x')));
    const responses = await Promise.all(Array.from({ length: 4 }, () => suite.api.push(user, sent)));
    for (const [index, m] of sent.entries()) {
      const statuses = responses.map((r) => r.results[index]!.status).sort();
      assert.deepEqual(statuses, ['applied', 'duplicate', 'duplicate', 'duplicate'], `mutation ${m.id}`);
    }
    const state = await suite.api.pullAll(user);
    assert.equal(state.answers.length, 20);
    assert.equal(new Set(state.answers.map((a) => a.id)).size, 20);
    assert.equal(state.progress.at(-1)!.reviewCount, 20, 'progress counted once per answer');
  });

  it('rejects a bad mutation with a stable code and applies the rest', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const good = makeAnswer(session, 'a');
    const sent = [
      mutation('session', 'create', session),
      mutation('answer', 'create', { ...makeAnswer(session, 'b'), userId: 'someone-else' }),
      mutation('answer', 'create', { ...makeAnswer(session, 'c'), rating: 7 }),
      mutation('answer', 'update', makeAnswer(session, 'd')),
      mutation('answer', 'create', { ...makeAnswer(session, 'e'), typedAnswer: 'x'.repeat(5000) }),
      mutation('answer', 'create', good),
      mutation('statistics', 'update', { sessionId: session.id, userId: user, answered: 99 }),
    ];
    const { results } = await suite.api.push(user, sent);
    assert.deepEqual(
      results.map((r) => r.code ?? r.status),
      ['applied', 'wrong-user', 'invalid-mutation', 'unsupported-action', 'too-large', 'applied', 'applied'],
    );
    assert.deepEqual((await suite.api.pullAll(user)).answers.map((a) => a.id), [good.id]);
    // A rejected mutation is not remembered: fixed and resent, it is checked again.
    const retried = await suite.api.push(user, [{ ...sent[2]!, data: { ...(sent[2]!.data as object), rating: 3 } }]);
    assert.equal(retried.results[0]!.status, 'applied');
  });

  it("rejects ids that belong to another user's answer or session (conflict)", async () => {
    const owner = unique('u');
    const intruder = unique('v');
    const session = makeSession(owner);
    const answer = makeAnswer(session, 'a');
    await suite.api.push(owner, sessionWithAnswers(session, [answer]));
    const { results } = await suite.api.push(intruder, [
      mutation('session', 'update', { ...session, userId: intruder }),
      mutation('answer', 'create', { ...answer, userId: intruder }),
    ]);
    assert.deepEqual(results.map((r) => r.code), ['conflict', 'conflict']);
    assert.equal((await suite.api.pullAll(intruder)).answers.length, 0);
  });

  it('answers 401 without a user, 404 and 405 off the protocol, with {error}', async () => {
    const body = { protocol: 1, clientId: 'c', mutations: [] };
    assert.equal((await suite.api.postSync(null, body)).status, 401);
    const pull = await suite.api.request(null, '/changes');
    assert.equal(pull.status, 401);
    assert.equal(await errorCode(pull), 'auth-required');
    const missing = await suite.api.request('u', '/nope');
    assert.equal(missing.status, 404);
    assert.equal(await errorCode(missing), 'not-found');
    const wrongMethod = await suite.api.request('u', '/sync');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
    assert.equal((await suite.api.request('u', '/changes', { method: 'POST', body: '{}' })).status, 405);
  });

  it('answers 400 for malformed bodies and changes nothing', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const batch = sessionWithAnswers(session, [makeAnswer(session, 'a')]);
    const text = JSON.stringify({ protocol: 1, clientId: 'c', mutations: batch });
    const cases: Array<[unknown, string]> = [
      [text.slice(0, -3), 'malformed-json'],
      ['', 'malformed-json'],
      ['[]', 'invalid-request'],
      [{ protocol: 2, clientId: 'c', mutations: batch }, 'unsupported-protocol'],
      [{ clientId: 'c', mutations: batch }, 'unsupported-protocol'],
      [{ protocol: 1, clientId: '', mutations: batch }, 'invalid-request'],
      [{ protocol: 1, clientId: 'c', mutations: {} }, 'invalid-request'],
      [{ protocol: 1, clientId: 'c', mutations: [...batch, { type: 'answer' }] }, 'invalid-request'],
      [{ protocol: 1, clientId: 'c', mutations: [...batch, 'x'] }, 'invalid-request'],
    ];
    for (const [body, code] of cases) {
      const response = await suite.api.postSync(user, body);
      assert.equal(response.status, 400, JSON.stringify(body).slice(0, 60));
      assert.equal(await errorCode(response), code);
    }
    const state = await suite.api.pullAll(user);
    assert.equal(state.answers.length + state.sessions.length + state.progress.length, 0);
  });

  it('answers 413 over the count and size limits and changes nothing', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const many = sessionWithAnswers(session, Array.from({ length: 500 }, () => makeAnswer(session, 'a')));
    const tooMany = await suite.api.postSync(user, { protocol: 1, clientId: 'c', mutations: many });
    assert.equal(tooMany.status, 413);
    assert.equal(await errorCode(tooMany), 'too-many-mutations');

    const strict = new Api(suite.store, { maxMutationsPerPush: 2, maxBodyBytes: 2000 });
    const three = sessionWithAnswers(session, [makeAnswer(session, 'a'), makeAnswer(session, 'b')]);
    const overCount = await strict.postSync(user, { protocol: 1, clientId: 'c', mutations: three });
    assert.equal(overCount.status, 413);
    assert.equal(await errorCode(overCount), 'too-many-mutations');
    const big = JSON.stringify({ protocol: 1, clientId: 'c', mutations: [mutation('answer', 'create', { ...makeAnswer(session, 'a'), typedAnswer: 'y'.repeat(3000) })] });
    const declared = await strict.postSync(user, big);
    assert.equal(declared.status, 413);
    assert.equal(await errorCode(declared), 'payload-too-large');
    // Streamed without Content-Length: the limit holds while reading.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.slice(i, i + 500));
        controller.close();
      },
    });
    const streamed = await strict.request(user, '/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
    const state = await suite.api.pullAll(user);
    assert.equal(state.answers.length + state.sessions.length, 0);
  });

  it('derives progress from answers: 5 on device A + 3 on device B = 8, client figures ignored', async () => {
    const user = unique('u');
    const session = makeSession(user, ['kanji']);
    const t = 1_700_000_000_000;
    const onA = Array.from({ length: 5 }, (_, i) => makeAnswer(session, 'kanji', { deviceId: 'A', answeredAt: t + i, correct: i !== 0 }));
    const onB = Array.from({ length: 3 }, (_, i) => makeAnswer(session, 'kanji', { deviceId: 'B', answeredAt: t + 100 + i }));
    await suite.api.push(user, sessionWithAnswers(session, onA), 'device-a');
    await suite.api.push(user, onB.map((a) => mutation('answer', 'create', a)), 'device-b');
    const forged = await suite.api.push(user, [
      mutation('progress', 'update', { userId: user, itemId: 'kanji', reviewCount: 1000, correctCount: 1000 }),
      mutation('progress', 'delete', { userId: user, itemId: 'kanji' }),
    ]);
    assert.deepEqual(forged.results.map((r) => r.code ?? r.status), ['applied', 'unsupported-action']);
    const progress = (await suite.api.pullAll(user)).progress;
    assert.equal(progress.length, 1, 'one row per item, the latest');
    assert.equal(progress[0]!.reviewCount, 8);
    assert.equal(progress[0]!.correctCount, 7);
    assert.equal(progress[0]!.learned, true);
    assert.equal(progress[0]!.lastReviewed, t + 102);
    assert.deepEqual(progress[0]!.byDevice, { A: { reviewCount: 5, correctCount: 4 }, B: { reviewCount: 3, correctCount: 3 } });
  });
});

describe('push when the store fails', () => {
  it('answers 500 {error: internal} and reports the error', async () => {
    const seen: unknown[] = [];
    const failing = {
      kind: 'pglite' as const,
      push: () => Promise.reject(new Error('disk on fire')),
      pull: () => Promise.reject(new Error('disk on fire')),
      answersOf: () => Promise.reject(new Error('disk on fire')),
      close: () => Promise.resolve(),
    };
    const { createHandler, demoAuthenticate } = await import('../../server/index.js');
    const handler = createHandler({ store: failing, authenticate: demoAuthenticate, onError: (e) => seen.push(e) });
    const response = await handler(
      new Request('http://x/api/review/changes', { headers: { cookie: 'offline_review_user=u' } }),
    );
    assert.equal(response.status, 500);
    assert.equal(await errorCode(response), 'internal');
    assert.equal(seen.length, 1);
  });
});

requirePostgresInCi();
