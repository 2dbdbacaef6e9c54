/**
 * Appearance of `<review-session mode="typed">`: the answer field and Check, the feedback, and
 * what was typed beside the closest accepted answer. In the typed answers' chunk, adopted by
 * the element when that chunk arrives (before a typed review's first card).
 */
import { css } from 'lit';

export const typedStyles = css`
  form {
    display: grid;
    gap: 0.5em;
    justify-items: center;
  }

  [part='typed-input'] {
    width: min(100%, 20em);
    padding: 0.5em;
    font: inherit;
    color: var(--review-session-foreground);
    background: var(--review-session-background);
    border: 1px solid var(--review-session-muted);
    border-radius: calc(var(--review-session-radius) / 2);
  }

  [part='feedback'] {
    margin: 0;
    font-weight: 600;
  }

  [part='feedback'].correct {
    color: var(--review-session-success);
  }

  [part='feedback'].incorrect {
    color: var(--review-session-danger);
  }

  [part='typed-comparison'] {
    display: grid;
    gap: 0.25em;
    margin: 0;
  }

  [part='typed-comparison'] > div {
    display: flex;
    justify-content: center;
    gap: 0.5em;
  }

  [part='typed-comparison'] dt {
    color: var(--review-session-muted);
  }

  [part='typed-comparison'] dd {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  /* Struck through and underlined: the marks do not rely on colour. */
  [part='typed-comparison'] del {
    text-decoration: line-through 2px;
    color: var(--review-session-danger);
  }

  [part='typed-comparison'] ins {
    text-decoration: underline 2px;
    color: var(--review-session-success);
  }
`;
