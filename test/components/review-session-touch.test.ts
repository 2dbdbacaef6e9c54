// On a touch screen (primary pointer coarse) the grade buttons show no "1 2 3 4" key hints, and
// still show their intervals. Chromium emulates the touch screen per page; Firefox runs this file
// in a browser launched with a coarse primary pointer (web-test-runner.config.mjs).
import { expect } from '@open-wc/testing';
import { cdp } from '../support/server.js';
import { revealedReview, useEngineSuite } from './helpers.js';

describe('<review-session> on a touch screen', () => {
  useEngineSuite();
  afterEach(() => cdp.touch(false));

  it('shows no key hints where the primary pointer is coarse, and stays axe clean', async () => {
    await cdp.touch(true);
    expect(matchMedia('(pointer: coarse)').matches).to.equal(true);
    const el = await revealedReview();
    const buttons = el.shadowRoot!.querySelectorAll('[part~="grade-button"]');
    expect(buttons).to.have.length(4);
    for (const button of buttons) {
      expect(getComputedStyle(button.querySelector('[part="key-hint"]')!).display).to.equal('none');
      expect(button.querySelector('[part="interval"]')!.textContent!.trim()).to.match(/\d/);
    }
    await expect(el).to.be.accessible();
  });
});
