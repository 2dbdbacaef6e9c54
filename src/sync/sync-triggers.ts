/**
 * What starts a drain besides a write: the `online` event, the page becoming visible, and an
 * interval. The queue also runs in the service worker, where there is no `window` and no
 * `document`: every listener is guarded and added to whichever global exists.
 */

/** Why a drain was started (for debugging and the `sync-start` detail). */
export type TriggerReason = 'online' | 'visible' | 'interval';

/** Listens for the environment's triggers until `stop()`. */
export class SyncTriggers {
  private readonly onTrigger: (reason: TriggerReason) => void;
  private readonly onConnectivity: (online: boolean) => void;
  private interval: ReturnType<typeof setInterval> | null = null;
  private listening = false;

  private readonly handleOnline = (): void => {
    this.onConnectivity(true);
    this.onTrigger('online');
  };

  private readonly handleOffline = (): void => this.onConnectivity(false);

  private readonly handleVisibility = (): void => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') this.onTrigger('visible');
  };

  /** `onTrigger` starts a drain; `onConnectivity` reports online/offline changes. */
  constructor(onTrigger: (reason: TriggerReason) => void, onConnectivity: (online: boolean) => void) {
    this.onTrigger = onTrigger;
    this.onConnectivity = onConnectivity;
  }

  /** Adds the listeners and an interval of `intervalMs` (none when 0). Calling it again only resets the interval. */
  start(intervalMs: number): void {
    if (this.interval !== null) clearInterval(this.interval);
    this.interval = intervalMs > 0 ? setInterval(() => this.onTrigger('interval'), intervalMs) : null;
    if (this.listening) return;
    this.listening = true;
    this.listen('addEventListener');
  }

  /** Removes every listener and the interval. */
  stop(): void {
    if (this.interval !== null) clearInterval(this.interval);
    this.interval = null;
    if (!this.listening) return;
    this.listening = false;
    this.listen('removeEventListener');
  }

  /** Adds or removes the three listeners, on whichever of the global and `document` exist. */
  private listen(method: 'addEventListener' | 'removeEventListener'): void {
    const global = globalThis as Partial<EventTarget>;
    if (typeof global[method] === 'function') {
      global[method]('online', this.handleOnline);
      global[method]('offline', this.handleOffline);
    }
    if (typeof document !== 'undefined') document[method]('visibilitychange', this.handleVisibility);
  }
}
