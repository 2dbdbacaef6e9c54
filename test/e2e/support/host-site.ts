// The example host sites of examples/ (PHP, Django) under test: each runs as its own process,
// with its own sign-in, and passes the sync API on to the reference server, which runs here in
// the test process with the signed-token authenticator the sites' tokens are checked by.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { SignJWT } from 'jose';
import { createHandler, createJwtAuthenticator, createPGliteStore, toNodeListener } from '../../../server/index.js';
import type { ReviewStore } from '../../../server/index.js';
import type { AnswerRecord } from '../../../src/types.js';
import { freePort } from './demo.js';
import { nextPoll } from './poll.js';

/** The HS256 secret the sites mint with and the sync server checks (at least 32 bytes). */
export const JWT_SECRET = 'example-secret-for-tests-only-0123456789abcdef';
/** The token audience: the sync API. */
const AUDIENCE = 'offline-review';

/** The reference sync server on loopback, checking tokens from `issuer`. */
export interface SyncServer {
  readonly url: string;
  /** Every answer the server holds for `userId`, read through its pull endpoint with a token. */
  answers(userId: string): Promise<AnswerRecord[]>;
  stop(): Promise<void>;
}

/** Starts the reference server (PGlite in memory) with the JWT authenticator for `issuer`. */
export async function startSyncServer(issuer: string): Promise<SyncServer> {
  const store: ReviewStore = await createPGliteStore();
  const handler = createHandler({
    store,
    authenticate: createJwtAuthenticator({ secret: JWT_SECRET, issuer, audience: AUDIENCE }),
  });
  const port = await freePort();
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async answers(userId) {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JWT_SECRET));
      const answers: AnswerRecord[] = [];
      let since = '';
      for (let page = 0; page < 100; page++) {
        const query = since ? `?since=${encodeURIComponent(since)}&limit=500` : '?limit=500';
        const response = await fetch(`${url}/api/review/changes${query}`, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
        const body = (await response.json()) as { changes: { answers: AnswerRecord[] }; cursor: string; hasMore: boolean };
        answers.push(...body.changes.answers);
        since = body.cursor;
        if (!body.hasMore) break;
      }
      return answers;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** One running example site. */
export interface HostSite {
  readonly origin: string;
  output(): string;
  stop(): Promise<void>;
}

/** The command and environment that start an example site on `port`. */
export interface SiteCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** The PHP example (examples/php) under PHP's built-in server, with four workers. */
export function phpSite(port: number, syncUrl: string): SiteCommand {
  return {
    command: 'php',
    args: ['-S', `127.0.0.1:${port}`, 'router.php'],
    cwd: 'examples/php',
    env: {
      PHP_CLI_SERVER_WORKERS: '4',
      OFFLINE_REVIEW_JWT_SECRET: JWT_SECRET,
      OFFLINE_REVIEW_SYNC_URL: syncUrl,
      OFFLINE_REVIEW_ISSUER: 'php-example',
      OFFLINE_REVIEW_DIST: `${process.cwd()}/dist`,
    },
  };
}

/** The Django example (examples/django) under Django's development server, with Debian's Django. */
export function djangoSite(port: number, syncUrl: string): SiteCommand {
  return {
    command: '/usr/bin/python3',
    args: ['app.py', 'runserver', '--noreload', `127.0.0.1:${port}`],
    cwd: 'examples/django',
    env: {
      OFFLINE_REVIEW_JWT_SECRET: JWT_SECRET,
      OFFLINE_REVIEW_SYNC_URL: syncUrl,
      OFFLINE_REVIEW_ISSUER: 'django-example',
      OFFLINE_REVIEW_DIST: `${process.cwd()}/dist`,
    },
  };
}

/**
 * Whether `command` can run here; the host sites need php-cli and Debian's python3-django,
 * which .ci/run installs. Returns a one-line reason when it cannot.
 */
export function missingTool(site: SiteCommand, probe: string[]): string | null {
  const result = spawnSync(site.command, probe, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return `${site.command} ${probe.join(' ')} failed (${result.error?.message ?? result.stderr.trim()}): install php-cli and python3-django (apt-get install -y php-cli python3-django), as .ci/run does.`;
  }
  return null;
}

/** Starts a site and resolves once its sign-in page answers (60 s at most). */
export async function startSite(site: SiteCommand, port: number): Promise<HostSite> {
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(site.command, site.args, {
    cwd: site.cwd,
    env: { ...process.env, ...site.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: PHP's built-in server forks its workers, which would outlive a
    // signal to the parent alone and keep its output pipes (and this test process) open.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    signal('SIGKILL'); // any forked worker that ignored SIGTERM
    child.stdout?.destroy();
    child.stderr?.destroy();
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${site.command} exited (${child.exitCode}):\n${log.slice(-3000)}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${site.command} did not serve ${origin} within 60 s:\n${log.slice(-3000)}`);
    }
    await nextPoll();
  }
  return { origin, output: () => log.slice(-4000), stop };
}
