// Grade to next card (bench i), in the page: the real <review-session> (engine, IndexedDB,
// scheduler, sync to the bench server) beside a bare Lit element that renders the same
// templates and styles from an array in memory, with no storage and no scheduler: the floor
// of a card swap. Node presses the keys (CDP input) and reads each swap's time from here.
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { ReviewSessionElement } from '../../components/review-session/review-session.js';
import { focusPart } from '../../components/shared/focus.js';
import { format } from '../../components/shared/format.js';
import { sharedStyles } from '../../components/shared/shared.styles.js';
import { gradeStyles } from '../../components/review-session/grade.styles.js';
import { summaryStyles } from '../../components/review-session/summary.styles.js';
import type { ReviewController } from '../../components/review-session/review-controller.js';
import { defaultReviewSessionLabels } from '../../components/review-session/review-session-label-sets.js';
import { reviewSessionStyles } from '../../components/review-session/review-session.styles.js';
import { cardTemplate } from '../../components/review-session/review-session-templates.js';
import { countsTemplate, undoTemplate } from '../../components/review-session/schedule-templates.js';

const ITEMS = Array.from({ length: 300 }, (_, i) => ({ id: `card-${i}`, contentType: 'vocab', version: 1, prompt: `prompt ${i}`, answer: `answer ${i}` }));
const INTERVALS = { again: '1m', hard: '6m', good: '10m', easy: '8d' };

/**
 * The same card swap with no storage: the templates and styles of <review-session> over an
 * array, laid out as the element lays a scheduled card out (counts above, undo row below, the
 * polite live region announcing the card), so the two differ only by what happens beside them.
 */
class BareCard extends LitElement {
  static override styles = [sharedStyles, reviewSessionStyles, gradeStyles, summaryStyles];
  private index = 0;
  revealed = false;
  busy = false;
  storing = false;
  notice: string | null = null;

  constructor() {
    super();
    this.addEventListener('keydown', (event) => {
      if (!this.revealed && event.key === ' ') {
        event.preventDefault();
        this.reveal();
      } else if (this.revealed && /^[1-4]$/.test(event.key)) {
        event.preventDefault();
        this.grade();
      }
    });
  }

  reveal(): void {
    this.revealed = true;
    this.requestUpdate();
    void focusPart(this, '[part~="grade-good"]');
  }

  grade(): void {
    this.index++;
    this.revealed = false;
    this.requestUpdate();
    void focusPart(this, '[part~="reveal-button"]');
  }

  protected override render(): TemplateResult {
    const t = defaultReviewSessionLabels;
    const left = ITEMS.length - this.index;
    const counts = { new: left, learning: 0, due: 0 };
    const item = ITEMS[this.index]!;
    const undo = undoTemplate(t, this.index > 0, false, () => undefined);
    const card = cardTemplate(t, this as unknown as ReviewController, countsTemplate(t, counts, nothing), item, false, this.revealed ? INTERVALS : null);
    const announcement = this.revealed
      ? format(t.announceAnswer, { answer: item.answer }, t.locale)
      : format(t.announceReviewCard, { counts: format(t.announceCounts, { ...counts }, t.locale), prompt: item.prompt }, t.locale);
    return html`<div part="base">
      <slot hidden></slot>
      ${card} ${undo === nothing ? nothing : html`<div class="undo-row">${undo}</div>`}
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${announcement}</div>
    </div>`;
  }
}
customElements.define('bare-card', BareCard);
// Defined here: package.json's sideEffects list names the built define module, so a bundler
// drops a bare import of its source.
customElements.define('review-session', ReviewSessionElement);

let element: HTMLElement | null = null;
let keyAt = 0;
let pending: Promise<number> | null = null;
/** What the armed swap does at the first frame after a grade key (see `arm`). */
let onKeyFrame: (() => void) | null = null;
const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: false });

/**
 * Event Timing's own measure of each swap (the browser's time from a key to the next paint
 * after its handlers, as INP measures it; 8 ms steps), by the keys' time stamps: each swap's
 * presses, the first and any pressed again after the element ignored it. A key under 16 ms is
 * not reported (the API's floor): `keyTimings` counts it as 16, and says how many.
 */
const eventDurations = new Map<number, number>();
const gradeKeys: number[][] = [];
/** Each interaction's latency (the longest of its events, as INP takes it), and the keydowns' interactions. */
const interactions = new Map<number, number>();
const keydownInteraction = new Map<number, number>();
/** The time stamps of the reveal key (Space) presses. */
const revealKeys: number[] = [];
new PerformanceObserver((list) => {
  // `interactionId` is in Chromium, Firefox and Safari, not yet in TypeScript's DOM types.
  for (const entry of list.getEntries() as (PerformanceEventTiming & { interactionId: number })[]) {
    if (entry.name === 'keydown') eventDurations.set(entry.startTime, entry.duration);
    if (entry.interactionId > 0) {
      interactions.set(entry.interactionId, Math.max(interactions.get(entry.interactionId) ?? 0, entry.duration));
      if (entry.name === 'keydown') keydownInteraction.set(entry.startTime, entry.interactionId);
    }
  }
}).observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);

/** The last grade key came while the grade buttons were disabled (two answers still being written). */
let dropped = false;
// The key press's own time stamp: when the browser received it, before any handler ran. A key
// the element ignored (its grades disabled) is pressed again once they are enabled, as a learner
// would; the swap is timed from the first press.
window.addEventListener('keydown', (event) => {
  if (event.key === ' ') revealKeys.push(event.timeStamp);
  if (!/^[1-4]$/.test(event.key)) return;
  if (keyAt === 0) {
    keyAt = event.timeStamp;
    gradeKeys.push([keyAt]);
  } else gradeKeys.at(-1)!.push(event.timeStamp);
  dropped = element?.shadowRoot?.querySelector<HTMLButtonElement>('[part~="grade-good"]')?.disabled === true;
  // Before any handler of the element: this frame callback runs ahead of those the element asks
  // for while handling the key (see `arm`).
  const frame = onKeyFrame;
  requestAnimationFrame(() => frame?.());
}, true);

