/**
 * Strict validation of protocol v1 responses on the client (docs/protocol.md). Why strict: a
 * queue entry leaves the device only when the server confirmed it, so a reply that merely
 * looks like success (a proxy's HTML page, a captive portal, another API) must never count
 * as one. Pulled records are checked field by field before they reach IndexedDB.
 * Pure: runs in pages, the service worker and Node.
 */
import { OfflineReviewError } from '../errors.js';
import { isHlc } from '../hlc.js';
import type {
  AnswerRecord,
  ChangeSet,
  DeviceCounters,
  MutationResult,
  ProgressData,
  PullResponse,
  PushResponse,
  ReviewSession,
} from '../types.js';
import { ResultStatus } from '../types.js';

type Obj = Record<string, unknown>;

const RESULT_STATUSES: readonly string[] = Object.values(ResultStatus);
const SESSION_STATUSES: readonly string[] = ['active', 'paused', 'completed', 'abandoned'];
const MODES: readonly string[] = ['grade', 'typed'];

/** The one way this file fails: `invalid-response` with where and what. */
function invalid(path: string, problem: string, extra: Record<string, unknown> = {}): OfflineReviewError {
  return new OfflineReviewError('invalid-response', `The server's answer is not protocol v1: ${path} ${problem}.`, {
    details: { path, problem, ...extra },
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, 'must be an object', { received: describe(value) });
  }
  return value as Obj;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array', { received: describe(value) });
  return value;
}

function string(value: unknown, path: string, nonEmpty = true): string {
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) {
    throw invalid(path, nonEmpty ? 'must be a non-empty string' : 'must be a string', { received: describe(value) });
  }
  return value;
}

function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : string(value, path, false);
}

/** A finite, non-negative integer (times, counts, durations). */
function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(path, 'must be a non-negative integer', { received: describe(value) });
  }
  return value;
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalid(path, 'must be a boolean', { received: describe(value) });
  return value;
}

function oneOf(value: unknown, allowed: readonly string[], path: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(path, `must be one of ${allowed.join(', ')}`, { received: typeof value === 'string' ? value : describe(value) });
  }
  return value;
}

/**
 * Validates a push response against the ids that were sent: `{results, cursor}` where every
 * sent id has exactly one result with a known status (`rejected` needs a code). Resolves the
 * response with known fields only and results in the order of `sentIds`.
 * @throws OfflineReviewError('invalid-response') with details (path, problem, missing,
 * unexpected, duplicated ids) for anything else.
 */
export function parsePushResponse(json: unknown, sentIds: readonly string[]): PushResponse {
  const body = object(json, 'body');
  const rawResults = array(body.results, 'results');
  const cursor = string(body.cursor, 'cursor', false);
  const byId = new Map<string, MutationResult>();
  const duplicated = new Set<string>();
  rawResults.forEach((raw, index) => {
    const path = `results[${index}]`;
    const entry = object(raw, path);
    const id = string(entry.id, `${path}.id`);
    const status = oneOf(entry.status, RESULT_STATUSES, `${path}.status`) as MutationResult['status'];
    const result: MutationResult = { id, status };
    const code = status === 'rejected' ? string(entry.code, `${path}.code`) : optionalString(entry.code, `${path}.code`);
    const message = optionalString(entry.message, `${path}.message`);
    if (code !== undefined) result.code = code;
    if (message !== undefined) result.message = message;
    if (byId.has(id)) duplicated.add(id);
    byId.set(id, result);
  });
  const sent = new Set(sentIds);
  const missing = sentIds.filter((id) => !byId.has(id));
  const unexpected = [...byId.keys()].filter((id) => !sent.has(id));
  if (missing.length || unexpected.length || duplicated.size) {
    throw invalid('results', 'must hold exactly one result per sent mutation', {
      missing,
      unexpected,
      duplicated: [...duplicated],
      sent: sentIds.length,
      received: rawResults.length,
    });
  }
  return { results: sentIds.map((id) => byId.get(id)!), cursor };
}

