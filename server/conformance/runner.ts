/**
 * Runs the conformance checks against a server by URL and reports PASS/FAIL per check.
 */
import { OfflineReviewError } from '../../src/errors.js';
import { authCheck, limitChecks } from './checks-limits.js';
import { pushChecks } from './checks-push.js';
import { scheduleChecks } from './checks-schedule.js';
import { badInputChecks, crossSiteChecks } from './checks-safety.js';
import type { Check } from './assertions.js';
import { ConformanceClient, type UserCredentials } from './client.js';

/** Every check, in the order they run (the auth check first). */
export const CHECKS: readonly Check[] = [authCheck, ...pushChecks, ...scheduleChecks, ...limitChecks, ...crossSiteChecks, ...badInputChecks];

/** Options of runConformance. */
export interface ConformanceOptions {
  /** The protocol base, e.g. http://localhost:8080/api/review. */
  baseUrl: string;
  /** The two users the checks act as (they must be different users). */
  users: [UserCredentials, UserCredentials];
  /** Skip the 401 check (for a server that has no authentication). */
  skipAuth?: boolean;
  /** Run only the checks whose id is listed. */
  only?: string[];
  /** Called after each check (the CLI prints from here). */
  onResult?: (result: CheckResult) => void;
}

/** The outcome of one check. */
export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** Why it failed. */
  error?: string;
  ms: number;
}

/**
 * Runs the checks one after another. Resolves every result (a failing check never stops the
 * others); rejects with OfflineReviewError('invalid-input') only for bad options.
 */
export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const [userA, userB] = options.users;
  if (userA.userId === userB.userId) throw new OfflineReviewError('invalid-input', 'The two conformance users must be different.');
  const ctx = { a: new ConformanceClient(options.baseUrl, userA), b: new ConformanceClient(options.baseUrl, userB) };
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    if (options.skipAuth && check === authCheck) continue;
    if (options.only && !options.only.includes(check.id)) continue;
    const started = Date.now();
    let result: CheckResult;
    try {
      await check.run(ctx);
      result = { id: check.id, title: check.title, passed: true, ms: Date.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { id: check.id, title: check.title, passed: false, error: message, ms: Date.now() - started };
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}

/** One line per result: `PASS id — title (12 ms)`, failures followed by their reason. */
export function formatResult(result: CheckResult): string {
  const line = `${result.passed ? 'PASS' : 'FAIL'} ${result.id} — ${result.title} (${result.ms} ms)`;
  return result.passed ? line : `${line}\n     ${result.error?.split('\n').join('\n     ')}`;
}
