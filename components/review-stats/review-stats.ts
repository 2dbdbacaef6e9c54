import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OfflineReviewError } from '../../src/errors.js';
import { Coalesced } from '../../src/sync/coalesce.js';
import { startOfDay } from '../../src/scheduler/learner-day.js';
import { QueueTimer, systemClock, type ReviewClock } from '../review-session/queue-timer.js';
import { scheduleConfig } from '../review-session/schedule-config.js';
import { EngineController } from '../shared/engine-controller.js';
import { toOfflineReviewError } from '../shared/errors.js';
import { format, formatNumber } from '../shared/format.js';
import { formatPercent } from '../shared/summary-format.js';
import { afterLabels, resolveLabels } from '../shared/labels.js';
import { sharedStyles } from '../shared/shared.styles.js';
import { ReviewStatsChangeEvent } from './review-stats-change-event.js';
import { reviewStatsLabelSets, type ReviewStatsLabels } from './review-stats-labels.js';
import { counted, forecastTableTemplate, forecastTemplate, heatmapTableTemplate, heatmapTemplate } from './review-stats-templates.js';
import { reviewStatsStyles } from './review-stats.styles.js';
import { readFigures, type ReviewFigures } from './stats-source.js';

/** Attributes that change the figures: a change reads them again. */
const FIGURE_PROPERTIES = [
  'desiredRetention', 'maximumInterval', 'learningSteps', 'relearningSteps', 'fuzz', 'dayStartHour', 'timeZone', 'weeks', 'retentionDays',
  'forecastDays', 'clock',
] as const;

/** Checks a count attribute: a whole number of 1 or more. Throws 'invalid-input' naming the attribute. */
function requireCount(attribute: string, value: number): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new OfflineReviewError('invalid-input', `The ${attribute} attribute must be a whole number of 1 or more.`, { details: { attribute, value } });
}

/**
 * A learner's review statistics, derived on the device from the merged answers (every
 * device's, undone ones left out), so they show offline and agree across devices once synced:
 * reviews per day as a calendar heatmap, the cards due in the coming days, retention and the
 * streak. Days are the learner's days (`time-zone`, `day-start-hour`), as in `<review-session>`;
 * give both tags the same scheduling attributes. The figures follow new answers, undos, other
 * tabs and pulls. The charts can be switched to tables.
 *
 * @tagname review-stats
 * @summary Heatmap, forecast, retention and streak of a learner's reviews, offline.
 *
 * @event {ReviewStatsChangeEvent} review-stats-change - The figures were (re)computed. `detail`: the `ReviewFigures` shown, or null after an error.
 *
 * @csspart base - The region holding everything.
 * @csspart summary - The list of figures (also `figure`, `figure-streak`, `figure-retention`, `figure-today`, `figure-due`).
 * @csspart term - The name of a figure.
 * @csspart value - A figure's value.
 * @csspart detail - The line under a value.
 * @csspart view-button - Switches the charts to tables and back (`aria-pressed`).
 * @csspart heatmap - The heatmap's figure with its caption.
 * @csspart heatmap-chart - The heatmap's SVG.
 * @csspart legend - The colour scale under the heatmap.
 * @csspart forecast - The forecast's figure with its caption.
 * @csspart forecast-chart - The forecast's SVG.
 * @csspart caption - A chart's caption.
 * @csspart table - Each table (also `heatmap-table`, `forecast-table`).
 * @csspart loading - The loading message.
 * @csspart error - Why the figures are not shown.
 *
 * @cssproperty --review-stats-background - Background of the frame.
 * @cssproperty --review-stats-foreground - Text colour.
 * @cssproperty --review-stats-muted - Secondary text (terms, details, chart labels).
 * @cssproperty --review-stats-border - Borders.
 * @cssproperty --review-stats-accent - The forecast's bars and the focus ring.
 * @cssproperty --review-stats-level-0 - Heatmap: a day without reviews.
 * @cssproperty --review-stats-level-1 - Heatmap: the fewest reviews (up to a quarter of the busiest day).
 * @cssproperty --review-stats-level-2 - Heatmap: up to half.
 * @cssproperty --review-stats-level-3 - Heatmap: up to three quarters.
 * @cssproperty --review-stats-level-4 - Heatmap: the busiest days.
 * @cssproperty --review-stats-radius - Corner radius of the frame.
 * @cssproperty --review-stats-spacing - Space between parts.
 * @cssproperty --review-stats-font - Font family.
 * @cssproperty --review-stats-max-width - Widest the element grows.
 */
