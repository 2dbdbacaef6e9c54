// Starts the demo exactly as `npm start` starts it (node scripts/start.mjs) on a free loopback
// port with a temporary DATA_DIR, and stops it again. The build is done once by `npm test`
// before the e2e step, so each start passes SKIP_BUILD=1 instead of rebuilding.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextPoll } from './poll.js';

/** A free TCP port on loopback (the OS picks it; we close and hand it on). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh temporary directory, removed by `removeDir`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `offline-review-${prefix}-`));
}

/** Removes a directory made by `tempDir`, ignoring one that is already gone. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** One running demo server process. */
export interface DemoServer {
  readonly port: number;
  readonly dataDir: string;
  /** http://127.0.0.1:port (a secure context: service workers register there). */
  readonly origin: string;
  /** What the process printed, for failure messages. */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s); resolves when it has exited. */
  stop(): Promise<void>;
}

const live = new Set<DemoServer>();

/** Waits until `origin` answers any HTTP request, or rejects after `timeoutMs`. */
async function waitUntilServing(origin: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`demo server exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`${origin}/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch (error) {
      lastError = error;
    }
    // Polling a socket that is not listening yet: the only signal we have is trying again.
    await nextPoll();
  }
  throw new Error(`demo server did not answer on ${origin} within ${timeoutMs} ms (${String(lastError)}):\n${output()}`);
}

/**
 * Starts `node scripts/start.mjs` with PORT, DATA_DIR and SKIP_BUILD=1; resolves once it serves.
 * Throws (after killing the process) when it does not answer within 60 s.
 */
export async function startDemo(options: { port?: number; dataDir?: string; env?: Record<string, string> } = {}): Promise<DemoServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir('data');
  const origin = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SKIP_BUILD: '1', DATABASE_URL: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: DemoServer = {
    port,
    dataDir,
    origin,
    output: () => log.slice(-4000),
    async stop() {
      live.delete(server);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  live.add(server);
  try {
    await waitUntilServing(origin, child, server.output, 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Stops every demo server still running (for `after` hooks, also after a failure). */
export async function stopAllDemos(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()));
}

process.once('exit', () => {
  for (const server of live) void server.stop();
});
