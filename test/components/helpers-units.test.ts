import { expect } from '@open-wc/testing';
import { format, formatTime, languageOf } from '../../components/shared/format.js';
import { formatDuration, formatPercent } from '../../components/shared/summary-format.js';
import { indicatorState } from '../../components/shared/sync-status.js';
import { toOfflineReviewError } from '../../components/shared/errors.js';
import { parseItemsJson } from '../../components/review-session/review-items.js';
import { normaliseItems } from '../../src/records/index.js';
import { ReviewRun } from '../../components/review-session/review-run.js';
import { typedAnswerMatches } from '../../components/review-session/typed-match.js';
import { defaultReviewSessionLabels } from '../../components/review-session/review-session-label-sets.js';
import { messageFor } from '../../components/review-session/review-session-labels.js';
import { OfflineReviewError, type AnswerRecord, type ReviewSession } from '../../src/index.js';
import { initialSyncState, type SyncState } from '../../src/sync/sync-state.js';

const base: SyncState = initialSyncState(true);

describe('tag helpers', () => {
  it('format fills placeholders and leaves unknown ones', () => {
    expect(format('{n} of {total} {x}', { n: 1, total: 3 })).to.equal('1 of 3 {x}');
    expect(formatDuration(65_000)).to.equal('1:05');
    expect(formatDuration(3_725_000)).to.equal('1:02:05');
    expect(formatDuration(-5)).to.equal('0:00');
    expect(formatPercent(0.5, 'en')).to.equal('50%');
    expect(formatTime(Date.UTC(2026, 0, 1, 9, 5), 'en')).to.match(/\d{1,2}:05/);
    const div = document.createElement('div');
    div.setAttribute('lang', 'fr');
    const child = document.createElement('span');
    div.append(child);
    expect(languageOf(child)).to.equal('fr');
  });

  it('indicatorState: offline wins, then unreachable, then syncing, then errors, then waiting', () => {
    expect(indicatorState(null, null)).to.equal('synced');
    expect(indicatorState(base, null)).to.equal('synced');
    expect(indicatorState({ ...base, online: false, syncing: true }, null)).to.equal('offline');
    expect(indicatorState({ ...base, lastError: { kind: 'offline', code: 'timeout', message: '' } }, null)).to.equal('offline');
    // Online, but the server did not answer: not "offline".
    const unreachable = { kind: 'unreachable', code: 'network', message: '' } as const;
    expect(indicatorState({ ...base, lastError: unreachable, syncing: true }, null)).to.equal('unreachable');
    expect(indicatorState({ ...base, lastError: unreachable, online: false }, null)).to.equal('offline');
    expect(indicatorState({ ...base, syncing: true, deadLetters: 1 }, null)).to.equal('syncing');
    expect(indicatorState({ ...base, lastError: { kind: 'server-error', code: 'server-error', message: '' } }, null)).to.equal('error');
    expect(indicatorState({ ...base, paused: true }, null)).to.equal('error');
    expect(indicatorState({ ...base, deadLetters: 2 }, null)).to.equal('error');
    expect(indicatorState({ ...base, pending: 2 }, null)).to.equal('syncing');
  });

  it('indicatorState: "offline" only while the device is offline, whatever the state last heard', () => {
    // The device is offline: offline, even if the state has not heard of it.
    expect(indicatorState(base, false)).to.equal('offline');
    // The device is back online: a stale `online: false` or an offline failure no longer says offline.
    expect(indicatorState({ ...base, online: false, pending: 2 }, true)).to.equal('syncing');
    const offlineFailure = { kind: 'offline', code: 'network', message: '' } as const;
    expect(indicatorState({ ...base, lastError: offlineFailure, pending: 2 }, true)).to.equal('syncing');
    expect(indicatorState({ ...base, lastError: offlineFailure }, true)).to.equal('synced');
    expect(indicatorState({ ...base, lastError: offlineFailure, deadLetters: 1 }, true)).to.equal('error');
    // Without a navigator (null), the state decides.
    expect(indicatorState({ ...base, online: false }, null)).to.equal('offline');
  });

  it('toOfflineReviewError keeps library errors and wraps others as internal with the cause', () => {
    const known = new OfflineReviewError('network', 'x');
    expect(toOfflineReviewError(known)).to.equal(known);
    const cause = new TypeError('boom');
    const wrapped = toOfflineReviewError(cause);
    expect(wrapped.code).to.equal('internal');
    expect(wrapped.cause).to.equal(cause);
    expect(toOfflineReviewError('text').message).to.equal('text');
  });

  it('normaliseItems fills defaults, accepts {items}, keeps extra, and names a bad item', () => {
    const [item] = normaliseItems({ items: [{ id: 'a', prompt: 'p', answer: 'q', extra: { reading: 'r' } }] }).items;
    expect(item).to.deep.equal({ id: 'a', contentType: 'card', prompt: 'p', answer: 'q', version: 1, extra: { reading: 'r' } });
    expect(normaliseItems(parseItemsJson('[{"id":"b","prompt":"","answer":"","version":3,"contentType":"kanji"}]')).items[0]).to.include({
      version: 3,
      contentType: 'kanji',
    });
    expect(normaliseItems([null]).refused).to.deep.equal([{ index: 0, reason: 'bad-item', field: '', problem: 'must be an object' }]);
    expect(() => normaliseItems('x')).to.throw(OfflineReviewError).with.property('code', 'invalid-input');
    expect(() => parseItemsJson('[')).to.throw(OfflineReviewError).with.property('code', 'invalid-input');
  });

  it('messageFor picks a sentence by code', () => {
    const t = defaultReviewSessionLabels;
    const msg = (code: string, details: Record<string, unknown> = {}): string => messageFor(t, { code, details });
    expect(msg('invalid-input', { attribute: 'mode', value: 'x' })).to.contain('"x"');
    expect(msg('invalid-input', { attribute: 'user' })).to.equal(t.missingUser);
    expect(msg('invalid-input', { attribute: 'user', value: 'a b' })).to.contain('user id "a b"');
    expect(msg('invalid-input', { attribute: 'deck', value: 'c d' })).to.contain('deck id "c d"');
    expect(msg('invalid-input')).to.equal(t.invalidInput);
    expect(msg('content-unavailable')).to.equal(t.contentUnavailable);
    expect(msg('storage-full')).to.equal(t.storageFull);
    expect(msg('internal')).to.equal(t.error);
  });

  it('ReviewRun follows the session order, skips unknown items and sums the summary', () => {
    const session = { id: 's', itemIds: ['b', 'gone', 'a'] } as ReviewSession;
    const items = [
      { id: 'a', contentType: 'c', prompt: 'A', answer: '', version: 1 },
      { id: 'b', contentType: 'c', prompt: 'B', answer: '', version: 1 },
    ];
    const answer = (itemId: string, correct: boolean): AnswerRecord =>
      ({ id: itemId, itemId, correct, responseTimeMs: 1000 }) as AnswerRecord;
    const run = new ReviewRun(session, items, [answer('b', true)]);
    expect(run.cards.map((c) => c.id)).to.deep.equal(['b', 'a']);
    expect(run.current?.id).to.equal('a');
    expect(run.position).to.equal(2);
    run.add(answer('a', false));
    expect(run.done).to.equal(true);
    expect(run.position).to.equal(2);
    expect(run.summary()).to.deep.equal({ sessionId: 's', answered: 2, correct: 1, accuracy: 0.5, durationMs: 2000 });
    expect(new ReviewRun({ id: 't', itemIds: [] } as unknown as ReviewSession, [], []).summary().accuracy).to.equal(0);
  });

  it('typedAnswerMatches trims, ignores case and width, normalises Unicode, and takes alternatives', () => {
    const item = (answer: string, accept?: string[]) => ({ answer, ...(accept ? { accept } : {}) });
    expect(typedAnswerMatches('  Café ', item('cafe\u0301'))).to.equal(true);
    expect(typedAnswerMatches('MIZU', item('mizu'))).to.equal(true);
    expect(typedAnswerMatches('mizu', item('mizo'))).to.equal(false);
    expect(typedAnswerMatches('ｎｅｋｏ', item('neko'))).to.equal(true);
    expect(typedAnswerMatches('New   York', item('new york'))).to.equal(true);
    expect(typedAnswerMatches('kiev', item('Kyiv|Kiev'))).to.equal(true);
    expect(typedAnswerMatches('Kyiv|Kiev', item('Kyiv|Kiev'))).to.equal(false);
    expect(typedAnswerMatches('neko', item('ねこ (neko) — cat', ['ねこ', 'neko', 'cat']))).to.equal(true);
    expect(typedAnswerMatches('ﾈｺ', item('ネコ'))).to.equal(true);
    expect(typedAnswerMatches('', item('a|'))).to.equal(false);
  });
});