export class ReviewStatsElement extends LitElement {
  static override styles = [sharedStyles, reviewStatsStyles];

  /** The signed-in user's id; nothing is shown without one. */
  @property() user = '';

  /** Base URL of the sync API. */
  @property({ attribute: 'api-base' }) apiBase = '/api/review';

  /** IndexedDB database name; tags with the same database and user share one engine. */
  @property({ attribute: 'db-name' }) dbName = 'offline-review';

  /** FSRS desired retention of the deck (as on `<review-session>`; default 0.9). */
  @property({ attribute: 'desired-retention', type: Number }) desiredRetention?: number;

  /** The longest interval, in days (default 36500). */
  @property({ attribute: 'maximum-interval', type: Number }) maximumInterval?: number;

  /** Steps of a new card (default "1m 10m"). */
  @property({ attribute: 'learning-steps' }) learningSteps?: string;

  /** Steps of a forgotten card (default "10m"). */
  @property({ attribute: 'relearning-steps' }) relearningSteps?: string;

  /** Fuzzed intervals, as on `<review-session>` (off by default). */
  @property({ type: Boolean }) fuzz = false;

  /** The hour, local time, at which the learner's day starts (default 4). */
  @property({ attribute: 'day-start-hour', type: Number }) dayStartHour?: number;

  /** The learner's IANA time zone (default the browser's). */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Weeks the heatmap shows, today's last (default 26). */
  @property({ type: Number }) weeks = 26;

  /** The learner days retention is measured over, today's included (default 30). */
  @property({ attribute: 'retention-days', type: Number }) retentionDays = 30;

  /** The days the forecast shows, today first (default 30). */
  @property({ attribute: 'forecast-days', type: Number }) forecastDays = 30;

  /** `chart` or `table`: how the heatmap and forecast show. The view button switches it. */
  @property({ reflect: true }) view: 'chart' | 'table' = 'chart';

  /** Where the figures read the time (default the real clock). A test seam, like `<review-session>`'s. */
  @property({ attribute: false }) clock: ReviewClock = systemClock;

  /** Replacement texts over the built-in set of the element's `lang` (en, ja; see ReviewStatsLabels). */
  @property({ attribute: false }) labels: Partial<ReviewStatsLabels> = {};

  /** The figures shown, or null before the first read (or after an error). */
  @state() figures: ReviewFigures | null = null;

  @state() private error: OfflineReviewError | null = null;

  private readonly engines = new EngineController(this, () => void this.refresh());
  private readonly reading = new Coalesced(() => this.read(), () => this.isConnected);
  /** Reads again when the next learner day starts: a page left open overnight moves on to the new today. */
  private readonly dayTimer = new QueueTimer();
  private readEngine: unknown = null;
  /** The engine whose read gave `figures` (or `error`): another one's are never shown. */
  private shownEngine: unknown = null;

  private get text(): ReviewStatsLabels {
    return resolveLabels(reviewStatsLabelSets, this, this.labels);
  }

  /** Whose figures the attributes ask for: a change is another learner. */
  private get learner(): string {
    return JSON.stringify([this.user, this.apiBase, this.dbName]);
  }

  /** Reads the answers again and recomputes the figures; resolves when they are shown. */
  refresh(): Promise<void> {
    return this.reading.run();
  }

  private async read(): Promise<void> {
    // Never inside the update that asked for it: the state set below schedules the next one.
    await Promise.resolve();
    const engine = this.engines.engine;
    const learner = this.learner;
    // Set to another user (even before the update that takes the new engine): this read is stale.
    const stale = (): boolean => engine !== this.engines.engine || learner !== this.learner;
    this.readEngine = engine;
    if (!engine) {
      this.figures = null;
      return;
    }
    try {
      const { params, day } = scheduleConfig(this);
      requireCount('weeks', this.weeks);
      const retentionDays = requireCount('retention-days', this.retentionDays);
      const forecastDays = requireCount('forecast-days', this.forecastDays);
      const figures = await readFigures(engine, { params, day, nowMs: this.clock.now(), retentionDays, forecastDays });
      // The user changed while this read ran: its figures are the previous learner's.
      if (stale()) return;
      this.figures = figures;
      if (this.isConnected) this.dayTimer.set(startOfDay(this.figures.today + 1, day), this.clock, () => void this.refresh());
      this.error = null;
    } catch (error) {
      if (stale()) return;
      this.figures = null;
      this.error = toOfflineReviewError(error);
    }
    this.shownEngine = engine;
    await this.updateComplete;
    if (stale()) return;
    this.dispatchEvent(new ReviewStatsChangeEvent(this.figures));
  }

