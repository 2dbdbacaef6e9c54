// A page of the site in the worker's scope, as a site would have it: one engine, and the worker
// registered through sw/register.ts with the default reload. Tests drive it from the runner page
// through `window.harness`. Query: user, db, sw (the worker URL).
import { OfflineReview } from '../../../src/index.js';
import { registerServiceWorker, type ServiceWorkerHandle } from '../../../sw/register.js';

/** What the test reads from the frame. */
export interface Harness {
  engine: OfflineReview;
  handle: ServiceWorkerHandle;
}

const params = new URLSearchParams(location.search);
const engine = OfflineReview.for({
  userId: params.get('user') ?? 'nobody',
  dbName: params.get('db') ?? 'offline-review',
  autoSync: false,
  syncTuning: { backoffBaseMs: 5, backoffCapMs: 40, writeDebounceMs: 0 },
});
const handle = registerServiceWorker(engine, params.get('sw') ?? '/offline-review-sw.js', { scope: '/test/sw/scope/' });
(window as Window & { harness?: Harness }).harness = { engine, handle };
