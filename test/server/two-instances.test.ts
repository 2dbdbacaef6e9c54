// Scaling out means adding instances: two server instances on one database (two handlers, each
// with its own store and connection pool on PostgreSQL; two handlers over one PGlite store)
// serve one learner in turn — pushes, retries, pulls and sign-in go to either — without a lost
// or doubled answer. Nothing a request needs lives in one process.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHandler, createJwtAuthenticator, createPGliteStore, createPgStore, type ReviewStore } from '../../server/index.js';
import { makeAnswer, makeSession, mutation, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { Api, hs256Token, requirePostgresInCi, unique } from './support.js';

interface Pair {
  name: string;
  open(): Promise<ReviewStore[]>;
}

const pairs: Pair[] = [
  {
    name: 'pglite, one store',
    async open() {
      const store = await createPGliteStore();
      return [store, store];
    },
  },
];
const url = process.env.DATABASE_URL;
if (url) pairs.push({ name: 'pg, a pool each', open: async () => [await createPgStore(url), await createPgStore(url)] });
requirePostgresInCi();

const ids = (list: ReadonlyArray<{ id: string }>) => list.map((a) => a.id).sort();

for (const pair of pairs) {
  describe(`two instances on one database (${pair.name})`, () => {
    let stores: ReviewStore[] = [];
    let a: Api;
    let b: Api;
    before(async () => {
      stores = await pair.open();
      a = new Api(stores[0]!);
      b = new Api(stores[1]!);
    });
    after(async () => {
      for (const store of new Set(stores)) await store.close();
    });

    test('one learner served by each instance in turn: every answer stored and pulled once', async () => {
      const user = unique('alternate');
      const session = makeSession(user, ['i1', 'i2', 'i3']);
      const sent = [];
      await a.push(user, [mutation('session', 'create', session)]);
      let cursor: string | undefined;
      const pulled: Array<{ id: string }> = [];
      for (let round = 0; round < 6; round++) {
        const answers = Array.from({ length: 5 }, (_, i) => makeAnswer(session, `i${(i % 3) + 1}`));
        sent.push(...answers);
        const pushed = await (round % 2 ? b : a).push(user, answers.map((x) => mutation('answer', 'create', x)));
        assert.deepEqual(pushed.results.map((r) => r.status), Array(5).fill('applied'));
        const page = await (round % 2 ? a : b).pull(user, cursor, 1000);
        pulled.push(...page.changes.answers);
        cursor = page.cursor;
      }
      assert.deepEqual(ids(pulled), ids(sent), 'pulled in turns from both: each answer once');
      assert.deepEqual(ids(await a.pullAll(user).then((c) => c.answers)), ids(sent));
      assert.deepEqual(ids(await b.pullAll(user).then((c) => c.answers)), ids(sent));
    });

    test('a push retried at the other instance is a duplicate there, stored once', async () => {
      const user = unique('retry');
      const session = makeSession(user, ['i1', 'i2']);
      const batch = sessionWithAnswers(session, [makeAnswer(session, 'i1'), makeAnswer(session, 'i2')]);
      assert.deepEqual((await a.push(user, batch, 'device-1')).results.map((r) => r.status), ['applied', 'applied', 'applied']);
      assert.deepEqual((await b.push(user, batch, 'device-1')).results.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
      assert.equal((await b.pullAll(user)).answers.length, 2);
    });

    test('the same push sent to both at once: each mutation applied by exactly one', async () => {
      const user = unique('race');
      const session = makeSession(user, ['i1']);
      const batch = sessionWithAnswers(session, Array.from({ length: 20 }, () => makeAnswer(session, 'i1')));
      const [first, second] = await Promise.all([a.push(user, batch, 'device-1'), b.push(user, batch, 'device-1')]);
      batch.forEach((m, i) => {
        assert.deepEqual([first.results[i]!.status, second.results[i]!.status].sort(), ['applied', 'duplicate'], m.id);
      });
      assert.equal((await a.pullAll(user)).answers.length, 20);
    });

    test('a token is accepted by either instance: sign-in keeps no per-process session', async () => {
      const secret = 'a-shared-secret-of-at-least-32-bytes!!';
      const authenticate = createJwtAuthenticator({ secret, issuer: 'site', audience: 'offline-review' });
      const [one, two] = stores.map((store) => createHandler({ store, authenticate }));
      const user = unique('token');
      const token = await hs256Token(secret, user, 'site');
      const session = makeSession(user, ['i1']);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const body = JSON.stringify({ protocol: 1, clientId: 'device-1', mutations: sessionWithAnswers(session, [makeAnswer(session, 'i1')]) });
      const pushed = await one!(new Request('http://one.local/api/review/sync', { method: 'POST', headers, body }));
      assert.equal(pushed.status, 200);
      const pulled = await two!(new Request('http://two.local/api/review/changes', { headers }));
      assert.equal(pulled.status, 200);
      assert.equal(((await pulled.json()) as { changes: { answers: unknown[] } }).changes.answers.length, 1);
    });
  });
}
