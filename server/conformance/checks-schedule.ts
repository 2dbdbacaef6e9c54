/**
 * The protocol's undo and scheduling checks (docs/protocol.md, AnswerRetraction and 6.2): a
 * retraction is stored once, pulled, and leaves the answer out of progress; `GET {base}/due`
 * refuses a request without a deck and answers 404 for a deck the server does not know.
 */
import assert from 'node:assert/strict';
import type { AnswerRetraction } from '../../src/types.js';
import { changesAfter, endCursor, expectError, expectResults, type Check } from './assertions.js';
import { makeAnswer, makeRetraction, makeSession, mutation, sessionWithAnswers } from './fixtures.js';

/** Undo and due counts. */
export const scheduleChecks: Check[] = [
  {
    id: 'retraction',
    title: 'a retraction (undo) applies once, is pulled, and leaves its answer out of progress',
    async run({ a }) {
      const session = makeSession(a.user.userId, ['item-undo']);
      const kept = makeAnswer(session, 'item-undo', { answeredAt: Date.now() - 2000 });
      const undone = makeAnswer(session, 'item-undo', { answeredAt: Date.now() - 1000, correct: false });
      await a.push(sessionWithAnswers(session, [kept, undone]));
      const since = await endCursor(a);
      const sent = [mutation('retraction', 'create', makeRetraction(undone))];
      expectResults(await a.push(sent), sent, ['applied']);
      expectResults(await a.push(sent), sent, ['duplicate']);
      const { pages } = await a.pullAll(since, 1000);
      const retractions = pages.flatMap((p) => (p.changes as { retractions?: AnswerRetraction[] }).retractions ?? []);
      assert.deepEqual(retractions, [sent[0]!.data], 'the retraction comes back, once, unchanged');
      const progress = (await changesAfter(a, since)).progress.find((p) => p.itemId === 'item-undo');
      assert.ok(progress, 'the undo changes the item\'s progress');
      assert.equal(progress.reviewCount, 1, 'the retracted answer is not counted');
      assert.equal(progress.correctCount, 1, 'the retracted answer is not counted as wrong');
    },
  },
  {
    id: 'retraction-other-user',
    title: "a retraction of another user's answer is rejected",
    async run({ a, b }) {
      const session = makeSession(a.user.userId, ['item-1']);
      const answer = makeAnswer(session, 'item-1');
      await a.push(sessionWithAnswers(session, [answer]));
      const foreign = mutation('retraction', 'create', { ...makeRetraction(answer), userId: b.user.userId });
      const result = (await b.push([foreign])).results[0]!;
      assert.equal(result.status, 'rejected');
      assert.equal(result.code, 'conflict');
    },
  },
  {
    id: 'due-endpoint',
    title: 'GET /due needs a deck (400) and answers 404 for a deck the server does not know',
    async run({ a }) {
      expectError(await a.raw('/due'), 400, 'invalid-request');
      expectError(await a.raw(`/due?deck=unknown-${Date.now()}`), 404, 'not-found');
    },
  },
];
