/**
 * Appearance of `<sync-indicator>`: custom properties on `:host`, one colour per state (the
 * `state` attribute is reflected so pages can style it too), text in the page's colour,
 * buttons and dots with dark defaults, no pulse when reduced motion is asked for.
 */
import { css } from 'lit';

export const syncIndicatorStyles = css`
  :host {
    /* Text takes the page's colour: the indicator sits in headers and footers of any colour. */
    --sync-indicator-foreground: currentColor;
    --sync-indicator-background: transparent;
    --sync-indicator-muted: currentColor;
    --sync-indicator-synced-color: #1a7f37;
    --sync-indicator-offline-color: #57606a;
    --sync-indicator-syncing-color: #0b5cad;
    --sync-indicator-error-color: #b42318;
    --sync-indicator-button-background: #ffffff;
    --sync-indicator-button-foreground: #1f2328;
    --sync-indicator-button-border: #8c959f;
    --sync-indicator-dot-size: 0.625rem;
    --sync-indicator-gap: 0.5rem;
    --sync-indicator-font-size: 0.875rem;
    --sync-indicator-pulse: 1.2s ease-in-out infinite alternate;

    display: inline-block;
    font-size: var(--sync-indicator-font-size);
    color: var(--sync-indicator-foreground);
  }

  @media (prefers-color-scheme: dark) {
    :host {
      --sync-indicator-synced-color: #57d364;
      --sync-indicator-offline-color: #9da7b3;
      --sync-indicator-syncing-color: #6cb6ff;
      --sync-indicator-error-color: #ff938a;
      --sync-indicator-button-background: #1c1f24;
      --sync-indicator-button-foreground: #e6edf3;
      --sync-indicator-button-border: #768390;
    }
  }


  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sync-indicator-gap);
    background: var(--sync-indicator-background);
  }

  [part='status'] {
    display: inline-flex;
    align-items: center;
    gap: var(--sync-indicator-gap);
  }

  [part='dot'] {
    width: var(--sync-indicator-dot-size);
    height: var(--sync-indicator-dot-size);
    border-radius: 50%;
    background: var(--sync-indicator-synced-color);
    flex: none;
  }

  /* Not counted yet (no state): a quiet dot, no colour that says anything. */
  :host(:not([state])) [part='dot'] {
    background: var(--sync-indicator-offline-color);
    opacity: 0.4;
  }

  :host([state='offline']) [part='dot'] {
    background: var(--sync-indicator-offline-color);
  }

  :host([state='unreachable']) [part='dot'] {
    background: var(--sync-indicator-unreachable-color, var(--sync-indicator-offline-color));
  }

  :host([state='syncing']) [part='dot'] {
    background: var(--sync-indicator-syncing-color);
    animation: pulse var(--sync-indicator-pulse);
  }

  :host([state='error']) [part='dot'] {
    background: var(--sync-indicator-error-color);
  }

  @media (prefers-reduced-motion: reduce) {
    :host([state='syncing']) [part='dot'] {
      animation: none;
    }
  }

  @keyframes pulse {
    to {
      opacity: 0.35;
    }
  }

  [part='last-sync'],
  [part='next-retry'] {
    color: var(--sync-indicator-muted);
  }

  [part='sign-in-link'] {
    color: inherit;
    font-weight: 600;
  }

  [part='dead-letters'],
  [part='update'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--sync-indicator-gap);
  }

  button {
    padding: 0.125em 0.625em;
    border: 1px solid var(--sync-indicator-button-border);
    border-radius: 0.375em;
    background: var(--sync-indicator-button-background);
    color: var(--sync-indicator-button-foreground);
  }

  /* A previewed state (the status property): its buttons would act on a different state. */
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }

  :host([compact]) [part='last-sync'],
  :host([compact]) [part='next-retry'],
  :host([compact]) [part='refusal-reason'] {
    display: none;
  }
`;
