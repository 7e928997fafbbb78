// The LosantApiError a call rejects with; any other outcome fails the test.
import { LosantApiError } from '../../src/losant/api-error.js';

export async function rejection(promise: Promise<unknown>): Promise<LosantApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LosantApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
