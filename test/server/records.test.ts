// One field table per record drives both sides: the device (its storage gate, the engine's
// answer builder, the deck normaliser) and the server's validator. For representative good
// and bad values of every field, what the device accepts the server accepts, and what the
// device refuses the server refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildAnswer } from '../../src/engine/answer.js';
import { validateMutation } from '../../src/protocol/mutations.js';
import {
  ANSWER_FIELDS,
  CONTENT_FIELDS,
  MUTATION_FIELDS,
  RECORD_LIMITS,
  RETRACTION_FIELDS,
  SESSION_FIELDS,
  checkRecord,
  normaliseItems,
  type Field,
  type FieldKind,
  type RecordTable,
} from '../../src/records/index.js';
import type { AnswerRecord, AnswerRetraction, ReviewSession } from '../../src/types.js';
import { makeAnswer, makeRetraction, makeSession, mutation } from '../../server/conformance/fixtures.js';

const user = 'alice';
const session = makeSession(user);
const answer = makeAnswer(session, 'item-1');

/** Values that fit (`good`) and do not fit (`bad`) a field of each kind; `max` adds the limit. */
function samples(field: Field): { good: unknown[]; bad: unknown[] } {
  const strings = { bad: [5, null, true, {}, 'a\u0000b', 'a\ud800b', '\udc00'] };
  const byKind: Record<FieldKind, { good: unknown[]; bad: unknown[] }> = {
    id: {
      good: ['a', 'item-1', 'Lesson-1:Q1', 'ключ', '日本語', '😀', 'x'.repeat(RECORD_LIMITS.maxIdLength)],
      bad: [...strings.bad, '', 'a b', 'Lesson 1 / Q1', 'tab\there', 'line\n', '\u0085', '\u00a0', 'x'.repeat(RECORD_LIMITS.maxIdLength + 1)],
    },
    text: { good: ['', 'ねこ', '😀 e\u0301', '<b>x</b>'], bad: strings.bad },
    count: { good: [0, 1, 1500, Number.MAX_SAFE_INTEGER], bad: [-1, 1.5, NaN, Infinity, '3', null, 2 ** 53] },
    number: { good: [0, 1, 2.5, -3], bad: [NaN, Infinity, '1', null] },
    boolean: { good: [true, false], bad: [0, 'true', null] },
    enum: { good: [...(field.values ?? [])], bad: ['other', 0, null] },
    hlc: { good: ['001732470000000:00003:dev-1'], bad: ['yesterday', '001732470000000:00003:', '001732470000000:00003:a b', '001732470000000:00003:a\u0000'] },
    ids: { good: [[], ['a', 'b']], bad: ['a', [1], ['a b'], ['a\u0000']] },
    texts: { good: [[], ['ねこ', 'neko', 'cat']], bad: ['neko', [1], [''], ['  '], ['a\u0000'], [null]] },
    object: { good: [{}, { a: 1 }], bad: [[], null, 'x'] },
  };
  const { good, bad } = byKind[field.kind];
  if (field.kind === 'text' && field.max !== undefined) return { good: [...good, 'x'.repeat(field.max)], bad: [...bad, 'x'.repeat(field.max + 1)] };
  if (field.kind === 'texts' && field.max !== undefined) {
    return { good: [...good, Array.from({ length: field.max }, (_, i) => `a${i}`)], bad: [...bad, Array.from({ length: field.max + 1 }, (_, i) => `a${i}`)] };
  }
  if (field.kind === 'ids' && field.max !== undefined) {
    return { good: [...good, Array.from({ length: field.max }, (_, i) => `i${i}`)], bad: [...bad, Array.from({ length: field.max + 1 }, (_, i) => `i${i}`)] };
  }
  if (field.nullable) return { good: [...good, null], bad: bad.filter((v) => v !== null) };
  return { good, bad };
}

/** Every field of `table` with every sample, as `base` with that field replaced. */
function* variants<T>(table: RecordTable<T>, base: T): Generator<{ field: string; value: unknown; good: boolean; record: T }> {
  for (const [field, rule] of Object.entries(table) as Array<[string, Field]>) {
    const { good, bad } = samples(rule);
    for (const value of good) yield { field, value, good: true, record: { ...base, [field]: value } };
    for (const value of bad) yield { field, value, good: false, record: { ...base, [field]: value } };
  }
}

/** What the server says of `data` sent as a `type` mutation; for userId, as that user. */
function serverAccepts(type: 'answer' | 'session' | 'retraction', data: object): boolean {
  const { userId } = data as { userId?: unknown };
  const asUser = typeof userId === 'string' ? userId : user;
  return validateMutation(mutation(type, 'create', data), { userId: asUser }).ok;
}

const show = (value: unknown): string => (typeof value === 'string' && value.length > 40 ? `${value.slice(0, 20)}… (${value.length})` : JSON.stringify(value) ?? String(value));

