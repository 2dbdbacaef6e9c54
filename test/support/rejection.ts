// Awaiting a promise that must reject, for tests that then assert on the error's code.
import { expect } from '@open-wc/testing';
import { OfflineReviewError } from '../../src/errors.js';

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
