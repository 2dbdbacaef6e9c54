/**
 * The learner's day: "due today" follows the learner's local calendar with a start hour
 * (4 am by default, as in Anki), not UTC midnight. Offsets come from Intl, so daylight saving
 * time is right in every zone the runtime knows. Pure: runs in pages and in Node.
 */
import { OfflineReviewError } from '../errors.js';

/** Where and when the learner's day starts. Every replica of a learner must use the same one. */
export interface LearnerDay {
  /** An IANA time zone ('Europe/Paris', 'UTC'). */
  timeZone: string;
  /** The hour (0–23, local time) at which a new day starts: 4 by default. */
  dayStartHour: number;
}

export const defaultLearnerDay: LearnerDay = Object.freeze({ timeZone: 'UTC', dayStartHour: 4 });

/** This runtime's own zone with the default start hour: what a device uses unless told otherwise. */
export function localLearnerDay(dayStartHour = defaultLearnerDay.dayStartHour): LearnerDay {
  return { timeZone: localTimeZone(), dayStartHour };
}

/** How long the runtime's zone, once read, is taken as still right (ms). */
export const LOCAL_ZONE_TTL_MS = 60_000;
let localZone: { timeZone: string; at: number } | null = null;

/**
 * This runtime's IANA zone, read again at most once per `LOCAL_ZONE_TTL_MS`: each answer's
 * derivation asks for it, and making the formatter that tells it cost about 3 ms at 4× CPU
 * throttling, a third of the derivation. A device moved to another zone is followed within a
 * minute. `now` (epoch ms) is for tests.
 */
export function localTimeZone(now = Date.now()): string {
  if (localZone && now >= localZone.at && now - localZone.at < LOCAL_ZONE_TTL_MS) return localZone.timeZone;
  const timeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || defaultLearnerDay.timeZone;
  localZone = { timeZone, at: now };
  return timeZone;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Per zone: the formatter, and per UTC day the offset at its start and its one transition. */
interface ZoneCache {
  format: Intl.DateTimeFormat | null;
  days: Map<number, { before: number; at: number; after: number }>;
}
const zones = new Map<string, ZoneCache>();

function zone(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (!cache) {
    const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
    cache = {
      format: utc
        ? null
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          }),
      days: new Map(),
    };
    zones.set(timeZone, cache);
  }
  return cache;
}

/** The zone's offset from UTC at `ms`, in ms, read through Intl (slow: callers cache it). */
function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(whole)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - whole;
}

/**
 * The zone's offset from UTC at `ms`. Why a cache per UTC day: Intl is slow and offsets change
 * at most once a day, so one lookup per day, plus a search to the second when the day holds
 * a transition, serves every answer of that day.
 */
export function zoneOffset(timeZone: string, ms: number): number {
  const cache = zone(timeZone);
  if (!cache.format) return 0;
  const dayNumber = Math.floor(ms / DAY);
  let entry = cache.days.get(dayNumber);
  if (!entry) {
    const start = dayNumber * DAY;
    const before = intlOffset(cache.format, start);
    const after = intlOffset(cache.format, start + DAY);
    let at = start + DAY;
    if (before !== after) {
      let low = start;
      while (at - low > 1000) {
        const mid = Math.floor((low + at) / 2000) * 1000;
        if (intlOffset(cache.format, mid) === before) low = mid;
        else at = mid;
      }
    }
    entry = { before, at, after };
    cache.days.set(dayNumber, entry);
  }
  return ms < entry.at ? entry.before : entry.after;
}

/**
 * The learner's clock: `ms` as local wall time minus the start hour, read as UTC. Its UTC
 * calendar day is the learner's day, which is what ts-fsrs (counting days in UTC) is fed.
 */
export function learnerClock(atMs: number, day: LearnerDay): number {
  return atMs + zoneOffset(day.timeZone, atMs) - day.dayStartHour * HOUR;
}

/** The learner's day number at `atMs` (days since 1970-01-01 in the learner's calendar). */
export function dayIndex(atMs: number, day: LearnerDay): number {
  return Math.floor(learnerClock(atMs, day) / DAY);
}

/**
 * The instant (ms) at which learner day `index` starts: its start hour, local time, or the
 * first instant after it when a daylight-saving gap skips that hour.
 */
export function startOfDay(index: number, day: LearnerDay): number {
  const local = index * DAY + day.dayStartHour * HOUR;
  // Two fixed-point steps find the instant whose wall time is `local` outside a transition.
  let guess = local - zoneOffset(day.timeZone, local);
  guess = local - zoneOffset(day.timeZone, guess);
  if (dayIndex(guess, day) === index && dayIndex(guess - 1, day) < index) return guess;
  // Near a transition: the first instant whose day is `index`, by bisection.
  let low = local - 15 * HOUR - DAY;
  let high = local + 15 * HOUR;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (dayIndex(mid, day) >= index) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * Zones already found valid. Building a formatter is how Intl says whether it knows a zone, and
 * costs about a millisecond: a server checks the zone of every pull.
 */
const knownZones = new Set<string>();

/**
 * Checks a learner day: a time zone Intl knows and a whole start hour from 0 to 23.
 * Throws OfflineReviewError 'invalid-input' naming the field.
 */
export function normalizeLearnerDay(partial: Partial<LearnerDay> = {}): LearnerDay {
  const timeZone = partial.timeZone ?? defaultLearnerDay.timeZone;
  const dayStartHour = partial.dayStartHour ?? defaultLearnerDay.dayStartHour;
  try {
    if (typeof timeZone !== 'string') throw new TypeError('not a string');
    if (!knownZones.has(timeZone)) {
      new Intl.DateTimeFormat('en-US', { timeZone });
      // Bounded: Intl accepts any casing of a name, so the distinct valid strings are endless.
      if (knownZones.size >= 1000) knownZones.clear();
      knownZones.add(timeZone);
    }
  } catch (cause) {
    throw new OfflineReviewError('invalid-input', `Unknown time zone: ${String(timeZone)}.`, {
      details: { field: 'timeZone', value: timeZone },
      cause,
    });
  }
  if (!Number.isInteger(dayStartHour) || dayStartHour < 0 || dayStartHour > 23) {
    throw new OfflineReviewError('invalid-input', 'The day start hour must be a whole hour from 0 to 23.', {
      details: { field: 'dayStartHour', value: dayStartHour },
    });
  }
  return Object.freeze({ timeZone, dayStartHour });
}
