// The learner's day: day numbers and day starts around the start hour and daylight-saving
// transitions in several zones, checked against calendar dates written out by hand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOfflineReviewError } from '../../src/errors.js';
import {
  dayIndex,
  defaultSchedulerParameters,
  LOCAL_ZONE_TTL_MS,
  localLearnerDay,
  localTimeZone,
  normalizeLearnerDay,
  normalizeSchedulerParameters,
  parametersKey,
  startOfDay,
  zoneOffset,
} from '../../src/scheduler/index.js';

/** The day number of a calendar date (days since 1970-01-01). */
const date = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

function thrownField(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    assert.ok(isOfflineReviewError(error, 'invalid-input'));
    return error.details.field;
  }
  assert.fail('expected an error');
}

describe('the learner day', () => {
  const cases: Array<[string, number, string, number]> = [
    // zone, start hour, instant, the learner's calendar date (as a day number)
    ['UTC', 4, '2026-06-10T03:59:59.999Z', date(2026, 6, 9)],
    ['UTC', 4, '2026-06-10T04:00:00.000Z', date(2026, 6, 10)],
    ['UTC', 0, '2026-06-10T00:00:00.000Z', date(2026, 6, 10)],
    // Kolkata, +05:30 all year: 4 am local is 22:30 UTC the day before.
    ['Asia/Kolkata', 4, '2026-06-09T22:29:59.999Z', date(2026, 6, 9)],
    ['Asia/Kolkata', 4, '2026-06-09T22:30:00.000Z', date(2026, 6, 10)],
    // Auckland: +13:00 in January (summer), +12:00 in June.
    ['Pacific/Auckland', 4, '2026-01-09T14:59:59.999Z', date(2026, 1, 9)],
    ['Pacific/Auckland', 4, '2026-01-09T15:00:00.000Z', date(2026, 1, 10)],
    ['Pacific/Auckland', 4, '2026-06-09T16:00:00.000Z', date(2026, 6, 10)],
    // Auckland leaves summer time on 2026-04-05 at 3 am (+13 → +12): 4 am is 16:00 UTC.
    ['Pacific/Auckland', 4, '2026-04-04T15:59:59.999Z', date(2026, 4, 4)],
    ['Pacific/Auckland', 4, '2026-04-04T16:00:00.000Z', date(2026, 4, 5)],
    // New York springs forward on 2026-03-08 at 2 am: 4 am EDT is 08:00 UTC.
    ['America/New_York', 4, '2026-03-08T07:59:59.999Z', date(2026, 3, 7)],
    ['America/New_York', 4, '2026-03-08T08:00:00.000Z', date(2026, 3, 8)],
    // … and falls back on 2026-11-01 at 2 am: 4 am EST is 09:00 UTC.
    ['America/New_York', 4, '2026-11-01T08:59:59.999Z', date(2026, 10, 31)],
    ['America/New_York', 4, '2026-11-01T09:00:00.000Z', date(2026, 11, 1)],
    // A start hour inside the skipped hour: the day starts when the clock jumps (07:00 UTC).
    ['America/New_York', 2, '2026-03-08T06:59:59.999Z', date(2026, 3, 7)],
    ['America/New_York', 2, '2026-03-08T07:00:00.000Z', date(2026, 3, 8)],
  ];

  for (const [timeZone, dayStartHour, iso, expected] of cases) {
    it(`${iso} in ${timeZone} (day starts at ${dayStartHour}) is day ${new Date(expected * 86_400_000).toISOString().slice(0, 10)}`, () => {
      const day = { timeZone, dayStartHour };
      const at = Date.parse(iso);
      assert.equal(dayIndex(at, day), expected);
      const start = startOfDay(expected, day);
      assert.equal(dayIndex(start, day), expected);
      assert.equal(dayIndex(start - 1, day), expected - 1);
      assert.ok(start <= at);
    });
  }

  it('every day of a year in each zone starts where the day before ends', () => {
    for (const timeZone of ['Pacific/Auckland', 'America/New_York', 'Asia/Kolkata', 'Europe/London', 'UTC']) {
      for (const dayStartHour of [0, 2, 4]) {
        const day = { timeZone, dayStartHour };
        for (let index = date(2026, 1, 1); index < date(2027, 1, 1); index++) {
          const start = startOfDay(index, day);
          assert.equal(dayIndex(start, day), index, `${timeZone} ${dayStartHour} ${index}`);
          assert.equal(dayIndex(start - 1, day), index - 1, `${timeZone} ${dayStartHour} ${index}`);
        }
      }
    }
  });

  it('reads offsets through Intl, daylight saving included', () => {
    assert.equal(zoneOffset('UTC', 0), 0);
    assert.equal(zoneOffset('Asia/Kolkata', Date.parse('2026-01-01T00:00:00Z')), 5.5 * 3_600_000);
    assert.equal(zoneOffset('America/New_York', Date.parse('2026-03-08T06:59:59Z')), -5 * 3_600_000);
    assert.equal(zoneOffset('America/New_York', Date.parse('2026-03-08T07:00:00Z')), -4 * 3_600_000);
  });

  it('checks its input, naming the field', () => {
    assert.deepEqual(normalizeLearnerDay(), { timeZone: 'UTC', dayStartHour: 4 });
    assert.deepEqual(normalizeLearnerDay({ timeZone: 'Asia/Kolkata' }), { timeZone: 'Asia/Kolkata', dayStartHour: 4 });
    assert.equal(thrownField(() => normalizeLearnerDay({ timeZone: 'Mars/Olympus' })), 'timeZone');
    assert.equal(thrownField(() => normalizeLearnerDay({ dayStartHour: 24 })), 'dayStartHour');
    assert.equal(thrownField(() => normalizeLearnerDay({ dayStartHour: 1.5 })), 'dayStartHour');
  });

  it('asks Intl about a zone once, not on every check (a server checks the zone of every pull)', () => {
    const RealFormat = Intl.DateTimeFormat;
    let built = 0;
    // Counts constructions and delegates each to the real Intl.
    const counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built++;
      return new RealFormat(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = counting;
    try {
      for (let i = 0; i < 50; i++) assert.equal(normalizeLearnerDay({ timeZone: 'America/Halifax' }).timeZone, 'America/Halifax');
      assert.ok(built <= 1, `${built} formatters built for one zone`);
      // An unknown zone is still refused every time, after known ones were remembered.
      for (let i = 0; i < 2; i++) assert.equal(thrownField(() => normalizeLearnerDay({ timeZone: 'Mars/Olympus' })), 'timeZone');
    } finally {
      Intl.DateTimeFormat = RealFormat;
    }
  });
});

describe('scheduler parameters', () => {
  it('complete the defaults and check every field, naming it', () => {
    assert.deepEqual(normalizeSchedulerParameters(), defaultSchedulerParameters);
    const custom = normalizeSchedulerParameters({ desiredRetention: 0.85, learningSteps: ['30s' as never].slice(1), fuzz: undefined });
    assert.deepEqual(custom.learningSteps, []);
    assert.equal(custom.desiredRetention, 0.85);
    assert.equal(thrownField(() => normalizeSchedulerParameters({ desiredRetention: 1 })), 'desiredRetention');
    assert.equal(thrownField(() => normalizeSchedulerParameters({ maximumInterval: 0 })), 'maximumInterval');
    assert.equal(thrownField(() => normalizeSchedulerParameters({ learningSteps: ['10x' as never] })), 'learningSteps');
    assert.equal(thrownField(() => normalizeSchedulerParameters({ relearningSteps: 'oops' as never })), 'relearningSteps');
    assert.equal(thrownField(() => normalizeSchedulerParameters({ fuzz: 'yes' as never })), 'fuzz');
  });

  it('have a stable key that changes with any parameter or the learner day', () => {
    const key = parametersKey(defaultSchedulerParameters);
    assert.equal(parametersKey(normalizeSchedulerParameters({})), key);
    assert.notEqual(parametersKey(normalizeSchedulerParameters({ fuzz: true })), key);
    assert.notEqual(parametersKey(normalizeSchedulerParameters({ relearningSteps: ['5m'] })), key);
    const day = { timeZone: 'UTC', dayStartHour: 4 };
    assert.notEqual(parametersKey(defaultSchedulerParameters, day), parametersKey(defaultSchedulerParameters, { ...day, dayStartHour: 5 }));
  });
});

describe("this runtime's zone", () => {
  it('is read once a minute, not once per derivation', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    // Counts the real constructor's calls (it still makes real formatters).
    const counting = function (this: unknown, ...args: ConstructorParameters<typeof Real>) {
      made += 1;
      return new Real(...args);
    } as unknown as typeof Real;
    Object.assign(counting, Real);
    Intl.DateTimeFormat = counting;
    try {
      const zone = new Real().resolvedOptions().timeZone;
      const t = Date.UTC(2031, 0, 1);
      assert.equal(localTimeZone(t), zone);
      const first = made;
      assert.ok(first <= 1);
      assert.equal(localTimeZone(t + 1000), zone);
      assert.equal(localTimeZone(t + LOCAL_ZONE_TTL_MS - 1), zone);
      assert.equal(made, first, 'no formatter made within the minute');
      assert.equal(localTimeZone(t + LOCAL_ZONE_TTL_MS), zone);
      assert.equal(made, first + 1, 'read again after it');
      // A clock set back reads again too.
      assert.equal(localTimeZone(t), zone);
      assert.equal(made, first + 2);
      assert.deepEqual(localLearnerDay(5), { timeZone: zone, dayStartHour: 5 });
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});

