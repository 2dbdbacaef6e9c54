// Only for tsconfig.sw.json (the worker's type check, WebWorker lib). The core runs in pages and
// in the worker and guards page-only APIs at run time (`typeof document !== 'undefined'`,
// `manager?.persist`); these declarations let those guards type-check without the DOM lib,
// which conflicts with WebWorker's. They say "may be missing", never "is there".

/** Absent in a worker; the core checks `typeof document` before using it. */
declare var document:
  | {
      readonly visibilityState: string;
      addEventListener(type: string, listener: () => void): void;
      removeEventListener(type: string, listener: () => void): void;
    }
  | undefined;

/** `persist()` exists only in windows; the core checks for it before calling it. */
interface StorageManager {
  persist?(): Promise<boolean>;
}
