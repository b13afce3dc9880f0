import { isRetouchError, type RetouchError } from '@retouch/core';

/** The RetouchError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<RetouchError> {
  try {
    await promise;
  } catch (error) {
    if (isRetouchError(error)) return error;
    throw error;
  }
  throw new Error('expected a RetouchError, but the promise resolved');
}
