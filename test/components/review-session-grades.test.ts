// The grade buttons: colour-coded through themable custom properties, each with the interval it
// gives and its key, axe-clean (contrast included) in light mode; on a 390 px wide phone the
// four sit in one row. Dark mode: appearance-dark.test.ts. A touch screen: review-session-touch.test.ts.
import { expect, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { part, revealedReview, useEngineSuite } from './helpers.js';

const GRADES = ['again', 'hard', 'good', 'easy'] as const;

/**
 * Sets the viewport; false where the runner cannot (classic WebDriver, WebKit's: it sizes the
 * window only, and MiniBrowser's page stays at least 447 px wide, its toolbar's width).
 */
async function viewport(width: number, height: number): Promise<boolean> {
  try {
    await setViewport({ width, height });
    return innerWidth === width;
  } catch (error) {
    if (!/not supported for browser type webdriver/.test(String(error))) throw error;
    return false;
  }
}

describe('<review-session> grade buttons', () => {
  useEngineSuite();
  afterEach(() => viewport(800, 600));

  it('are colour-coded from custom properties, show their interval and key, and are axe clean', async () => {
    const el = await revealedReview();
    const light = { again: 'rgb(180, 35, 24)', hard: 'rgb(138, 90, 0)', good: 'rgb(26, 127, 55)', easy: 'rgb(11, 92, 173)' };
    for (const grade of GRADES) {
      const button = part(el, `grade-${grade}`)!;
      expect(getComputedStyle(button).backgroundColor, grade).to.equal(light[grade]);
      expect(getComputedStyle(button).color, grade).to.equal('rgb(255, 255, 255)');
      expect(button.querySelector('[part="interval"]')!.textContent!.trim(), grade).to.match(/\d/);
      expect(getComputedStyle(button.querySelector('[part="key-hint"]')!).display, grade).to.not.equal('none');
    }
    await expect(el).to.be.accessible();
    const good = part(el, 'grade-good')!;
    // The colour eases in (a background transition): read it once it has.
    const eased = new Promise((resolve) => good.addEventListener('transitionend', resolve, { once: true }));
    el.style.setProperty('--review-session-good', 'rgb(1, 2, 3)');
    await eased;
    expect(getComputedStyle(good).backgroundColor).to.equal('rgb(1, 2, 3)');
    // Still graded by its colourful button.
    const answered = oneEvent(el, 'review-answer');
    part(el, 'grade-hard')!.click();
    await answered;
  });

  it('sit in one row on a 390 px wide phone, in English and Japanese', async () => {
    // Where the viewport cannot be a phone's (WebKit), the element itself is given the phone's
    // 390 px: its layout follows its own width only (its styles have no width media queries).
    const narrowElement = !(await viewport(390, 844));
    if (narrowElement) expect(navigator.userAgent, 'only WebKit cannot set the viewport').to.not.match(/Chrome|Firefox/);
    for (const lang of ['en', 'ja']) {
      const el = await revealedReview({ lang });
      if (narrowElement) el.style.width = '390px';
      expect(el.getBoundingClientRect().width).to.be.at.most(390);
      const base = part(el, 'base')!.getBoundingClientRect();
      const boxes = GRADES.map((grade) => part(el, `grade-${grade}`)!.getBoundingClientRect());
      for (const box of boxes) {
        expect(Math.abs(box.top - boxes[0]!.top), lang).to.be.below(1);
        expect(box.right, lang).to.be.at.most(base.right);
      }
      expect(boxes.map((box) => box.left)).to.deep.equal([...boxes.map((box) => box.left)].sort((a, b) => a - b));
    }
  });
});