describe('one field table for the device and the server', () => {
  it('answers: the device accepts exactly what the server accepts', () => {
    let count = 0;
    for (const { field, value, good, record } of variants<AnswerRecord>(ANSWER_FIELDS, answer)) {
      const device = checkRecord(ANSWER_FIELDS, record).ok;
      assert.equal(device, good, `device, answer.${field} = ${show(value)}`);
      assert.equal(serverAccepts('answer', record), device, `server, answer.${field} = ${show(value)}`);
      count += 1;
    }
    assert.ok(count > 80, `${count} values`);
  });

  it('sessions: the device accepts exactly what the server accepts', () => {
    for (const { field, value, good, record } of variants<ReviewSession>(SESSION_FIELDS, session)) {
      const device = checkRecord(SESSION_FIELDS, record).ok;
      assert.equal(device, good, `device, session.${field} = ${show(value)}`);
      assert.equal(serverAccepts('session', record), device, `server, session.${field} = ${show(value)}`);
    }
  });

  it('retractions: the device accepts exactly what the server accepts', () => {
    for (const { field, value, good, record } of variants<AnswerRetraction>(RETRACTION_FIELDS, makeRetraction(answer))) {
      const device = checkRecord(RETRACTION_FIELDS, record).ok;
      assert.equal(device, good, `device, retraction.${field} = ${show(value)}`);
      assert.equal(serverAccepts('retraction', record), device, `server, retraction.${field} = ${show(value)}`);
    }
  });

  it('mutation envelopes: the table and the server agree', () => {
    const envelope = mutation('answer', 'create', answer);
    for (const { field, value, good, record } of variants(MUTATION_FIELDS, envelope)) {
      if (field === 'data' && good) continue; // another object is not an answer: checked above
      const server = validateMutation(record, { userId: user }).ok;
      if (field === 'type' || field === 'action') {
        // A known type or action that does not go with answer data is refused all the same.
        if (!good) assert.equal(server, false, `server, mutation.${field} = ${show(value)}`);
        continue;
      }
      const device = checkRecord(MUTATION_FIELDS, record).ok;
      assert.equal(server, device, `server, mutation.${field} = ${show(value)}`);
      assert.equal(device, good, `device, mutation.${field} = ${show(value)}`);
    }
  });

  it('a deck item the normaliser keeps has an id the server takes in an answer and a session', () => {
    const { good, bad } = samples(CONTENT_FIELDS.id);
    for (const id of [...good, ...bad]) {
      const kept = normaliseItems([{ id, prompt: 'p', answer: 'a' }]).items.length === 1;
      assert.equal(kept, good.includes(id), `deck item id ${show(id)}`);
      assert.equal(serverAccepts('answer', { ...answer, itemId: id }), kept, `answer.itemId ${show(id)}`);
      assert.equal(serverAccepts('session', { ...session, itemIds: [id] }), kept, `session.itemIds ${show(id)}`);
    }
  });

  it("the engine's answer builder makes only answers the server takes, and whole milliseconds of any measured time", () => {
    for (const responseTimeMs of [0, 0.4, 1499.5, 2000.4, 86_400_000]) {
      const built = buildAnswer({ sessionId: session.id, itemId: 'item-1', rating: 3, responseTimeMs }, user, 'device-1', 1_732_470_000_000);
      assert.equal(built.responseTimeMs, Math.round(responseTimeMs));
      assert.equal(checkRecord(ANSWER_FIELDS, built).ok, true);
      assert.equal(serverAccepts('answer', built), true, `responseTimeMs ${responseTimeMs}`);
    }
    for (const typedAnswer of ['', 'x'.repeat(RECORD_LIMITS.maxTypedAnswerLength), 'x'.repeat(RECORD_LIMITS.maxTypedAnswerLength + 1), 'a\u0000']) {
      const built = buildAnswer({ sessionId: session.id, itemId: 'item-1', correct: false, typedAnswer, responseTimeMs: 1 }, user, 'device-1', 1);
      // The builder shapes the record; the storage gate (the table) and the server decide alike.
      assert.equal(checkRecord(ANSWER_FIELDS, built).ok, serverAccepts('answer', built), `typedAnswer ${show(typedAnswer)}`);
    }
  });

  it('names the rejection codes by what is wrong: too-large, invalid-text, invalid-mutation', () => {
    const code = (data: Partial<AnswerRecord>): string => {
      const result = validateMutation(mutation('answer', 'create', { ...answer, ...data }), { userId: user });
      return result.ok ? 'ok' : result.code;
    };
    assert.equal(code({ typedAnswer: 'x'.repeat(RECORD_LIMITS.maxTypedAnswerLength + 1) }), 'too-large');
    assert.equal(code({ typedAnswer: 'a\u0000' }), 'invalid-text');
    assert.equal(code({ itemId: 'a\ud800' }), 'invalid-text');
    assert.equal(code({ itemId: 'a b' }), 'invalid-mutation');
    assert.equal(code({ responseTimeMs: 1.5 }), 'invalid-mutation');
  });
});
