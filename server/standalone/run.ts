/**
 * `offline-review-server`: the reference server as a process. One access-log line per request
 * (with the error's message on a failure, never a multi-line stack), `/healthz`, and a graceful
 * stop on SIGTERM/SIGINT: stop accepting, finish what is in flight, close the database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { demoAuthenticate } from '../auth.js';
import { parseCommandLine } from '../command-line.js';
import { createHandler } from '../handler.js';
import { createPGliteStore, createPgStore } from '../index.js';
import { createJwtAuthenticator } from '../jwt-auth.js';
import { toNodeListener } from '../node-adapter.js';
import type { ReviewStore } from '../sync-repository.js';
import { parseServerConfig, SERVER_USAGE, type ServerConfig } from './config.js';

/** A running server. */
export interface RunningServer {
  /** The API's URL, e.g. http://127.0.0.1:8080/api/review. */
  url: string;
  /** Stops accepting, waits for requests in flight (at most `graceMs`), closes the store. */
  close(graceMs?: number): Promise<void>;
}

function describeAuth(auth: ServerConfig['auth']): string {
  if (auth === 'demo') return 'DEMO ONLY cookie sign-in (anyone can be anyone; never in production)';
  const how = auth.secret ? 'HS256 secret' : auth.publicKey ? 'public key' : `JWKS ${String(auth.jwksUrl)}`;
  return `JWT (${how}, iss ${auth.issuer}, aud ${auth.audience})`;
}

/** Opens the store and listens. Resolves once listening; rejects (store closed) on failure. */
export async function startStandalone(config: ServerConfig, log: (line: string) => void): Promise<RunningServer> {
  const authenticate = config.auth === 'demo' ? demoAuthenticate : createJwtAuthenticator(config.auth);
  const store: ReviewStore = config.databaseUrl
    ? await createPgStore(config.databaseUrl, { poolSize: config.poolSize })
    : await createPGliteStore({ dataDir: config.dataDir });
  const failure = new AsyncLocalStorage<{ error?: string }>();
  const handler = createHandler({
    store,
    authenticate,
    basePath: config.basePath,
    allowedOrigins: config.allowedOrigins,
    // Kept for the request's one log line instead of a stack trace of its own.
    onError: (error) => {
      const note = failure.getStore();
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (note) note.error = text.replace(/\s+/g, ' ');
      else log(`error: ${text.replace(/\s+/g, ' ')}`);
    },
    log,
  });
  const api = toNodeListener(handler);

  async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const note: { error?: string } = {};
    res.once('close', () => {
      const ms = Math.round(performance.now() - started);
      const status = res.writableFinished ? res.statusCode : 'aborted';
      log(`${req.method} ${(req.url ?? '/').split('?')[0]} ${status} ${ms}ms${note.error ? ` ${note.error}` : ''}`);
    });
    if ((req.url ?? '').split('?')[0] === '/healthz') {
      try {
        await store.pull('offline-review-healthz', 0n, 1);
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"ok":true}');
      } catch (error) {
        note.error = String(error).replace(/\s+/g, ' ');
        res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end('{"ok":false}');
      }
      return;
    }
    await failure.run(note, () => api(req, res));
  }

  const server = createServer((req, res) => void listener(req, res));
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(config.port, config.host, done);
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}${config.basePath.replace(/\/+$/, '')}`;
  const storeText = config.databaseUrl
    ? `PostgreSQL, at most ${config.poolSize} connections`
    : `PGlite in ${resolve(config.dataDir)} (PGlite does not fsync: answers survive a crash but not a power loss; use PostgreSQL, --database-url, in production)`;
  log(`offline-review server: listening on ${url} (store: ${storeText}; sign-in: ${describeAuth(config.auth)}; pid ${process.pid})`);

  let closing: Promise<void> | undefined;
  return {
    url,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        // Idle keep-alive sockets would hold close() open; busy ones finish their request first.
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await stopped;
        clearTimeout(timer);
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * The command: parses options, starts, and stops on SIGTERM/SIGINT. Resolves the exit code
 * when it stops (0), or at once for --help (0) and bad usage or a failed start (1 and 2).
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv, log: (line: string) => void = console.log): Promise<number> {
  const parsed = parseCommandLine(() => parseServerConfig(argv, env), SERVER_USAGE, log);
  if ('exit' in parsed) return parsed.exit;
  const { config } = parsed;
  let running: RunningServer;
  try {
    running = await startStandalone(config, log);
  } catch (error) {
    log(`offline-review server: could not start: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const signal = await new Promise<string>((done) => {
    process.once('SIGTERM', () => done('SIGTERM'));
    process.once('SIGINT', () => done('SIGINT'));
  });
  log(`offline-review server: ${signal}: finishing requests in flight, then closing the database`);
  await running.close();
  log('offline-review server: stopped');
  return 0;
}
