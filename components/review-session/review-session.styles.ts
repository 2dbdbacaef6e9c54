/**
 * Appearance of `<review-session>`. Every colour and size comes from a custom property declared
 * on `:host`, so a site themes it without reaching into the shadow root; dark defaults follow
 * `prefers-color-scheme`, and motion stops under `prefers-reduced-motion`.
 */
import { css } from 'lit';

export const reviewSessionStyles = css`
  :host {
    --review-session-background: #ffffff;
    --review-session-foreground: #1f2328;
    --review-session-muted: #57606a;
    --review-session-border: #d0d7de;
    --review-session-accent: #0b5cad;
    --review-session-accent-foreground: #ffffff;
    --review-session-success: #1a7f37;
    --review-session-danger: #b42318;
    --review-session-notice-background: #fff8c5;
    --review-session-notice-foreground: #3d2e00;
    --review-session-radius: 0.75rem;
    --review-session-spacing: 1rem;
    --review-session-font: inherit;
    --review-session-prompt-size: 2rem;
    --review-session-max-width: 36rem;
    --review-session-transition: 150ms ease-out;
    --review-session-new: var(--review-session-accent);
    --review-session-learning: var(--review-session-danger);
    --review-session-due: var(--review-session-success);

    /* Focus rings in the accent colour by default: visible on both palettes. */
    --review-session-focus-ring: var(--review-session-accent);
    --offline-review-focus-ring: var(--review-session-focus-ring);

    display: block;
    max-width: var(--review-session-max-width);
    font-family: var(--review-session-font);
    color: var(--review-session-foreground);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --review-session-background: #1c1f24;
      --review-session-foreground: #e6edf3;
      --review-session-muted: #9da7b3;
      --review-session-border: #444c56;
      --review-session-accent: #6cb6ff;
      --review-session-accent-foreground: #0d1117;
      --review-session-success: #57d364;
      --review-session-danger: #ff938a;
      --review-session-notice-background: #3b2e00;
      --review-session-notice-foreground: #f8e3a1;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    :host {
      --review-session-transition: 0s;
    }
  }

  [part='base'] {
    position: relative;
    display: grid;
    gap: var(--review-session-spacing);
    padding: var(--review-session-spacing);
    background: var(--review-session-background);
    border: 1px solid var(--review-session-border);
    border-radius: var(--review-session-radius);
  }

  [part='progress'] {
    display: flex;
    align-items: center;
    gap: 0.75em;
    color: var(--review-session-muted);
    font-size: 0.875em;
  }

  [part='progress-bar'] {
    flex: 1;
    height: 0.375rem;
    border-radius: 999px;
    background: var(--review-session-border);
    overflow: hidden;
  }

  [part='progress-bar'] > span {
    display: block;
    height: 100%;
    background: var(--review-session-accent);
    transition: width var(--review-session-transition);
  }

  [part='card'] {
    display: grid;
    gap: var(--review-session-spacing);
    text-align: center;
  }

  /* Focus put on the card by a click shows no ring; focus from the keyboard does (shared styles). */
  [part='card']:focus:not(:focus-visible) {
    outline: none;
  }

  [part='prompt'] {
    margin: 0;
    font-size: var(--review-session-prompt-size);
    font-weight: 600;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }

  [part='answer-area'] {
    padding-top: var(--review-session-spacing);
    border-top: 1px solid var(--review-session-border);
  }

  [part='answer'] {
    margin: 0;
    font-size: 1.25em;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
    animation: appear var(--review-session-transition);
  }

  /* Movement only: fading would pass through low-contrast frames. */
  @keyframes appear {
    from {
      transform: translateY(0.25em);
    }
  }

  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5em;
  }

  button {
    min-width: 5.5em;
    padding: 0.5em 1em;
    border: 1px solid var(--review-session-border);
    border-radius: calc(var(--review-session-radius) / 2);
    background: var(--review-session-background);
    color: var(--review-session-foreground);
    transition: background-color var(--review-session-transition);
  }

  button.primary,
  [part~='reveal-button'] {
    background: var(--review-session-accent);
    border-color: var(--review-session-accent);
    color: var(--review-session-accent-foreground);
  }

  button:disabled {
    cursor: progress;
    opacity: 0.7;
  }

  [part='offline-notice'],
  [part='notice'] {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: calc(var(--review-session-radius) / 2);
    background: var(--review-session-notice-background);
    color: var(--review-session-notice-foreground);
  }

  [part='error'] {
    display: grid;
    gap: 0.5em;
    justify-items: start;
    color: var(--review-session-danger);
  }

  [part='error'] p {
    margin: 0;
  }

  [part~='counts-row'] {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.75em;
  }

  [part='counts'] {
    display: flex;
    gap: 1em;
    margin: 0;
    padding: 0;
    list-style: none;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~='count-new'] {
    color: var(--review-session-new);
  }

  [part~='count-learning'] {
    color: var(--review-session-learning);
  }

  [part~='count-due'] {
    color: var(--review-session-due);
  }

  [part='undo-button'] {
    min-width: 0;
    margin-inline-start: auto;
  }

  .undo-row {
    display: flex;
    justify-content: flex-end;
  }
`;
