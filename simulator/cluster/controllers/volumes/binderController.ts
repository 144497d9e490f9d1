/**
 * The PersistentVolume controller's binder (pkg/controller/volume/persistentvolume) for dynamically
 * provisioned claims, plus what local-path-provisioner does on kind: a claim of a
 * `WaitForFirstConsumer` class stays Pending until a pod using it is scheduled, then gets a volume on
 * that pod's node. Deleting a bound claim deletes its volume when the reclaim policy says Delete.
 */
import { splitKey } from '../../../sandbox.js';
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../types.js';
import { NO_KEYS } from '../shared/keys.js';
import { deleteIfPresent, refOf } from '../shared/objects.js';
import { provisionAndBind } from './provision.js';
import type { PvcSpec } from './provision.js';
import { LOCAL_PATH_PROVISIONER, STANDARD_CLASS, defaultStorageClass } from './storageClass.js';
import type { StorageClassView } from './storageClass.js';

/** A deleted claim's volume, keyed `release:/<pv name>`. */
const RELEASE = 'release:';

interface PodVolumesView {
  nodeName?: string;
  volumes?: { persistentVolumeClaim?: { claimName?: string } }[];
}

export function claimNamesOf(pod: KubeObject): string[] {
  const out: string[] = [];
  for (const v of (pod.spec as PodVolumesView | undefined)?.volumes ?? []) {
    const c = v.persistentVolumeClaim?.claimName;
    if (c) out.push(c);
  }
  return out;
}

/** Claim events, except the status writes (ours included): those change nothing the binder reads. */
function claimKeys(e: WatchEvent): string[] {
  const pvc = e.object;
  if (e.type === 'DELETED') {
    const vol = (pvc.spec as PvcSpec | undefined)?.volumeName;
    return vol ? [`${RELEASE}/${vol}`] : [];
  }
  const old = e.old;
  if (old && old.spec === pvc.spec && old.metadata.annotations === pvc.metadata.annotations && old.metadata.deletionTimestamp === pvc.metadata.deletionTimestamp) return [];
  return [`${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`];
}

/** A pod just bound to a node: its claims may now be provisioned. */
function scheduledPodClaimKeys(e: WatchEvent): string[] {
  if (e.type === 'DELETED') return NO_KEYS;
  const node = (e.object.spec as PodVolumesView | undefined)?.nodeName;
  if (!node || (e.old && e.old.spec === e.object.spec) || (e.old?.spec as PodVolumesView | undefined)?.nodeName) return NO_KEYS;
  const ns = e.object.metadata.namespace ?? '';
  return claimNamesOf(e.object).map((c) => `${ns}/${c}`);
}

function markPending(ctx: ClusterContext, pvc: StoredObject): void {
  if ((pvc.status as { phase?: string } | undefined)?.phase === 'Pending') return;
  ctx.store.update({ ...pvc, status: { ...((pvc.status as object | undefined) ?? {}), phase: 'Pending' } } as KubeObject, { subresource: 'status' });
}

/** The scheduled, live pod in the claim's namespace that mounts it (the "first consumer"). */
function consumerNode(ctx: ClusterContext, pvc: StoredObject): string | undefined {
  for (const pod of ctx.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: pvc.metadata.namespace })) {
    const node = (pod.spec as PodVolumesView | undefined)?.nodeName;
    if (node && !pod.metadata.deletionTimestamp && claimNamesOf(pod).includes(pvc.metadata.name)) return node;
  }
  return undefined;
}

