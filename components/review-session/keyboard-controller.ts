/**
 * Where `<review-session>` listens for its shortcuts (review-keys.ts). Inside the element
 * always; from the page too when the page has a single `<review-session>` whose `keyboard`
 * attribute is not `local`, so a learner can start without a click. Page-level keys are taken
 * only while nothing on the page has focus: a focused link, button or field keeps its keys.
 * A click on the element where there is no control moves focus into it, so that its
 * shortcuts apply from then on.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the controller needs from its element. */
export interface KeyboardHost extends ReactiveControllerHost, HTMLElement {
  /** `page` (default): shortcuts from the page too, when it is the page's only review; `local`: only with focus inside. */
  keyboard: string;
  /** The shadow root, where the part to focus on a click is. */
  readonly renderRoot: ParentNode;
}

/** The connected elements: page-level shortcuts apply only while there is exactly one. */
const connected = new Set<KeyboardController>();

function onPageKey(event: KeyboardEvent): void {
  if (connected.size !== 1) return;
  const [only] = connected;
  only!.pageKey(event);
}

/** True while `element` is rendered: no `display: none` or closed `<details>` around it. */
function shown(element: HTMLElement): boolean {
  // checkVisibility also sees content-visibility: hidden (how some browsers close <details>).
  if (typeof element.checkVisibility === 'function') return element.checkVisibility();
  return element.getClientRects().length > 0;
}

/** True while some of `element` is inside the viewport. */
function inView(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  const root = document.documentElement;
  return box.bottom > 0 && box.right > 0 && box.top < (window.innerHeight || root.clientHeight) && box.left < (window.innerWidth || root.clientWidth);
}

/** Page-level and in-element shortcuts, and focus on a click, for one element. */
export class KeyboardController implements ReactiveController {
  private readonly host: KeyboardHost;
  private readonly onKey: (event: KeyboardEvent, fromPage: boolean) => void;

  /** Registers on `host`; `onKey` handles a shortcut key (see onReviewKey). */
  constructor(host: KeyboardHost, onKey: (event: KeyboardEvent, fromPage: boolean) => void) {
    this.host = host;
    this.onKey = onKey;
    host.addController(this);
    host.addEventListener('keydown', (event) => onKey(event, false));
    host.addEventListener('click', this.onClick);
  }

  hostConnected(): void {
    connected.add(this);
    if (connected.size === 1) document.addEventListener('keydown', onPageKey);
  }

  hostDisconnected(): void {
    connected.delete(this);
    if (connected.size === 0) document.removeEventListener('keydown', onPageKey);
  }

  /**
   * A key typed on the page, outside any element: the shortcut applies unless opted out or
   * not shown (hidden itself or inside a hidden tab panel, a closed `<details>`). Space is
   * left to the page while the element is scrolled out of view: there it scrolls the page.
   */
  pageKey(event: KeyboardEvent): void {
    const host = this.host;
    if (host.keyboard === 'local' || host.hidden || event.composedPath().includes(host)) return;
    const target = event.composedPath()[0];
    if (target !== document.body && target !== document.documentElement && target !== document) return;
    if (!shown(host) || (event.key === ' ' && !inView(host))) return;
    this.onKey(event, true);
  }

  /** A click where there is no control (the prompt, the frame) moves focus to the card or summary. */
  private readonly onClick = (event: MouseEvent): void => {
    const onControl = event
      .composedPath()
      .some((node) => node instanceof Element && node.matches('button, input, a[href], select, textarea, [contenteditable]'));
    // Focus already inside (the click put it on the card), or a drag that selected text to copy: left as is.
    if (onControl || this.host.shadowRoot?.activeElement || !document.getSelection()?.isCollapsed) return;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="card"], [part~="summary"]')?.focus({ preventScroll: true });
  };
}
