// Awaiting a promise that must reject (or calling a function that must throw), for tests that
// then assert on the error's code.
import { expect } from '@open-wc/testing';
import { isOfflineReviewError, OfflineReviewError } from '../../src/errors.js';

/** Awaits `promise`, which must reject; resolves what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Awaits `promise`, which must reject with an OfflineReviewError; resolves that error. */
export async function reviewRejection(promise: Promise<unknown>): Promise<OfflineReviewError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(OfflineReviewError);
  return error as OfflineReviewError;
}

/** Calls `fn`; when it throws, expects an OfflineReviewError and resolves its code; else 'no error'. */
export function thrownCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isOfflineReviewError(error)).to.equal(true);
    return (error as OfflineReviewError).code;
  }
  return 'no error';
}
