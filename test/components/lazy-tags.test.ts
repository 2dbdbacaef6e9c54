// The CDN entry's loader (components/lazy-tags.ts): a tag's chunk is imported when an element
// with its name is in the document or is added to it, never for a tag the page does not show,
// once per tag, and again after a chunk that failed to load. Real custom elements and a real
// MutationObserver; each test defines tags of its own (a name can be defined once per page).
import { expect } from '@open-wc/testing';
import { LazyTags } from '../../components/lazy-tags.js';
import { rejection } from '../support/rejection.js';
import { unique } from '../support/server.js';

/** A fresh tag name (custom element names need a hyphen and lower case). */
const tagName = () => `lazy-${unique('t').toLowerCase().replace(/[^a-z0-9]/g, '')}`;

/** A loader that records its calls and resolves a new element class, or fails while `fail` is set. */
function loader(log: string[], name: string, options: { fail?: () => boolean } = {}) {
  return async (): Promise<CustomElementConstructor> => {
    log.push(name);
    if (options.fail?.()) throw new Error('chunk not reachable');
    return class extends HTMLElement {};
  };
}

describe('LazyTags (the CDN entry loader)', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => root.remove());

  it('defines a tag present at start and leaves a tag the page does not show unloaded', async () => {
    const [shown, absent] = [tagName(), tagName()];
    root.innerHTML = `<section><${shown}></${shown}></section>`;
    const log: string[] = [];
    const tags = new LazyTags({ [shown]: loader(log, shown), [absent]: loader(log, absent) });
    tags.watch(root);
    await customElements.whenDefined(shown);
    expect(root.querySelector(shown)).to.be.instanceOf(customElements.get(shown)!);
    expect(log).to.deep.equal([shown]);
    expect(customElements.get(absent)).to.equal(undefined);
  });

  it('defines a tag when an element with its name is added later, deep in a subtree, once', async () => {
    const name = tagName();
    const log: string[] = [];
    const tags = new LazyTags({ [name]: loader(log, name) });
    tags.watch(root);
    expect(log).to.deep.equal([]);
    const wrapper = document.createElement('article');
    wrapper.innerHTML = `<p><${name}></${name}></p><${name}></${name}>`;
    root.append(wrapper);
    await customElements.whenDefined(name);
    root.append(document.createElement(name));
    expect(await tags.load(name)).to.equal(customElements.get(name));
    expect(log).to.deep.equal([name]);
  });

  it('resolves a class through load() for a script, and keeps a definition made elsewhere', async () => {
    const [mine, theirs] = [tagName(), tagName()];
    const log: string[] = [];
    const existing = class extends HTMLElement {};
    customElements.define(theirs, existing);
    const tags = new LazyTags({ [mine]: loader(log, mine), [theirs]: loader(log, theirs) });
    expect(await tags.load(mine)).to.equal(customElements.get(mine));
    expect(await tags.load(theirs)).to.equal(existing);
    expect(log).to.deep.equal([mine]);
  });

  it('tries again on the next element after a chunk failed to load', async () => {
    const name = tagName();
    const log: string[] = [];
    let offline = true;
    const tags = new LazyTags({ [name]: loader(log, name, { fail: () => offline }) });
    tags.watch(root);
    expect(String(await rejection(tags.load(name)))).to.contain('chunk not reachable');
    expect(customElements.get(name)).to.equal(undefined);
    offline = false;
    root.append(document.createElement(name));
    await customElements.whenDefined(name);
    expect(log).to.deep.equal([name, name]);
    expect(await tags.load(name)).to.equal(customElements.get(name));
  });
});
