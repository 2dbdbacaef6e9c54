/** Focus handling shared by the tags. */

/** What {@link focusPart} needs: a Lit element's pending render and its shadow root. */
export interface RenderedHost {
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: ParentNode;
}

/** Moves focus to the first match of `selector` in `host`'s shadow root once it has rendered. */
export async function focusPart(host: RenderedHost, selector: string): Promise<void> {
  await host.updateComplete;
  host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
}
