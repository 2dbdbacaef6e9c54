// Shared set-up of the demo site's tests: the demo app over a fresh PGlite store and a
// temporary dist folder, made before a suite's tests and removed after them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createDemoApp, type DemoAppOptions } from '../../server/demo/app.js';
import { createPGliteStore, type ReviewStore } from '../../server/index.js';

/** The demo app of a suite; set before its first test. */
export interface DemoSuite {
  store: ReviewStore;
  app: (request: Request) => Promise<Response>;
}

/**
 * Before the suite's tests: a temporary dist folder (`prepare` may put files in it), a PGlite
 * store and the demo app with `options` over both; after them, closes the store and removes the
 * folder. Read `app` and `store` inside tests and hooks only.
 */
export function useDemoApp(options: Omit<DemoAppOptions, 'store' | 'distDir'>, prepare: (dist: string) => void = () => undefined): DemoSuite {
  const suite = {} as DemoSuite;
  let dist = '';
  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'offline-review-dist-'));
    prepare(dist);
    suite.store = await createPGliteStore();
    suite.app = createDemoApp({ ...options, store: suite.store, distDir: dist });
  });
  after(async () => {
    await suite.store.close();
    rmSync(dist, { recursive: true, force: true });
  });
  return suite;
}
