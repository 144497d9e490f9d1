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
