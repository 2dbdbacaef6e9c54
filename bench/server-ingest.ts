// e. Reference server ingest: answers per second pushed through the protocol handler (JSON
// parsing, validation, one transaction per push, progress derivation) in batches of 200, on
// PGlite (a data directory on disk, the default store) and on PostgreSQL, in one run.
// CLI: `node --import tsx bench/server-ingest.ts` (PostgreSQL from DATABASE_URL); prints a
// table, then the figures as JSON on the last line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OfflineReviewError } from '../src/errors.js';
import { createHandler, createPGliteStore, createPgStore, type ReviewStore } from '../server/index.js';
import { makeAnswer, makeSession, mutation } from '../server/conformance/fixtures.js';

/** Options of measureIngest. */
export interface IngestOptions {
  store: 'pglite' | 'pg';
  /** Required for 'pg'. */
  connectionString?: string;
  /** Answers per push; default 200. */
  batchSize?: number;
  /** Answers in all; default 10,000. */
  answers?: number;
}

/** One store's figure. */
export interface IngestFigure {
  store: 'pglite' | 'pg';
  batchSize: number;
  answers: number;
  ms: number;
  answersPerSecond: number;
}

/**
 * Pushes `answers` answers of one user (over 50 items, so progress rows are rewritten as in
 * real use) in pushes of `batchSize`, after one warm-up push. Resolves the measured rate;
 * rejects when the store cannot be opened or a push is not fully applied.
 */
export async function measureIngest(options: IngestOptions): Promise<IngestFigure> {
  const batchSize = options.batchSize ?? 200;
  const total = options.answers ?? 10_000;
  let dataDir: string | undefined;
  let store: ReviewStore;
  if (options.store === 'pg') {
    if (!options.connectionString) throw new OfflineReviewError('invalid-input', 'measureIngest: the pg store needs a connectionString');
    store = await createPgStore(options.connectionString);
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'offline-review-ingest-'));
    store = await createPGliteStore({ dataDir });
  }
  try {
    const userId = `bench-${crypto.randomUUID()}`;
    const handler = createHandler({ store, authenticate: () => ({ userId }) });
    const session = makeSession(userId, Array.from({ length: 50 }, (_, i) => `item-${i}`));
    const push = async (mutations: unknown[]) => {
      const response = await handler(
        new Request('http://bench/api/review/sync', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ protocol: 1, clientId: 'bench', mutations }),
        }),
      );
      const body = (await response.json()) as { results?: Array<{ status: string }> };
      if (response.status !== 200 || body.results?.some((r) => r.status !== 'applied')) {
        throw new Error(`ingest push failed: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
      }
    };
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => mutation('answer', 'create', makeAnswer(session, `item-${i % 50}`, { correct: i % 3 !== 0 })));
    await push([mutation('session', 'create', session), ...batch(batchSize - 1)]);
    // Build the bodies first: only the server's work is timed.
    const batches = Array.from({ length: Math.ceil(total / batchSize) }, (_, i) => batch(Math.min(batchSize, total - i * batchSize)));
    const started = performance.now();
    for (const mutations of batches) await push(mutations);
    const ms = performance.now() - started;
    return { store: options.store, batchSize, answers: total, ms: Math.round(ms), answersPerSecond: Math.round((total / ms) * 1000) };
  } finally {
    await store.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Both stores in one run (PostgreSQL only when `databaseUrl` is given); pg is null without it. */
export async function runServerIngestBench(
  options: { databaseUrl?: string; batchSize?: number; answers?: number } = {},
): Promise<{ pglite: IngestFigure; pg: IngestFigure | null; pgRatio: number | null }> {
  const common = { batchSize: options.batchSize ?? 200, answers: options.answers };
  const pglite = await measureIngest({ store: 'pglite', ...common });
  const pg = options.databaseUrl ? await measureIngest({ store: 'pg', connectionString: options.databaseUrl, ...common }) : null;
  return { pglite, pg, pgRatio: pg ? Number((pg.answersPerSecond / pglite.answersPerSecond).toFixed(2)) : null };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runServerIngestBench({ databaseUrl: process.env.DATABASE_URL });
  console.log('store   batch  answers  ms      answers/s');
  for (const figure of [result.pglite, result.pg]) {
    if (!figure) {
      console.log('pg      (not measured: DATABASE_URL is not set)');
      continue;
    }
    console.log(
      `${figure.store.padEnd(8)}${String(figure.batchSize).padEnd(7)}${String(figure.answers).padEnd(9)}${String(figure.ms).padEnd(8)}${figure.answersPerSecond}`,
    );
  }
  console.log(JSON.stringify(result));
}
