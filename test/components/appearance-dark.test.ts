// The tags in dark mode with reduced motion. Chromium emulates both per page; Firefox runs this
// file in a browser launched with its dark and reduced-motion preferences (see
// web-test-runner.config.mjs), so each engine shows its real dark rendering.
import { expect, fixture } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import type { ReviewStatsElement } from '../../components/review-stats/review-stats.js';
import '../../components/review-stats/define-review-stats.js';
import type { SyncIndicatorElement } from '../../components/sync-indicator/sync-indicator.js';
import { preferMedia } from '../support/media.js';
import { api, unique } from '../support/server.js';
import { cards, engineFor, freshIdentity, mountSession, part, revealedReview, waitForPart, useEngineSuite } from './helpers.js';

const DARK = { colorScheme: 'dark', reducedMotion: 'reduce' } as const;

describe('dark mode with reduced motion', () => {
  useEngineSuite();

  it('<review-session> is axe clean in dark mode with reduced motion, and on an error', async () => {
    await preferMedia(DARK);
    const id = freshIdentity();
    const el = await mountSession(id, { items: cards(1) });
    await waitForPart(el, 'reveal-button');
    const background = getComputedStyle(el).getPropertyValue('--review-session-background').trim();
    expect(background).to.equal('#1c1f24');
    expect(getComputedStyle(el).getPropertyValue('--review-session-transition').trim()).to.equal('0s');
    await expect(el).to.be.accessible();
    const bad = await mountSession(freshIdentity(), { rawJson: '[not json' });
    await waitForPart(bad, 'error');
    await expect(bad).to.be.accessible();
  });

  it('<review-stats> is axe clean in dark mode, as charts and as tables', async () => {
    await preferMedia(DARK);
    const id = freshIdentity();
    const engine = engineFor(id);
    const items = cards(2, unique('i'));
    const { session } = await engine.startSession({ deckId: id.deck, itemIds: items.map((i) => i.id), mode: 'grade' });
    for (const rating of [3, 3, 1] as const) await engine.recordAnswer({ sessionId: session.id, itemId: items[0]!.id, rating, responseTimeMs: 500 });
    const el = await fixture<ReviewStatsElement>(`<review-stats user="${id.user}" db-name="${id.db}"></review-stats>`);
    await waitUntil(() => el.figures?.retention.reviews === 1, 'figures', { timeout: 10_000 });
    await el.updateComplete;
    expect(getComputedStyle(el).getPropertyValue('--review-stats-background').trim()).to.equal('#1c1f24');
    await expect(el).to.be.accessible();
    el.view = 'table';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('the grade buttons take their dark colours and pass contrast in dark mode', async () => {
    await preferMedia(DARK);
    const el = await revealedReview();
    const dark = { again: 'rgb(255, 147, 138)', hard: 'rgb(227, 179, 65)', good: 'rgb(87, 211, 100)', easy: 'rgb(108, 182, 255)' };
    for (const [grade, colour] of Object.entries(dark)) {
      const button = part(el, `grade-${grade}`)!;
      expect(getComputedStyle(button).backgroundColor, grade).to.equal(colour);
      expect(getComputedStyle(button).color, grade).to.equal('rgb(13, 17, 23)');
    }
    await expect(el).to.be.accessible();
  });

  it('<sync-indicator> is axe clean in dark mode, compact too, and stops pulsing under reduced motion', async () => {
    await preferMedia(DARK);
    // No auto sync and a backoff longer than the test: the queue drains only when asked.
    const id = freshIdentity({ backoffBaseMs: 600_000, backoffCapMs: 600_000 }, false);
    const mount = (extra = ''): Promise<SyncIndicatorElement> =>
      fixture<SyncIndicatorElement>(`<sync-indicator user="${id.user}" db-name="${id.db}" ${extra}></sync-indicator>`);
    const el = await mount();
    const compact = await mount('compact');
    await api.fault({ mode: 'hang', match: '/sync' });
    const engine = engineFor(id);
    const items = cards(1, unique('i'));
    await engine.loadContent(items);
    const { session } = await engine.startSession({ deckId: unique('deck'), itemIds: items.map((i) => i.id), mode: 'grade' });
    await engine.recordAnswer({ sessionId: session.id, itemId: items[0]!.id, rating: 3, responseTimeMs: 500 });
    void engine.sync();
    await waitUntil(() => el.state === 'syncing' && compact.state === 'syncing', 'syncing', { timeout: 10_000 });
    expect(getComputedStyle(part(el, 'dot')!).animationName).to.equal('none');
    await expect(el).to.be.accessible();
    await expect(compact).to.be.accessible();
  });
});
