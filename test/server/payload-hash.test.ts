// The payload hash that tells a resent mutation from a reused id: computed in the request's own
// thread (a plain string, not a job handed to a worker thread and awaited), and the same
// SHA-256 of the same canonical text as Web Crypto gives, so the hashes an earlier version
// stored still match a resend after an upgrade.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { payloadHash } from '../../server/input-check.js';
import type { Mutation } from '../../src/types.js';

const mutation = {
  id: 'm-1',
  type: 'answer',
  action: 'create',
  hlc: '000001764620000000-0000-device',
  clientTimestamp: 1764620000000,
  data: { userId: 'u-1', id: 'a-1', itemId: 'item-1', rating: 3, correct: true, note: undefined },
} as unknown as Mutation;

// Keys sorted at every level, undefined members left out, id not part of it.
const canonicalText =
  '{"action":"create","clientTimestamp":1764620000000,' +
  '"data":{"correct":true,"id":"a-1","itemId":"item-1","rating":3,"userId":"u-1"},' +
  '"hlc":"000001764620000000-0000-device","type":"answer"}';

describe('payloadHash', () => {
  test('is computed in this thread: a hex string, not a promise', () => {
    const hash = payloadHash(mutation);
    assert.equal(typeof hash, 'string');
    assert.match(hash as string, /^[0-9a-f]{64}$/);
  });

  test("equals Web Crypto's SHA-256 of the canonical text, as earlier versions stored it", async () => {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalText)));
    const expected = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    assert.equal(payloadHash(mutation), expected);
  });

  test('differs when the change differs, not when only key order or the id does', () => {
    const reordered = { ...mutation, id: 'm-2', data: { rating: 3, correct: true, itemId: 'item-1', id: 'a-1', userId: 'u-1' } } as unknown as Mutation;
    assert.equal(payloadHash(reordered), payloadHash(mutation));
    const changed = { ...mutation, data: { ...(mutation.data as object), rating: 1 } } as unknown as Mutation;
    assert.notEqual(payloadHash(changed), payloadHash(mutation));
  });
});