const promptOf = (el: HTMLElement) => el.shadowRoot?.querySelector('[part~="prompt"]')?.textContent ?? '';

/**
 * Adds the element (`real` or `bare`) to the page; resolves once its first card shows.
 */
async function setup(kind: 'real' | 'bare', user: string): Promise<void> {
  if (kind === 'bare') element = document.createElement('bare-card');
  else {
    element = document.createElement('review-session');
    for (const [name, value] of Object.entries({ user, deck: 'grade-bench', 'db-name': `grade-${user}`, 'new-per-day': '1000', 'max-reviews': '1000' })) {
      element.setAttribute(name, value);
    }
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(ITEMS);
    element.append(script);
  }
  document.body.append(element);
  const el = element;
  await new Promise<void>((resolve) => {
    const check = () => (el.shadowRoot?.querySelector('[part~="reveal-button"]') ? resolve() : requestAnimationFrame(check));
    check();
  });
  el.shadowRoot!.querySelector<HTMLElement>('[part~="reveal-button"]')!.focus();
  longTasks.length = 0;
}

/**
 * Arms the timer for the next grade: the swap ends when a new prompt is in the DOM, at a task
 * queued from the first animation frame after it, which runs once that frame's style, layout
 * and paint are done. When the key's own task put the prompt in, that frame's callback is the
 * one asked for before the element's handlers ran, so the task is queued ahead of any the
 * element queues after the frame (the write of the answer starts in one): those run once the
 * card is painted, and are not part of the swap. A prompt put in later (a key the element
 * ignored, then pressed again) is seen by the observer. Resolves immediately; `swap()`
 * resolves the milliseconds.
 */
function arm(): void {
  const el = element!;
  const before = promptOf(el);
  keyAt = 0;
  dropped = false;
  pending = new Promise<number>((resolve) => {
    let ended = false;
    const changed = (): boolean => promptOf(el) !== before && el.shadowRoot?.querySelector('[part~="reveal-button"]') !== null;
    const end = (): void => {
      if (ended) return;
      ended = true;
      observer.disconnect();
      onKeyFrame = null;
      resolve(performance.now() - keyAt);
    };
    onKeyFrame = () => {
      if (changed()) setTimeout(end, 0);
    };
    const observer = new MutationObserver(() => {
      if (!changed()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(end, 0));
    });
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  });
}

/** Resolves the armed swap's milliseconds. */
function swap(): Promise<number> {
  return pending!;
}

/**
 * Resolves 'swapped' once the armed swap is done, or 'again' once a grade key the element
 * ignored (its grades were disabled) can be pressed again: its grades are enabled.
 */
function settle(): Promise<'swapped' | 'again'> {
  const el = element!;
  return new Promise((resolve) => {
    let done = false;
    void pending!.then(() => {
      done = true;
      resolve('swapped');
    });
    const check = () => {
      if (done) return;
      if (dropped && el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="grade-good"]')?.disabled === false) {
        dropped = false;
        resolve('again');
      } else requestAnimationFrame(check);
    };
    check();
  });
}

/** Resolves once the grades are on screen (after Space). */
function revealed(): Promise<void> {
  const el = element!;
  return new Promise((resolve) => {
    const check = () => (el.shadowRoot?.querySelector('[part~="grade-good"]') ? resolve() : requestAnimationFrame(check));
    check();
  });
}

/**
 * Event Timing's measure of each swap since `from` (an index into the swaps since setup), once
 * the browser has reported them: from the first press to the paint after the last one (the
 * press that changed the card, when the element ignored the ones before); how many swaps had a
 * key pressed again; how many last presses were under 16 ms, so not reported (counted as 16).
 */
async function keyTimings(from: number): Promise<{ ms: number[]; pressedAgain: number; unreported: number }> {
  // Entries are reported after the frame they end in: two frames later, the last one is in.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const swaps = gradeKeys.slice(from);
  let unreported = 0;
  const ms = swaps.map((presses) => {
    const last = presses.at(-1)!;
    const duration = eventDurations.get(last);
    if (duration === undefined) unreported += 1;
    return last + (duration ?? 16) - presses[0]!;
  });
  return { ms, pressedAgain: swaps.filter((presses) => presses.length > 1).length, unreported };
}

/**
 * Event Timing's latency of each reveal (Space) since `from`, as INP takes an interaction's: the
 * longest of its events (keydown, keyup, the click a button fires), each from the key to the
 * next paint after its handlers. The real element reveals at the click, the bare one at the
 * keydown; a write of the answer before that lands beside the key delays it. Under 16 ms, or
 * not reported, counted as 16.
 */
async function revealTimings(from: number): Promise<number[]> {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return revealKeys.slice(from).map((at) => interactions.get(keydownInteraction.get(at) ?? -1) ?? 16);
}

/** How many reveal keys were pressed since setup. */
function revealCount(): number {
  return revealKeys.length;
}

/** How many swaps were begun (a grade key's first press) since setup. */
function keyCount(): number {
  return gradeKeys.length;
}

/** The long tasks (ms) seen since setup. */
function tasks(): number[] {
  return [...longTasks];
}

Object.assign(globalThis, { gradeBench: { setup, arm, swap, settle, revealed, tasks, keyTimings, keyCount, revealTimings, revealCount } });
