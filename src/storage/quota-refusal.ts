/**
 * Firefox's refusal after a quota abort: once a transaction on a connection was aborted with
 * QuotaExceededError, Firefox refuses the next write on that connection once with an
 * InvalidStateError ("... did not allow mutations"), whatever room there is by then (seen on
 * Firefox ESR with a fixed storage limit). The storage treats it as part of the same full
 * device, not as a broken database.
 */

/** Whether `error` is that refusal (Firefox's InvalidStateError after a quota abort). */
export function isRefusedAfterQuota(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'InvalidStateError' && /did not allow mutations/.test(error.message);
}

/**
 * Runs `write` (one transaction), and once more when it met that refusal. Resolves what
 * `write` resolves; throws what the second try throws, and any other error unchanged.
 */
export async function againIfRefusedAfterQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isRefusedAfterQuota(error)) throw error;
    return write();
  }
}
