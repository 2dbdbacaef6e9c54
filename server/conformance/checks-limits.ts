/**
 * The protocol's whole-request checks (docs/protocol.md): authentication, malformed bodies,
 * versioning, limits (413) and pull paging with cursors.
 */
import assert from 'node:assert/strict';
import { PROTOCOL_LIMITS } from '../../src/protocol/mutations.js';
import type { AnswerRecord } from '../../src/types.js';
import { changesAfter, endCursor, expectError, ids, type Check } from './assertions.js';
import { makeAnswer, makeSession, mutation, sessionWithAnswers } from './fixtures.js';

/** Pushes `body` and checks it is refused with `status` and that nothing new can be pulled. */
async function refusedAndUnchanged(
  ctx: Parameters<Check['run']>[0],
  body: unknown,
  status: number,
  code?: string,
): Promise<void> {
  const since = await endCursor(ctx.a);
  expectError(await ctx.a.postSync(body), status, code);
  const changes = await changesAfter(ctx.a, since);
  assert.equal(changes.sessions.length + changes.answers.length + changes.progress.length, 0, 'nothing changed');
}

function validBatch(userId: string, answers = 1) {
  const session = makeSession(userId);
  return sessionWithAnswers(session, Array.from({ length: answers }, (_, i) => makeAnswer(session, `item-${i}`)));
}

/** The auth check, separate because servers without authentication skip it. */
export const authCheck: Check = {
  id: 'auth-required',
  title: 'requests without credentials answer 401 {error}',
  async run({ a }) {
    expectError(await a.postSync({ protocol: 1, clientId: 'x', mutations: [] }, { auth: false }), 401);
    expectError(await a.raw('/changes', { auth: false }), 401);
  },
};

/** Whole-request checks. */
export const limitChecks: Check[] = [
  {
    id: 'malformed-json',
    title: 'a body that is not JSON answers 400 and changes nothing',
    async run(ctx) {
      const batch = JSON.stringify({ protocol: 1, clientId: 'x', mutations: validBatch(ctx.a.user.userId) });
      await refusedAndUnchanged(ctx, batch.slice(0, -5), 400);
    },
  },
  {
    id: 'invalid-envelope',
    title: 'a body without a mutations array answers 400 and changes nothing',
    async run(ctx) {
      await refusedAndUnchanged(ctx, { protocol: 1, clientId: 'x', mutations: 'none' }, 400);
      await refusedAndUnchanged(ctx, [1, 2, 3], 400);
    },
  },
  {
    id: 'protocol-version',
    title: 'an unknown protocol version answers 400 unsupported-protocol',
    async run(ctx) {
      const body = { protocol: 99, clientId: 'x', mutations: validBatch(ctx.a.user.userId) };
      await refusedAndUnchanged(ctx, body, 400, 'unsupported-protocol');
    },
  },
  {
    id: 'too-many-mutations',
    title: `more than ${PROTOCOL_LIMITS.maxMutationsPerPush} mutations answer 413 and change nothing`,
    async run(ctx) {
      const body = { protocol: 1, clientId: 'x', mutations: validBatch(ctx.a.user.userId, PROTOCOL_LIMITS.maxMutationsPerPush) };
      await refusedAndUnchanged(ctx, body, 413);
    },
  },
  {
    id: 'body-too-large',
    title: `a body over ${PROTOCOL_LIMITS.maxBodyBytes} bytes answers 413 and changes nothing`,
    async run(ctx) {
      const session = makeSession(ctx.a.user.userId);
      const padding = 'x'.repeat(PROTOCOL_LIMITS.maxTypedAnswerLength);
      const answers = Array.from({ length: 480 }, (_, i) => ({ ...makeAnswer(session, `item-${i}`), typedAnswer: padding }));
      const body = { protocol: 1, clientId: 'x', mutations: sessionWithAnswers(session, answers) };
      assert.ok(JSON.stringify(body).length > PROTOCOL_LIMITS.maxBodyBytes, 'the test body is over the limit');
      await refusedAndUnchanged(ctx, body, 413);
    },
  },
  {
    id: 'paging',
    title: 'pull pages by limit with increasing cursors, hasMore until the end, each change once',
    async run({ a }) {
      const since = await endCursor(a);
      const session = makeSession(a.user.userId);
      const answers: AnswerRecord[] = Array.from({ length: 7 }, (_, i) => makeAnswer(session, `item-${i % 2}`));
      await a.push(sessionWithAnswers(session, answers));
      const pages = [];
      let cursor = since;
      for (let i = 0; i < 50; i++) {
        const page = await a.pull(cursor, 3);
        const size = page.changes.sessions.length + page.changes.answers.length + page.changes.progress.length;
        assert.ok(size <= 3, `a page holds at most limit=3 changes (got ${size})`);
        assert.equal(typeof page.cursor, 'string', 'cursor is a string');
        if (page.hasMore) assert.notEqual(page.cursor, cursor, 'the cursor moves while hasMore');
        pages.push(page);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      assert.ok(pages.length >= 3, 'several pages');
      assert.equal(pages.at(-1)?.hasMore, false, 'the last page says hasMore=false');
      const pulled = pages.flatMap((p) => p.changes.answers);
      assert.deepEqual(ids(pulled), ids(answers), 'each answer exactly once over the pages');
      const after = await a.pull(cursor, 3);
      assert.equal(after.changes.answers.length + after.changes.sessions.length, 0, 'nothing after the last cursor');
      assert.equal(after.hasMore, false);
      // Resuming from a middle cursor gives exactly the rest.
      const rest = await changesAfter(a, pages[0]!.cursor);
      const first = new Set(pages[0]!.changes.answers.map((x) => x.id));
      assert.deepEqual(ids(rest.answers), ids(answers.filter((x) => !first.has(x.id))), 'resume from a cursor');
      // A later change appears after the old end cursor.
      const more = makeAnswer(session, 'item-9');
      await a.push([mutation('answer', 'create', more)]);
      assert.deepEqual(ids((await changesAfter(a, cursor)).answers), [more.id], 'new changes after the end cursor');
    },
  },
  {
    id: 'pull-from-start',
    title: 'a pull without since starts from the beginning',
    async run({ a }) {
      const session = makeSession(a.user.userId);
      await a.push(sessionWithAnswers(session, [makeAnswer(session, 'item-1')]));
      const all = await changesAfter(a, null);
      assert.ok(all.sessions.some((s) => s.id === session.id), 'the session is in a pull from the start');
    },
  },
  {
    id: 'invalid-cursor',
    title: 'a since that the server never returned answers 400',
    async run({ a }) {
      expectError(await a.raw('/changes?since=not%20a%20cursor!'), 400);
    },
  },
];