  // A page in another language than English waits for its words' chunk before rendering, so
  // its first render (and the first after a change of `lang`) is never in English.
  protected override scheduleUpdate(): void | Promise<unknown> {
    return afterLabels(reviewStatsLabelSets, this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another user (or database) is another learner: nothing of the previous one stays, even
    // while the new one's figures are read (a shared device).
    if (changed.has('user') || changed.has('dbName') || changed.has('apiBase')) {
      this.figures = null;
      this.error = null;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The engine is chosen after willUpdate (the controller's hostUpdate): compare it here.
    if (this.engines.engine !== this.readEngine || FIGURE_PROPERTIES.some((name) => changed.has(name))) {
      this.readEngine = this.engines.engine;
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dayTimer.clear();
  }

  private readonly toggleView = (): void => {
    this.view = this.view === 'table' ? 'chart' : 'table';
  };

  protected override render(): TemplateResult | typeof nothing {
    if (!this.engines.engine) return nothing;
    const t = this.text;
    const current = this.shownEngine === this.engines.engine;
    const figures = current ? this.figures : null;
    let body: TemplateResult;
    if (current && this.error) body = this.renderError(this.error, t);
    else if (!figures) body = html`<p part="loading">${t.loading}</p>`;
    else body = this.renderFigures(figures, t, t.locale);
    return html`<section part="base" aria-label=${t.title}>${body}</section>`;
  }

  /** The reason in the labels' words (a bad attribute is named); the technical text is the tooltip. */
  private renderError(error: OfflineReviewError, t: ReviewStatsLabels): TemplateResult {
    const attribute = error.details['attribute'];
    const text = typeof attribute === 'string' ? format(t.errorAttribute, { attribute }, t.locale) : t.error;
    return html`<p part="error" role="alert" title=${error.message}>${text}</p>`;
  }

  private renderFigures(f: ReviewFigures, t: ReviewStatsLabels, lang: string | undefined): TemplateResult {
    const tables = this.view === 'table';
    const r = f.retention;
    const days = r.toDay - r.fromDay + 1;
    const figure = (name: string, term: string, value: string, detail?: string): TemplateResult =>
      html`<div part="figure figure-${name}">
        <dt part="term">${term}</dt>
        <dd part="value">${value}</dd>
        ${detail ? html`<dd part="detail">${detail}</dd>` : nothing}
      </div>`;
    return html`<dl part="summary">
        ${figure('streak', t.streak, counted(t.dayCount, f.streak.current, lang), format(t.longestStreak, { days: counted(t.dayCount, f.streak.longest, lang) }, lang))}
        ${figure(
          'retention',
          t.retention,
          r.ratio === null ? '—' : formatPercent(r.ratio, lang),
          r.ratio === null
            ? format(t.retentionNone, { days: counted(t.dayCount, days, lang) }, lang)
            : format(t.retentionDetail, { count: r.reviews, passed: r.passed, days: counted(t.dayCount, days, lang) }, lang),
        )}
        ${figure('today', t.reviewsToday, formatNumber(f.perDay.get(f.today) ?? 0, lang))}
        ${figure('due', t.dueToday, formatNumber(f.forecast[0] ?? 0, lang))}
      </dl>
      <button part="view-button" type="button" aria-pressed=${tables ? 'true' : 'false'} @click=${this.toggleView}>${t.showTables}</button>
      ${tables
        ? html`${heatmapTableTemplate({ perDay: f.perDay, today: f.today, weeks: this.weeks, t, lang })}${forecastTableTemplate(f.forecast, t, lang, f.today)}`
        : html`<figure part="heatmap">
              <figcaption part="caption">${t.heatmapCaption}</figcaption>
              ${heatmapTemplate({ perDay: f.perDay, today: f.today, weeks: this.weeks, t, lang })}
            </figure>
            <figure part="forecast">
              <figcaption part="caption">${format(t.forecastCaption, { days: counted(t.dayCount, f.forecast.length, lang) }, lang)}</figcaption>
              ${forecastTemplate(f.forecast, t, lang, f.today)}
            </figure>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-stats': ReviewStatsElement;
  }
}
