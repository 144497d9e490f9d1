/** Small store helpers for controllers: keys from objects, tolerant deletes, status writes. */
import { ApiError } from '../../../core/errors.js';
import type { ObjectStore, PropagationPolicy } from '../../store/index.js';
import type { KubeObject, ObjectKey, StoredObject } from '../../types.js';

export function keyOf(obj: KubeObject): ObjectKey {
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
}

/** Delete, ignoring NotFound (someone else got there first). Returns whether this call started a deletion. */
export function deleteIfPresent(store: ObjectStore, obj: KubeObject, propagationPolicy?: PropagationPolicy): boolean {
  try {
    store.delete(keyOf(obj), propagationPolicy ? { propagationPolicy } : {});
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'NotFound') return false;
    throw e;
  }
}

/** Write `status` if it changed (the store keeps the resourceVersion on a no-op anyway). */
export function writeStatus(store: ObjectStore, obj: StoredObject, status: unknown): StoredObject {
  if (JSON.stringify(obj.status ?? null) === JSON.stringify(status)) return obj;
  return store.update({ ...obj, status } as KubeObject, { subresource: 'status' });
}

/** Ref for the event log. */
export function refOf(obj: StoredObject): { apiVersion: string; kind: string; namespace?: string; name: string; uid: string } {
  const r: { apiVersion: string; kind: string; namespace?: string; name: string; uid: string } = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
  };
  if (obj.metadata.namespace) r.namespace = obj.metadata.namespace;
  return r;
}

/** Drop zero / empty fields the API marks `omitempty`, so statuses print like the real ones. */
export function omitEmpty<T extends Record<string, unknown>>(status: T, keys: readonly (keyof T)[]): T {
  const out = { ...status };
  for (const k of keys) {
    const v = out[k];
    if (v === 0 || v === undefined || v === null || (Array.isArray(v) && v.length === 0)) delete out[k];
  }
  return out;
}

/**
 * Create, or report the API server's refusal like the controllers do (Warning `FailedCreate`, "Error creating: …")
 * and return the API server's message; the caller retries later. Only API errors are reported; bugs still throw.
 */
export function tryCreate(
  ctx: { store: ObjectStore; record: (e: { involvedObject: ReturnType<typeof refOf>; reason: string; message: string; type?: 'Normal' | 'Warning'; why?: string }) => void },
  owner: StoredObject,
  obj: KubeObject,
  message: (err: string) => string = (err) => `Error creating: ${err}`,
): StoredObject | string {
  try {
    return ctx.store.create(obj);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    ctx.record({
      involvedObject: refOf(owner),
      reason: 'FailedCreate',
      type: 'Warning',
      message: message(e.message),
      why: `${owner.kind} ${owner.metadata.name} could not create ${obj.kind} ${obj.metadata.name ?? obj.metadata.generateName ?? ''}: the API server refused it.`,
    });
    return e.message;
  }
}

/** Retry after a refused create: a timer, so a permanent refusal does not keep the world busy. */
export const FAILED_CREATE_RETRY_MS = 10_000;
