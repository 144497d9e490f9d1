/** The ApiError a call throws; the test fails if it returns or throws anything else. */
import { ApiError } from '../../simulator/index.js';

export function apiErrorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}
