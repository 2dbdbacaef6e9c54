// The card's texts build each Intl formatter once per locale and options, not on every render:
// building one costs far more than using it, and a card shows several (grade intervals, counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIntervals, formatDueIn } from '../../components/review-session/interval-format.js';
import { formatNumber, pluralForm } from '../../components/shared/format.js';
import { formatPercent } from '../../components/shared/summary-format.js';

test('formatting the texts of 50 cards builds each formatter once', () => {
  const built: string[] = [];
  const saved = { NumberFormat: Intl.NumberFormat, PluralRules: Intl.PluralRules, RelativeTimeFormat: Intl.RelativeTimeFormat };
  for (const name of Object.keys(saved) as Array<keyof typeof saved>) {
    const Real = saved[name] as unknown as new (...args: unknown[]) => object;
    (Intl as unknown as Record<string, unknown>)[name] = new Proxy(Real, {
      construct(target, args) {
        built.push(name);
        return Reflect.construct(target, args);
      },
    });
  }
  try {
    const minute = 60_000;
    for (let card = 0; card < 50; card++) {
      const texts = formatIntervals({ again: minute, hard: 6 * minute, good: 10 * minute, easy: 4 * 86_400_000 }, 'en', '<{interval}');
      assert.equal(texts.good, '10m');
      formatNumber(card, 'en');
      formatPercent(0.5, 'en');
      pluralForm({ one: 'card', other: 'cards' }, card, 'en');
      formatDueIn(Date.now() + 10 * minute, Date.now(), 'en');
    }
  } finally {
    Object.assign(Intl, saved);
  }
  // minute and day units, number, percent, plural rules, relative time: one each.
  assert.ok(built.length <= 6, `built ${built.length} formatters`);
});
