/**
 * Times relative to now ("5 minutes ago", "in 30 seconds") through Intl.RelativeTimeFormat,
 * and a controller that re-renders its host when such a text would change: one timer, set for
 * the next change only, none while no relative time is shown (no ticking every second).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { intlFormatter } from './format.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A retry less than a minute away is told in steps of this many seconds. */
const SECONDS_STEP = 5;

/** A relative time and the moment its text changes. */
export interface RelativeTime {
  text: string;
  /** Epoch ms at which the text would read differently. */
  changesAt: number;
}

/**
 * `at` relative to `now` in `locale`: in the past "now" (under a minute), minutes, hours, then
 * days ("yesterday"); in the future seconds in steps of 5, minutes, then hours.
 */
export function relativeTime(at: number, now: number, locale: string | undefined): RelativeTime {
  const format = intlFormatter(`relative|${locale ?? ''}`, () => new Intl.RelativeTimeFormat(locale || undefined, { numeric: 'auto' }));
  const diff = at - now;
  if (diff > 0) {
    if (diff <= MINUTE) {
      const steps = Math.ceil(diff / (SECONDS_STEP * SECOND));
      return { text: format.format(steps * SECONDS_STEP, 'second'), changesAt: at - (steps - 1) * SECONDS_STEP * SECOND };
    }
    const [unit, size] = diff <= HOUR ? (['minute', MINUTE] as const) : (['hour', HOUR] as const);
    const value = Math.ceil(diff / size);
    return { text: format.format(value, unit), changesAt: at - (value - 1) * size };
  }
  const ago = -diff;
  if (ago < MINUTE) return { text: format.format(0, 'second'), changesAt: at + MINUTE };
  const [unit, size] = ago < HOUR ? (['minute', MINUTE] as const) : ago < DAY ? (['hour', HOUR] as const) : (['day', DAY] as const);
  const value = Math.floor(ago / size);
  return { text: format.format(-value, unit), changesAt: at + (value + 1) * size };
}

/** Re-renders `host` when a relative time it rendered would change. */
export class RelativeTimeController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private next = Number.POSITIVE_INFINITY;

  /** Attaches to `host`. */
  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** `at` relative to now, for this render; the host renders again when the text changes. */
  format(at: number, locale: string | undefined): string {
    const { text, changesAt } = relativeTime(at, Date.now(), locale);
    this.next = Math.min(this.next, changesAt);
    return text;
  }

  hostConnected(): void {
    // Back in the page: the time moved on while no timer ran.
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    this.next = Number.POSITIVE_INFINITY;
  }

  hostUpdated(): void {
    this.stop();
    if (!Number.isFinite(this.next)) return;
    // At least a second: a time read a moment before it changes must not spin.
    this.timer = setTimeout(() => this.host.requestUpdate(), Math.max(SECOND, this.next - Date.now()));
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
