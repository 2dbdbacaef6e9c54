/**
 * Shared pieces of the conformance checks: the check type and assertions that say what a
 * server did wrong.
 */
import assert from 'node:assert/strict';
import type { ChangeSet, Mutation, PushResponse } from '../../src/types.js';
import type { ConformanceClient, RawResult } from './client.js';

/** What a check gets: a client per user (`b` is another user). */
export interface CheckContext {
  a: ConformanceClient;
  b: ConformanceClient;
}

/** One named check. */
export interface Check {
  id: string;
  title: string;
  run(ctx: CheckContext): Promise<void>;
}

/** The cursor at the end of the user's changes right now. */
export async function endCursor(client: ConformanceClient): Promise<string | null> {
  return (await client.pullAll(null, 1000)).cursor;
}

/** Everything the user's changes hold after `since`, all pages merged. */
export async function changesAfter(client: ConformanceClient, since: string | null): Promise<ChangeSet> {
  const { pages } = await client.pullAll(since, 1000);
  return {
    sessions: pages.flatMap((p) => p.changes.sessions),
    answers: pages.flatMap((p) => p.changes.answers),
    progress: pages.flatMap((p) => p.changes.progress),
  };
}

/** Asserts that the user's changes after `since` hold no session and no answer. */
export async function expectNoChangesAfter(client: ConformanceClient, since: string | null, message: string): Promise<void> {
  const changes = await changesAfter(client, since);
  assert.equal(changes.sessions.length + changes.answers.length, 0, message);
}

/** The status of the last copy of session `id` in the user's changes after `since`. */
export async function lastSessionStatus(client: ConformanceClient, since: string | null, id: string): Promise<string | undefined> {
  return (await changesAfter(client, since)).sessions.filter((s) => s.id === id).at(-1)?.status;
}

/** Asserts a push answered one result per mutation, in order, with these statuses. */
export function expectResults(response: PushResponse, sent: Mutation[], statuses: string[]): void {
  assert.ok(Array.isArray(response.results), 'results must be an array');
  assert.deepEqual(response.results.map((r) => r.id), sent.map((m) => m.id), 'one result per mutation, in order');
  assert.deepEqual(response.results.map((r) => r.status), statuses, 'result statuses');
  assert.equal(typeof response.cursor, 'string', 'push answers a cursor string');
}

/** Asserts a whole-request error: status and a body `{error: {code, message}}`. */
export function expectError(result: RawResult, status: number, code?: string): void {
  assert.equal(result.status, status, `HTTP status (body: ${result.text.slice(0, 200)})`);
  const error = (result.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  assert.equal(typeof error?.code, 'string', 'the body is {error: {code, message}}');
  assert.equal(typeof error?.message, 'string', 'the body is {error: {code, message}}');
  if (code) assert.equal(error?.code, code, 'error code');
}

/** Sorted ids of a list. */
export function ids(list: Array<{ id: string }>): string[] {
  return list.map((x) => x.id).sort();
}

