import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncState } from '../../src/index.js';
import { LazyEngineController } from '../shared/lazy-engine-controller.js';
import { focusPart } from '../shared/focus.js';
import { format, formatTime } from '../shared/format.js';
import { afterLabels, resolveLabels } from '../shared/labels.js';
import { RelativeTimeController } from '../shared/relative-time.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { IndicatorState, indicatorState } from '../shared/sync-status.js';
import { syncIndicatorLabelSets, type SyncIndicatorLabels } from './sync-indicator-labels.js';
import { compactMessage, counted, fullState, pendingCount, refusalReason, refusedCount, statusMessage, type Words } from './sync-indicator-text.js';
import { syncIndicatorStyles } from './sync-indicator.styles.js';

/** True when `value`, resolved against the page, is an http: or https: address (a link that cannot run script). */
function webAddress(value: string): boolean {
  if (!value) return false;
  try {
    const { protocol } = new URL(value, document.baseURI);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Shows whether the learner's answers reached the server: "All changes saved", "Offline — 12
 * answers waiting" (the device is offline), "Can't reach the server — 12 answers and 1 other
 * change waiting" (the device is online, the sync server is not there), "Syncing 120 of 500
 * answers", the last sync time in every state ("Last synced 5 minutes ago"), when it retries
 * by itself ("Retrying in 30 seconds"), errors with a retry button (a sign-in link after a 401
 * when `sign-in-url` is set), answers the server refused with its reason (send again or
 * discard) and "Update available" with a reload button. Answers are counted apart from other
 * records (sessions, undos). Changes are announced politely. Words follow the `lang` in force
 * (English and Japanese built in). Setting `status` shows a given state instead of the live one
 * (a preview, or a page of every state).
 *
 * @tagname sync-indicator
 * @summary The sync status of a user's answers, with retry, dead letters and updates.
 *
 * @csspart base - The row holding everything.
 * @csspart status - The live region: dot and message.
 * @csspart dot - The coloured state dot.
 * @csspart message - The status sentence (visually hidden in the compact variant).
 * @csspart compact-message - The short status of the compact variant.
 * @csspart last-sync - "Last synced 5 minutes ago" (the clock time is its tooltip).
 * @csspart next-retry - "Retrying in 30 seconds", while a retry of its own is set.
 * @csspart retry-button - Retries after an error.
 * @csspart sign-in-link - After a 401, the link to `sign-in-url` (shown instead of Retry).
 * @csspart refusal-reason - Why the server refused answers, in words.
 * @csspart dead-letters - The group of actions on refused answers.
 * @csspart retry-dead-letters-button - Puts refused answers back in the queue.
 * @csspart discard-button - Discards refused answers (after a confirmation).
 * @csspart discard-yes-button - Confirms discarding refused answers.
 * @csspart discard-no-button - Keeps refused answers.
 * @csspart update - The "Update available" group.
 * @csspart reload-button - Activates the new version and reloads.
 *
 * @cssproperty --sync-indicator-foreground - Text colour (default: the page's).
 * @cssproperty --sync-indicator-background - Background of the row.
 * @cssproperty --sync-indicator-muted - Secondary text (last sync; default: the page's colour).
 * @cssproperty --sync-indicator-synced-color - Dot colour when synced.
 * @cssproperty --sync-indicator-offline-color - Dot colour when offline.
 * @cssproperty --sync-indicator-unreachable-color - Dot colour when the server cannot be reached (default: the offline colour).
 * @cssproperty --sync-indicator-syncing-color - Dot colour while syncing.
 * @cssproperty --sync-indicator-error-color - Dot colour on errors.
 * @cssproperty --sync-indicator-button-background - Background of buttons.
 * @cssproperty --sync-indicator-button-foreground - Text of buttons.
 * @cssproperty --sync-indicator-button-border - Border of buttons.
 * @cssproperty --sync-indicator-dot-size - Size of the dot.
 * @cssproperty --sync-indicator-gap - Space between parts.
 * @cssproperty --sync-indicator-font-size - Font size.
 * @cssproperty --sync-indicator-pulse - Timing of the syncing dot's pulse (no pulse under reduced motion).
 */
export class SyncIndicatorElement extends LitElement {
  static override styles = [sharedStyles, syncIndicatorStyles];

  /** The signed-in user's id; nothing is shown without one (unless `status` is set). */
  @property() user = '';

  /** Base URL of the sync API. */
  @property({ attribute: 'api-base' }) apiBase = '/api/review';

  /** IndexedDB database name; tags with the same database and user share one engine. */
  @property({ attribute: 'db-name' }) dbName = 'offline-review';

  /** A small variant: dot and a short text (the full sentence stays for screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * Where the learner signs in again. When set, a 401 shows a link there instead of the Retry
   * button (the queue resumes by itself once a page of the site syncs with the new session).
   * Resolved against the page; only an http: or https: address makes a link (anything else,
   * such as `javascript:`, leaves the Retry button).
   */
  @property({ attribute: 'sign-in-url' }) signInUrl = '';

  /**
   * A sync state to show instead of the engine's (a preview, a page of every state, a
   * screenshot): the fields given, over a synced state with nothing waiting; null (the
   * default) shows the live state. While it is set, the buttons are shown disabled: what
   * they would act on (the engine) is not what is shown.
   */
  @property({ attribute: false }) status: Partial<SyncState> | null = null;

  /**
   * `synced`, `offline` (the device is offline), `unreachable` (online, but the sync server
   * cannot be reached), `syncing` or `error`; reflected so pages can style it. Set by the element.
   * Null (no attribute) until the element has counted what waits on this device: it never says
   * `synced` over answers it has not counted.
   */
  @property({ reflect: true }) state: IndicatorState | null = null;

  /**
   * Answers not yet confirmed by the server (other records not counted); reflected. Set by the
   * element; null (no attribute) until counted, as `state`.
   */
  @property({ type: Number, reflect: true }) pending: number | null = null;

  /**
   * Replacement texts, merged over the built-in set of the element's language (`lang`: English
   * and Japanese are built in; see SyncIndicatorLabels). A complete set brings a language of
   * its own; its `locale` formats numbers, plurals and times.
   */
  @property({ attribute: false }) labels: Partial<SyncIndicatorLabels> = {};

  @state() private confirmingDiscard = false;

  private readonly engines = new LazyEngineController(this);
  private readonly clock = new RelativeTimeController(this);

  /** The latest sync state of the engine, or null without a user. */
  get syncState(): SyncState | null {
    return this.engines.state;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onConnectivity);
    window.addEventListener('offline', this.onConnectivity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onConnectivity);
    window.removeEventListener('offline', this.onConnectivity);
  }

  // "Offline" follows the device even when the engine's state has not heard of it yet.
  private readonly onConnectivity = (): void => this.requestUpdate();

  /** True while `status` is shown: the buttons would act on an engine whose state is not the one shown. */
  private get preview(): boolean {
    return this.status !== null;
  }

  /** What is shown: `status` when set, else the engine's state. */
  private get shown(): SyncState | null {
    return this.status ? fullState(this.status) : this.engines.state;
  }

  private get words(): Words {
    const t = resolveLabels(syncIndicatorLabelSets, this, this.labels);
    return { t, locale: t.locale };
  }

  // A page in another language than English waits for its words' chunk before rendering, so
  // its first render (and the first after a change of `lang`) is never in English.
  protected override scheduleUpdate(): void | Promise<unknown> {
    return afterLabels(syncIndicatorLabelSets, this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const sync = this.shown;
    // A given `status` is shown as given; the live one also asks the device whether it is online.
    // Nothing is said before the count: "synced" over answers not yet counted would be false.
    this.state = sync && !sync.counted ? null : this.status ? indicatorState(sync, sync?.online ?? true) : indicatorState(sync);
    this.pending = sync && !sync.counted ? null : sync ? pendingCount(sync).answers : 0;
    // A preview shows no question whose answer would act on the engine.
    if (!sync || sync.deadLetters === 0 || this.preview) this.confirmingDiscard = false;
  }

  /** Retries a failed or paused sync. Failures show up in the state, so none is thrown here. */
  private readonly retry = async (): Promise<void> => {
    const engine = this.engines.engine;
    if (!engine) return;
    // A person asked to send now: a pause ends, entries waiting out a backoff go at once.
    await engine.retry().catch(() => {
      // The engine records the failure in `state.lastError`, which this element shows.
    });
  };

  private readonly retryDeadLetters = async (): Promise<void> => {
    const engine = this.engines.engine;
    if (!engine) return;
    await engine.requeueDeadLetters();
    await this.retry();
  };

  private readonly askDiscard = async (): Promise<void> => {
    this.confirmingDiscard = true;
    await focusPart(this, '[part~="discard-no-button"]');
  };

  private readonly discard = async (confirmed: boolean): Promise<void> => {
    this.confirmingDiscard = false;
    if (confirmed) await this.engines.engine?.discardDeadLetters();
    await focusPart(this, '[part~="retry-dead-letters-button"], [part~="status"]');
  };

  private readonly reload = async (): Promise<void> => {
    await this.engines.engine?.applyUpdate();
    // The engine clears `updateAvailable` without a state event (the page usually reloads).
    this.engines.refresh();
  };

  protected override render(): TemplateResult | typeof nothing {
    const sync = this.shown;
    if (!sync) return nothing;
    const state = this.state;
    // Not counted yet: the box and a quiet dot, no words; the counted state's template replaces it.
    if (state === null) {
      return html`<div part="base"><span part="status" role="status" aria-live="polite" aria-atomic="true" aria-busy="true" tabindex="-1"><span part="dot" aria-hidden="true"></span></span></div>`;
    }
    const words = this.words;
    const { t } = words;
    return html`<div part="base">
      <span part="status" role="status" aria-live="polite" aria-atomic="true" tabindex="-1">
        <span part="dot" aria-hidden="true"></span>
        <span part="message" class=${this.compact ? 'visually-hidden' : ''} title=${sync.lastError?.message ?? nothing}
          >${statusMessage(words, state, sync)}</span
        >
        ${this.compact ? html`<span part="compact-message" aria-hidden="true">${compactMessage(words, state, sync)}</span>` : nothing}
      </span>
      ${this.compact ? nothing : this.renderTimes(sync, words)} ${this.renderAction(sync, t)}
      ${sync.deadLetters > 0 ? this.renderDeadLetters(sync, words) : nothing}
      ${sync.updateAvailable
        ? html`<span part="update"
            >${t.updateAvailable}
            <button part="reload-button" type="button" ?disabled=${this.preview} @click=${this.reload}>${t.reload}</button></span
          >`
        : nothing}
    </div>`;
  }

  /** The last sync, in every state, and when the element retries by itself. */
  private renderTimes(sync: SyncState, { t, locale }: Words): TemplateResult {
    const last = sync.lastSyncedAt;
    const lastSync =
      last === null
        ? this.state === IndicatorState.Synced
          ? nothing
          : html`<span part="last-sync">${t.neverSynced}</span>`
        : html`<span part="last-sync" title=${formatTime(last, locale)}
            >${format(t.lastSync, { time: this.clock.format(last, locale) })}</span
          >`;
    const at = sync.nextRetryAt;
    // Offline waits for the network, paused for a sign-in, refusals for a person: none retries by itself.
    const retrying = at !== null && sync.online && !sync.paused && (this.state === IndicatorState.Unreachable || (this.state === IndicatorState.Error && sync.lastError !== null));
    const soon = at !== null && at - Date.now() <= 3_600_000;
    const next = !retrying
      ? nothing
      : html`<span part="next-retry"
          >${soon ? format(t.retryingIn, { when: this.clock.format(at, locale) }) : format(t.retryingAt, { time: formatTime(at, locale) })}</span
        >`;
    return html`${lastSync} ${next}`;
  }

  /** Retry after an error, or the sign-in link after a 401 when the site gave one. */
  private renderAction(sync: SyncState, t: SyncIndicatorLabels): TemplateResult | typeof nothing {
    if (this.state !== IndicatorState.Error || (sync.lastError === null && !sync.paused)) return nothing;
    if (sync.paused && webAddress(this.signInUrl)) return html`<a part="sign-in-link" href=${this.signInUrl}>${t.signIn}</a>`;
    return html`<button part="retry-button" type="button" ?disabled=${this.preview} @click=${this.retry}>${t.retry}</button>`;
  }

  private renderDeadLetters(sync: SyncState, words: Words): TemplateResult {
    const { t } = words;
    const refused = refusedCount(sync);
    if (this.confirmingDiscard) {
      const question = counted(words, t.discardConfirm, refused);
      return html`<span part="dead-letters" role="group" aria-label=${question}>
        <span aria-hidden="true">${question}</span>
        <button part="discard-yes-button" type="button" @click=${() => this.discard(true)}>${t.discardYes}</button>
        <button part="discard-no-button" type="button" @click=${() => this.discard(false)}>${t.discardNo}</button>
      </span>`;
    }
    return html`<span part="dead-letters" role="group" aria-label=${counted(words, t.deadLetters, refused)}>
      ${sync.refusal ? html`<span part="refusal-reason">${refusalReason(t, sync.refusal)}</span>` : nothing}
      <button part="retry-dead-letters-button" type="button" ?disabled=${this.preview} @click=${this.retryDeadLetters}>${t.retryDeadLetters}</button>
      <button part="discard-button" type="button" ?disabled=${this.preview} @click=${this.askDiscard}>${t.discard}</button>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sync-indicator': SyncIndicatorElement;
  }
}
