// Typed helpers over the test runner's server commands (test/support/api-plugin.mjs).
import { executeServerCommand } from '@web/test-runner-commands';
import type { AnswerRecord, ProgressData, ReviewSession } from '../../src/types.js';
import { waitUntil } from './until.js';
import './reportable-failures.js';

export interface FaultRule {
  /** Substring of the path, e.g. '/sync' or '/changes'. Omit for every API request. */
  match?: string;
  method?: 'GET' | 'POST';
  mode: 'down' | 'status' | 'delay' | 'commit-then-drop' | 'hang' | 'cut-body' | 'stall-body' | 'hold-body' | 'hold';
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  /** Only requests whose body contains this text (e.g. one mutation's id). */
  bodyIncludes?: string;
  /** How many requests the rule applies to; omit for "until cleared". */
  times?: number;
  body?: unknown;
  /** API requests: the rule spares requests that carry this header (a CSRF check). */
  unlessHeader?: string;
  /** Pages (status mode with a body): response headers. */
  headers?: Record<string, string>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  at: number;
  bytes: number;
  status?: number;
  fault: string | null;
  mutationIds?: string[];
  /** API requests only: accept, content-type, x-csrf-token, x-csrftoken and authorization as sent. */
  headers?: Record<string, string>;
  /** API requests only: whether the request carried a cookie. */
  credentialed?: boolean;
}

export const api = {
  /** Adds a fault rule. */
  fault: (rule: FaultRule) => executeServerCommand('api-fault', rule),
  /** Removes every fault rule and closes hanging requests. */
  clear: () => executeServerCommand('api-fault', { clear: true }),
  /** Sends every request a `hold` rule held, and the rest of every answer a `hold-body` rule held. */
  release: () => executeServerCommand('api-fault', { release: true }),
  /**
   * The paths of the requests held now (by `hold` or `hold-body`): what a release would send.
   * Wait on this before a release, not on the log, which keeps earlier files' requests (a
   * release before the request arrives sends nothing, and the request is held until a clear).
   */
  held: async () => (await executeServerCommand<string[], undefined>('api-held')) ?? [],
  /** The requests seen since the last clear. */
  log: async (options: { clear?: boolean } = {}) =>
    (await executeServerCommand<LoggedRequest[], { clear?: boolean }>('api-log', options)) ?? [],
  /** What the reference server holds for a user, read through its own pull endpoint. */
  serverState: async (userId: string) =>
    (await executeServerCommand<
      { answers: AnswerRecord[]; sessions: ReviewSession[]; progress: ProgressData[] },
      { userId: string }
    >('api-server-state', { userId }))!,
  /**
   * Sets the test site's token URL (/test/token): token lifetime, a user to mint for whatever the
   * cookie says, the status it answers; `revoke` makes the server refuse the tokens handed out so far.
   */
  tokens: (options: { ttlSeconds?: number; subject?: string | null; status?: number; revoke?: boolean } = {}) =>
    executeServerCommand('api-tokens', options),
  /** Starts the reference server (PGlite's first open takes a few seconds). */
  warm: () => executeServerCommand('api-warm'),
};

/** A module request's fault: held until `api.release()`, or answered with a 503 (offline before the worker cached it). */
export type ModuleFault = 'hold' | 'fail';

/**
 * Holds or fails every request for the module at `path` (until `api.clear()`). Resolves a wait
 * for the fault to have met a request of the page: a held one, named by `api.held()` (a release
 * before it arrives would send nothing), or a 503 answered since this call (the log keeps earlier
 * files' requests). The wait rejects with `message` after the usual bound.
 */
export async function faultModule(path: string, fault: ModuleFault): Promise<(message: string) => Promise<void>> {
  const before = (await api.log()).length;
  await api.fault(fault === 'hold' ? { match: path, mode: 'hold' } : { match: path, mode: 'status', status: 503 });
  const met =
    fault === 'hold'
      ? async (): Promise<boolean> => (await api.held()).includes(path)
      : async (): Promise<boolean> => (await api.log()).slice(before).some((entry) => entry.path === path && entry.fault === 'status');
  return (message) => waitUntil(met, message);
}

