// One writer per user on PostgreSQL: a push holds the user's advisory lock (hashtext of the user
// id) from its BEGIN, which it sends in the same round trip as the lock, the id as hex digits.
// Proved from a second connection that holds the same lock through a parameter: the push waits
// on that very key (PostgreSQL's pg_locks), stores nothing until it is freed, then stores its
// answer once — also for ids with quotes, backslashes and characters beyond ASCII.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { makeAnswer, makeSession, mutation } from '../../server/conformance/fixtures.js';
import { createPgStore } from '../../server/index.js';
import type { ReviewStore } from '../../server/sync-repository.js';
import { requirePostgresInCi, unique } from './support.js';

const url = process.env.DATABASE_URL;

/**
 * The pg_locks rows of a backend waiting for the advisory lock `hashtext($1)`: a one-bigint key is
 * split over classid (high half) and objid, with objsubid 1.
 */
const WAITING_FOR_KEY = `locktype = 'advisory' AND NOT granted AND objsubid = 1
  AND ((classid::bigint << 32) | objid::bigint) = hashtext($1)::bigint`;

/** Resolves once a backend waits for the advisory lock `hashtext(key)`; rejects if `done()` first. */
async function someoneWaits(holder: pg.Client, key: string, done: () => boolean): Promise<void> {
  for (;;) {
    if (done()) throw new Error('the push finished without waiting for the lock');
    const { rows } = await holder.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks WHERE ${WAITING_FOR_KEY}`, [key]);
    if (Number(rows[0]!.n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a push holds its user\'s lock (pg)', { skip: url ? false : 'no DATABASE_URL' }, () => {
  let store: ReviewStore;
  let holder: pg.Client;
  before(async () => {
    store = await createPgStore(url!);
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
  });
  after(async () => {
    await holder.end();
    await store.close();
  });

  for (const [name, suffix] of [
    ['a plain id', ''],
    ['an id with quotes and backslashes', `o'brien\\' OR '1'='1 \\\\`],
    ['an id beyond ASCII', '-ユーザー-ü-😀'],
  ] as const) {
    it(`waits for the lock, then stores the answer once (${name})`, async () => {
      const user = `${unique('lock-user')}${suffix}`;
      const session = makeSession(user, ['item-1']);
      const answer = makeAnswer(session, 'item-1');
      const mutations = [mutation('session', 'create', session), mutation('answer', 'create', answer)].map((m) => ({ ok: true as const, mutation: m }));
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [user]);
      let settled = false;
      const pushed = store.push(user, 'device-1', mutations).finally(() => {
        settled = true;
      });
      await someoneWaits(holder, user, () => settled);
      const before = await holder.query('SELECT 1 FROM offline_review_answers WHERE id = $1', [answer.id]);
      assert.equal(before.rows.length, 0, 'nothing is stored while it waits');
      await holder.query('COMMIT');
      const { results, cursor } = await pushed;
      assert.deepEqual(results.map((r) => r.status), ['applied', 'applied']);
      assert.ok(BigInt(cursor) > 0n);
      const stored = await holder.query<{ user_id: string }>('SELECT user_id FROM offline_review_answers WHERE id = $1', [answer.id]);
      assert.deepEqual(stored.rows, [{ user_id: user }]);
    });
  }

  it('gives up a connection that dies while it waits, and the next push of the user is stored', async () => {
    const user = unique('lock-user');
    const session = makeSession(user, ['item-1']);
    const checked = (...list: ReturnType<typeof mutation>[]) => list.map((m) => ({ ok: true as const, mutation: m }));
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock(hashtext($1))', [user]);
    let settled = false;
    const pushed = store.push(user, 'device-1', checked(mutation('session', 'create', session), mutation('answer', 'create', makeAnswer(session, 'item-1'))));
    const outcome = pushed.then(
      () => 'stored',
      (error: unknown) => `failed: ${String(error)}`,
    );
    void outcome.finally(() => {
      settled = true;
    });
    await someoneWaits(holder, user, () => settled);
    // The waiting backend is ended (as an operator's pg_terminate_backend or a crash would): the
    // push fails, its ROLLBACK fails on the dead connection, and the pool must drop it.
    const { rows } = await holder.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_locks WHERE ${WAITING_FOR_KEY}`,
      [user],
    );
    assert.deepEqual(rows, [{ ended: true }]);
    assert.match(await outcome, /^failed: /);
    await holder.query('COMMIT');
    const again = makeAnswer(session, 'item-1');
    const { results } = await store.push(user, 'device-1', checked(mutation('session', 'create', session), mutation('answer', 'create', again)));
    assert.deepEqual(results.map((r) => r.status), ['applied', 'applied']);
  });
});

requirePostgresInCi();