function syncClaim(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const pvc = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name });
  if (!pvc || pvc.metadata.deletionTimestamp) return;
  const spec = (pvc.spec ?? {}) as PvcSpec;
  const claim = refOf(pvc);
  if (spec.volumeName) {
    // Pre-bound to a volume by name (static provisioning): Bound once that volume exists.
    const pv = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolume', name: spec.volumeName });
    if (pv && (pvc.status as { phase?: string } | undefined)?.phase !== 'Bound') {
      const pvSpec = (pv.spec ?? {}) as { accessModes?: string[]; capacity?: Record<string, string> };
      ctx.store.update({ ...pvc, status: { phase: 'Bound', accessModes: pvSpec.accessModes ?? [], capacity: pvSpec.capacity ?? {} } } as KubeObject, { subresource: 'status' });
    }
    return;
  }
  markPending(ctx, pvc);
  const className = spec.storageClassName ?? defaultStorageClass(ctx.store)?.metadata.name ?? STANDARD_CLASS;
  if (className === '') {
    ctx.record({
      involvedObject: claim,
      reason: 'FailedBinding',
      message: 'no persistent volumes available for this claim and no storage class is set',
      why: `Claim ${name} has storageClassName "" (no dynamic provisioning) and no PersistentVolume matches it; it stays Pending.`,
    });
    return;
  }
  const sc = ctx.store.get({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: className });
  if (!sc) {
    ctx.record({
      involvedObject: claim,
      reason: 'ProvisioningFailed',
      type: 'Warning',
      message: `storageclass.storage.k8s.io "${className}" not found`,
      why: `Claim ${name} asks for StorageClass ${className}, which does not exist; kind only has "${STANDARD_CLASS}".`,
    });
    return;
  }
  const view = sc as StoredObject & StorageClassView;
  let node: string | undefined;
  if (view.volumeBindingMode === 'WaitForFirstConsumer') {
    node = consumerNode(ctx, pvc);
    if (!node) {
      ctx.record({
        involvedObject: claim,
        reason: 'WaitForFirstConsumer',
        message: 'waiting for first consumer to be created before binding',
        why: `StorageClass ${className} binds volumes on the node of the first pod using the claim; no scheduled pod uses ${name} yet, so it stays Pending.`,
      });
      return;
    }
  } else {
    node = ctx.store.list({ apiVersion: 'v1', kind: 'Node' }).map((n) => n.metadata.name).sort()[0];
  }
  const local = view.provisioner === LOCAL_PATH_PROVISIONER && node !== undefined;
  ctx.record({
    involvedObject: claim,
    reason: 'ExternalProvisioning',
    message: `Waiting for a volume to be created either by the external provisioner '${view.provisioner ?? ''}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    why: local
      ? `The persistentvolume-controller does not make volumes itself: it hands claim ${name} to the provisioner named by StorageClass ${className}.`
      : `Only rancher.io/local-path runs in this cluster (as on kind); claims of class ${className} wait for a provisioner that never comes.`,
  });
  if (!local) return;
  provisionAndBind(ctx, pvc, sc, node);
}

/** reclaimPolicy Delete: the volume goes with its claim. */
function release(ctx: ClusterContext, pvName: string): void {
  const pv = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolume', name: pvName });
  if (!pv || pv.metadata.deletionTimestamp) return;
  const spec = (pv.spec ?? {}) as { persistentVolumeReclaimPolicy?: string; claimRef?: { name?: string; namespace?: string; uid?: string } };
  const ref = spec.claimRef;
  if (!ref) return;
  const pvc = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ref.namespace, name: ref.name ?? '' });
  if (pvc && pvc.metadata.uid === ref.uid) return;
  if (spec.persistentVolumeReclaimPolicy === 'Delete') deleteIfPresent(ctx.store, pv);
  else ctx.store.update({ ...pv, status: { phase: 'Released' } } as KubeObject, { subresource: 'status' });
}

export const persistentVolumeBinder: ClusterController = {
  name: 'persistentvolume-binder',
  component: 'persistentvolume-controller',
  watches: [
    { group: '', kind: 'PersistentVolumeClaim', map: claimKeys },
    { group: '', kind: 'Pod', map: scheduledPodClaimKeys },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key.startsWith(RELEASE)) release(ctx, key.slice(RELEASE.length + 1));
    else syncClaim(ctx, key);
  },
};
