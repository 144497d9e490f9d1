/**
 * The Event recorder's writes skip the built-in validation admission. It builds core/v1 Events valid by
 * construction (a checked name and namespace, string and number fields of an open kind, no labels), which
 * decoding, defaulting and validation would pass unchanged: about a third of an Event write saved. Other
 * admissions (a test's quota rule, say) still see them.
 */
import type { KindInfo } from './kinds.js';
import type { KubeObject } from './types.js';

/** The Event being written now (one slot: writes are synchronous, and nested ones come after admission). */
const slot = { store: undefined as object | undefined, namespace: '', name: '' };

/** The next admission of the Event `namespace/name` in `store` may be skipped (until `clearPreAdmitted`). */
export function preAdmit(store: object, namespace: string, name: string): void {
  slot.store = store;
  slot.namespace = namespace;
  slot.name = name;
}

export function clearPreAdmitted(): void {
  slot.store = undefined;
}

/**
 * Whether `obj` is the recorder's Event being written to `store` (the validation admission then returns).
 * One use: a write a watcher makes while the Event is being stored is admitted in full.
 */
export function takePreAdmitted(store: object, info: KindInfo, obj: KubeObject): boolean {
  if (slot.store !== store || info.kind !== 'Event' || info.group !== '' || info.nameRule !== 'subdomain') return false;
  if (obj.metadata.name !== slot.name || obj.metadata.namespace !== slot.namespace) return false;
  slot.store = undefined;
  return true;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `name` is a valid Event name (an RFC 1123 subdomain), as validation would find. */
export function validEventName(name: string): boolean {
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

/** Whether `namespace` is a valid namespace name (an RFC 1123 label). */
export function validNamespaceName(namespace: string): boolean {
  return namespace.length <= 63 && DNS1123_LABEL.test(namespace);
}
