/**
 * The new version an update, a status write, a binding or a deletion proposes, built from the stored
 * (frozen) one. Pure: the store then admits, interns and commits it (objectStore.ts `commit`).
 */
import { ApiError } from '../../core/errors.js';
import { apiVersionOf } from '../kinds.js';
import type { KindInfo } from '../kinds.js';
import type { KubeObject, StoredObject } from '../types.js';
import { clone } from '../types.js';
import { copyFrozen } from './objectUtil.js';
import { getNodeName, podGrace, specFinalizers } from './writeRules.js';
import type { DeleteOptions } from './objectStore.js';

/**
 * Only status (and server-set metadata) can change through the status subresource: everything else
 * stays the stored (frozen) values, shared rather than copied. `status` becomes the store's own.
 */
export function statusWrite(old: StoredObject, status: unknown): KubeObject {
  const obj = copyFrozen(old) as KubeObject;
  obj.metadata = copyFrozen(old.metadata);
  if (status === undefined) delete obj.status;
  else obj.status = status;
  return obj;
}

/**
 * A full update of `old` with top-level plain values set (the Event recorder's count bumps): the object
 * `fullUpdate` of `{ ...old, ...fields }` gives once interned, without deep-copying the body first.
 */
export function fieldsWrite(old: StoredObject, fields: Readonly<Record<string, string | number | boolean>>): KubeObject {
  const obj = copyFrozen(old) as unknown as Record<string, unknown>;
  for (const k in fields) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind' || k === '__proto__') throw new Error(`fieldsWrite: ${k} is not a body field`);
    obj[k] = fields[k];
  }
  obj.metadata = copyFrozen(old.metadata);
  return obj as unknown as KubeObject;
}

/** A full update (PUT): a private copy of `input`, with the identity and server-owned fields of `old`. */
export function fullUpdate(input: KubeObject, old: StoredObject, info: KindInfo, apiVersion = apiVersionOf(info)): KubeObject {
  const share = bodyShared(input, old, info);
  const obj = share ? shallowUpdate(input, old) : clone(input);
  obj.apiVersion = apiVersion;
  // Status changes arrive only through the status subresource where the kind has one.
  if (info.statusSubresource) {
    if (old.status === undefined) delete obj.status;
    else obj.status = share ? old.status : clone(old.status);
  }
  // Identity and server-owned metadata cannot change through an update.
  const m = obj.metadata;
  m.name = old.metadata.name;
  m.namespace = old.metadata.namespace;
  m.uid = old.metadata.uid;
  m.creationTimestamp = old.metadata.creationTimestamp;
  m.deletionTimestamp = old.metadata.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  if (!m.deletionTimestamp) delete m.deletionTimestamp;
  if (old.metadata.generateName) m.generateName = old.metadata.generateName;
  return obj;
}

/**
 * An update that changes only metadata (and status) of a built-in kind, its body being the stored
 * version's own frozen values (a metadata patch, labels or finalizers set on a copy of the stored
 * object): admission neither defaults nor rewrites such a body, so it is shared instead of copied.
 */
function bodyShared(input: KubeObject, old: StoredObject, info: KindInfo): boolean {
  if (info.fromCrd || info.group === 'apiextensions.k8s.io') return false;
  const a = input as unknown as Record<string, unknown>;
  const b = old as unknown as Record<string, unknown>;
  let n = 0;
  for (const k in a) {
    if (k === 'metadata' || k === 'status' || k === 'apiVersion' || k === 'kind' || a[k] === undefined) continue;
    if (a[k] !== b[k] || !Object.isFrozen(a[k])) return false;
    n++;
  }
  let m = 0;
  for (const k in b) if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind' && b[k] !== undefined) m++;
  return n === m;
}

/** A private top level and metadata over the shared body; status copied unless it is the stored one. */
function shallowUpdate(input: KubeObject, old: StoredObject): KubeObject {
  const obj = { ...input, metadata: clone(input.metadata) } as KubeObject;
  if (input.status !== undefined && input.status !== old.status) obj.status = clone(input.status);
  return obj;
}

/**
 * The pods/binding subresource: sets `spec.nodeName` of an unbound pod, and nothing else. The rest of
 * the pod is the stored, frozen values (admission sees a write that only adds nodeName).
 */
export function bindingWrite(old: StoredObject, nodeName: string): KubeObject {
  const name = old.metadata.name;
  if (!nodeName) throw new ApiError('Invalid', `Binding.core "${name}" is invalid: target.name: Required value`);
  const bound = getNodeName(old);
  if (bound) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${bound}"`, {
      name,
      group: '',
      kind: 'pods/binding',
    });
  }
  if (old.metadata.deletionTimestamp) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`, {
      name,
      group: '',
      kind: 'pods/binding',
    });
  }
  const obj = copyFrozen(old) as KubeObject;
  obj.metadata = copyFrozen(old.metadata);
  obj.spec = { ...copyFrozen((old.spec ?? {}) as object), nodeName };
  return obj;
}

/**
 * What a delete does to a stored object: `remove` it now, or mark it (deletionTimestamp, grace period,
 * finalizers) and wait for its finalizers or its kubelet. `nowIso`: the deletion timestamp.
 */
export function deletion(info: KindInfo, old: StoredObject, opts: DeleteOptions, nowIso: string): 'remove' | 'pending' | KubeObject {
  const finalizers = [...(old.metadata.finalizers ?? [])];
  const policy = opts.propagationPolicy;
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  // A pod bound to a node is terminated gracefully by its kubelet before it goes away.
  const grace = info.kind === 'Pod' && info.group === '' && getNodeName(old) ? (opts.gracePeriodSeconds ?? podGrace(old)) : 0;
  if (finalizers.length === 0 && grace <= 0 && !specFinalizers(old)) return 'remove';
  if (old.metadata.deletionTimestamp) return 'pending';
  const obj = clone(old) as KubeObject;
  obj.metadata.deletionTimestamp = nowIso;
  // A Namespace waits for its namespace controller (spec.finalizers: [kubernetes]) and shows Terminating.
  if (specFinalizers(old)) obj.status = { ...(old.status as object | undefined), phase: 'Terminating' };
  if (grace > 0) obj.metadata.deletionGracePeriodSeconds = grace;
  if (finalizers.length > 0) obj.metadata.finalizers = finalizers;
  return obj;
}
