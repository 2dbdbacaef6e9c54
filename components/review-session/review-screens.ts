/**
 * The chunk of `<review-session>`'s rarer screens: the drill's end-of-session summary, "All
 * done for now" with "Practise anyway", the missed cards, their styles (adopted by the element
 * when this chunk arrives), the drill's catch-up with answers stored elsewhere, and the end of
 * a review with the summaries' buttons (summary-actions.ts, run-end.ts, end-view.ts). None of
 * it is needed before the first card (review-parts.ts loads it).
 */
import { drillCatchUp, endRun } from './run-end.js';
import { endTemplate } from './end-view.js';
import { endReview, practise, restart, reviewMissed } from './summary-actions.js';
import { summaryStyles } from './summary.styles.js';

/** What the chunk gives the element. */
export const reviewScreens = { endTemplate, summaryStyles, drillCatchUp, endRun, endReview, practise, reviewMissed, restart };

/** The type of {@link reviewScreens}. */
export type ReviewScreens = typeof reviewScreens;
