// <review-session> as a spaced-repetition review (the default, schedule="review"): today's queue,
// counts, intervals on the buttons, "Again" coming back, all done and "Practise anyway", undo,
// the learner's day, reloads. Real Chromium, real IndexedDB, the real engine; the time moves
// through the element's `clock` seam, never a fake of Date.
import { expect, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { sendKeys } from '@web/test-runner-commands';
import type { ReviewSessionElement } from '../../components/review-session/review-session.js';
import type { AnswerRecord } from '../../src/index.js';
import { formatInterval } from '../../components/review-session/interval-format.js';
import {
  dayIndex,
  deriveCardState,
  normalizeSchedulerParameters,
  parametersKey,
  previewIntervals,
  newCardState,
  startOfDay,
} from '../../src/scheduler/index.js';
import { openDB } from 'idb';
import { cdp, pressChord } from '../support/server.js';
import { cards, engineFor, freshIdentity, mountSession, part, rendered, textOf, useEngineSuite, waitForPart, type TestIdentity } from './helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A clock the test moves: the real time plus an offset, or a fixed instant while `at` is set. */
function testClock(): { now(): number; offset: number; at: number | null } {
  return {
    offset: 0,
    at: null,
    now() {
      return this.at ?? Date.now() + this.offset;
    },
  };
}

async function review(id: TestIdentity, items = cards(3), attributes: Record<string, string> = {}): Promise<ReviewSessionElement> {
  return mountSession(id, { items, attributes: { schedule: 'review', 'time-zone': 'UTC', ...attributes } });
}

function counts(el: ReviewSessionElement): [number, number, number] {
  return (['count-new', 'count-learning', 'count-due'] as const).map((name) => Number(textOf(el, name).replace(/\D+/g, ''))) as [number, number, number];
}

/** Reveals the card on screen and grades it; resolves the stored answer. */
async function grade(el: ReviewSessionElement, rating: 'again' | 'hard' | 'good' | 'easy'): Promise<AnswerRecord> {
  (await waitForPart(el, 'reveal-button')).click();
  const answered = oneEvent(el, 'review-answer');
  (await waitForPart(el, `grade-${rating}`)).click();
  const { answer } = (await answered).detail;
  await waitUntil(() => !el.shadowRoot!.querySelector('[part~="grade-button"]'), 'the grades go away');
  return answer;
}

describe('<review-session schedule="review">', () => {
  useEngineSuite();

  it('is axe clean with counts and intervals, and at "All done for now"', async () => {
    const el = await review(freshIdentity(), cards(1));
    await waitForPart(el, 'counts');
    await expect(el).to.be.accessible();
    part(el, 'reveal-button')!.click();
    await waitForPart(el, 'interval');
    await expect(el).to.be.accessible();
    part(el, 'grade-easy')!.click();
    await waitForPart(el, 'done');
    await expect(el).to.be.accessible();
  });

  it('shows new, learning and due counts before and during the session, as Anki does', async () => {
    const el = await review(freshIdentity(), cards(3), { 'new-per-day': '2' });
    await waitForPart(el, 'counts');
    expect(counts(el)).to.deep.equal([2, 0, 0]);
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
    expect(part(el, 'progress-text')).to.equal(null);
    await grade(el, 'good'); // a new card graded Good goes to its second step: learning
    expect(counts(el)).to.deep.equal([1, 1, 0]);
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('prompt 2 (1 new, 1 learning, 0 to review)');
    await grade(el, 'easy'); // Easy graduates at once
    expect(counts(el)).to.deep.equal([0, 1, 0]);
  });

  it('shows on each grade button the interval it would give, formatted for the language', async () => {
    const el = await review(freshIdentity(), cards(1));
    (await waitForPart(el, 'reveal-button')).click();
    await waitForPart(el, 'interval');
    const params = normalizeSchedulerParameters({});
    const day = { timeZone: 'UTC', dayStartHour: 4 };
    const text = (name: string) => textOf(el, `grade-${name}`);
    expect(text('again')).to.contain('1m');
    expect(text('good')).to.contain('10m');
    const easy = previewIntervals(newCardState('card-1', params, day), Date.now(), params, day).easy;
    expect(text('easy')).to.contain(formatInterval(easy, 'en'));
    expect(text('easy')).to.match(/\dd/);
    document.documentElement.lang = 'fr';
    try {
      el.requestUpdate();
      await el.updateComplete;
      const french = formatInterval(MINUTE, 'fr');
      expect(french).to.not.equal('1m');
      expect(text('again')).to.contain(french);
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('brings a card graded Again back in the same session, at once within the learn-ahead limit', async () => {
    const el = await review(freshIdentity(), cards(2));
    await grade(el, 'again');
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    expect(counts(el)).to.deep.equal([1, 1, 0]);
    await grade(el, 'easy');
    // Nothing else is left: the learning card due within 20 minutes is shown early.
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', 'card 1 again');
  });

  it("stores a graded card's state derived with the deck's parameters and day", async () => {
    const id = freshIdentity();
    const el = await review(id, cards(2), { 'learning-steps': '5m 30m', 'time-zone': 'Asia/Tokyo', 'day-start-hour': '6' });
    const answer = await grade(el, 'good');
    const params = normalizeSchedulerParameters({ learningSteps: ['5m', '30m'] });
    const day = { timeZone: 'Asia/Tokyo', dayStartHour: 6 };
    const db = await openDB(id.db);
    try {
      const row = await db.get('cardStates', [id.user, 'card-1']);
      expect(row?.parametersKey, "derived with the deck's parameters, not the defaults").to.equal(parametersKey(params, day));
      const { userId: _user, ...state } = row!;
      expect(state).to.deep.equal(deriveCardState('card-1', [answer], new Set(), params, day));
    } finally {
      db.close();
    }
  });

  it('brings it back when its step falls due, through the timer, after "All done for now"', async () => {
    const clock = testClock();
    const id = freshIdentity();
    const el = await review(id, cards(1), { 'learn-ahead': '0' });
    el.clock = clock;
    const answer = await grade(el, 'again');
    await waitForPart(el, 'done');
    expect(textOf(el, 'done')).to.contain('All done for now');
    expect(textOf(el, 'next-due')).to.equal('The next card is due in 1 minute.');
    // 59.9 s after the answer (not after now: on a busy machine the steps above can take more
    // than 100 ms), held there while the element looks: not due yet.
    clock.at = answer.answeredAt + MINUTE - 100;
    await el.refresh();
    expect(part(el, 'card')).to.equal(null);
    // Time moves on from there: the step falls due 100 ms later, and the timer shows the card.
    clock.offset = clock.at - Date.now();
    clock.at = null;
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1');
    expect(counts(el)).to.deep.equal([0, 1, 0]);
  });

  it('brings it back through the timer when the step falls due while the queue is being read', async () => {
    const clock = testClock();
    const el = await review(freshIdentity(), cards(1), { 'learn-ahead': '0' });
    el.clock = clock;
    const answer = await grade(el, 'again');
    await waitForPart(el, 'done');
    const due = answer.answeredAt + MINUTE;
    // The element reads the queue 100 ms before the step falls due, and the step falls due
    // before that read is over (a busy device, or a timer that fires a little early): the
    // timer set after the read must still wake the review (it slept until the next day).
    clock.at = due - 100;
    const looked = el.refresh();
    clock.at = due;
    await looked;
    expect(part(el, 'card'), 'not due at the time the queue was read for').to.equal(null);
    await rendered(el, () => textOf(el, 'prompt') === 'prompt 1');
    expect(counts(el)).to.deep.equal([0, 1, 0]);
  });

  it('schedules typed answers too: a wrong one counts as Again and the card comes back', async () => {
    const el = await review(freshIdentity(), cards(1), { mode: 'typed' });
    const input = await waitForPart<HTMLInputElement>(el, 'typed-input');
    input.value = 'nope';
    const answered = oneEvent(el, 'review-answer');
    part(el, 'check-button')!.click();
    expect((await answered).detail.answer.correct).to.equal(false);
    (await waitForPart(el, 'next-button')).click();
    await waitUntil(() => part(el, 'typed-input') && textOf(el, 'prompt') === 'prompt 1', 'the card comes back');
    expect(counts(el)).to.deep.equal([0, 1, 0]);
  });

  it('says "All done for now" and when the next card is due, and offers "Practise anyway"', async () => {
    const el = await review(freshIdentity(), cards(2));
    await grade(el, 'easy');
    const complete = oneEvent(el, 'review-complete');
    await grade(el, 'easy');
    expect((await complete).detail.answered).to.equal(2);
    await waitForPart(el, 'done');
    expect(counts(el)).to.deep.equal([0, 0, 0]);
    expect(textOf(el, 'next-due')).to.match(/^The next card is due in \d+ days\.$/);
    expect(textOf(el, 'summary-answered')).to.equal('2');
    part(el, 'practise-button')!.click();
    await waitForPart(el, 'reveal-button');
    expect(textOf(el, 'progress-text')).to.equal('1 of 2');
    expect(textOf(el, 'prompt')).to.equal('prompt 1');
  });

  it('replaces the scheduling words through labels, and says when in the page\'s language', async () => {
    const el = await review(freshIdentity(), cards(1));
    el.lang = 'de';
    el.labels = { allDone: 'Für heute fertig', nextDue: 'Nächste Karte {when}.', practise: 'Trotzdem üben', countNew: 'Neu', undo: 'Rückgängig' };
    await waitForPart(el, 'counts');
    expect(part(el, 'count-new')!.textContent).to.contain('Neu');
    await grade(el, 'easy');
    await waitForPart(el, 'done');
    expect(textOf(el, 'done')).to.contain('Für heute fertig');
    expect(textOf(el, 'next-due')).to.match(/^Nächste Karte in \d+ Tagen\.$/);
    expect(textOf(el, 'practise-button')).to.equal('Trotzdem üben');
    expect(textOf(el, 'undo-button')).to.equal('Rückgängig');
  });

  it('does not start the deck over after a reload once everything is done', async () => {
    const id = freshIdentity();
    const first = await review(id, cards(2));
    await grade(first, 'easy');
    await grade(first, 'easy');
    await waitForPart(first, 'done');
    first.remove();
    const again = await review(id, cards(2));
    await waitForPart(again, 'done');
    expect(part(again, 'card')).to.equal(null);
    expect(part(again, 'summary-answered')).to.equal(null);
  });

  it('an item added to the deck later joins as a new card; a removed one is no longer shown', async () => {
    const id = freshIdentity();
    const first = await review(id, cards(2));
    await grade(first, 'again');
    first.remove();
    const items = [cards(3)[2]!];
    const again = await review(id, items);
    await waitForPart(again, 'counts');
    expect(counts(again)).to.deep.equal([1, 0, 0]);
    expect(textOf(again, 'prompt')).to.equal('prompt 3');
  });

  it('undoes the last answer with the button, z and Ctrl+Z: the undone card comes back', async () => {
    const id = freshIdentity();
    const el = await review(id, cards(3));
    await grade(el, 'easy');
    expect(textOf(el, 'prompt')).to.equal('prompt 2');
    expect(counts(el)).to.deep.equal([2, 0, 0]);
    part(el, 'undo-button')!.click();
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', 'card 1 back after the button');
    expect(counts(el)).to.deep.equal([3, 0, 0]);
    expect(part(el, 'undo-button')).to.equal(null);

    await grade(el, 'easy');
    part(el, 'card')!.focus();
    await sendKeys({ press: 'z' });
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', 'card 1 back after z');

    await grade(el, 'good');
    part(el, 'card')!.focus();
    await pressChord('Control', 'z');
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1' && counts(el)[1] === 0, 'card 1 back after Ctrl+Z');
    const states = await engineFor(id).cardStates(['card-1'], normalizeSchedulerParameters({}), { timeZone: 'UTC', dayStartHour: 4 });
    expect(states.get('card-1')?.phase ?? 'new').to.equal('new');
  });

  it('drill mode shows every card once, in deck order, whatever is due', async () => {
    const id = freshIdentity();
    const first = await review(id, cards(2));
    await grade(first, 'easy');
    await grade(first, 'easy');
    first.remove();
    const el = await review(id, cards(2), { schedule: 'drill' });
    await waitForPart(el, 'reveal-button');
    expect(textOf(el, 'progress-text')).to.equal('1 of 2');
    expect(part(el, 'counts')).to.equal(null);
    expect(part(el, 'interval')).to.equal(null);
    await grade(el, 'good');
    expect(textOf(el, 'progress-text')).to.equal('2 of 2');
    part(el, 'undo-button')!.click();
    await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', 'the drill goes back to card 1 after an undo');
    expect(textOf(el, 'progress-text')).to.equal('1 of 2');
    // A reload resumes the drill without the undone answer.
    el.remove();
    const reloaded = await review(id, cards(2), { schedule: 'drill' });
    await waitForPart(reloaded, 'reveal-button');
    expect(textOf(reloaded, 'prompt')).to.equal('prompt 1');
    expect(textOf(reloaded, 'progress-text')).to.equal('1 of 2');
  });

  it('follows the learner\'s local day: a review is due from the start hour in the given time zone', async () => {
    for (const timeZone of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const clock = testClock();
      const id = freshIdentity();
      const el = await review(id, cards(1), { 'time-zone': timeZone, 'day-start-hour': '6' });
      el.clock = clock;
      const answer = await grade(el, 'easy');
      await waitForPart(el, 'done');
      const day = { timeZone, dayStartHour: 6 };
      const due = deriveCardState('card-1', [answer], new Set(), normalizeSchedulerParameters({}), day).due;
      expect(due, timeZone).to.equal(startOfDay(dayIndex(due, day), day));
      const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(due);
      expect(hour, timeZone).to.equal('06');
      // Held 1 ms before the day starts (a moving clock could cross the boundary meanwhile).
      clock.at = due - 1;
      await el.refresh();
      expect(part(el, 'card'), `${timeZone}: not due the millisecond before the learner's day starts`).to.equal(null);
      clock.at = null;
      clock.offset = due + MINUTE - Date.now();
      await el.refresh();
      await waitUntil(() => textOf(el, 'prompt') === 'prompt 1', `${timeZone}: due once the day starts`);
      expect(counts(el)).to.deep.equal([0, 0, 1]);
      el.remove();
    }
  });

  it('takes the browser\'s time zone when no time-zone attribute is given', async () => {
    await cdp.timeZone('Asia/Tokyo');
    try {
      const id = freshIdentity();
      const el = await mountSession(id, { items: cards(1), attributes: { schedule: 'review' } });
      expect(el.scheduleConfig().day.timeZone).to.equal('Asia/Tokyo');
      const answer = await grade(el, 'easy');
      await waitForPart(el, 'done');
      const due = deriveCardState('card-1', [answer], new Set(), normalizeSchedulerParameters({}), el.scheduleConfig().day).due;
      // 4 am in Tokyo is 19:00 UTC the day before.
      expect(new Date(due).getUTCHours()).to.equal(19);
      expect(due % DAY).to.equal(19 * 3_600_000);
    } finally {
      await cdp.timeZone(null);
    }
  });

  it('names a bad scheduling attribute in its error', async () => {
    const el = await review(freshIdentity(), cards(1), { 'learning-steps': '1m soon' });
    await waitForPart(el, 'error');
    expect(textOf(el, 'error-message')).to.equal('The learning-steps attribute cannot be "1m,soon".');
    const limit = await review(freshIdentity(), cards(1), { 'new-per-day': '-3' });
    await waitForPart(limit, 'error');
    expect(textOf(limit, 'error-message')).to.equal('The new-per-day attribute cannot be "-3".');
    const mode = await review(freshIdentity(), cards(1), { schedule: 'cram' });
    await waitForPart(mode, 'error');
    expect(textOf(mode, 'error-message')).to.equal('The schedule attribute cannot be "cram".');
  });
});