function parseSession(raw: unknown, path: string): ReviewSession {
  const s = object(raw, path);
  const status = oneOf(s.status, SESSION_STATUSES, `${path}.status`) as ReviewSession['status'];
  if (!isHlc(s.statusHlc)) throw invalid(`${path}.statusHlc`, 'must be an HLC timestamp', { received: describe(s.statusHlc) });
  return {
    id: string(s.id, `${path}.id`),
    userId: string(s.userId, `${path}.userId`),
    deckId: string(s.deckId, `${path}.deckId`),
    itemIds: array(s.itemIds, `${path}.itemIds`).map((item, i) => string(item, `${path}.itemIds[${i}]`)),
    mode: oneOf(s.mode, MODES, `${path}.mode`) as ReviewSession['mode'],
    status,
    statusHlc: s.statusHlc,
    startedAt: count(s.startedAt, `${path}.startedAt`),
    lastActivityAt: count(s.lastActivityAt, `${path}.lastActivityAt`),
    endedAt: s.endedAt === null ? null : count(s.endedAt, `${path}.endedAt`),
    deviceId: string(s.deviceId, `${path}.deviceId`),
  };
}

function parseAnswer(raw: unknown, path: string): AnswerRecord {
  const a = object(raw, path);
  const answer: AnswerRecord = {
    id: string(a.id, `${path}.id`),
    sessionId: string(a.sessionId, `${path}.sessionId`),
    userId: string(a.userId, `${path}.userId`),
    itemId: string(a.itemId, `${path}.itemId`),
    deviceId: string(a.deviceId, `${path}.deviceId`),
    answeredAt: count(a.answeredAt, `${path}.answeredAt`),
    correct: boolean(a.correct, `${path}.correct`),
    responseTimeMs: count(a.responseTimeMs, `${path}.responseTimeMs`),
  };
  if (a.rating !== undefined) {
    if (a.rating !== 1 && a.rating !== 2 && a.rating !== 3 && a.rating !== 4) {
      throw invalid(`${path}.rating`, 'must be 1, 2, 3 or 4', { received: describe(a.rating) });
    }
    answer.rating = a.rating;
  }
  const typed = optionalString(a.typedAnswer, `${path}.typedAnswer`);
  if (typed !== undefined) answer.typedAnswer = typed;
  return answer;
}

function parseCounters(raw: unknown, path: string): DeviceCounters {
  const c = object(raw, path);
  const counters: DeviceCounters = {
    reviewCount: count(c.reviewCount, `${path}.reviewCount`),
    correctCount: count(c.correctCount, `${path}.correctCount`),
  };
  if (c.totalResponseTimeMs !== undefined) counters.totalResponseTimeMs = count(c.totalResponseTimeMs, `${path}.totalResponseTimeMs`);
  return counters;
}

function parseProgress(raw: unknown, path: string): ProgressData {
  const p = object(raw, path);
  const devices = object(p.byDevice, `${path}.byDevice`);
  const byDevice: Record<string, DeviceCounters> = {};
  for (const [device, counters] of Object.entries(devices)) {
    byDevice[device] = parseCounters(counters, `${path}.byDevice.${device}`);
  }
  const recent = array(p.recent, `${path}.recent`).map((entry, i) => {
    const r = object(entry, `${path}.recent[${i}]`);
    return {
      answeredAt: count(r.answeredAt, `${path}.recent[${i}].answeredAt`),
      id: string(r.id, `${path}.recent[${i}].id`),
      correct: boolean(r.correct, `${path}.recent[${i}].correct`),
    };
  });
  return {
    userId: string(p.userId, `${path}.userId`),
    itemId: string(p.itemId, `${path}.itemId`),
    reviewCount: count(p.reviewCount, `${path}.reviewCount`),
    correctCount: count(p.correctCount, `${path}.correctCount`),
    learned: boolean(p.learned, `${path}.learned`),
    lastReviewed: count(p.lastReviewed, `${path}.lastReviewed`),
    byDevice,
    recent,
  };
}

/**
 * Validates a pull response: `{changes: {sessions, answers, progress}, cursor, hasMore}`
 * with every record checked field by field. Resolves the response with known fields only.
 * @throws OfflineReviewError('invalid-response') with details (path, problem) otherwise.
 */
export function parsePullResponse(json: unknown): PullResponse {
  const body = object(json, 'body');
  const raw = object(body.changes, 'changes');
  const changes: ChangeSet = {
    sessions: array(raw.sessions, 'changes.sessions').map((s, i) => parseSession(s, `changes.sessions[${i}]`)),
    answers: array(raw.answers, 'changes.answers').map((a, i) => parseAnswer(a, `changes.answers[${i}]`)),
    progress: array(raw.progress, 'changes.progress').map((p, i) => parseProgress(p, `changes.progress[${i}]`)),
  };
  return {
    changes,
    cursor: string(body.cursor, 'cursor', false),
    hasMore: boolean(body.hasMore, 'hasMore'),
  };
}
