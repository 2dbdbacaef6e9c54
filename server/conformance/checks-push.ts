/**
 * The protocol's push checks (docs/protocol.md). Each one makes fresh data, talks to the
 * server only over HTTP and throws an AssertionError that says what the server did wrong.
 */
import assert from 'node:assert/strict';
import type { Mutation, PushResponse, ReviewSession } from '../../src/types.js';
import { changesAfter, endCursor, expectNoChangesAfter, expectResults, ids, lastSessionStatus, type Check } from './assertions.js';
import type { ConformanceClient } from './client.js';
import { makeAnswer, makeSession, mutation, sessionWithAnswers, withStatus } from './fixtures.js';

/** Pushes a new session of the client's user and its completion, in one batch. */
async function pushCompletedSession(client: ConformanceClient): Promise<{ session: ReviewSession; sent: Mutation[]; response: PushResponse }> {
  const session = makeSession(client.user.userId);
  const sent = [mutation('session', 'create', session), mutation('session', 'update', withStatus(session, 'completed'))];
  return { session, sent, response: await client.push(sent) };
}

/** Push semantics: apply, idempotency, order, merge, rejection, users, derived progress. */
export const pushChecks: Check[] = [
  {
    id: 'push-applies',
    title: 'a push applies a session and its answers, and pull returns them',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const answers = [makeAnswer(session, 'item-1'), makeAnswer(session, 'item-2', { correct: false })];
      const sent = sessionWithAnswers(session, answers);
      expectResults(await a.push(sent), sent, ['applied', 'applied', 'applied']);
      const changes = await changesAfter(a, since);
      assert.deepEqual(ids(changes.answers), ids(answers), 'pulled answers');
      assert.deepEqual(changes.answers.find((x) => x.id === answers[1]!.id), answers[1], 'an answer comes back unchanged');
      assert.deepEqual(ids(changes.sessions), [session.id], 'pulled sessions');
    },
  },
  {
    id: 'duplicate-ids',
    title: 'a resent batch answers duplicate and stores nothing twice',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const sent = sessionWithAnswers(session, [makeAnswer(session, 'item-1'), makeAnswer(session, 'item-2')]);
      await a.push(sent);
      expectResults(await a.push(sent), sent, ['duplicate', 'duplicate', 'duplicate']);
      const twice = [sent[1]!, sent[1]!];
      expectResults(await a.push(twice), twice, ['duplicate', 'duplicate']);
      const changes = await changesAfter(a, since);
      assert.equal(changes.answers.length, 2, 'each answer once');
    },
  },
  {
    id: 'duplicate-in-batch',
    title: 'the same mutation twice in one batch: applied, then duplicate',
    async run({ a }) {
      const session = makeSession(a.user.userId);
      const m = mutation('answer', 'create', makeAnswer(session, 'item-1'));
      const sent = [mutation('session', 'create', session), m, m];
      expectResults(await a.push(sent), sent, ['applied', 'applied', 'duplicate']);
    },
  },
  {
    id: 'order',
    title: 'mutations of a batch apply in order (create, then complete)',
    async run({ a }) {
      const since = await endCursor(a);
      const { session, sent, response } = await pushCompletedSession(a);
      expectResults(response, sent, ['applied', 'applied']);
      assert.equal(await lastSessionStatus(a, since, session.id), 'completed', 'the later write wins');
    },
  },
  {
    id: 'session-merge',
    title: 'a stale session update does not undo a completed session',
    async run({ a }) {
      const since = await endCursor(a);
      const { session } = await pushCompletedSession(a);
      const stale = { ...session, status: 'paused' as const, lastActivityAt: session.lastActivityAt + 1 };
      await a.push([mutation('session', 'update', stale)]);
      assert.equal(await lastSessionStatus(a, since, session.id), 'completed', 'terminal status wins over a paused write');
    },
  },
  {
    id: 'reject-keeps-rest',
    title: 'an invalid mutation is rejected with a code while the rest applies',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const good = makeAnswer(session, 'item-1');
      const bad = { ...makeAnswer(session, 'item-2'), correct: 'yes' };
      const later = makeAnswer(session, 'item-3');
      const sent = [
        mutation('session', 'create', session),
        mutation('answer', 'create', good),
        mutation('answer', 'create', bad),
        mutation('answer', 'create', later),
      ];
      const response = await a.push(sent);
      expectResults(response, sent, ['applied', 'applied', 'rejected', 'applied']);
      assert.equal(response.results[2]!.code, 'invalid-mutation', 'reject code');
      assert.deepEqual(ids((await changesAfter(a, since)).answers), ids([good, later]), 'the valid answers are stored');
    },
  },
  {
    id: 'reject-codes',
    title: 'unknown types and actions are rejected with their codes',
    async run({ a }) {
      const session = makeSession(a.user.userId);
      const sent = [
        mutation('bogus' as Mutation['type'], 'create', session),
        mutation('answer', 'delete', makeAnswer(session, 'item-1')),
      ];
      const response = await a.push(sent);
      expectResults(response, sent, ['rejected', 'rejected']);
      assert.deepEqual(response.results.map((r) => r.code), ['unsupported-type', 'unsupported-action']);
    },
  },
  {
    id: 'wrong-user',
    title: "another user's mutation is rejected (wrong-user) and users see only their own data",
    async run({ a, b }) {
      const sinceB = await endCursor(b);
      const session = makeSession(b.user.userId);
      const sent = sessionWithAnswers(session, [makeAnswer(session, 'item-1')]);
      const response = await a.push(sent);
      expectResults(response, sent, ['rejected', 'rejected']);
      assert.deepEqual(response.results.map((r) => r.code), ['wrong-user', 'wrong-user']);
      const own = makeSession(a.user.userId);
      await a.push(sessionWithAnswers(own, [makeAnswer(own, 'item-1')]));
      await expectNoChangesAfter(b, sinceB, "B sees none of A's data");
    },
  },
  {
    id: 'derived-progress',
    title: 'progress is derived from answers: 5 on one device + 3 on another = 8; client figures ignored',
    async run({ a }) {
      const since = await endCursor(a);
      const item = `item-${crypto.randomUUID()}`;
      const session = makeSession(a.user.userId, [item]);
      const t = Date.now();
      const onA = Array.from({ length: 5 }, (_, i) => makeAnswer(session, item, { deviceId: 'device-a', answeredAt: t + i }));
      const onB = Array.from({ length: 3 }, (_, i) => makeAnswer(session, item, { deviceId: 'device-b', answeredAt: t + 10 + i }));
      await a.push(sessionWithAnswers(session, onA));
      await a.push(onB.map((x) => mutation('answer', 'create', x)));
      const forged = { userId: a.user.userId, itemId: item, reviewCount: 999, correctCount: 999, learned: true };
      const response = await a.push([mutation('progress', 'update', forged)]);
      assert.notEqual(response.results[0]!.status, 'duplicate', 'a new progress mutation is not a duplicate');
      const progress = (await changesAfter(a, since)).progress.filter((p) => p.itemId === item);
      assert.equal(progress.at(-1)?.reviewCount, 8, 'reviewCount');
      assert.equal(progress.at(-1)?.correctCount, 8, 'correctCount');
    },
  },
];

