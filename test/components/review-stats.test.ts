// <review-stats> in real Chromium (and Firefox) with real IndexedDB: the figures come from
// answers recorded through the engine, follow new answers and undos, and show as accessible
// charts or tables.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../support/until.js';
import { ReviewStatsChangeEvent } from '../../components/review-stats/review-stats-change-event.js';
import type { ReviewStatsElement } from '../../components/review-stats/review-stats.js';
import '../../components/review-stats/define-review-stats.js';
import { dayIndex, normalizeLearnerDay, startOfDay } from '../../src/scheduler/index.js';
import { api, unique } from '../support/server.js';
import { engineFor, freshIdentity, part, textOf, useEngineSuite, waitForPart, type TestIdentity } from './helpers.js';

const DAY = 86_400_000;
const UTC = normalizeLearnerDay({ timeZone: 'UTC', dayStartHour: 4 });

function mount(id: TestIdentity, extra = ''): Promise<ReviewStatsElement> {
  return fixture<ReviewStatsElement>(`<review-stats user="${id.user}" db-name="${id.db}" time-zone="UTC" ${extra}></review-stats>`);
}

/** Records `ratings` for `itemId` through the engine, in one session. */
async function answer(id: TestIdentity, itemId: string, ratings: Array<1 | 2 | 3 | 4>): Promise<string[]> {
  const engine = engineFor(id);
  const { session } = await engine.startSession({ deckId: id.deck, itemIds: [itemId], mode: 'grade' });
  const ids: string[] = [];
  for (const rating of ratings) ids.push((await engine.recordAnswer({ sessionId: session.id, itemId, rating, responseTimeMs: 400 })).id);
  return ids;
}

async function figuresWhere(el: ReviewStatsElement, test: (el: ReviewStatsElement) => boolean, what: string): Promise<void> {
  await waitUntil(() => el.figures !== null && test(el), what, { timeout: 10_000 });
  await el.updateComplete;
}

