// One writer per user on PostgreSQL: a push holds the user's advisory lock (hashtext of the user
// id) from its BEGIN, which it sends in the same round trip as the lock, the id quoted as a
// literal. Proved from a second connection that holds the same lock through a parameter: the
// push waits on it (PostgreSQL says so in pg_stat_activity), stores nothing until it is freed,
// then stores its answer once — also for ids with quotes and backslashes in them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { makeAnswer, makeSession, mutation } from '../../server/conformance/fixtures.js';
import { createPgStore } from '../../server/index.js';
import type { ReviewStore } from '../../server/sync-repository.js';
import { requirePostgresInCi, unique } from './support.js';

const url = process.env.DATABASE_URL;

/** Resolves once a backend other than `holder`'s waits on an advisory lock; rejects if `done()` first. */
async function someoneWaits(holder: pg.Client, done: () => boolean): Promise<void> {
  for (;;) {
    if (done()) throw new Error('the push finished without waiting for the lock');
    const { rows } = await holder.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid()`,
    );
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
      await someoneWaits(holder, () => settled);
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
});

requirePostgresInCi();
