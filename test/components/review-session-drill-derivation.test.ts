// A drill (schedule="drill") needs the derivation chunk only to store a grade: it fetches it at
// an idle moment after its first card, through the stale-build guard, so that a grade does not
// wait on the network; when the chunk cannot be fetched, a grade brings its card back with a
// notice (nothing stored), never the error screen.
import { expect } from '@open-wc/testing';
import { api } from '../support/server.js';
import { waitUntil } from '../support/until.js';
import { cards, engineFor, freshIdentity, mountSession, part, useEngineSuite, waitForPart } from './helpers.js';

describe('<review-session schedule=drill> and the derivation chunk', () => {
  useEngineSuite();
  afterEach(() => api.clear());

  it('is fetched after the first card, before any grade; a grade while it cannot be fetched comes back with a notice', async () => {
    await api.fault({ match: '/src/storage/derivation.ts', mode: 'status', status: 503 });
    // The answer worker's script is not there either (both are cached together, or neither).
    await api.fault({ match: '/src/storage/answer-worker', mode: 'status', status: 503 });
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(3), attributes: { schedule: 'drill' } });
    const errors: string[] = [];
    el.addEventListener('review-error', (e) => errors.push((e as CustomEvent).detail.code));
    await waitForPart(el, 'reveal-button');
    const requested = async () => (await api.log()).filter((e) => e.path.includes('/src/storage/derivation.ts'));
    // Its own request is the one the fault answered (the log is the whole test server's).
    await waitUntil(async () => (await requested()).some((e) => e.status === 503), 'the drill did not fetch the derivation after its first card');
    part(el, 'reveal-button')!.click();
    (await waitForPart(el, 'grade-good')).click();
    await waitUntil(() => errors.length > 0 && part(el, 'notice') && part(el, 'grade-good'), 'no notice');
    expect(errors).to.deep.equal(['content-unavailable']);
    expect(part(el, 'error')).to.equal(null);
    expect(await engineFor(id).answerHistory()).to.deep.equal([]);
  });
});
