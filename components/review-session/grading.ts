/**
 * The grades' chunk of `<review-session>`, imported with the engine's (review-engine.ts,
 * review-parts.ts): what a grade does once given (grade-card.ts, with the writing of answers,
 * answer-write.ts) and a drill's start and progress row (drill-start.ts, drill-progress.ts). A scheduled review's first card needs
 * none of it; every write, and a drill's first card, wait for the engine anyway. A typed review
 * awaits it before its first card, with the typed answers' chunk, whose check writes through it.
 */
import { recordAnswer } from './answer-write.js';
import { gradeCard } from './grade-card.js';
import { startDrill } from './drill-start.js';
import { progressTemplate } from './drill-progress.js';

/** What the chunk gives the element. */
export const grading = { gradeCard, recordAnswer, startDrill, progressTemplate };

/** The type of {@link grading}. */
export type Grading = typeof grading;
