// The shared protocol validation (src/protocol/mutations.ts): every rejection path.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROTOCOL_LIMITS, isProtocolId, validateMutation, validatePushRequest } from '../../src/protocol/mutations.js';
import { makeAnswer, makeSession, mutation } from '../../server/conformance/fixtures.js';

const user = 'alice';
const session = makeSession(user);
const answer = makeAnswer(session, 'item');

function code(m: unknown): string {
  const result = validateMutation(m, { userId: user });
  return result.ok ? 'ok' : result.code;
}

describe('validateMutation', () => {
  it('accepts valid sessions and answers and drops unknown fields', () => {
    const result = validateMutation(mutation('answer', 'create', { ...answer, typedAnswer: 'ねこ', extra: 1 }), { userId: user });
    assert.equal(result.ok, true);
    assert.ok(result.ok);
    assert.equal((result.mutation.data as Record<string, unknown>).extra, undefined);
    assert.equal((result.mutation.data as Record<string, unknown>).typedAnswer, 'ねこ');
    const withoutRating = { ...answer };
    delete withoutRating.rating;
    assert.equal(code(mutation('answer', 'create', withoutRating)), 'ok');
    assert.equal(code(mutation('session', 'create', session)), 'ok');
    assert.equal(code(mutation('session', 'update', { ...session, status: 'completed', endedAt: 5 })), 'ok');
    assert.equal(code(mutation('statistics', 'create', { userId: user })), 'ok');
  });

  it('rejects envelopes with the right codes', () => {
    const good = mutation('answer', 'create', answer);
    assert.equal(code(null), 'invalid-mutation');
    assert.equal(code([]), 'invalid-mutation');
    assert.equal(code({ ...good, id: '' }), 'invalid-mutation');
    assert.equal(code({ ...good, id: 'a b' }), 'invalid-mutation');
    assert.equal(code({ ...good, id: 'x'.repeat(PROTOCOL_LIMITS.maxIdLength + 1) }), 'invalid-mutation');
    assert.equal(code({ ...good, type: 'deck' }), 'unsupported-type');
    assert.equal(code({ ...good, type: 'toString' }), 'unsupported-type');
    assert.equal(code({ ...good, action: 'delete' }), 'unsupported-action');
    assert.equal(code({ ...mutation('session', 'delete', session) }), 'unsupported-action');
    assert.equal(code({ ...good, hlc: 'yesterday' }), 'invalid-mutation');
    assert.equal(code({ ...good, clientTimestamp: -1 }), 'invalid-mutation');
    assert.equal(code({ ...good, clientTimestamp: 1.5 }), 'invalid-mutation');
    assert.equal(code({ ...good, data: 'x' }), 'invalid-mutation');
    assert.equal(code({ ...good, data: { ...answer, userId: 42 } }), 'invalid-mutation');
    assert.equal(code({ ...good, data: { ...answer, userId: 'bob' } }), 'wrong-user');
    assert.equal(code({ ...good, data: { ...answer, blob: 'x'.repeat(PROTOCOL_LIMITS.maxMutationBytes) } }), 'too-large');
  });

  it('rejects malformed answers', () => {
    const bad: Array<Record<string, unknown>> = [
      { id: 5 }, { sessionId: '' }, { itemId: null }, { deviceId: undefined }, { answeredAt: 'now' },
      { answeredAt: -5 }, { correct: 1 }, { responseTimeMs: -1 }, { rating: 0 }, { rating: '3' }, { typedAnswer: 3 },
    ];
    for (const patch of bad) assert.equal(code(mutation('answer', 'create', { ...answer, ...patch })), 'invalid-mutation', JSON.stringify(patch));
    const long = { ...answer, typedAnswer: 'x'.repeat(PROTOCOL_LIMITS.maxTypedAnswerLength + 1) };
    assert.equal(code(mutation('answer', 'create', long)), 'too-large');
  });

  it('rejects malformed sessions', () => {
    const bad: Array<Record<string, unknown>> = [
      { id: '' }, { deckId: 1 }, { deviceId: '' }, { itemIds: 'a' }, { itemIds: [1] }, { mode: 'quiz' },
      { status: 'done' }, { statusHlc: '1' }, { startedAt: null }, { lastActivityAt: 'x' }, { endedAt: undefined },
    ];
    for (const patch of bad) assert.equal(code(mutation('session', 'create', { ...session, ...patch })), 'invalid-mutation', JSON.stringify(patch));
    const huge = { ...session, itemIds: Array.from({ length: PROTOCOL_LIMITS.maxSessionItems + 1 }, (_, i) => `i${i}`) };
    assert.equal(code(mutation('session', 'create', huge)), 'too-large');
  });
});

describe('validatePushRequest', () => {
  it('accepts a valid envelope and refuses the rest with status and code', () => {
    const ok = validatePushRequest({ protocol: 1, clientId: 'c', mutations: [{ id: 'm' }] });
    assert.ok(ok.ok);
    assert.equal(ok.request.mutations.length, 1);
    const refused = (body: unknown) => {
      const result = validatePushRequest(body);
      return result.ok ? 'ok' : `${result.status} ${result.code}`;
    };
    assert.equal(refused(null), '400 invalid-request');
    assert.equal(refused({ protocol: '1', clientId: 'c', mutations: [] }), '400 unsupported-protocol');
    assert.equal(refused({ protocol: 1, mutations: [] }), '400 invalid-request');
    assert.equal(refused({ protocol: 1, clientId: 'c' }), '400 invalid-request');
    assert.equal(refused({ protocol: 1, clientId: 'c', mutations: [{}] }), '400 invalid-request');
    const many = Array.from({ length: PROTOCOL_LIMITS.maxMutationsPerPush + 1 }, (_, i) => ({ id: `m${i}` }));
    assert.equal(refused({ protocol: 1, clientId: 'c', mutations: many }), '413 too-many-mutations');
  });

  it('isProtocolId refuses control characters and non-strings', () => {
    assert.equal(isProtocolId('ok-1:2'), true);
    assert.equal(isProtocolId('a\u0000'), false);
    assert.equal(isProtocolId(7), false);
  });
});
