/**
 * The pictures and tables of `<review-stats>`: the calendar heatmap and the forecast as SVG
 * drawn by lit templates (no chart library), and the same figures as tables. Learner day
 * numbers are shown as the calendar dates they stand for (a learner day `d` is the UTC date
 * of `d` days after 1970-01-01), so they never shift with the browser's zone.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { format, formatNumber, type Label } from '../shared/format.js';
import type { ReviewStatsLabels } from './review-stats-labels.js';

const DAY = 86_400_000;
const STEP = 15;
const CELL = 12;
const LEFT = 30;
const TOP = 16;

const formats = new Map<string, Intl.DateTimeFormat>();

/** A learner day as a date in `lang` (formatters are kept: a heatmap formats hundreds of days). */
export function dayLabel(index: number, lang: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const key = JSON.stringify([lang, options]);
  let formatter = formats.get(key);
  if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' })));
  return formatter.format(index * DAY);
}

/** A count in words ("3 reviews", "復習3回"): `label`'s plural form for `count`, in `lang`. */
export function counted(label: Label, count: number, lang: string | undefined): string {
  return format(label, { count }, lang);
}

/** Monday = 0 … Sunday = 6 (1970-01-01, day 0, was a Thursday). */
function weekday(index: number): number {
  return (index + 3) % 7;
}

/** The first day the heatmap shows: the Monday `weeks - 1` weeks before today's week. */
export function heatmapStart(today: number, weeks: number): number {
  return today - weekday(today) - (weeks - 1) * 7;
}

/** The colour level (0–4) of `count` reviews when the busiest day had `max`. */
export function level(count: number, max: number): number {
  return count === 0 || max === 0 ? 0 : Math.min(4, Math.ceil((count / max) * 4));
}

/** What the heatmap and its table show: reviews per learner day up to `today`, over `weeks`. */
export interface HeatmapView {
  perDay: ReadonlyMap<number, number>;
  today: number;
  weeks: number;
  t: ReviewStatsLabels;
  lang: string | undefined;
}

/** The heatmap: a column per week, a row per weekday, today in the last column. */
export function heatmapTemplate({ perDay, today, weeks, t, lang }: HeatmapView): TemplateResult {
  const start = heatmapStart(today, weeks);
  let max = 0;
  let total = 0;
  let days = 0;
  for (let d = start; d <= today; d += 1) {
    const count = perDay.get(d) ?? 0;
    max = Math.max(max, count);
    total += count;
    if (count > 0) days += 1;
  }
  const cells: SVGTemplateResult[] = [];
  const months: SVGTemplateResult[] = [];
  for (let d = start; d <= today; d += 1) {
    const column = Math.floor((d - start) / 7);
    const count = perDay.get(d) ?? 0;
    const date = dayLabel(d, lang, { dateStyle: 'medium' });
    cells.push(svg`<rect class="level-${level(count, max)}" x=${LEFT + column * STEP} y=${TOP + weekday(d) * STEP}
      width=${CELL} height=${CELL} rx="2"><title>${format(t.heatmapDay, { date, reviews: counted(t.reviewCount, count, lang) }, lang)}</title></rect>`);
    // A month's name over the first week that starts in it (not in the last column: no room).
    if (weekday(d) === 0 && column <= weeks - 2 && (d === start || dayLabel(d, 'en', { month: 'numeric' }) !== dayLabel(d - 7, 'en', { month: 'numeric' }))) {
      months.push(svg`<text x=${LEFT + column * STEP} y="10">${dayLabel(d, lang, { month: 'short' })}</text>`);
    }
  }
  const weekdays = [0, 2, 4].map(
    (row) => svg`<text x="0" y=${TOP + row * STEP + CELL - 2}>${dayLabel(start + row, lang, { weekday: 'short' })}</text>`,
  );
  const width = LEFT + weeks * STEP;
  const height = TOP + 7 * STEP;
  const summary = format(
    t.heatmapSummary,
    { reviews: counted(t.reviewCount, total, lang), days: counted(t.dayCount, days, lang), weeks: counted(t.weekCount, weeks, lang) },
    lang,
  );
  return html`<svg part="heatmap-chart" role="img" aria-label=${summary} viewBox="0 0 ${width} ${height}" width=${width} height=${height}>
      ${months}${weekdays}${cells}
    </svg>
    <div part="legend" aria-hidden="true">
      ${t.less}
      <svg viewBox="0 0 ${5 * STEP} ${CELL}" width=${5 * STEP} height=${CELL}>
        ${[0, 1, 2, 3, 4].map((l) => svg`<rect class="level-${l}" x=${l * STEP} y="0" width=${CELL} height=${CELL} rx="2"></rect>`)}
      </svg>
      ${t.more}
    </div>`;
}

