/** volumeClaimTemplates → PVCs `<claim>-<sts>-<ordinal>`, kept on scale-down unless the retention policy says Delete. */
import type { ClusterContext } from '../../../sandbox.js';
import { clone } from '../../types.js';
import type { JsonValue, OwnerReference, StoredObject } from '../../types.js';
import { refOf } from '../shared/objects.js';
import type { StsSpec } from './revisions.js';

export function claimName(claim: string, sts: string, ordinal: number): string {
  return `${claim}-${sts}-${ordinal}`;
}

/** createPersistentVolumeClaims: make the pod's claims that do not exist yet. */
export function ensureClaims(ctx: ClusterContext, sts: StoredObject, podName: string, ordinal: number): void {
  const spec = (sts.spec ?? {}) as StsSpec;
  const policy = spec.persistentVolumeClaimRetentionPolicy ?? {};
  for (const t of spec.volumeClaimTemplates ?? []) {
    const claim = t.metadata?.name ?? '';
    const name = claimName(claim, sts.metadata.name, ordinal);
    if (ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: sts.metadata.namespace, name })) continue;
    const ownerReferences: OwnerReference[] = [];
    if (policy.whenDeleted === 'Delete') {
      ownerReferences.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name, uid: sts.metadata.uid, blockOwnerDeletion: true });
    }
    ctx.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: sts.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), ...(spec.selector?.matchLabels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ...(ownerReferences.length ? { ownerReferences } : {}),
      },
      spec: clone(t.spec ?? {}) as JsonValue,
      status: { phase: 'Pending' },
    });
    ctx.record({
      involvedObject: refOf(sts),
      reason: 'SuccessfulCreate',
      message: `create Claim ${name} Pod ${podName} in StatefulSet ${sts.metadata.name} success`,
      why: `StatefulSet ${sts.metadata.name} gives pod ${podName} its own volume from volumeClaimTemplate "${claim}".`,
    });
  }
}

/** Volumes that mount each claim into the pod, like updateStorage. */
export function claimVolumes(sts: StoredObject, ordinal: number): { name: string; persistentVolumeClaim: { claimName: string } }[] {
  const spec = (sts.spec ?? {}) as StsSpec;
  return (spec.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', sts.metadata.name, ordinal) },
  }));
}

/** whenScaled: Delete removes the claims of a condemned ordinal. */
export function deleteScaledClaims(ctx: ClusterContext, sts: StoredObject, ordinal: number): void {
  const spec = (sts.spec ?? {}) as StsSpec;
  if (spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  for (const t of spec.volumeClaimTemplates ?? []) {
    const name = claimName(t.metadata?.name ?? '', sts.metadata.name, ordinal);
    const pvc = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: sts.metadata.namespace, name });
    if (pvc && !pvc.metadata.deletionTimestamp) ctx.store.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: sts.metadata.namespace, name });
  }
}
