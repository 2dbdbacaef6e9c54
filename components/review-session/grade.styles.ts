/**
 * The grade buttons of `<review-session>`: Again,
 * Hard, Good and Easy in their own colours (custom properties, light and dark defaults that
 * pass WCAG AA contrast with their text), in one row of four equal columns however narrow the
 * phone, each with the interval it gives.
 * The "1 2 3 4" key hints are left out where the primary pointer is coarse (a touch screen),
 * where there is no keyboard to press them on.
 */
import { css } from 'lit';

export const gradeStyles = css`
  :host {
    --review-session-again: #b42318;
    --review-session-hard: #8a5a00;
    --review-session-good: #1a7f37;
    --review-session-easy: #0b5cad;
    --review-session-grade-foreground: #ffffff;
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --review-session-again: #ff938a;
      --review-session-hard: #e3b341;
      --review-session-good: #57d364;
      --review-session-easy: #6cb6ff;
      --review-session-grade-foreground: #0d1117;
    }
  }

  [part='grades'] {
    display: grid;
    grid-template-columns: repeat(4, minmax(0, 1fr));
    gap: 0.5em;
  }

  [part~='grade-button'] {
    position: relative;
    display: grid;
    justify-items: center;
    gap: 0.125em;
    min-width: 0;
    padding: 0.5em 0.25em;
    border: 0;
    background: var(--grade-colour);
    color: var(--review-session-grade-foreground);
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  [part~='grade-again'] {
    --grade-colour: var(--review-session-again);
  }

  [part~='grade-hard'] {
    --grade-colour: var(--review-session-hard);
  }

  [part~='grade-good'] {
    --grade-colour: var(--review-session-good);
  }

  [part~='grade-easy'] {
    --grade-colour: var(--review-session-easy);
  }

  [part='interval'] {
    font-size: 0.8em;
    font-weight: 400;
  }

  kbd {
    position: absolute;
    top: 0.2em;
    inset-inline-end: 0.35em;
    font: inherit;
    font-size: 0.7em;
    font-weight: 400;
  }

  @media (pointer: coarse) {
    kbd {
      display: none;
    }
  }
`;
