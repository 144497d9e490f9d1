/**
 * The request's `fieldValidation` (kubectl `--validate`): Strict refuses unknown fields, Warn and
 * Ignore drop them. Admission has no request, so the API layer sets the mode around its store call.
 */
import type { ObjectStore } from '../store/index.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const MODES = new WeakMap<ObjectStore, FieldValidation>();

/** Run `fn` (a store write) under a field validation mode; Strict is the default, like kubectl. */
export function withFieldValidation<T>(store: ObjectStore, mode: FieldValidation, fn: () => T): T {
  const prev = MODES.get(store);
  MODES.set(store, mode);
  try {
    return fn();
  } finally {
    if (prev === undefined) MODES.delete(store);
    else MODES.set(store, prev);
  }
}

export function fieldValidationOf(store: ObjectStore): FieldValidation {
  return MODES.get(store) ?? 'Strict';
}
