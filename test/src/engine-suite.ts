// The hooks every engine suite needs: the reference server warmed before the first test, and
// after each test the suite's own clean-up, then the server's faults and log cleared.
import { api } from '../support/server.js';

/**
 * Warms the reference server before the suite (its first start, PGlite, is slow on a busy
 * machine); after each test runs `cleanUp` (close the engines, drop the databases), then
 * clears the server's faults and log.
 */
export function useEngineSuite(cleanUp: () => void | Promise<void>): void {
  before(async function () {
    this.timeout(90_000);
    await api.warm();
  });
  afterEach(async () => {
    await cleanUp();
    await api.clear();
  });
}
