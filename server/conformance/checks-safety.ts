/**
 * The protocol's safety rules (docs/protocol.md, "Cross-site requests" and "Bad input"):
 * form-typed writes and other sites' browser requests are refused, and one bad mutation costs
 * only itself.
 */
import assert from 'node:assert/strict';
import { changesAfter, endCursor, expectError, type Check } from './assertions.js';
import { makeAnswer, makeSession, sessionWithAnswers } from './fixtures.js';

/** Cross-site request checks. */
export const crossSiteChecks: Check[] = [
  {
    id: 'json-only',
    title: 'a push sent as a form (text/plain, urlencoded, untyped) answers 415 and changes nothing',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const body = JSON.stringify({ protocol: 1, clientId: 'x', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        expectError(await a.raw('/sync', { method: 'POST', headers: { 'content-type': type }, body }), 415, 'unsupported-media-type');
      }
      expectError(await a.raw('/sync', { method: 'POST', body: new Blob([body]) }), 415, 'unsupported-media-type');
      const changes = await changesAfter(a, since);
      assert.equal(changes.sessions.length + changes.answers.length, 0, 'nothing changed');
    },
  },
  {
    id: 'cross-site-refused',
    title: "another site's browser request (Origin, Sec-Fetch-Site: cross-site) answers 403",
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const body = JSON.stringify({ protocol: 1, clientId: 'x', mutations: sessionWithAnswers(session, [makeAnswer(session, 'item-1')]) });
      const foreign = { origin: 'https://conformance.invalid', 'sec-fetch-site': 'cross-site' };
      expectError(await a.raw('/sync', { method: 'POST', headers: { ...foreign, 'content-type': 'application/json' }, body }), 403);
      expectError(await a.raw('/changes', { headers: foreign }), 403);
      const changes = await changesAfter(a, since);
      assert.equal(changes.sessions.length + changes.answers.length, 0, 'nothing changed');
    },
  },
];
