/**
 * Starts the demo: the store (PostgreSQL when a database URL is given, else PGlite in
 * `dataDir`), the demo app and a node:http server. Used by `npm start` (scripts/start.mjs).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createPGliteStore, createPgStore } from '../index.js';
import { toNodeListener } from '../node-adapter.js';
import { createDemoApp } from './app.js';
import { loadDecks } from './decks.js';

/** Options of startDemoServer. */
export interface DemoServerOptions {
  port: number;
  host?: string;
  /** PGlite's data lives in `<dataDir>/pglite`. */
  dataDir: string;
  databaseUrl?: string;
  distDir: string;
  decksDir: string;
}

/** A running demo server. */
export interface RunningDemo {
  url: string;
  storeKind: string;
  /** Stops accepting requests, then closes the store (PGlite flushes its files). */
  close(): Promise<void>;
}

/** Starts the demo server; resolves once it listens. Rejects when the port is taken. */
export async function startDemoServer(options: DemoServerOptions): Promise<RunningDemo> {
  const store = options.databaseUrl
    ? await createPgStore(options.databaseUrl)
    : await createPGliteStore({ dataDir: join(options.dataDir, 'pglite') });
  const app = createDemoApp({ store, decks: loadDecks(options.decksDir), distDir: options.distDir, featuredDeck: 'jp-basics' });
  const server = createServer(toNodeListener(Object.assign(app, { basePath: undefined })));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = !options.host || options.host === '0.0.0.0' || options.host === '::' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    storeKind: store.kind,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}
