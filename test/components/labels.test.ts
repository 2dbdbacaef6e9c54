// The label mechanism both tags share: plural forms chosen by Intl.PluralRules, numbers in the
// labels' locale, and the choice of a label set by the element's language.
import { expect, fixture } from '@open-wc/testing';
import { format, pluralForm } from '../../components/shared/format.js';
import { labelSetFor, labelsPending, resolveLabels, type LabelSets } from '../../components/shared/labels.js';

const sets = {
  en: { locale: 'en', hello: 'Hello' },
  ja: { locale: 'ja', hello: 'こんにちは' },
  'pt-BR': { locale: 'pt-BR', hello: 'Olá' },
};

describe('labels', () => {
  it('chooses plural forms with Intl.PluralRules for the locale', () => {
    const answers = { one: '{count} answer', other: '{count} answers' };
    expect(format(answers, { count: 1 }, 'en')).to.equal('1 answer');
    expect(format(answers, { count: 2 }, 'en')).to.equal('2 answers');
    expect(format(answers, { count: 0 }, 'en')).to.equal('0 answers');
    // Polish has "few" and "many"; a missing category falls back to "other".
    const polish = { one: '{count} odpowiedź', few: '{count} odpowiedzi', many: '{count} odpowiedzi!', other: '{count} odp.' };
    expect(format(polish, { count: 3 }, 'pl')).to.equal('3 odpowiedzi');
    expect(format(polish, { count: 5 }, 'pl')).to.equal('5 odpowiedzi!');
    expect(pluralForm({ other: 'x' }, 1, 'en')).to.equal('x');
    // Without `count`, the first number decides.
    expect(format({ one: '{sent} of 1', other: '{sent} of {total}' }, { sent: 0, total: 1 }, 'en')).to.equal('0 of 1');
  });

  it('formats numbers in the locale and leaves unknown placeholders as written', () => {
    expect(format('{count} waiting', { count: 1234 }, 'en')).to.equal('1,234 waiting');
    expect(format('{count} waiting', { count: 1234 }, 'de')).to.equal('1.234 waiting');
    expect(format('{count} {unknown}', { count: 1 }, 'en')).to.equal('1 {unknown}');
    expect(format('{name}', { name: 'Ada' })).to.equal('Ada');
  });

  it('picks the set of the exact language, then of its primary subtag, else English', () => {
    expect(labelSetFor(sets, 'ja').hello).to.equal('こんにちは');
    expect(labelSetFor(sets, 'ja-JP').hello).to.equal('こんにちは');
    expect(labelSetFor(sets, 'PT-br').hello).to.equal('Olá');
    expect(labelSetFor(sets, 'fr').hello).to.equal('Hello');
    expect(labelSetFor(sets, undefined).hello).to.equal('Hello');
  });

  it('resolves overrides and the locale: the site\'s, else the element\'s language, else the set\'s', async () => {
    const wrapper = await fixture<HTMLDivElement>('<div lang="ja-JP"><span></span></div>');
    const span = wrapper.querySelector('span')!;
    expect(resolveLabels(sets, span, {})).to.deep.equal({ locale: 'ja-JP', hello: 'こんにちは' });
    expect(resolveLabels(sets, span, { hello: 'やあ' }).hello).to.equal('やあ');
    expect(resolveLabels(sets, span, { locale: 'fr', hello: 'Bonjour' })).to.deep.equal({ locale: 'fr', hello: 'Bonjour' });
    const bare = await fixture<HTMLSpanElement>('<span></span>');
    const inherited = bare.closest('[lang]')?.getAttribute('lang');
    expect(resolveLabels(sets, bare, {}).locale).to.equal(inherited || 'en');
  });

  it('loads a set given as a loader once, on first need; a set that cannot be loaded gives English', async () => {
    let calls = 0;
    const lazy: LabelSets<{ locale: string; hello: string }> = {
      en: { locale: 'en', hello: 'Hello' },
      ja: async () => {
        calls += 1;
        return { locale: 'ja', hello: 'こんにちは' };
      },
      xx: () => Promise.reject(new Error('chunk gone')),
    };
    const wrapper = await fixture<HTMLDivElement>('<div lang="ja"><span></span></div><div lang="xx"><i></i></div><div lang="en"><b></b></div>');
    const [ja, xx, en] = [wrapper.querySelector('span')!, wrapper.parentElement!.querySelector('i')!, wrapper.parentElement!.querySelector('b')!];
    expect(labelsPending(lazy, en)).to.equal(null);
    expect(labelSetFor(lazy, 'ja').hello, 'not loaded yet').to.equal('Hello');
    const pending = labelsPending(lazy, ja);
    expect(labelsPending(lazy, ja), 'one load under way').to.equal(pending);
    await pending;
    expect(labelsPending(lazy, ja)).to.equal(null);
    expect(resolveLabels(lazy, ja, {}).hello).to.equal('こんにちは');
    expect(calls).to.equal(1);
    // Reported on the console; the element then speaks English.
    await labelsPending(lazy, xx);
    expect(labelsPending(lazy, xx), 'not tried again').to.equal(null);
    expect(resolveLabels(lazy, xx, {})).to.deep.equal({ locale: 'xx', hello: 'Hello' });
  });
});
