/** API-server defaulting for built-in kinds, so stored objects look like real ones. */
import { isObj } from '../types.js';
import type { KindInfo } from '../kinds.js';
import type { ObjectStore } from '../store/index.js';
import type { KubeObject, StoredObject } from '../types.js';
import { defaultPod } from './pod.js';
import { defaultService } from './service.js';
import { defaultStorageClass } from '../controllers/volumes/storageClass.js';
import { ensureObj, setDefault } from './util.js';
import type { Obj } from './util.js';
import { defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet, defaultStatefulSet } from './workloads.js';

/** Base64 of a string's UTF-8 bytes, without Node's Buffer (the engine also runs in the browser). */
export function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin);
}

function defaultSecret(o: Obj): void {
  setDefault(o, 'type', 'Opaque');
  // stringData is write-only: merged into data (base64), never stored.
  if (isObj(o.stringData)) {
    const data = ensureObj(o, 'data');
    for (const [k, v] of Object.entries(o.stringData)) if (typeof v === 'string') data[k] = base64Utf8(v);
  }
  delete o.stringData;
}

function defaultNamespace(o: Obj, create: boolean): void {
  const spec = ensureObj(o, 'spec');
  setDefault(spec, 'finalizers', ['kubernetes']);
  if (create) setDefault(ensureObj(o, 'status'), 'phase', 'Active');
  const meta = ensureObj(o, 'metadata');
  if (typeof meta.name === 'string') setDefault(ensureObj(meta, 'labels'), 'kubernetes.io/metadata.name', meta.name);
}

/** Apply the API server's defaults to `obj` in place (it is already the store's private copy). */
export function applyDefaults(obj: KubeObject, info: KindInfo, old: StoredObject | undefined, store: ObjectStore): void {
  const o = obj as unknown as Obj;
  const create = old === undefined;
  switch (`${info.group}/${info.kind}`) {
    case '/Pod':
      return defaultPod(o, create);
    case '/Service':
      return defaultService(o, old as unknown as Obj | undefined, store);
    case '/Secret':
      return defaultSecret(o);
    case '/Namespace':
      return defaultNamespace(o, create);
    case '/PersistentVolumeClaim': {
      const spec = ensureObj(o, 'spec');
      setDefault(spec, 'volumeMode', 'Filesystem');
      // The DefaultStorageClass admission plugin: a new claim without a class gets the default one.
      const sc = create && spec.storageClassName === undefined ? defaultStorageClass(store) : undefined;
      if (sc) spec.storageClassName = sc.metadata.name;
      return;
    }
    case '/PersistentVolume': {
      const spec = ensureObj(o, 'spec');
      setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
      setDefault(spec, 'volumeMode', 'Filesystem');
      return;
    }
    case 'storage.k8s.io/StorageClass':
      setDefault(o, 'reclaimPolicy', 'Delete');
      setDefault(o, 'volumeBindingMode', 'Immediate');
      return;
    case 'apps/Deployment':
      return defaultDeployment(o);
    case 'apps/ReplicaSet':
      return defaultReplicaSet(o);
    case 'apps/StatefulSet':
      return defaultStatefulSet(o);
    case 'apps/DaemonSet':
      return defaultDaemonSet(o);
    case 'batch/Job':
      return defaultJob(o, obj.metadata?.name);
    case 'batch/CronJob':
      return defaultCronJob(o);
  }
}

export { defaultPullPolicy, defaultPodSpec } from './pod.js';
export { allocateClusterIP } from './service.js';