export const cdp = {
  /**
   * Fires a real Background Sync `sync` event at the page origin's service worker (with
   * `scope`, e.g. '/test/sw/scope/', at the newest registration of that scope).
   */
  sync: (tag = 'offline-review-sync', lastChance = false, scope?: string) =>
    executeServerCommand('cdp-sync', { tag, lastChance, scope }),
  /** Sets (or with null, resets) the origin's storage quota: real QuotaExceededErrors past it. */
  quota: (quotaSize: number | null) => executeServerCommand('cdp-quota', { quotaSize }),
  /**
   * Makes the page's device offline (`navigator.onLine` false, `offline` fired) or online
   * again; resolves whether the device itself went offline. Requests still pass: pair it with
   * `api.fault({ mode: 'down' })`. WebKit (classic WebDriver) has no offline mode: there the
   * test server cuts every request instead, `navigator.onLine` stays true (it resolves false),
   * which the product reports as a server it cannot reach, and coming back fires the `online`
   * event the product listens to.
   */
  offline: async (offline: boolean): Promise<boolean> => {
    // Firefox's offline mode fails the page's own requests too: the accessibility checker, which
    // loads on first use, is loaded while the page still can.
    // @ts-expect-error axe-core's browser build has no types: it registers `window.axe`.
    if (offline) await import('axe-core/axe.min.js');
    const result = await executeServerCommand<{ offline: boolean; device: boolean }, { offline: boolean }>('cdp-offline', { offline });
    if (!result?.device && !offline) window.dispatchEvent(new Event('online'));
    return result?.device ?? false;
  },
  /**
   * A touch screen as the primary pointer (`pointer: coarse`), or not. Chromium emulates it per
   * page; elsewhere the file runs in a browser launched with a coarse pointer, and asking for
   * what the page already reports does nothing. Rejects when the page did not take it.
   */
  touch: async (enabled: boolean) => {
    if (enabled ? matchMedia('(pointer: coarse)').matches : !touchEmulated) return;
    touchEmulated = enabled;
    await executeServerCommand('cdp-touch', { enabled });
    if (matchMedia('(pointer: coarse)').matches !== enabled) throw new Error(`the page did not take pointer: ${enabled ? 'coarse' : 'fine'}`);
  },
  /**
   * Emulates the browser's time zone (an IANA name), or restores the real one (null). Asks
   * nothing when the browser already runs in that zone (WebKit, which cannot emulate one, runs
   * the files that need it in a browser launched in it).
   */
  timeZone: async (timezoneId: string | null) => {
    if (timezoneId !== null && Intl.DateTimeFormat().resolvedOptions().timeZone === timezoneId) return;
    if (timezoneId === null && !zoneEmulated) return;
    zoneEmulated = timezoneId !== null;
    await executeServerCommand('cdp-timezone', { timezoneId });
  },
};

/** Whether `cdp.touch` emulates a touch screen now (to be undone). */
let touchEmulated = false;

/** Whether `cdp.timeZone` emulates a zone now (to be restored). */
let zoneEmulated = false;

/**
 * Presses `key` with `modifier` held, as a learner's chord (Control+z): held across the press in
 * Chromium and Firefox, sent as one chord string over classic WebDriver (WebKit).
 */
export function pressChord(modifier: 'Control' | 'Shift' | 'Alt' | 'Meta', key: string): Promise<unknown> {
  return executeServerCommand('key-chord', { modifier, key });
}

/** The demo/test sign-in: the reference server's demo authentication reads this cookie. */
export function signIn(userId: string): void {
  document.cookie = `offline_review_user=${encodeURIComponent(userId)}; path=/; SameSite=Lax`;
}

export function signOut(): void {
  document.cookie = 'offline_review_user=; path=/; max-age=0';
}

/** A name no other test uses: a fresh database, user or deck per test. */
export function unique(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The pushes (`POST …/sync`) in the log, in order. */
export async function pushes(): Promise<LoggedRequest[]> {
  return (await api.log()).filter((entry) => entry.method === 'POST' && entry.path.endsWith('/sync'));
}

/**
 * Every mutation id sent, in order, across the pushes in the log; with `answered`, only those
 * of pushes the server answered 200 (a push cut off on the way may be re-sent by the browser).
 */
export async function pushedIds(options: { answered?: boolean } = {}): Promise<string[]> {
  return (await pushes()).filter((entry) => !options.answered || entry.status === 200).flatMap((entry) => entry.mutationIds ?? []);
}
