/**
 * The garbage collector (pkg/controller/garbagecollector): dependents whose owners are gone are deleted
 * (Background), an owner with the `foregroundDeletion` finalizer waits for its blocking dependents, and one
 * with the `orphan` finalizer first strips its ownerReferences from its dependents. Owner → dependents comes
 * from the shared ObjectIndex, so each step touches only one owner's dependents.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import type { ObjectIndex } from '../objectIndex/index.js';
import { NO_KEYS } from '../shared/keys.js';
import { deleteIfPresent, keyOf } from '../shared/objects.js';

const OWNER = 'owner:';
const DEPENDENT = 'dependent:';

function refsChanged(e: WatchEvent): boolean {
  // Versions share unchanged subtrees (the store interns them), so the same array means unchanged.
  if (e.old && e.old.metadata.ownerReferences === e.object.metadata.ownerReferences) return false;
  return JSON.stringify(e.old?.metadata.ownerReferences ?? null) !== JSON.stringify(e.object.metadata.ownerReferences ?? null);
}

function deletionFinalizers(o: StoredObject): boolean {
  const f = o.metadata.finalizers ?? [];
  return !!o.metadata.deletionTimestamp && (f.includes('foregroundDeletion') || f.includes('orphan'));
}

/** Cheap, per-event: which owners and dependents to look at (most writes, Events above all, concern none). */
export function gcKeys(e: WatchEvent): string[] {
  const o = e.object;
  const refs = o.metadata.ownerReferences;
  if (o.metadata.deletionTimestamp === undefined) {
    // A new live object: only its owners need checking (a pod of a workflow, say).
    if (e.type === 'ADDED') return refs === undefined || refs.length === 0 ? NO_KEYS : [DEPENDENT + o.metadata.uid];
    // An update that keeps the references (the same interned array) of a live object: a status write.
    if (e.type === 'MODIFIED' && e.old !== undefined && e.old.metadata.ownerReferences === refs) return NO_KEYS;
  }
  return keysFor(e, refs ?? []);
}

function keysFor(e: WatchEvent, refs: NonNullable<StoredObject['metadata']['ownerReferences']>): string[] {
  const o = e.object;
  const keys: string[] = [];
  if (e.type === 'DELETED') {
    keys.push(OWNER + o.metadata.uid);
    // A foreground-deleting owner may be waiting for this one.
    for (const r of refs) keys.push(OWNER + r.uid);
    return keys;
  }
  if (deletionFinalizers(o) && !(e.old && deletionFinalizers(e.old))) keys.push(OWNER + o.metadata.uid);
  if (refs.length && (e.type === 'ADDED' || refsChanged(e))) keys.push(DEPENDENT + o.metadata.uid);
  if (e.type === 'MODIFIED' && o.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp) {
    for (const r of refs) keys.push(OWNER + r.uid);
  }
  return keys;
}

function withoutOwner(store: ClusterContext['store'], dep: StoredObject, ownerUids: Set<string>): void {
  const refs = (dep.metadata.ownerReferences ?? []).filter((r) => !ownerUids.has(r.uid));
  const next = { ...dep, metadata: { ...dep.metadata, ownerReferences: refs } } as KubeObject;
  if (refs.length === 0) delete next.metadata.ownerReferences;
  store.update(next);
}

function removeFinalizer(store: ClusterContext['store'], obj: StoredObject, name: string): void {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== name);
  store.update({ ...obj, metadata: { ...obj.metadata, finalizers } } as KubeObject);
}

/** An owner that keeps its dependent: present, of the referenced kind, in its namespace, not deleting in the foreground. */
function solidOwner(owner: StoredObject | undefined, r: { kind: string }, dep: StoredObject): boolean {
  if (!owner || owner.kind !== r.kind || (owner.metadata.namespace && owner.metadata.namespace !== dep.metadata.namespace)) return false;
  return !(owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion'));
}

/** attemptToDeleteItem: a dependent with no live owner goes; one with some live owners loses the dead refs. */
function attemptToDelete(ctx: ClusterContext, idx: ObjectIndex, dep: StoredObject): void {
  if (dep.metadata.deletionTimestamp) return;
  const refs = dep.metadata.ownerReferences ?? [];
  if (refs.length === 0) return;
  // Every owner alive and not waiting on its dependents (each new pod's case): nothing to do.
  if (refs.every((r) => solidOwner(idx.get(r.uid), r, dep))) return;
  const dangling = new Set<string>();
  const waitingUids = new Set<string>();
  let solid = 0;
  for (const r of refs) {
    const owner = idx.get(r.uid);
    // An owner in another namespace is invalid and treated as absent, like upstream.
    if (!owner || owner.kind !== r.kind || (owner.metadata.namespace && owner.metadata.namespace !== dep.metadata.namespace)) dangling.add(r.uid);
    else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) waitingUids.add(r.uid);
    else solid++;
  }
  const waiting = waitingUids.size;
  if (solid > 0) {
    // Another owner keeps it: drop dead references and stop blocking owners that are deleting in the foreground.
    const blocked = refs.some((r) => waitingUids.has(r.uid) && r.blockOwnerDeletion);
    if (dangling.size === 0 && !blocked) return;
    const next = refs.filter((r) => !dangling.has(r.uid)).map((r) => (waitingUids.has(r.uid) && r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r));
    ctx.store.update({ ...dep, metadata: { ...dep.metadata, ownerReferences: next } } as KubeObject);
    return;
  }
  if (waiting === 0 && dangling.size === 0) return;
  // Owners waiting on their dependents: delete this one in the foreground too if it has dependents itself.
  const policy = waiting > 0 && idx.dependentsOf(dep.metadata.uid).length > 0 ? 'Foreground' : 'Background';
  deleteIfPresent(ctx.store, dep, policy);
}

function reconcileOwner(ctx: ClusterContext, idx: ObjectIndex, uid: string): void {
  const owner = idx.get(uid);
  const dependents = idx.dependentsOf(uid);
  if (!owner) {
    for (const d of dependents) attemptToDelete(ctx, idx, d);
    return;
  }
  if (!owner.metadata.deletionTimestamp) return;
  const finalizers = owner.metadata.finalizers ?? [];
  if (finalizers.includes('orphan')) {
    for (const d of dependents) withoutOwner(ctx.store, d, new Set([uid]));
    removeFinalizer(ctx.store, ctx.store.mustGet(keyOf(owner)), 'orphan');
    return;
  }
  if (finalizers.includes('foregroundDeletion')) {
    let blocking = 0;
    for (const d of dependents) {
      if (d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion)) blocking++;
      attemptToDelete(ctx, idx, d);
    }
    if (blocking === 0) removeFinalizer(ctx.store, ctx.store.mustGet(keyOf(owner)), 'foregroundDeletion');
  }
}

export const garbageCollector: ClusterController = {
  name: 'garbage-collector',
  component: 'garbage-collector-controller',
  watches: [{ group: '*', kind: '*', map: gcKeys }],
  reconcile(ctx: ClusterContext, key: string): void {
    const idx = objectIndex(ctx.store);
    if (key.startsWith(OWNER)) return reconcileOwner(ctx, idx, key.slice(OWNER.length));
    if (key.startsWith(DEPENDENT)) {
      const dep = idx.get(key.slice(DEPENDENT.length));
      if (dep) attemptToDelete(ctx, idx, dep);
    }
  },
};
