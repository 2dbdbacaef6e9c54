/**
 * "A new version is ready": the page side of the worker reports a waiting worker with the
 * function that activates it; the engine shows it in its state until someone applies it.
 */
export class UpdateFlow {
  private apply: (() => void | Promise<void>) | null = null;

  /** True while a waiting version has not been applied. */
  get available(): boolean {
    return this.apply !== null;
  }

  /** Keeps `apply` for the waiting version. */
  offer(apply: () => void | Promise<void>): void {
    this.apply = apply;
  }

  /** Activates the waiting version; resolves at once when none waits. */
  async accept(): Promise<void> {
    const apply = this.apply;
    this.apply = null;
    await apply?.();
  }
}
