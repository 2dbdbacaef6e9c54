// Loading: a <sync-indicator> with no user is the device's sign-out (components/shared/device-user.ts).
// It signs out right after its first paint, without waiting for the engine's chunk, which the
// indicator imports only once the page is idle. This file imports the indicator's module
// alone (its own page: no module of the engine is loaded before) and watches the page's
// resource entries.
import { expect, fixture } from '@open-wc/testing';
import { claimAnnouncement } from '../../components/shared/announced.js';
import { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import { closeWorkerStorages, readSignInState } from '../../sw/worker-config.js';
import { unique } from '../support/server.js';
import { waitUntil } from '../support/until.js';

/** When this page started fetching the module at a path ending in `suffix`, or null if it did not. */
function fetchedAt(suffix: string): number | null {
  const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(suffix));
  return entry ? entry.startTime : null;
}

// Room for every fetch from here on (the default buffer of 250 entries could drop the one awaited).
performance.setResourceTimingBufferSize(5000);
if (!customElements.get('sync-indicator')) customElements.define('sync-indicator', SyncIndicatorElement);

describe('<sync-indicator> with no user', () => {
  afterEach(closeWorkerStorages);

  it('signs the device out before the engine is fetched', async () => {
    const dbName = unique('db');
    // A database an engine made earlier.
    const storage = new IndexedDBStorage({ dbName });
    await storage.initialize();
    storage.close();
    expect((await readSignInState(dbName))?.signOuts).to.equal(0);
    closeWorkerStorages();
    expect(fetchedAt('/components/shared/engine-controller.ts')).to.equal(null);

    const el = await fixture<SyncIndicatorElement>(`<sync-indicator db-name="${dbName}"></sync-indicator>`);
    await waitUntil(async () => (await readSignInState(dbName))?.signOuts === 1, 'the sign-out is recorded');
    // The announcement was fetched first: the engine's controller, if asked for yet, not before
    // it. Firefox's resource times are whole milliseconds, so the two can start in the same one
    // (a clean-clone run: 808 and 808); a sign-out that waited for the engine would start only
    // once the controller's module was fetched and run, after it.
    const signOut = fetchedAt('/components/shared/device-user.ts');
    expect(signOut).to.not.equal(null);
    const engine = fetchedAt('/components/shared/engine-controller.ts');
    if (engine !== null) expect(engine).to.be.at.least(signOut!);
    // Once: the pair stays claimed for this element, so the engine's controller, which takes
    // over once the page is idle, does not sign out again.
    await (el as unknown as { engines: { loaded: Promise<void> } }).engines.loaded;
    expect(fetchedAt('/components/shared/engine-controller.ts')).to.not.equal(null);
    expect(claimAnnouncement(el, '', dbName)).to.equal(false);
    expect((await readSignInState(dbName))?.signOuts).to.equal(1);
  });
});
