import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { SyncState } from '../../src/index.js';
import { EngineController } from '../shared/engine-controller.js';
import { focusPart } from '../shared/focus.js';
import { format, formatTime } from '../shared/format.js';
import { resolveLabels } from '../shared/labels.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { IndicatorState, indicatorState } from '../shared/sync-status.js';
import { syncIndicatorLabelSets, type SyncIndicatorLabels } from './sync-indicator-labels.js';
import { compactMessage, counted, refusedCount, statusMessage, type Words } from './sync-indicator-text.js';
import { syncIndicatorStyles } from './sync-indicator.styles.js';

/**
 * Shows whether the learner's answers reached the server: "All changes saved", "Offline — 12
 * answers waiting" (the device is offline), "Can't reach the server — 12 answers waiting" (the
 * device is online, the sync server is not there), "Syncing 120 of 500", the last sync time,
 * errors with a retry button,
 * answers the server refused (send again or discard) and "Update available" with a reload
 * button. Changes are announced politely.
 *
 * @tagname sync-indicator
 * @summary The sync status of a user's answers, with retry, dead letters and updates.
 *
 * @csspart base - The row holding everything.
 * @csspart status - The live region: dot and message.
 * @csspart dot - The coloured state dot.
 * @csspart message - The status sentence (visually hidden in the compact variant).
 * @csspart compact-message - The short status of the compact variant.
 * @csspart last-sync - "Last synced 10:42".
 * @csspart retry-button - Retries after an error.
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

  /** The signed-in user's id; nothing is shown without one. */
  @property() user = '';

  /** Base URL of the sync API. */
  @property({ attribute: 'api-base' }) apiBase = '/api/review';

  /** IndexedDB database name; tags with the same database and user share one engine. */
  @property({ attribute: 'db-name' }) dbName = 'offline-review';

  /** A small variant: dot and a short text (the full sentence stays for screen readers). */
  @property({ type: Boolean, reflect: true }) compact = false;

  /**
   * `synced`, `offline` (the device is offline), `unreachable` (online, but the sync server
   * cannot be reached), `syncing` or `error`; reflected so pages can style it. Set by the element.
   */
  @property({ reflect: true }) state: IndicatorState = IndicatorState.Synced;

  /** Answers not yet confirmed by the server; reflected. Set by the element. */
  @property({ type: Number, reflect: true }) pending = 0;

  /**
   * Replacement texts, merged over the built-in set of the element's language (`lang`: English
   * and Japanese are built in; see SyncIndicatorLabels). A complete set brings a language of
   * its own; its `locale` formats numbers, plurals and times.
   */
  @property({ attribute: false }) labels: Partial<SyncIndicatorLabels> = {};

  @state() private confirmingDiscard = false;

  private readonly engines = new EngineController(this);

  /** The latest sync state of the engine, or null without a user. */
  get syncState(): SyncState | null {
    return this.engines.state;
  }

  private get words(): Words {
    const t = resolveLabels(syncIndicatorLabelSets, this, this.labels);
    return { t, locale: t.locale };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const sync = this.engines.state;
    this.state = indicatorState(sync);
    this.pending = sync?.pending ?? 0;
    if (!sync || sync.deadLetters === 0) this.confirmingDiscard = false;
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
    const sync = this.engines.state;
    if (!sync) return nothing;
    const words = this.words;
    const { t, locale } = words;
    const showRetry = this.state === IndicatorState.Error && (sync.lastError !== null || sync.paused);
    return html`<div part="base">
      <span part="status" role="status" aria-live="polite" aria-atomic="true" tabindex="-1">
        <span part="dot" aria-hidden="true"></span>
        <span part="message" class=${this.compact ? 'visually-hidden' : ''} title=${sync.lastError?.message ?? nothing}
          >${statusMessage(words, this.state, sync)}</span
        >
        ${this.compact ? html`<span part="compact-message" aria-hidden="true">${compactMessage(words, this.state, sync)}</span>` : nothing}
      </span>
      ${sync.lastSyncedAt !== null && this.state === IndicatorState.Synced && !this.compact
        ? html`<span part="last-sync"
            >${format(t.lastSync, { time: formatTime(sync.lastSyncedAt, locale) })}</span
          >`
        : nothing}
      ${showRetry ? html`<button part="retry-button" type="button" @click=${this.retry}>${t.retry}</button>` : nothing}
      ${sync.deadLetters > 0 ? this.renderDeadLetters(sync, words) : nothing}
      ${sync.updateAvailable
        ? html`<span part="update"
            >${t.updateAvailable}
            <button part="reload-button" type="button" @click=${this.reload}>${t.reload}</button></span
          >`
        : nothing}
    </div>`;
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
      <button part="retry-dead-letters-button" type="button" @click=${this.retryDeadLetters}>${t.retryDeadLetters}</button>
      <button part="discard-button" type="button" @click=${this.askDiscard}>${t.discard}</button>
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sync-indicator': SyncIndicatorElement;
  }
}
