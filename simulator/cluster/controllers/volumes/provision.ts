/** What local-path-provisioner does for a claim: a PersistentVolume `pvc-<uid>` on the consumer's node, then the binding. */
import type { ClusterContext } from '../../../sandbox.js';
import type { KubeObject, StoredObject } from '../../types.js';
import { refOf } from '../shared/objects.js';
import { LOCAL_PATH_PROVISIONER } from './storageClass.js';
import type { StorageClassView } from './storageClass.js';

/** The provisioner's event source, as on kind (`<provisioner>_<its pod name>`). */
export const PROVISIONER_SOURCE = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-6bc4bddd6b-sandbox`;

export interface PvcSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, string> };
  storageClassName?: string;
  volumeName?: string;
  volumeMode?: string;
}

export function pvName(pvc: StoredObject): string {
  return `pvc-${pvc.metadata.uid}`;
}

function persistentVolume(pvc: StoredObject, sc: StoredObject, node: string): KubeObject {
  const spec = (pvc.spec ?? {}) as PvcSpec;
  const ns = pvc.metadata.namespace ?? '';
  const name = pvName(pvc);
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': LOCAL_PATH_PROVISIONER } },
    spec: {
      accessModes: [...(spec.accessModes ?? ['ReadWriteOnce'])],
      capacity: { storage: spec.resources?.requests?.storage ?? '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
      hostPath: { path: `/var/local-path-provisioner/${name}_${ns}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: (sc as StoredObject & StorageClassView).reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: spec.volumeMode ?? 'Filesystem',
    },
    status: { phase: 'Bound' },
  } as KubeObject;
}

/** Provision a volume for `pvc` on `node` and bind the claim to it. */
export function provisionAndBind(ctx: ClusterContext, pvc: StoredObject, sc: StoredObject, node: string): void {
  const ns = pvc.metadata.namespace ?? '';
  const name = pvName(pvc);
  const claim = refOf(pvc);
  ctx.sandbox.record(PROVISIONER_SOURCE, {
    involvedObject: claim,
    reason: 'Provisioning',
    message: `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`,
    why: `A pod using claim ${pvc.metadata.name} was scheduled to ${node}, so local-path-provisioner makes a directory volume there.`,
  });
  let pv = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolume', name });
  if (!pv) pv = ctx.store.create(persistentVolume(pvc, sc, node));
  ctx.sandbox.record(PROVISIONER_SOURCE, {
    involvedObject: claim,
    reason: 'ProvisioningSucceeded',
    message: `Successfully provisioned volume ${name}`,
    why: `PersistentVolume ${name} now exists with the claim's size and access modes; the claim is bound to it.`,
  });
  const spec = (pvc.spec ?? {}) as PvcSpec;
  const annotations = {
    ...(pvc.metadata.annotations ?? {}),
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
    'volume.beta.kubernetes.io/storage-provisioner': LOCAL_PATH_PROVISIONER,
    'volume.kubernetes.io/selected-node': node,
    'volume.kubernetes.io/storage-provisioner': LOCAL_PATH_PROVISIONER,
  };
  const bound = ctx.store.update({ ...pvc, metadata: { ...pvc.metadata, annotations }, spec: { ...spec, volumeName: name } } as KubeObject);
  const pvSpec = (pv.spec ?? {}) as { accessModes?: string[]; capacity?: Record<string, string> };
  ctx.store.update({ ...bound, status: { phase: 'Bound', accessModes: pvSpec.accessModes ?? [], capacity: pvSpec.capacity ?? {} } } as KubeObject, { subresource: 'status' });
}
