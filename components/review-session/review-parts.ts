/**
 * The chunks `<review-session>` loads when it needs them: what the first card of a review
 * does not use. The summaries ("Session complete", "All done for now", the missed cards, their
 * styles) and the drill's catch-up with answers from elsewhere are one chunk, fetched at an
 * idle moment after the first card; typed answers are another, fetched before the first card
 * of a `mode="typed"` review; undo, the interval labels' formatting and the worker's
 * registration are a third, fetched at an idle moment after the first card; what a grade does
 * (holding its card while the answer is written, the writes) and a drill's start are a fourth,
 * imported with the engine's chunk, which every write and a drill's first card wait for.
 */
import { LazyPart } from './lazy-part.js';
import { laterWords } from './review-session-words.js';

// The summaries and typed answers come with their words (the later words of each language the
// page's reviews speak): what awaits them renders and announces in the element's language.

/** The summaries and the drill's catch-up (review-screens.ts), with their words. */
export const screens = new LazyPart('summary', async () => (await Promise.all([import('./review-screens.js'), laterWords()]))[0].reviewScreens);

/** The typed answer's form, check and comparison (typed-screen.ts), with their words. */
export const typedAnswers = new LazyPart('typed', async () => (await Promise.all([import('./typed-screen.js'), laterWords()]))[0].typedScreen);

/** Undo, the interval labels' formatting and the worker's registration (card-extras.ts). */
export const cardExtras = new LazyPart('extras', async () => (await import('./card-extras.js')).cardExtras);

/** What a grade does once given, the writing of answers and a drill's start (grading.ts): imported with the engine. */
export const grades = new LazyPart('grade', async () => (await import('./grading.js')).grading);
