/**
 * Strict validation of protocol v1 responses on the client (docs/protocol.md). Why strict: a
 * queue entry leaves the device only when the server confirmed it, so a reply that merely
 * looks like success (a proxy's HTML page, a captive portal, another API) must never count
 * as one. Pulled records are checked field by field before they reach IndexedDB.
 * Pure: runs in pages, the service worker and Node.
 */
import { OfflineReviewError } from '../errors.js';
import { ANSWER_FIELDS, RETRACTION_FIELDS, SESSION_FIELDS, checkRecord, type RecordTable } from '../records/index.js';
import type { CardState } from '../scheduler/card-state.js';
import type {
  AnswerRecord,
  AnswerRetraction,
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

/** Checks one field: resolves its value, or undefined to leave an optional field out. */
type Field = (value: unknown, path: string) => unknown;

/**
 * Checks `raw` as an object with exactly these fields (others are dropped), each at
 * `path.key`; resolves the record with the fields whose check gave a value.
 */
function record<T>(fields: Record<string, Field>): (raw: unknown, path: string) => T {
  return (raw, path) => {
    const source = object(raw, path);
    const out: Obj = {};
    for (const [key, check] of Object.entries(fields)) {
      const value = check(source[key], `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as T;
  };
}

/** An array whose items pass `item`, each at `path[i]`. */
function list(item: Field): Field {
  return (value, path) => array(value, path).map((entry, i) => item(entry, `${path}[${i}]`));
}

/** `check`, or absent (undefined). */
function optional(check: Field): Field {
  return (value, path) => (value === undefined ? undefined : check(value, path));
}

const text: Field = (value, path) => string(value, path);
const oneOfField = (allowed: readonly string[]): Field => (value, path) => oneOf(value, allowed, path);

/**
 * A record checked against its table (src/records/), the one the server and the device's
 * storage check too; a field that does not fit is `invalid-response` at `path.field`.
 */
function tableRecord<T>(table: RecordTable<T>): (raw: unknown, path: string) => T {
  return (raw, path) => {
    const checked = checkRecord(table, raw);
    if (checked.ok) return checked.value;
    const value = checked.field ? (raw as Obj)[checked.field] : raw;
    const at = checked.field ? `${path}.${checked.field}${checked.index === undefined ? '' : `[${checked.index}]`}` : path;
    throw invalid(at, checked.problem, { received: describe(checked.index === undefined ? value : (value as unknown[])[checked.index]) });
  };
}

const parseSession = tableRecord(SESSION_FIELDS);
const parseAnswer = tableRecord(ANSWER_FIELDS);

/**
 * A checker built on first use. Why: only pulls read progress, cards and retractions, and a
 * bundle that never pulls (the worker) drops a pure, unused `lazy(...)` whole; a checker built
 * at load would stay in it.
 */
function lazy<T>(make: () => (raw: unknown, path: string) => T): (raw: unknown, path: string) => T {
  let parse: ((raw: unknown, path: string) => T) | undefined;
  return (raw, path) => (parse ??= make())(raw, path);
}

const parseCounters = /* @__PURE__ */ lazy(() =>
  record<DeviceCounters>({
    reviewCount: count,
    correctCount: count,
    totalResponseTimeMs: optional(count),
    retractedCount: optional(count),
    retractedCorrect: optional(count),
    retractedResponseTimeMs: optional(count),
  }),
);

/** A finite number (stability and difficulty are fractions). */
function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, 'must be a finite number', { received: describe(value) });
  return value;
}

const parseCard = /* @__PURE__ */ lazy(() =>
  record<CardState>({
    itemId: text,
    phase: oneOfField(['new', 'learning', 'review', 'relearning']),
    stability: finite,
    difficulty: finite,
    due: count,
    reps: count,
    lapses: count,
    lastReviewAt: (value, path) => (value === null ? null : count(value, path)),
    step: count,
    scheduledDays: count,
    parametersKey: text,
    answerCount: count,
  }),
);

const parseRetraction = /* @__PURE__ */ lazy(() => tableRecord(RETRACTION_FIELDS));

const parseProgress = /* @__PURE__ */ lazy(() =>
  record<ProgressData>({
    userId: text,
    itemId: text,
    reviewCount: count,
    correctCount: count,
    learned: boolean,
    lastReviewed: count,
    byDevice: (value, path) => {
      const byDevice: Record<string, DeviceCounters> = {};
      for (const [device, counters] of Object.entries(object(value, path))) byDevice[device] = parseCounters(counters, `${path}.${device}`);
      return byDevice;
    },
    recent: list(record({ answeredAt: count, id: text, correct: boolean })),
    retracted: optional(list(text)),
    card: optional(parseCard),
  }),
);

/**
 * Validates a pull response: `{changes: {sessions, answers, progress, retractions?}, cursor, hasMore}`
 * with every record checked field by field. Resolves the response with known fields only.
 * @throws OfflineReviewError('invalid-response') with details (path, problem) otherwise.
 */
export function parsePullResponse(json: unknown): PullResponse {
  const body = object(json, 'body');
  const raw = object(body.changes, 'changes');
  const changes: ChangeSet = {
    sessions: list(parseSession)(raw.sessions, 'changes.sessions') as ReviewSession[],
    answers: list(parseAnswer)(raw.answers, 'changes.answers') as AnswerRecord[],
    progress: list(parseProgress)(raw.progress, 'changes.progress') as ProgressData[],
  };
  // Absent from servers that predate undo: read as none.
  if (raw.retractions !== undefined) changes.retractions = list(parseRetraction)(raw.retractions, 'changes.retractions') as AnswerRetraction[];
  return {
    changes,
    cursor: string(body.cursor, 'cursor', false),
    hasMore: boolean(body.hasMore, 'hasMore'),
  };
}
