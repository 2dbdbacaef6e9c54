// Pull on every store: paging by an increasing sequence, opaque cursors, limits, and only the
// user's own data; restarts keep everything.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPGliteStore, createPgStore } from '../../server/index.js';
import { makeAnswer, makeSession, mutation, sessionWithAnswers, withStatus } from '../../server/conformance/fixtures.js';
import { Api, describeEachStore, requirePostgresInCi, unique } from './support.js';

describeEachStore('pull', { limits: { maxPullLimit: 4 } }, (suite) => {
  it('pages by limit with increasing cursors until hasMore is false', async () => {
    const user = unique('u');
    const session = makeSession(user);
    const answers = Array.from({ length: 9 }, (_, i) => makeAnswer(session, `item-${i % 3}`));
    await suite.api.push(user, sessionWithAnswers(session, answers));
    await suite.api.push(unique('other'), []);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await suite.api.pull(user, cursor, 3);
      pages += 1;
      const size = page.changes.sessions.length + page.changes.answers.length + page.changes.progress.length;
      assert.ok(size <= 3);
      if (cursor !== undefined && size > 0) assert.ok(BigInt(page.cursor) > BigInt(cursor), 'cursor increases');
      seen.push(...page.changes.answers.map((a) => a.id));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    // 1 session + 9 answers + progress rows (one per item, rewritten as answers arrive).
    assert.ok(pages >= 4);
    assert.deepEqual(seen, answers.map((a) => a.id));
    const empty = await suite.api.pull(user, cursor);
    assert.deepEqual(empty, { changes: { sessions: [], answers: [], progress: [], retractions: [] }, cursor, hasMore: false });
    const progress = (await suite.api.pullAll(user)).progress;
    assert.deepEqual(progress.map((p) => [p.itemId, p.reviewCount]).sort(), [['item-0', 3], ['item-1', 3], ['item-2', 3]]);
  });

  it('caps limit at maxPullLimit and uses the default without one', async () => {
    const user = unique('u');
    const session = makeSession(user);
    await suite.api.push(user, sessionWithAnswers(session, Array.from({ length: 6 }, () => makeAnswer(session, 'x'))));
    const capped = await suite.api.pull(user, undefined, 100);
    assert.equal(capped.changes.sessions.length + capped.changes.answers.length + capped.changes.progress.length, 4);
    assert.equal(capped.hasMore, true);
    const all = await new Api(suite.store).pull(user);
    assert.equal(all.hasMore, false);
    assert.equal(all.changes.answers.length, 6);
  });

  it('shows a session again after a change, not after a no-op update', async () => {
    const user = unique('u');
    const session = makeSession(user);
    await suite.api.push(user, [mutation('session', 'create', session)]);
    const { cursor } = await suite.api.pullAll(user);
    await suite.api.push(user, [mutation('session', 'update', session)]);
    assert.equal((await suite.api.pullAll(user, cursor)).sessions.length, 0, 'a no-op keeps the sequence');
    await suite.api.push(user, [mutation('session', 'update', withStatus(session, 'completed'))]);
    const later = await suite.api.pullAll(user, cursor);
    assert.deepEqual(later.sessions.map((s) => s.status), ['completed']);
  });

  it('answers 400 for a cursor or limit it never handed out', async () => {
    for (const query of ['since=abc', 'since=-1', 'since=1.5', 'limit=0', 'limit=x', 'limit=-3']) {
      const response = await suite.api.request('u', `/changes?${query}`);
      assert.equal(response.status, 400, query);
      const { error } = (await response.json()) as { error: { code: string } };
      assert.equal(error.code, query.startsWith('since') ? 'invalid-cursor' : 'invalid-request');
    }
  });
});

describe('restart on an existing data directory (PGlite)', () => {
  it('keeps every answer, session, progress row and applied mutation id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'offline-review-restart-'));
    try {
      const user = unique('u');
      const session = makeSession(user);
      const sent = sessionWithAnswers(session, [makeAnswer(session, 'a'), makeAnswer(session, 'b')]);
      const first = await createPGliteStore({ dataDir });
      await new Api(first).push(user, sent);
      const before = await new Api(first).pullAll(user);
      await first.close();

      const second = await createPGliteStore({ dataDir });
      const api = new Api(second);
      assert.deepEqual(await api.pullAll(user), before);
      assert.deepEqual((await api.push(user, sent)).results.map((r) => r.status), ['duplicate', 'duplicate', 'duplicate']);
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

if (process.env.DATABASE_URL) {
  describe('restart (PostgreSQL)', () => {
    it('a new pool on the same database sees everything and remembers mutation ids', async () => {
      const url = process.env.DATABASE_URL!;
      const user = unique('u');
      const session = makeSession(user);
      const sent = sessionWithAnswers(session, [makeAnswer(session, 'a')]);
      const first = await createPgStore(url);
      await new Api(first).push(user, sent);
      const before = await new Api(first).pullAll(user);
      await first.close();
      const second = await createPgStore(url, { poolSize: 2 });
      assert.deepEqual(await new Api(second).pullAll(user), before);
      assert.equal((await new Api(second).push(user, sent)).results[0]!.status, 'duplicate');
      await second.close();
    });
  });
}

requirePostgresInCi();
