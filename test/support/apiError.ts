/** The error a call throws, of the expected class; the test fails if it returns or throws anything else. */
import { ApiError } from '../../simulator/index.js';

export function errorOf<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected an ${type.name}`);
}

/** A Kubernetes API error (Status). */
export function apiErrorOf(fn: () => unknown): ApiError {
  return errorOf(fn, ApiError);
}
