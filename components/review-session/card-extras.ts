/**
 * The chunk of `<review-session>` that its first card does not need, fetched at an idle
 * moment once that card shows (later-parts.ts): undo's logic, the preview and formatting of the interval
 * labels (they show once the scheduler has arrived, after the first card too) and of "the next
 * card is due in…", and the registration of the site's worker (review-parts.ts loads it).
 */
import { registerWorker } from '../shared/service-worker.js';
import { formatDueIn, formatIntervals } from './interval-format.js';
import { undoLast } from './review-undo.js';
import { intervalsOf } from './scheduled-intervals.js';

/** What the chunk gives the element. */
export const cardExtras = { undoLast, intervalsOf, formatIntervals, formatDueIn, registerWorker };

/** The type of {@link cardExtras}. */
export type CardExtras = typeof cardExtras;