/** The forecast: a bar per day, today first, dates under every seventh bar. */
export function forecastTemplate(forecast: readonly number[], t: ReviewStatsLabels, lang: string | undefined, today: number): TemplateResult {
  const bar = 10;
  const chart = 64;
  const max = Math.max(1, ...forecast);
  const total = forecast.reduce((a, b) => a + b, 0);
  const bars = forecast.map((count, i) => {
    const h = count === 0 ? 0 : Math.max(2, (count / max) * chart);
    const date = dayLabel(today + i, lang, { dateStyle: 'medium' });
    return svg`<rect class="bar" x=${i * bar + 1} y=${chart - h} width=${bar - 2} height=${h}
      ><title>${format(t.forecastDay, { date, cards: counted(t.cardCount, count, lang) }, lang)}</title></rect>`;
  });
  // A date under every seventh bar, but none so near the end that its text would be cut off.
  const ticks = forecast.map((_, i) =>
    i % 7 === 0 && (i === 0 || forecast.length - i >= 5) ? svg`<text x=${i * bar + 1} y=${chart + 12}>${dayLabel(today + i, lang, { month: 'short', day: 'numeric' })}</text>` : null,
  );
  const width = forecast.length * bar;
  const summary = format(
    t.forecastSummary,
    { cards: counted(t.cardCount, total, lang), days: counted(t.dayCount, forecast.length, lang), today: forecast[0] ?? 0 },
    lang,
  );
  return html`<svg part="forecast-chart" role="img" aria-label=${summary} viewBox="0 0 ${width} ${chart + 16}" width=${width} height=${chart + 16}>
    <line class="axis" x1="0" y1=${chart + 0.5} x2=${width} y2=${chart + 0.5}></line>
    ${bars}${ticks}
  </svg>`;
}

/** The heatmap's table: one row per day with reviews, newest first. */
export function heatmapTableTemplate({ perDay, today, weeks, t, lang }: HeatmapView): TemplateResult {
  const start = heatmapStart(today, weeks);
  const rows = [...perDay].filter(([d]) => d >= start && d <= today).sort((a, b) => b[0] - a[0]);
  return html`<table part="table heatmap-table">
    <caption>${t.heatmapCaption}</caption>
    <thead><tr><th scope="col">${t.columnDate}</th><th scope="col">${t.columnReviews}</th></tr></thead>
    <tbody>
      ${rows.length === 0
        ? html`<tr><td colspan="2">${t.noReviews}</td></tr>`
        : rows.map(([d, count]) => html`<tr><th scope="row">${dayLabel(d, lang, { dateStyle: 'full' })}</th><td>${formatNumber(count, lang)}</td></tr>`)}
    </tbody>
  </table>`;
}

/** The forecast's table: one row per day. */
export function forecastTableTemplate(forecast: readonly number[], t: ReviewStatsLabels, lang: string | undefined, today: number): TemplateResult {
  return html`<table part="table forecast-table">
    <caption>${format(t.forecastCaption, { days: counted(t.dayCount, forecast.length, lang) }, lang)}</caption>
    <thead><tr><th scope="col">${t.columnDate}</th><th scope="col">${t.columnDue}</th></tr></thead>
    <tbody>
      ${forecast.map((count, i) => html`<tr><th scope="row">${dayLabel(today + i, lang, { dateStyle: 'full' })}</th><td>${formatNumber(count, lang)}</td></tr>`)}
    </tbody>
  </table>`;
}
