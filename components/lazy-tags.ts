/**
 * Defines tags on first use, for the CDN entry: each tag's code is a chunk of its own, imported
 * when an element with its name is in the document (at start, or added later), so that a page
 * pays only for the tags it shows. Elements inside another element's shadow root are not
 * watched: `load(name)` defines such a tag.
 */

/** Resolves a tag's class by importing its chunk. */
export type TagLoader = () => Promise<CustomElementConstructor>;

/** Watches a document for the tags of `loaders` and defines each on first sight. */
export class LazyTags<Names extends string> {
  private readonly loaders: Record<Names, TagLoader>;
  private readonly loading = new Map<Names, Promise<CustomElementConstructor>>();
  /** Tags not seen yet (or whose chunk failed to load: the next element tries again). */
  private readonly waiting: Set<Names>;
  private readonly observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) this.scan(node);
  });
  private root: Node | null = null;

  /** Tags and the loaders of their classes; nothing happens until `watch()` or `load()`. */
  constructor(loaders: Record<Names, TagLoader>) {
    this.loaders = loaders;
    this.waiting = new Set(Object.keys(loaders) as Names[]);
  }

  /** Defines the tags used in `root` now, and those added to it later. */
  watch(root: Document | Element): void {
    this.root = root;
    this.scan(root);
    if (this.waiting.size > 0) this.observer.observe(root, { childList: true, subtree: true });
  }

  /**
   * Resolves the class of tag `name`, importing its chunk and defining the tag first (once;
   * a tag something else already defined keeps that definition). Rejects when the chunk
   * cannot be loaded (offline before the worker cached it): a later call tries again.
   */
  load(name: Names): Promise<CustomElementConstructor> {
    let pending = this.loading.get(name);
    if (!pending) {
      this.seen(name);
      const defined = customElements.get(name);
      pending = defined
        ? Promise.resolve(defined)
        : this.loaders[name]().then((element) => {
            if (!customElements.get(name)) customElements.define(name, element);
            return customElements.get(name)!;
          });
      this.loading.set(name, pending);
      pending.catch(() => {
        this.loading.delete(name);
        this.waiting.add(name);
        if (this.root) this.observer.observe(this.root, { childList: true, subtree: true });
      });
    }
    return pending;
  }

  /** Loads the waiting tags that `node` is or holds. */
  private scan(node: Document | Element): void {
    for (const name of this.waiting) {
      if ((node instanceof Element && node.localName === name) || node.querySelector(name)) {
        // The failure is the page's console's to show; the element stays undefined.
        this.load(name).catch((error: unknown) => console.error(`<${name}> could not be loaded:`, error));
      }
    }
  }

  /** `name` needs no more watching; none left: the observer stops. */
  private seen(name: Names): void {
    this.waiting.delete(name);
    if (this.waiting.size === 0) this.observer.disconnect();
  }
}
