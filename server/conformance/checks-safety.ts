/**
 * The protocol's safety rules (docs/protocol.md, "Cross-site requests" and "Bad input"):
 * form-typed writes and other sites' browser requests are refused, and one bad mutation costs
 * only itself.
 */
import assert from 'node:assert/strict';
import type { PushResponse } from '../../src/types.js';
import { changesAfter, endCursor, expectError, expectNoChangesAfter, ids, type Check } from './assertions.js';
import { makeAnswer, makeSession, mutation, sessionWithAnswers } from './fixtures.js';

/** A push body, as text, of a new session of `userId` with one answer. */
function oneAnswerPushBody(userId: string): string {
  const session = makeSession(userId);
  return JSON.stringify({ protocol: 1, clientId: 'x', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
}

/** Cross-site request checks. */
export const crossSiteChecks: Check[] = [
  {
    id: 'json-only',
    title: 'a push sent as a form (text/plain, urlencoded, untyped) answers 415 and changes nothing',
    async run({ a }) {
      const since = await endCursor(a);
      const body = oneAnswerPushBody(a.user.userId);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        expectError(await a.raw('/sync', { method: 'POST', headers: { 'content-type': type }, body }), 415, 'unsupported-media-type');
      }
      expectError(await a.raw('/sync', { method: 'POST', body: new Blob([body]) }), 415, 'unsupported-media-type');
      await expectNoChangesAfter(a, since, 'nothing changed');
    },
  },
  {
    id: 'cross-site-refused',
    title: "another site's browser request (Origin, Sec-Fetch-Site: cross-site) answers 403",
    async run({ a }) {
      const since = await endCursor(a);
      const body = oneAnswerPushBody(a.user.userId);
      const foreign = { origin: 'https://conformance.invalid', 'sec-fetch-site': 'cross-site' };
      expectError(await a.raw('/sync', { method: 'POST', headers: { ...foreign, 'content-type': 'application/json' }, body }), 403);
      expectError(await a.raw('/changes', { headers: foreign }), 403);
      await expectNoChangesAfter(a, since, 'nothing changed');
    },
  },
];

/** A push body as text with `"__DEEP__"` replaced by an array nested `depth` deep. */
function withDeepArray(body: unknown, depth: number): string {
  return JSON.stringify(body).replace('"__DEEP__"', `${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** Bad input costs only itself. */
export const badInputChecks: Check[] = [
  {
    id: 'poison-isolated',
    title: 'a NUL, a lone surrogate or a 10,000-deep array rejects that mutation alone; the rest applies',
    async run({ a }) {
      const since = await endCursor(a);
      const user = a.user.userId;
      const session = makeSession(user);
      const good = makeAnswer(session, 'item-2');
      const sent = [
        mutation('session', 'create', session),
        mutation('answer', 'create', { ...makeAnswer(session, 'item-1'), typedAnswer: 'nul\u0000' }),
        mutation('answer', 'create', { ...makeAnswer(session, 'item-1'), typedAnswer: 'half \ud83d' }),
        mutation('statistics', 'create', { userId: user, nested: '__DEEP__' }),
        mutation('answer', 'create', good),
      ];
      const result = await a.postSync(withDeepArray({ protocol: 1, clientId: a.clientId, mutations: sent }, 10_000));
      assert.equal(result.status, 200, `HTTP status (body: ${result.text.slice(0, 200)})`);
      const { results } = result.json as PushResponse;
      assert.deepEqual(results.map((r) => r.id), sent.map((m) => m.id), 'one result per mutation, in order');
      assert.deepEqual(results.map((r) => r.status), ['applied', 'rejected', 'rejected', 'rejected', 'applied'], 'statuses');
      assert.ok(results.every((r) => r.status !== 'rejected' || typeof r.code === 'string'), 'each rejection has a code');
      assert.deepEqual(ids((await changesAfter(a, since)).answers), [good.id], 'the good answer was stored, no other');
    },
  },
  {
    id: 'id-reused',
    title: 'a mutation id sent again with a different payload is rejected id-reused (also within one batch)',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const first = mutation('answer', 'create', makeAnswer(session, 'item-1'));
      await a.push([mutation('session', 'create', session), first]);
      const reused = { ...first, data: makeAnswer(session, 'item-2') };
      const again = await a.push([reused]);
      assert.equal(again.results[0]?.status, 'rejected', 'a different payload under an applied id');
      assert.equal(again.results[0]?.code, 'id-reused');
      const fresh = mutation('answer', 'create', makeAnswer(session, 'item-3'));
      const batch = await a.push([fresh, { ...fresh, data: makeAnswer(session, 'item-3') }]);
      assert.deepEqual(batch.results.map((r) => r.code ?? r.status), ['applied', 'id-reused'], 'within one batch');
      const stored = ids((await changesAfter(a, since)).answers);
      assert.deepEqual(stored, ids([first.data, fresh.data] as Array<{ id: string }>), 'no refused answer stored');
    },
  },
  {
    id: 'cursor-range',
    title: 'a since above the 64-bit range answers 400, not 500',
    async run({ a }) {
      expectError(await a.raw('/changes?since=99999999999999999999999'), 400);
      expectError(await a.raw('/changes?since=9223372036854775808'), 400);
    },
  },
];
