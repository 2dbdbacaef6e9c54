// Typed answers against the demo decks: every deck the demo offers in typed mode (all of them,
// through ?mode=typed) is passable by typing a reasonable answer, and the Japanese deck takes
// the kana reading, the romaji and the meaning. The character diff shown after Check.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { charDiff } from '../../components/review-session/char-diff.js';
import { acceptedAnswers, closestDiff, typedAnswerMatches } from '../../components/review-session/typed-match.js';
import { normaliseItems } from '../../src/records/index.js';

const decks = readdirSync('demo/decks')
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, json: JSON.parse(readFileSync(`demo/decks/${name}`, 'utf8')) as { items: unknown[] } }));

test('every demo deck is passable in typed mode: each item takes its answers, typed loosely', () => {
  assert.ok(decks.length >= 3);
  for (const { name, json } of decks) {
    const { items, refused } = normaliseItems(json);
    assert.deepEqual(refused, [], name);
    for (const item of items) {
      const answers = acceptedAnswers(item);
      assert.ok(answers.length > 0, `${name} ${item.id}`);
      for (const answer of answers) {
        assert.ok(typedAnswerMatches(`  ${answer.toUpperCase()} `, item), `${name} ${item.id}: ${answer}`);
      }
    }
  }
});

test('the Japanese deck takes the kana, the romaji (in any width) and the meaning; 猫 takes "neko"', () => {
  const { items } = normaliseItems(decks.find((deck) => deck.name === 'jp-basics.json')!.json);
  const neko = items.find((item) => item.prompt === '猫')!;
  for (const typed of ['neko', 'ねこ', 'cat', 'Neko', 'ｎｅｋｏ']) assert.ok(typedAnswerMatches(typed, neko), typed);
  assert.equal(typedAnswerMatches('inu', neko), false);
  for (const item of items) {
    const extra = item.extra as { reading: string; romaji: string; meaning: string };
    for (const typed of [extra.reading, extra.romaji, extra.meaning]) assert.ok(typedAnswerMatches(typed, item), `${item.id}: ${typed}`);
  }
});

test('charDiff marks extra and missing characters, by code point', () => {
  const parts = charDiff('pari', 'paris');
  assert.deepEqual(parts, [{ kind: 'same', text: 'pari' }, { kind: 'missing', text: 's' }]);
  assert.deepEqual(charDiff('😀a', '😀b')[0], { kind: 'same', text: '😀' });
  assert.deepEqual(charDiff('', 'ab'), [{ kind: 'missing', text: 'ab' }]);
  assert.deepEqual(charDiff('x'.repeat(301), 'y'), [{ kind: 'extra', text: 'x'.repeat(301) }, { kind: 'missing', text: 'y' }]);
  // Rebuilding both sides from the parts gives the inputs back.
  for (const [a, b] of [['nkeo', 'neko'], ['kitten', 'sitting'], ['ねこ', 'ねご'], ['😀a', '😀b']]) {
    const diff = charDiff(a!, b!);
    assert.equal(diff.filter((p) => p.kind !== 'missing').map((p) => p.text).join(''), a);
    assert.equal(diff.filter((p) => p.kind !== 'extra').map((p) => p.text).join(''), b);
  }
});

test('the comparison is against the closest accepted answer', () => {
  const item = { answer: 'ねこ (neko) — cat', accept: ['ねこ', 'neko', 'cat'] };
  const expected = closestDiff('nekk', item).filter((p) => p.kind !== 'extra').map((p) => p.text).join('');
  assert.equal(expected, 'neko');
});
