/**
 * Styles both tags share: `hidden` on the host, the visually-hidden text of live regions and
 * focus rings.
 */
import { css } from 'lit';

export const sharedStyles = css`
  /* Each tag's display on :host would otherwise beat the browser's own [hidden] rule. */
  :host([hidden]) {
    display: none;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible,
  input:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--offline-review-focus-ring, currentColor);
    outline-offset: 2px;
  }

  [hidden] {
    display: none !important;
  }
`;
