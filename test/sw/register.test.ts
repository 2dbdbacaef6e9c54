// sw/register.ts from the runner's own page (not controlled by the worker, so it never
// reloads): the update offer and its acceptance, and a worker that cannot be registered.
import { expect, oneEvent } from '@open-wc/testing';
import { OfflineReview } from '../../src/index.js';
import { registerServiceWorker } from '../../sw/register.js';
import { pageEngine, reachState, SCOPE, track, useWorkerSuite, workerUrl } from './sw-support.js';

const engineFor = (): Promise<OfflineReview> => pageEngine();

describe('registerServiceWorker', () => {
  useWorkerSuite();

  it("offers a waiting version as 'update-available' and activates it when accepted", async () => {
    const engine = await engineFor();
    const first = registerServiceWorker(engine, workerUrl({ v: '1' }), { scope: SCOPE });
    track(first);
    const registration = (await first.registration)!;
    await reachState((registration.installing ?? registration.waiting ?? registration.active)!, 'activated');
    // A page that stays open with version 1 in control keeps version 2 waiting.
    const frame = document.createElement('iframe');
    const loaded = oneEvent(frame, 'load');
    frame.src = `${SCOPE}page.html`;
    document.body.append(frame);
    await loaded;

    const offered = oneEvent(engine, 'update-available');
    const reloads: string[] = [];
    const second = registerServiceWorker(engine, workerUrl({ v: '2' }), { scope: SCOPE, reload: () => reloads.push('reload') });
    track(second);
    await offered;
    expect(engine.state.updateAvailable).to.equal(true);
    expect(registration.waiting?.scriptURL).to.contain('v=2');

    // Activation is an event, however long the machine takes to get there: wait on it, not on
    // a poll with a one-second bound.
    const accepted = reachState(registration.waiting!, 'activated');
    await engine.applyUpdate();
    await accepted;
    expect(registration.active?.scriptURL).to.contain('v=2');
    expect(engine.state.updateAvailable).to.equal(false);
    // This page is not controlled by the worker, so it is not reloaded; the frame is, and is
    // now controlled by the new version.
    const frameWorkers = frame.contentWindow!.navigator.serviceWorker;
    if (!frameWorkers.controller?.scriptURL.includes('v=2')) await oneEvent(frameWorkers, 'controllerchange');
    expect(frameWorkers.controller?.scriptURL, 'frame taken over').to.contain('v=2');
    expect(reloads).to.deep.equal([]);
    frame.remove();
  });

  it('keeps the page working when the worker cannot be registered', async () => {
    const engine = await engineFor();
    const handle = registerServiceWorker(engine, '/test/sw/fixtures/no-such-worker.js', { scope: SCOPE });
    track(handle);
    expect(await handle.registration).to.equal(null);
    expect(await handle.requestSync()).to.equal(false);
    expect(await handle.registerBackgroundSync()).to.equal(false);
    expect(await handle.signOut()).to.deep.equal([]);
    expect(engine.closed).to.equal(true);
  });
});
