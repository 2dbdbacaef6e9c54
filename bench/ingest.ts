// e. Reference server ingest (answers/s in batches of 200) on PGlite and on PostgreSQL, through
// the server helper's bench/server-ingest.ts. PostgreSQL: DATABASE_URL, or a throwaway cluster
// from .ci/start-postgres.sh, stopped again afterwards; if neither works, PG is reported as not
// measured with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

/** One store's figure. */
export interface IngestFigure {
  store: 'pglite' | 'pg';
  batchSize: number;
  answersPerSecond: number | null;
  /** Why there is no figure. */
  reason?: string;
  baseline?: string;
  ratio?: string;
}

export interface IngestResults {
  stores: IngestFigure[];
}

const BATCH = 200;

/**
 * A PostgreSQL URL to measure against, the cluster's data directory when we started it, and how
 * to stop it when we started it.
 */
export function postgres(): { url: string | null; reason?: string; dataDir?: string; stop?: () => void } {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  if (!existsSync('.ci/start-postgres.sh')) return { url: null, reason: 'no DATABASE_URL and no .ci/start-postgres.sh' };
  const started = spawnSync('bash', ['.ci/start-postgres.sh'], { encoding: 'utf8', timeout: 120_000 });
  const url = started.stdout.trim().split('\n').pop() ?? '';
  if (started.status !== 0 || !url.startsWith('postgres')) {
    const why = (started.stderr || '').trim().split('\n').pop() ?? `exit ${started.status}`;
    return { url: null, reason: `PostgreSQL could not be started (${why})` };
  }
  // start-postgres.sh says on stderr how to stop it: "...; stop with: <command>".
  const stopCommand = /stop with: (.+)$/m.exec(started.stderr)?.[1]?.trim();
  const dataDir = /data in (\S+)\/data;/.exec(started.stderr)?.[1];
  return {
    url,
    ...(dataDir ? { dataDir: `${dataDir}/data` } : {}),
    stop: () => {
      if (stopCommand) spawnSync('bash', ['-c', `${stopCommand} -m fast`], { stdio: 'ignore', timeout: 60_000 });
      if (dataDir?.startsWith('/tmp/offline-review-pg.')) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type IngestFn = (options: { store: 'pglite' | 'pg'; connectionString?: string; batchSize: number }) => Promise<{ answersPerSecond: number }>;

/** Measures both stores; never throws for PostgreSQL being unavailable (it says why instead). */
export async function measureIngest(log: (line: string) => void = () => {}): Promise<IngestResults> {
  const modulePath = './server-ingest.js';
  const mod = (await import(modulePath)) as { measureIngest?: IngestFn };
  if (typeof mod.measureIngest !== 'function') throw new Error('bench/server-ingest.ts exports no measureIngest()');
  const pglite = await mod.measureIngest({ store: 'pglite', batchSize: BATCH });
  const stores: IngestFigure[] = [{ store: 'pglite', batchSize: BATCH, answersPerSecond: pglite.answersPerSecond }];
  const pg = postgres();
  if (!pg.url) {
    stores.push({ store: 'pg', batchSize: BATCH, answersPerSecond: null, reason: pg.reason ?? 'unavailable' });
    return { stores };
  }
  log(`PostgreSQL at ${pg.url.replace(/\/\/[^@]*@/, '//')}`);
  try {
    const figure = await mod.measureIngest({ store: 'pg', connectionString: pg.url, batchSize: BATCH });
    stores.push({
      store: 'pg',
      batchSize: BATCH,
      answersPerSecond: figure.answersPerSecond,
      baseline: `PGlite ${Math.round(pglite.answersPerSecond)}/s`,
      ratio: `${(figure.answersPerSecond / pglite.answersPerSecond).toFixed(2)}×`,
    });
  } catch (error) {
    stores.push({ store: 'pg', batchSize: BATCH, answersPerSecond: null, reason: String(error).slice(0, 120) });
  } finally {
    pg.stop?.();
  }
  return { stores };
}
