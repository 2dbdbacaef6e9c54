/**
 * Runs an async task one at a time; a call while it runs joins that run and asks for one more
 * run after it, so work that arrived meanwhile is not left behind, and a burst of calls costs
 * two runs instead of one each.
 */
export class Coalesced {
  private readonly task: () => Promise<void>;
  private readonly mayRepeat: () => boolean;
  private running: Promise<void> | null = null;
  private again = false;

  /** `task` never rejects (it handles its own errors); `mayRepeat` can stop the extra run. */
  constructor(task: () => Promise<void>, mayRepeat: () => boolean) {
    this.task = task;
    this.mayRepeat = mayRepeat;
  }

  /** Resolves when the current run (and the extra one it may owe) is over. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.task();
      } while (this.again && this.mayRepeat());
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
