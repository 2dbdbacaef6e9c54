/**
 * The SyncQueue's options and their defaults. Every delay is an option so that tests can make
 * it small instead of sleeping.
 */
import { PROTOCOL_LIMITS } from '../protocol/mutations.js';
import type { BackoffOptions } from './backoff.js';
import { defaultLockManager, type DrainLockManager } from './drain-lock.js';
import type { SyncClient, SyncStorage } from './sync-ports.js';
import type { SyncRuntime, SyncRuntimeParts } from './sync-runtime.js';

/** What the sync chunk (sync-runtime.ts) gives the queue: the module, as `import()` resolves it. */
export interface SyncRuntimeModule {
  createSyncRuntime(parts: SyncRuntimeParts): SyncRuntime;
}

/** Options of a SyncQueue. Delays are options so that tests can make them small. */
export interface SyncQueueOptions {
  storage: SyncStorage;
  /** The HTTP client, or how to load it (the engine's is a chunk of its own, loaded at the first drain). */
  client: SyncClient | (() => Promise<SyncClient>);
  /** The signed-in user: only this user's entries are sent. */
  userId: string;
  /** Names the drain lock and the BroadcastChannel. Default 'offline-review'. */
  dbName?: string;
  /** Most entries per push. Default 200; at most 500 (the protocol's limit). */
  batchSize?: number;
  /** Most bytes of mutations per push. Default 256 KiB; kept under the protocol's 1 MiB body. */
  maxBatchBytes?: number;
  /** Counted retries before an entry becomes a dead letter. Default 8. */
  maxRetries?: number;
  /** How long a drainer owns leased entries. Default 60 s (longer than a request's timeout). */
  leaseMs?: number;
  /** First backoff ceiling. Default 1 s. */
  backoffBaseMs?: number;
  /** Largest backoff ceiling. Default 5 min. */
  backoffCapMs?: number;
  /** Quiet time after a write before draining. Default 1 s. */
  writeDebounceMs?: number;
  /** Changes per pull page. Default 1000 (the most a protocol v1 server is asked to give). */
  pullLimit?: number;
  /** The lock manager; default `navigator.locks`; null uses the in-context fallback. */
  locks?: DrainLockManager | null;
  /** Random numbers in [0, 1) for jitter. Default Math.random. */
  random?: () => number;
  /**
   * Loads the drain, pull and dead letters (sync-runtime.ts) at the first drain. Default: a
   * dynamic import of that module. Tests give their own to see when it loads, or to fail it.
   */
  loadRuntime?: () => Promise<SyncRuntimeModule>;
}

/** Options with every default filled in. */
export interface ResolvedSyncOptions {
  batchSize: number;
  maxBatchBytes: number;
  maxRetries: number;
  leaseMs: number;
  writeDebounceMs: number;
  pullLimit: number;
  backoff: BackoffOptions;
  locks: DrainLockManager | null;
}

/** Room for `{protocol, clientId, mutations: [...]}` around the mutations, in bytes. */
const ENVELOPE_BYTES = 4096;

/** `value` as a whole number in [1, max]; `max` for anything that is not a finite number. */
function clamp(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : max;
}

/** Fills in the defaults: 200 per batch, 256 KiB, 8 retries, 1 s … 5 min backoff. */
export function resolveSyncOptions(options: Partial<SyncQueueOptions>): ResolvedSyncOptions {
  return {
    // Never above what every protocol v1 server accepts (the envelope needs a little room too).
    batchSize: clamp(options.batchSize ?? 200, PROTOCOL_LIMITS.maxMutationsPerPush),
    maxBatchBytes: clamp(options.maxBatchBytes ?? 256 * 1024, PROTOCOL_LIMITS.maxBodyBytes - ENVELOPE_BYTES),
    maxRetries: Math.max(0, options.maxRetries ?? 8),
    leaseMs: options.leaseMs ?? 60_000,
    writeDebounceMs: options.writeDebounceMs ?? 1000,
    pullLimit: options.pullLimit ?? 1000,
    backoff: {
      baseMs: options.backoffBaseMs ?? 1000,
      capMs: options.backoffCapMs ?? 300_000,
      ...(options.random ? { random: options.random } : {}),
    },
    locks: options.locks === undefined ? defaultLockManager() : options.locks,
  };
}
