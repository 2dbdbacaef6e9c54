// Undo and scheduling on the server: retractions are stored once, pulled, and leave progress
// and card states whichever order they arrive in; pulls carry the card state derived with the
// core's scheduler; GET /due counts a registered deck's cards for the learner's day.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeAnswer, makeRetraction, makeSession, mutation, sessionWithAnswers } from '../../server/conformance/fixtures.js';
import { deriveProgress } from '../../src/merge/derive.js';
import { defaultSchedulerParameters, deriveCardState, deriveCardStates, normalizeSchedulerParameters } from '../../src/scheduler/index.js';
import type { AnswerRecord, ProgressData } from '../../src/types.js';
import { Api, describeEachStore, errorCode, requirePostgresInCi, unique, type ApiSettings } from './support.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 15, 12);

function withoutCard(p: ProgressData): ProgressData {
  const { card: _card, ...rest } = p;
  return rest;
}

/** A clock fixed at NOW and one registered deck, "jp". */
const options: ApiSettings['options'] = {
  now: () => NOW,
  decks: (deck) => (deck === 'jp' ? { itemIds: ['neko', 'inu', 'tori', 'kame'], parameters: { learningSteps: ['1m', '10m'] } } : null),
};

describeEachStore('undo and scheduling on the server', { options }, (suite) => {
  it('stores a retraction once, pulls it, and derives progress without the answer', async () => {
    const user = unique('u');
    const session = makeSession(user, ['neko']);
    const first = makeAnswer(session, 'neko', { answeredAt: NOW - 3 * DAY });
    const second = makeAnswer(session, 'neko', { answeredAt: NOW - 2 * DAY, correct: false });
    await suite.api.push(user, sessionWithAnswers(session, [first, second]));
    const undo = mutation('retraction', 'create', makeRetraction(second));
    assert.equal((await suite.api.push(user, [undo])).results[0]!.status, 'applied');
    assert.equal((await suite.api.push(user, [undo])).results[0]!.status, 'duplicate');
    // The same retraction under another mutation id changes nothing.
    assert.equal((await suite.api.push(user, [mutation('retraction', 'create', undo.data)])).results[0]!.status, 'applied');
    const state = await suite.api.pullAll(user);
    assert.deepEqual(state.retractions, [undo.data]);
    assert.equal(state.answers.length, 2, 'answers stay: the retraction is an event of its own');
    const progress = state.progress.find((p) => p.itemId === 'neko')!;
    assert.equal(progress.reviewCount, 1);
    assert.equal(progress.correctCount, 1);
    assert.deepEqual(withoutCard(progress), deriveProgress(user, 'neko', [first, second], new Set([second.id])));
    assert.equal(progress.card!.answerCount, 1);
  });

  it('leaves out an answer whose retraction arrived first, or in the same batch', async () => {
    const user = unique('u');
    const session = makeSession(user, ['neko', 'inu']);
    const early = makeAnswer(session, 'neko', { answeredAt: NOW - DAY });
    const same = makeAnswer(session, 'inu', { answeredAt: NOW - DAY });
    await suite.api.push(user, [mutation('retraction', 'create', makeRetraction(early))]);
    await suite.api.push(user, [
      ...sessionWithAnswers(session, [early, same]),
      mutation('retraction', 'create', makeRetraction(same)),
    ]);
    const state = await suite.api.pullAll(user);
    for (const item of ['neko', 'inu']) {
      const progress = state.progress.find((p) => p.itemId === item)!;
      assert.equal(progress.reviewCount, 0, item);
      assert.equal(progress.card!.phase, 'new', item);
    }
  });

  it("counts an answer that only another user's retraction names", async () => {
    const [mine, theirs] = [unique('u'), unique('u')];
    const session = makeSession(mine, ['neko']);
    const answer = makeAnswer(session, 'neko', { answeredAt: NOW - DAY });
    // The other user's retraction names the id first (no answer stored yet: it is kept).
    const foreign = { ...makeRetraction(answer), userId: theirs };
    await suite.api.push(theirs, [mutation('retraction', 'create', foreign)]);
    await suite.api.push(mine, sessionWithAnswers(session, [answer]));
    const state = await suite.api.pullAll(mine);
    const progress = state.progress.find((p) => p.itemId === 'neko')!;
    assert.equal(progress.reviewCount, 1);
    assert.equal(progress.card!.answerCount, 1);
    assert.deepEqual(state.retractions ?? [], []);
  });

  it('rejects a retraction of another user\'s answer, or with another user\'s retraction id', async () => {
    const owner = unique('u');
    const thief = unique('v');
    const session = makeSession(owner, ['neko']);
    const answer = makeAnswer(session, 'neko');
    await suite.api.push(owner, sessionWithAnswers(session, [answer]));
    const foreign = { ...makeRetraction(answer), userId: thief };
    const result = (await suite.api.push(thief, [mutation('retraction', 'create', foreign)])).results[0]!;
    assert.equal(result.status, 'rejected');
    assert.equal(result.code, 'conflict');
    const own = makeRetraction(makeAnswer(makeSession(thief, ['x']), 'x'));
    await suite.api.push(thief, [mutation('retraction', 'create', own)]);
    const reused = (await suite.api.push(owner, [mutation('retraction', 'create', { ...own, userId: owner, answerId: answer.id })])).results[0]!;
    assert.equal(reused.code, 'conflict');
    assert.equal((await suite.api.pullAll(owner)).progress[0]!.reviewCount, 1);
    const bad = (await suite.api.push(owner, [mutation('retraction', 'create', { ...makeRetraction(answer), retractedAt: -1 })])).results[0]!;
    assert.equal(bad.code, 'invalid-mutation');
    const update = (await suite.api.push(owner, [mutation('retraction', 'update', makeRetraction(answer))])).results[0]!;
    assert.equal(update.code, 'unsupported-action');
  });

  it('pulls each progress record with the card state the core derives, in the learner day asked for', async () => {
    const user = unique('u');
    const session = makeSession(user, ['neko']);
    const answers: AnswerRecord[] = [1, 3, 3, 3].map((rating, i) => ({
      ...makeAnswer(session, 'neko', { answeredAt: NOW - (10 - i * 2) * DAY + i * 3_600_000 }),
      rating: rating as 1 | 3,
      correct: rating > 1,
    }));
    await suite.api.push(user, sessionWithAnswers(session, answers));
    for (const [query, day] of [
      ['', { timeZone: 'UTC', dayStartHour: 4 }],
      ['?tz=Pacific/Auckland&dayStart=2', { timeZone: 'Pacific/Auckland', dayStartHour: 2 }],
    ] as const) {
      const response = await suite.api.request(user, `/changes${query}`);
      const body = (await response.json()) as { changes: { progress: ProgressData[] } };
      assert.deepEqual(body.changes.progress[0]!.card, deriveCardState('neko', answers, new Set(), defaultSchedulerParameters, day));
    }
    assert.equal(await errorCode(await suite.api.request(user, '/changes?tz=Mars/Olympus')), 'invalid-request');
    assert.equal((await suite.api.request(user, '/changes?dayStart=25')).status, 400);
  });

  it('GET /due counts a registered deck: new, learning and review cards due for the learner day', async () => {
    const user = unique('u');
    const session = makeSession(user, ['neko', 'inu', 'tori']);
    const answers = [
      { ...makeAnswer(session, 'neko', { answeredAt: NOW - 30 * DAY }), rating: 3 as const }, // learning, due long ago
      { ...makeAnswer(session, 'inu', { answeredAt: NOW - 30 * DAY }), rating: 4 as const }, // review, due since
      { ...makeAnswer(session, 'tori', { answeredAt: NOW - 60_000 }), rating: 4 as const }, // review, due in days
      { ...makeAnswer(session, 'gone', { answeredAt: NOW - 30 * DAY }), rating: 1 as const }, // not in the deck
    ];
    await suite.api.push(user, sessionWithAnswers(session, answers));
    const response = await suite.api.request(user, '/due?deck=jp&tz=Asia/Kolkata');
    assert.equal(response.status, 200);
    const counts = (await response.json()) as Record<string, unknown>;
    const params = normalizeSchedulerParameters({ learningSteps: ['1m', '10m'] });
    const states = deriveCardStates(answers, new Set(), params, { timeZone: 'Asia/Kolkata', dayStartHour: 4 });
    assert.deepEqual(counts, {
      deck: 'jp',
      now: NOW,
      timeZone: 'Asia/Kolkata',
      dayStartHour: 4,
      new: 1,
      learning: 1,
      review: 1,
      due: 2,
      total: 4,
      nextDueAt: states.get('tori')!.due,
    });
    await suite.api.push(user, [mutation('retraction', 'create', makeRetraction(answers[0]!))]);
    const after = (await (await suite.api.request(user, '/due?deck=jp&tz=Asia/Kolkata')).json()) as Record<string, number>;
    assert.equal(after.new, 2, 'an undone answer leaves its card new');
    assert.equal(after.due, 1);
  });

  it('GET /due answers 400 without a deck or with a bad zone, 404 for an unknown deck, 401 signed out', async () => {
    const user = unique('u');
    assert.equal(await errorCode(await suite.api.request(user, '/due')), 'invalid-request');
    assert.equal((await suite.api.request(user, '/due?deck=jp&tz=Nowhere/Land')).status, 400);
    assert.equal(await errorCode(await suite.api.request(user, '/due?deck=fr')), 'not-found');
    assert.equal((await suite.api.request(null, '/due?deck=jp')).status, 401);
    assert.equal((await suite.api.request(user, '/due?deck=jp', { method: 'POST' })).status, 405);
    const bare = new Api(suite.store);
    assert.equal((await bare.request(user, '/due?deck=jp')).status, 404, 'no catalog: every deck is unknown');
  });
});

requirePostgresInCi();
