/**
 * The chunk of `<review-session mode="typed">`: the answer field and Check, the comparison of
 * what was typed with the closest accepted answer, their styles, and the check itself with the
 * storing of the answer (typed-check.ts). A review in grade mode never loads it
 * (review-parts.ts).
 */
import { checkTyped } from './typed-check.js';
import { typedTemplate } from './typed-templates.js';
import { typedStyles } from './typed.styles.js';

/** What the chunk gives the element. */
export const typedScreen = { typedTemplate, typedStyles, checkTyped };

/** The type of {@link typedScreen}. */
export type TypedScreen = typeof typedScreen;
