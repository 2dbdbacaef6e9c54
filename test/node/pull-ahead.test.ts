// Pull asks for the next page while it merges the current one, and still merges them in order,
// each only after the one before; a failed merge stops there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pullAll } from '../../src/sync/pull.js';
import type { SyncClient, SyncStorage } from '../../src/sync/sync-ports.js';
import type { ChangeSet, PullResponse } from '../../src/types.js';

const empty: ChangeSet = { answers: [], sessions: [], progress: [] };

function parts(pages: number, failAt = -1) {
  const log: string[] = [];
  const merges: Array<() => void> = [];
  const client = {
    async pull(since: string | null): Promise<PullResponse> {
      const at = since === null ? 0 : Number(since);
      log.push(`pull ${at}`);
      return { changes: empty, cursor: String(at + 1), hasMore: at + 1 < pages } as PullResponse;
    },
  } as unknown as SyncClient;
  const storage = {
    async getPullCursor() {
      return null;
    },
    async deriveStale() {
      log.push('derive');
    },
    applyRemoteChanges(_user: string, _changes: ChangeSet, cursor: string) {
      log.push(`merge ${cursor}`);
      return new Promise<void>((resolve, reject) => merges.push(() => (Number(cursor) === failAt ? reject(new Error('quota')) : resolve())));
    },
  } as unknown as SyncStorage;
  return { log, merges, client, storage };
}

/** Lets the pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the next page is asked for before the current one is merged; merges run in order', async () => {
  const { log, merges, client, storage } = parts(3);
  const done = pullAll(storage, client, 'u', 500);
  await settle();
  assert.deepEqual(log, ['pull 0', 'pull 1', 'merge 1'], 'page 2 requested while page 1 merges');
  merges.shift()!();
  await settle();
  assert.deepEqual(log.slice(3), ['pull 2', 'merge 2']);
  merges.shift()!();
  await settle();
  merges.shift()!();
  assert.equal(await done, 3);
  assert.deepEqual(log.slice(5), ['merge 3', 'derive'], 'no request after the last page; what the pages marked stale is derived once, after it');
});

test('a failed merge rejects the pull and nothing after it is merged', async () => {
  const { log, merges, client, storage } = parts(5, 2);
  const done = pullAll(storage, client, 'u', 500);
  await settle();
  merges.shift()!();
  await settle();
  merges.shift()!();
  await assert.rejects(done, /quota/);
  await settle();
  assert.equal(log.filter((l) => l.startsWith('merge')).length, 2);
  assert.ok(!log.includes('derive'), 'a failed pull leaves its marks to the next pull, start or read');
});
