/**
 * Appearance of `<review-session>`'s summaries (the drill's end and "All done for now"):
 * centred like the card, with the missed cards listed under the figures.
 */
import { css } from 'lit';

export const summaryStyles = css`
  [part~='summary'] {
    display: grid;
    justify-items: center;
    gap: var(--review-session-spacing);
    text-align: center;
  }

  [part~='summary'] h2 {
    margin: 0;
    font-size: 1.25em;
  }

  [part~='summary'] dl {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0.25em 1em;
    margin: 0;
  }

  [part~='summary'] dt {
    color: var(--review-session-muted);
    text-align: end;
  }

  [part~='summary'] dd {
    margin: 0;
    font-weight: 600;
    text-align: start;
  }

  [part='next-due'] {
    margin: 0;
    color: var(--review-session-muted);
  }

  [part='missed'] {
    display: grid;
    justify-items: center;
    gap: 0.5em;
    width: 100%;
    padding-top: var(--review-session-spacing);
    border-top: 1px solid var(--review-session-border);
  }

  [part='missed'] h3 {
    margin: 0;
    font-size: 1em;
  }

  [part='missed-list'] {
    display: grid;
    gap: 0.25em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  [part='missed-prompt'] {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  [part='missed-answer'] {
    color: var(--review-session-muted);
    overflow-wrap: anywhere;
  }
`;
