// The real reference server, mounted in the test runner, seen from a real page through fetch.
import { expect } from '@open-wc/testing';
import { signIn, signOut, unique } from '../../support/server.js';
import { encodeHlc } from '../../../src/hlc.js';
import { uuidv7 } from '../../../src/ids.js';
import type { AnswerRecord, Mutation, PullResponse, PushResponse, ReviewSession } from '../../../src/types.js';

const BASE = '/api/review';

function mutations(userId: string): Mutation[] {
  const now = Date.now();
  const hlc = encodeHlc({ wall: now, counter: 0, node: 'browser' });
  const session: ReviewSession = {
    id: uuidv7(),
    userId,
    deckId: 'smoke',
    itemIds: ['i1', 'i2'],
    mode: 'grade',
    status: 'active',
    statusHlc: hlc,
    startedAt: now,
    lastActivityAt: now,
    endedAt: null,
    deviceId: 'browser',
  };
  const answer: AnswerRecord = {
    id: uuidv7(),
    sessionId: session.id,
    userId,
    itemId: 'i1',
    deviceId: 'browser',
    answeredAt: now,
    rating: 3,
    correct: true,
    responseTimeMs: 1200,
  };
  return [
    { id: uuidv7(), type: 'session', action: 'create', data: session, hlc, clientTimestamp: now },
    { id: uuidv7(), type: 'answer', action: 'create', data: answer, hlc, clientTimestamp: now },
  ];
}

async function push(body: unknown): Promise<Response> {
  return fetch(`${BASE}/sync`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('reference server (smoke, through fetch)', () => {
  afterEach(() => signOut());

  it('applies a push, answers duplicate on a resend, and serves it back on pull', async () => {
    const user = unique('u');
    signIn(user);
    const batch = mutations(user);
    const first = await push({ protocol: 1, clientId: 'smoke', mutations: batch });
    expect(first.status).to.equal(200);
    const pushed = (await first.json()) as PushResponse;
    expect(pushed.results.map((r) => r.status)).to.deep.equal(['applied', 'applied']);

    const again = (await (await push({ protocol: 1, clientId: 'smoke', mutations: batch })).json()) as PushResponse;
    expect(again.results.map((r) => r.status)).to.deep.equal(['duplicate', 'duplicate']);

    const pulled = (await (await fetch(`${BASE}/changes`)).json()) as PullResponse;
    expect(pulled.hasMore).to.equal(false);
    expect(pulled.changes.sessions.map((s) => s.id)).to.deep.equal([(batch[0]!.data as ReviewSession).id]);
    expect(pulled.changes.answers.map((a) => a.id)).to.deep.equal([(batch[1]!.data as AnswerRecord).id]);
    expect(pulled.changes.progress[0]).to.include({ itemId: 'i1', reviewCount: 1, correctCount: 1 });

    const after = (await (await fetch(`${BASE}/changes?since=${encodeURIComponent(pulled.cursor)}`)).json()) as PullResponse;
    expect(after.changes.answers).to.have.length(0);
    expect(after.cursor).to.equal(pulled.cursor);
  });

  it('answers 401 without the cookie and 400 for a malformed body', async () => {
    const unauthenticated = await push({ protocol: 1, clientId: 'smoke', mutations: [] });
    expect(unauthenticated.status).to.equal(401);
    expect(((await unauthenticated.json()) as { error: { code: string } }).error.code).to.equal('auth-required');
    signIn(unique('u'));
    const malformed = await fetch(`${BASE}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"protocol": 1,',
    });
    expect(malformed.status).to.equal(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).to.equal('malformed-json');
  });
});