describe('<review-stats>', () => {
  useEngineSuite();

  it('is accessible with no answers yet, as charts and as tables', async () => {
    const el = await mount(freshIdentity());
    await waitForPart(el, 'summary');
    expect(textOf(el, 'figure-streak')).to.contain('0 days');
    expect(textOf(el, 'figure-retention')).to.contain('No review answers in the last 30 days');
    expect(part(el, 'heatmap-chart')!.getAttribute('role')).to.equal('img');
    expect(part(el, 'heatmap-chart')!.getAttribute('aria-label')).to.equal('0 reviews on 0 days in the last 26 weeks');
    // Every label of both charts lies inside its picture (none cut off at the right edge).
    for (const name of ['heatmap-chart', 'forecast-chart']) {
      const chart = part(el, name) as unknown as SVGSVGElement;
      for (const text of chart.querySelectorAll('text')) {
        const box = text.getBBox();
        expect(box.x + box.width, `${name}: ${text.textContent}`).to.be.at.most(chart.viewBox.baseVal.width);
      }
    }
    await expect(el).to.be.accessible();
    part(el, 'view-button')!.click();
    await el.updateComplete;
    expect(el.view).to.equal('table');
    expect(textOf(el, 'heatmap-table')).to.contain('No reviews yet');
    expect(el.shadowRoot!.querySelectorAll('[part~="forecast-table"] tbody tr')).to.have.length(30);
    await expect(el).to.be.accessible();
  });

  it('derives every figure from the answers recorded through the engine', async () => {
    const id = freshIdentity();
    // a: new → Good (learning) → Good (review, due in days) → Again (a review answer, a lapse).
    // b: Good then Good: in review, due in days. c: Again: in learning, due today.
    await answer(id, unique('a'), [3, 3, 1]);
    const b = unique('b');
    await answer(id, b, [3, 3]);
    await answer(id, unique('c'), [1]);
    // The learner's day starts half a day from now: c's learning step (minutes) and a's
    // relearning step then fall due today, whatever the time of the run (with a 4 am start, a
    // run at 3:50 UTC had a's step due tomorrow).
    const dayStartHour = (new Date().getUTCHours() + 12) % 24;
    const day = normalizeLearnerDay({ timeZone: 'UTC', dayStartHour });
    const el = await mount(id, `day-start-hour="${dayStartHour}"`);
    await figuresWhere(el, (e) => e.figures!.perDay.size > 0, 'figures');
    const f = el.figures!;
    const today = dayIndex(Date.now(), day);
    expect(f.today).to.equal(today);
    expect(f.perDay.get(today)).to.equal(6);
    expect(f.streak).to.deep.equal({ current: 1, longest: 1, reviewedToday: true });
    // Only a's third answer was given in review: retention 0 of 1.
    expect([f.retention.reviews, f.retention.passed, f.retention.ratio]).to.deep.equal([1, 0, 0]);
    // a (relearning) and c (learning) are due today; b later in the month.
    expect(f.forecast[0]).to.equal(2);
    expect(f.forecast.reduce((x, y) => x + y, 0)).to.equal(3);
    const states = await engineFor(id).cardStates([b], undefined, day);
    const bDay = dayIndex(states.get(b)!.due, day) - today;
    expect(f.forecast[bDay]).to.equal(1);

    expect(textOf(el, 'figure-today')).to.contain('6');
    expect(textOf(el, 'figure-due')).to.contain('2');
    expect(textOf(el, 'figure-retention')).to.contain('0 of 1 review answer in the last 30 days was not Again');
    expect(part(el, 'heatmap-chart')!.getAttribute('aria-label')).to.equal('6 reviews on 1 day in the last 26 weeks');
    expect(el.shadowRoot!.querySelectorAll('[part~="heatmap-chart"] rect.level-4')).to.have.length(1);
    expect(part(el, 'forecast-chart')!.getAttribute('aria-label')).to.equal('3 cards due in the next 30 days, 2 of them today');
    await expect(el).to.be.accessible();

    el.view = 'table';
    await el.updateComplete;
    const rows = el.shadowRoot!.querySelectorAll('[part~="heatmap-table"] tbody tr');
    expect(rows).to.have.length(1);
    expect(rows[0]!.querySelector('td')!.textContent).to.equal('6');
    const due = [...el.shadowRoot!.querySelectorAll('[part~="forecast-table"] tbody td')].map((td) => Number(td.textContent));
    expect(due).to.deep.equal([...f.forecast]);
    await expect(el).to.be.accessible();
  });

  it('follows new answers and undos, and leaves undone answers out', async () => {
    const id = freshIdentity();
    const el = await mount(id);
    await figuresWhere(el, () => true, 'first figures');
    const today = el.figures!.today;
    const changed = oneEvent(el, 'review-stats-change');
    const [first, second] = await answer(id, unique('a'), [3, 3]);
    const event = await changed;
    expect(event).to.be.instanceOf(ReviewStatsChangeEvent);
    expect(event.detail).to.equal(el.figures);
    await figuresWhere(el, (e) => e.figures!.perDay.get(today) === 2, 'two answers');
    await engineFor(id).retractAnswer(second!);
    await figuresWhere(el, (e) => e.figures!.perDay.get(today) === 1, 'the undo');
    await engineFor(id).retractAnswer(first!);
    await figuresWhere(el, (e) => !e.figures!.perDay.has(today), 'both undone');
    expect(el.figures!.streak.current).to.equal(0);
    expect(el.figures!.forecast.every((n) => n === 0)).to.equal(true);
  });

  it('shows the same figures on two devices once they synced, and works without the server', async () => {
    const away = freshIdentity();
    await answer(away, unique('a'), [3, 3, 1]);
    await answer(away, unique('b'), [3]);
    await engineFor(away).sync();
    expect([engineFor(away).state.pending, engineFor(away).state.lastError]).to.deep.equal([0, null]);
    const there = await mount(away);
    await figuresWhere(there, (e) => e.figures!.perDay.get(e.figures!.today) === 4, 'the first device');

    // The same learner on another device (another database), which has not pulled yet.
    const here: TestIdentity = { ...away, db: unique('db') };
    engineFor(here, {}, false);
    const el = await mount(here);
    await figuresWhere(el, () => true, 'an empty device');
    expect(el.figures!.perDay.size).to.equal(0);
    await engineFor(here).pull();
    await figuresWhere(el, (e) => e.figures!.perDay.size > 0, 'the pulled answers');
    const { today, perDay, forecast, retention, streak } = el.figures!;
    const other = there.figures!;
    expect({ today, perDay: [...perDay], forecast, retention, streak }).to.deep.equal({
      today: other.today,
      perDay: [...other.perDay],
      forecast: other.forecast,
      retention: other.retention,
      streak: other.streak,
    });

    // The server gone: the figures are read and recomputed from the device alone.
    await api.fault({ mode: 'down' });
    await el.refresh();
    expect(el.figures!.perDay.get(today)).to.equal(4);
  });

  it('counts days as learner days: the streak lasts until a whole day passes without a review', async () => {
    const id = freshIdentity();
    await answer(id, unique('a'), [3]);
    const el = await mount(id);
    await figuresWhere(el, (e) => e.figures!.streak.current === 1, 'streak of today');
    const now = Date.now();
    el.clock = { now: () => now + DAY };
    await figuresWhere(el, (e) => e.figures!.streak.reviewedToday === false, 'a day later');
    expect(el.figures!.streak).to.deep.equal({ current: 1, longest: 1, reviewedToday: false });
    el.clock = { now: () => now + 2 * DAY };
    await figuresWhere(el, (e) => e.figures!.streak.current === 0, 'two days later');
    expect(el.figures!.streak.longest).to.equal(1);
    expect(textOf(el, 'figure-streak')).to.contain('Longest: 1 day');
  });

  it('moves on to the new learner day by itself when the page stays open', async () => {
    const id = freshIdentity();
    await answer(id, unique('a'), [3]);
    // A clock 200 ms before the next learner day starts (4 am UTC), running at real speed.
    const today = dayIndex(Date.now(), UTC);
    const offset = startOfDay(today + 1, UTC) - 200 - Date.now();
    const el = await mount(id);
    el.clock = { now: () => Date.now() + offset };
    await figuresWhere(el, (e) => e.figures!.streak.reviewedToday, 'today');
    await figuresWhere(el, (e) => e.figures!.today === today + 1, 'the next day, without an answer or a call');
    expect(el.figures!.streak).to.deep.equal({ current: 1, longest: 1, reviewedToday: false });
    expect(el.figures!.perDay.get(today + 1)).to.equal(undefined);
  });

  it('shows a clear error for a bad attribute, and recovers when it is fixed', async () => {
    const el = await mount(freshIdentity(), 'weeks="0"');
    const error = await waitForPart(el, 'error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('weeks');
    await expect(el).to.be.accessible();
    el.weeks = 4;
    await waitForPart(el, 'summary');
    expect(part(el, 'error')).to.equal(null);
    expect(part(el, 'heatmap-chart')!.querySelectorAll('rect').length).to.be.within(22, 28);
  });

  it('takes its words from labels', async () => {
    const el = await mount(freshIdentity());
    el.labels = { streak: 'Série', showTables: 'Tableaux' };
    await waitForPart(el, 'summary');
    await el.updateComplete;
    expect(textOf(el, 'figure-streak')).to.contain('Série');
    expect(textOf(el, 'view-button')).to.equal('Tableaux');
  });

  it('speaks Japanese with lang="ja": every word, plural, number and date of every view', async () => {
    const id = freshIdentity();
    await answer(id, unique('a'), [3, 3, 1]);
    const wrapper = await fixture<HTMLDivElement>(`<div lang="ja"><review-stats user="${id.user}" db-name="${id.db}" time-zone="UTC"></review-stats></div>`);
    const el = wrapper.querySelector('review-stats')!;
    await figuresWhere(el, (e) => e.figures!.retention.reviews === 1, 'figures');
    /** Text a person meets in the shadow root (text, SVG titles, accessible names) that holds a Latin letter. */
    const latin = (): string[] => {
      const found: string[] = [];
      const walker = document.createTreeWalker(el.shadowRoot!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/[A-Za-z]/.test(node.textContent ?? '')) found.push(node.textContent!.trim());
      for (const node of el.shadowRoot!.querySelectorAll('[aria-label]')) if (/[A-Za-z]/.test(node.getAttribute('aria-label')!)) found.push(node.getAttribute('aria-label')!);
      return found;
    };
    expect(latin(), 'charts').to.deep.equal([]);
    expect(textOf(el, 'figure-streak')).to.contain('1日');
    expect(textOf(el, 'figure-retention')).to.contain('0%');
    expect(part(el, 'heatmap-chart')!.getAttribute('aria-label')).to.equal('過去26週間のうち1日で復習3回');
    await expect(el).to.be.accessible();
    el.view = 'table';
    await el.updateComplete;
    expect(latin(), 'tables').to.deep.equal([]);
    await expect(el).to.be.accessible();
    el.weeks = 0;
    await waitForPart(el, 'error');
    // Only the attribute's name, which the page wrote, is not Japanese.
    expect(textOf(el, 'error')).to.contain('weeks');
    expect(latin().filter((text) => /[A-Za-z]/.test(text.replace('weeks', '')))).to.deep.equal([]);
  });

  it('a shared device: when the user changes, nothing of the previous one is shown or announced, even from a read still running', async () => {
    const a = freshIdentity();
    await answer(a, unique('a'), [3, 3, 1]);
    const b: TestIdentity = { ...a, user: unique('u') };
    engineFor(b);
    const el = await mount(a);
    await figuresWhere(el, (e) => e.figures!.perDay.size > 0, "A's figures");
    const seen: Array<number | null> = [];
    el.addEventListener(ReviewStatsChangeEvent.eventName, (event) => seen.push(event.detail?.perDay.size ?? null));
    // A read for A is under way when the page switches to B.
    void el.refresh();
    el.user = b.user;
    await el.updateComplete;
    expect(el.figures, "A's figures cleared at once").to.equal(null);
    expect(part(el, 'summary'), "A's summary gone").to.equal(null);
    expect(part(el, 'loading') !== null, 'loading B').to.equal(true);
    await figuresWhere(el, (e) => e.figures!.perDay.size === 0, "B's figures");
    await el.refresh();
    expect(seen.length > 0, 'B announced').to.equal(true);
    expect(seen, "no event with A's figures after the switch").to.deep.equal(seen.map(() => 0));
    expect(textOf(el, 'figure-today')).to.contain('0');
    await expect(el).to.be.accessible();
  });

  it('shows nothing without a user', async () => {
    const el = await fixture<ReviewStatsElement>('<review-stats></review-stats>');
    expect(el.shadowRoot!.children.length).to.equal(0);
  });
});
