/**
 * Appearance of `<review-stats>`. Every colour and size comes from a custom property declared
 * on `:host`, so a site themes it without reaching into the shadow root; dark defaults follow
 * `prefers-color-scheme`. The heatmap's five levels are a property each.
 */
import { css } from 'lit';

export const reviewStatsStyles = css`
  :host {
    --review-stats-background: #ffffff;
    --review-stats-foreground: #1f2328;
    --review-stats-muted: #57606a;
    --review-stats-border: #d0d7de;
    --review-stats-accent: #0b5cad;
    --review-stats-level-0: #ebedf0;
    --review-stats-level-1: #9be9a8;
    --review-stats-level-2: #40c463;
    --review-stats-level-3: #30a14e;
    --review-stats-level-4: #216e39;
    --review-stats-radius: 0.75rem;
    --review-stats-spacing: 1rem;
    --review-stats-font: inherit;
    --review-stats-max-width: 48rem;

    --offline-review-focus-ring: var(--review-stats-accent);

    display: block;
    max-width: var(--review-stats-max-width);
    font-family: var(--review-stats-font);
    color: var(--review-stats-foreground);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --review-stats-background: #1c1f24;
      --review-stats-foreground: #e6edf3;
      --review-stats-muted: #9da7b3;
      --review-stats-border: #444c56;
      --review-stats-accent: #6cb6ff;
      --review-stats-level-0: #2d333b;
      --review-stats-level-1: #0e4429;
      --review-stats-level-2: #006d32;
      --review-stats-level-3: #26a641;
      --review-stats-level-4: #39d353;
    }
  }

  [part='base'] {
    display: grid;
    gap: var(--review-stats-spacing);
    padding: var(--review-stats-spacing);
    background: var(--review-stats-background);
    border: 1px solid var(--review-stats-border);
    border-radius: var(--review-stats-radius);
  }

  [part~='summary'] {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: var(--review-stats-spacing);
    margin: 0;
  }

  [part~='term'],
  [part~='detail'],
  [part~='caption'],
  [part~='legend'],
  [part~='loading'] {
    color: var(--review-stats-muted);
    font-size: 0.875em;
  }

  [part~='value'] {
    margin: 0;
    font-size: 1.5em;
    font-weight: 600;
  }

  [part~='detail'] {
    margin: 0;
  }

  [part~='view-button'] {
    justify-self: start;
    padding: 0.375em 0.75em;
    color: var(--review-stats-foreground);
    background: var(--review-stats-background);
    border: 1px solid var(--review-stats-border);
    border-radius: 0.375rem;
  }

  [part~='view-button'][aria-pressed='true'] {
    border-color: var(--review-stats-accent);
    box-shadow: inset 0 0 0 1px var(--review-stats-accent);
  }

  figure {
    margin: 0;
    display: grid;
    gap: 0.5rem;
    overflow-x: auto;
  }

  svg {
    display: block;
    max-width: 100%;
    height: auto;
    font-size: 9px;
  }

  svg text {
    fill: var(--review-stats-muted);
  }

  .level-0 {
    fill: var(--review-stats-level-0);
  }
  .level-1 {
    fill: var(--review-stats-level-1);
  }
  .level-2 {
    fill: var(--review-stats-level-2);
  }
  .level-3 {
    fill: var(--review-stats-level-3);
  }
  .level-4 {
    fill: var(--review-stats-level-4);
  }

  .bar {
    fill: var(--review-stats-accent);
  }

  .axis {
    stroke: var(--review-stats-border);
  }

  [part~='legend'] {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }

  [part~='legend'] svg {
    width: auto;
  }

  table {
    border-collapse: collapse;
    width: 100%;
  }

  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.375rem;
  }

  th,
  td {
    padding: 0.25em 0.5em;
    text-align: start;
    border-bottom: 1px solid var(--review-stats-border);
  }

  td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  [part~='error'] {
    margin: 0;
  }
`;
