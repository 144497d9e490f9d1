/** StorageClasses: kind's default `standard` class (local-path-provisioner) and the default-class lookup. */
import { Rng } from '../../../core/rng.js';
import type { ObjectStore } from '../../store/index.js';
import type { KubeObject, StoredObject } from '../../types.js';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const STANDARD_CLASS = 'standard';

export interface StorageClassView {
  provisioner?: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
}

/** Exactly what `kubectl get sc standard -o yaml` shows on a kind cluster (minus server fields). */
export function standardStorageClass(): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: STANDARD_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  } as KubeObject;
}

/**
 * Create `standard` at install, unless a class of that name exists already. Its uid comes from a side
 * stream derived from (not drawn from) the world's generator, so a seed's later names and uids stay
 * what they were before the class existed.
 */
export function installStorageClasses(store: ObjectStore, rng: Rng): void {
  if (store.get({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: STANDARD_CLASS })) return;
  const saved = rng.getState();
  rng.setState(new Rng((saved.a ^ saved.d ^ 0x5c0ffee) >>> 0).getState());
  try {
    store.create(standardStorageClass());
  } finally {
    rng.setState(saved);
  }
}

/** The default class (the DefaultStorageClass admission plugin's pick: newest of those annotated). */
export function defaultStorageClass(store: ObjectStore): StoredObject | undefined {
  let best: StoredObject | undefined;
  for (const sc of store.list({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' })) {
    if (sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] !== 'true') continue;
    if (!best || (sc.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? '')) best = sc;
  }
  return best;
}
