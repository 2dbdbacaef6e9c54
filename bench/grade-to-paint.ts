// i. Grade to next card: p95 from the grade key press to the next card painted, under 4× CPU
// throttling, for the real <review-session> (engine, IndexedDB, scheduler, sync to the bench
// server) and for a bare Lit element with the same templates and no storage (baseline), each
// in a fresh profile of the same browser. Keys go through CDP input (page.keyboard); the time
// is measured in the page (bench/browser/grade-page.ts). Also the long tasks during the real
// element's answers.
//
// Two paces. Back to back (the row's figure): Space as soon as the next card is painted, the
// grade key as soon as the grades show, so each answer's write (which starts after the paint
// of the next card) runs while the next keys are pressed and handled. At a learner's pace: the
// same swap with a pause before each key, so the element's own swap shows apart from writes
// overlapping the next keys (see PACE_MS).
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { newDevice } from '../test/e2e/support/browser.js';
import { stats, type Stats } from './stats.js';

interface GradePage {
  setup(kind: 'real' | 'bare', user: string): Promise<void>;
  arm(): void;
  swap(): Promise<number>;
  settle(): Promise<'swapped' | 'again'>;
  revealed(): Promise<void>;
  tasks(): number[];
  keyTimings(from: number): Promise<{ ms: number[]; pressedAgain: number; unreported: number }>;
  keyCount(): number;
  revealTimings(from: number): Promise<number[]>;
  revealCount(): number;
}

/** Calls `gradeBench[name](...args)` in the page. */
function call<K extends keyof GradePage>(page: Page, name: K, ...args: Parameters<GradePage[K]>): Promise<Awaited<ReturnType<GradePage[K]>>> {
  return page.evaluate(
    ({ name, args }) => (globalThis as unknown as { gradeBench: Record<string, (...a: unknown[]) => unknown> }).gradeBench[name]!(...args),
    { name, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<GradePage[K]>>>;
}

export interface GradeRun {
  swap: Stats;
  longTasks: number[];
  /**
   * Event Timing's measure of the same swaps: from the first press to the paint after the press
   * that changed the card (8 ms steps; a press under 16 ms, unreported, counted as 16).
   */
  eventTiming: Stats;
  /** Event Timing's latency of the reveals (Space) between the measured swaps, as INP takes an interaction's. */
  reveal: Stats;
  /** Swaps whose first key the element ignored (two answers unstored), pressed again. */
  pressedAgain: number;
  /** Swaps whose last press Event Timing did not report (under 16 ms). */
  unreported: number;
}

export interface GradeToPaintResult {
  real: GradeRun;
  bare: GradeRun;
  answers: number;
  throttle: number;
  /** The same swaps at a learner's pace (`paceMs` before Space and before the grade key). */
  paced?: { real: GradeRun; bare: GradeRun; answers: number; paceMs: number };
}

/**
 * The learner's pace: the pause between the card painted and Space, and between the grades
 * shown and the grade key. 600 ms is below any real recall (reading a prompt and recalling an
 * answer takes a second or more), so it is a fast learner's pace, not a slow one's; and it is
 * over the time one answer's write takes at 4x (its transaction, the card's state read back and
 * the queue rebuilt: about 150 ms measured), so at this pace each write is done before the
 * next key, as for most real answers.
 */
export const PACE_MS = 600;
/** Answers measured at the learner's pace: fewer than back to back, each costs two pauses. */
const PACED_ANSWERS = 60;

/** `answers` grades (after `warmup` unmeasured ones) on a fresh page with element `kind`. */
async function run(browser: Browser, origin: string, kind: 'real' | 'bare', answers: number, warmup: number, throttle: number, paceMs = 0): Promise<GradeRun> {
  const user = `grade-${randomUUID()}`;
  const context = await newDevice(browser, origin, user);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/grade.html`);
    await page.waitForFunction(() => 'gradeBench' in globalThis, undefined, { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await call(page, 'setup', kind, user);
    const samples: number[] = [];
    let longTasks: number[] = [];
    let firstKey = 0;
    let firstReveal = 0;
    for (let i = 0; i < warmup + answers; i++) {
      if (i === warmup) {
        // Keys timed from here.
        firstKey = await call(page, 'keyCount');
        firstReveal = await call(page, 'revealCount');
      }
      if (paceMs > 0) await page.waitForTimeout(paceMs);
      await page.keyboard.press(' ');
      await call(page, 'revealed');
      if (paceMs > 0) await page.waitForTimeout(paceMs);
      await call(page, 'arm');
      await page.keyboard.press('3');
      // Pressed again while the element ignored it (grades disabled while two answers are written).
      while ((await call(page, 'settle')) === 'again') await page.keyboard.press('3');
      const ms = await call(page, 'swap');
      if (i >= warmup) samples.push(ms);
      if (i === warmup - 1) longTasks = await call(page, 'tasks');
    }
    const all = await call(page, 'tasks');
    const keys = await call(page, 'keyTimings', firstKey);
    const reveals = await call(page, 'revealTimings', firstReveal);
    return { swap: stats(samples), longTasks: all.slice(longTasks.length), eventTiming: stats(keys.ms), reveal: stats(reveals), pressedAgain: keys.pressedAgain, unreported: keys.unreported };
  } finally {
    await context.close();
  }
}

/**
 * Measures the bare element, then the real one, each on a fresh page and profile: back to back,
 * then (with `pacedAnswers` > 0) at the learner's pace.
 */
export async function measureGradeToPaint(browser: Browser, origin: string, answers = 200, throttle = 4, pacedAnswers = PACED_ANSWERS): Promise<GradeToPaintResult> {
  const warmup = 10;
  const bare = await run(browser, origin, 'bare', answers, warmup, throttle);
  const real = await run(browser, origin, 'real', answers, warmup, throttle);
  if (pacedAnswers <= 0) return { real, bare, answers, throttle };
  const pacedBare = await run(browser, origin, 'bare', pacedAnswers, warmup, throttle, PACE_MS);
  const pacedReal = await run(browser, origin, 'real', pacedAnswers, warmup, throttle, PACE_MS);
  return { real, bare, answers, throttle, paced: { real: pacedReal, bare: pacedBare, answers: pacedAnswers, paceMs: PACE_MS } };
}
