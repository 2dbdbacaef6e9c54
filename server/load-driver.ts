/**
 * Loads a database driver on first use. The drivers are optional peer dependencies (a site
 * that only uses the tags does not install them), so the server imports them when a store
 * opens and, when one is not installed, says which package to install.
 */
import { OfflineReviewError } from '../src/errors.js';

/** Node's codes for a module that cannot be found (ES modules, CommonJS). */
const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND']);

/**
 * True when `error` says that `specifier` itself cannot be found, not a module it imports: a
 * driver installed without one of its own dependencies is a broken install, reported as is.
 */
function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !NOT_FOUND.has(code)) return false;
  const text = String(message);
  return text.includes(`Cannot find package '${specifier}'`) || text.includes(`Cannot find module '${specifier}'`);
}

/**
 * Imports `packageName` (or `specifier`, which tests point at a module that does not exist).
 * Resolves the module's namespace. Rejects with OfflineReviewError('storage-unavailable'),
 * `details.missingPackage` set to `packageName`, when the module is not installed; any other
 * failure while loading it is rethrown as is.
 */
export async function loadDriver<Module>(packageName: string, specifier: string = packageName): Promise<Module> {
  try {
    return (await import(specifier)) as Module;
  } catch (error) {
    if (!isMissing(error, specifier)) throw error;
    throw new OfflineReviewError(
      'storage-unavailable',
      `The package ${packageName} is not installed. This store needs it: npm install ${packageName}`,
      { details: { missingPackage: packageName }, cause: error },
    );
  }
}
