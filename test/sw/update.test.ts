// The update flow end to end, in a page of the site (test/sw/scope/harness.html, an iframe):
// version 1 controls the page, answers wait in the queue, version 2 is deployed, the engine
// says 'update-available', the user accepts, the page reloads under version 2, and every
// pending answer is still there and reaches the server.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { Harness } from './scope/harness.js';
import { api, signIn, unique } from '../support/server.js';
import { queueEntries } from '../src/sync/queue-fixture.js';
import { cleanUp, frameWindow, openFrame, SCOPE } from './sw-support.js';

type HarnessWindow = Window & typeof globalThis & { harness?: Harness };

/** The harness page's URL for a user, a database and a worker version. */
function harnessUrl(user: string, db: string, version: string): string {
  const sw = `/test/sw/fixtures/one-line-sw.js?v=${version}`;
  return `${SCOPE}harness.html?${new URLSearchParams({ user, db, sw })}`;
}

/** The frame's harness, once its module has run. */
async function harnessOf(frame: HTMLIFrameElement): Promise<Harness> {
  await waitUntil(() => (frame.contentWindow as HarnessWindow | null)?.harness !== undefined, 'harness never ran');
  const harness = (frame.contentWindow as HarnessWindow).harness!;
  await harness.engine.ready;
  return harness;
}

/** Resolves at the frame's next load (a reload or a navigation). */
function nextLoad(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

/**
 * The script URL of the worker that controls the frame, once there is one: its
 * `controllerchange`, however long the first install takes on a busy machine.
 */
async function controllerOf(frame: HTMLIFrameElement): Promise<string> {
  const container = frameWindow(frame).navigator.serviceWorker;
  if (!container.controller) await oneEvent(container, 'controllerchange');
  return container.controller!.scriptURL;
}

describe('service worker: update flow', () => {
  before(async function () {
    this.timeout(90_000); // the reference server's first start (PGlite) is slow on a busy machine
    await api.warm();
  });
  afterEach(cleanUp);

  it('offers the waiting version, applies it on acceptance, reloads, and loses nothing pending', async function () {
    this.timeout(120_000); // see the lease below
    const user = unique('u');
    const db = unique('db');
    signIn(user);
    const frame = await openFrame(harnessUrl(user, db, '1'));
    let harness = await harnessOf(frame);
    expect(await controllerOf(frame)).to.contain('v=1');

    // Answers wait: the network is down for pushes.
    await api.fault({ match: '/sync', mode: 'down' });
    const itemIds = ['a', 'b', 'c'];
    const { session } = await harness.engine.startSession({ deckId: 'd', itemIds, mode: 'grade' });
    const ids: string[] = [];
    for (const itemId of itemIds) {
      ids.push((await harness.engine.recordAnswer({ sessionId: session.id, itemId, rating: 4, responseTimeMs: 300 })).id);
    }
    await harness.engine.sync();
    expect(harness.engine.state.pending).to.be.greaterThan(0);
    // What the queue holds, from IndexedDB: the page's state may still show a count its
    // triggers' drain made before the last write (seen in WebKit: 3 of 4).
    const pending = (await queueEntries(db)).length;

    // Deploy version 2: the next page load registers it; version 1 still controls the page.
    let loaded = nextLoad(frame);
    frame.src = harnessUrl(user, db, '2');
    await loaded;
    harness = await harnessOf(frame);
    expect(await controllerOf(frame)).to.contain('v=1');
    if (!harness.engine.state.updateAvailable) await oneEvent(harness.engine, 'update-available');
    const registration = (await harness.handle.registration)!;
    expect(registration.waiting?.scriptURL).to.contain('v=2');

    // The user accepts: skip waiting, the new version takes control, the page reloads.
    loaded = nextLoad(frame);
    await harness.engine.applyUpdate();
    await loaded;
    harness = await harnessOf(frame);
    expect(await controllerOf(frame)).to.contain('v=2');
    expect(harness.engine.state.updateAvailable).to.equal(false);

    // Nothing pending was lost, and it all reaches the server once the network is back.
    expect(harness.engine.state.pending).to.equal(pending);
    await api.clear();
    // Version 1 may have been stopped in the middle of one of its (failing) drains when
    // version 2 took over: the entries it had leased go back to the queue when the lease runs
    // out (the queue's default, 60 s), as for a tab that died. Drain until all are sent.
    await waitUntil(
      async () => {
        await harness.engine.sync();
        return (await api.serverState(user)).answers.length === ids.length;
      },
      'answers never arrived',
      { timeout: 80_000, interval: 250 },
    );
    expect((await api.serverState(user)).answers.map((answer) => answer.id).sort()).to.deep.equal([...ids].sort());
    harness.engine.close();
  });
});
