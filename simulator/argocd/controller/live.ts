/**
 * The Application's live objects (gitops-engine's cluster cache, read from the store): the object at each
 * target's key, tracked or not (so an existing resource shows as one to adopt), plus every object of a
 * relevant kind this app tracks. Tracking follows Argo CD: the `argocd.argoproj.io/tracking-id`
 * annotation `<app>:<group>/<kind>:<namespace>/<name>` (3.x default) and/or the instance label.
 */
import type { ObjectStore } from '../../cluster/store/index.js';
import { groupOf } from '../../cluster/types.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { TRACKING_ID_ANNOTATION, resourceKey } from '../diff/index.js';
import type { ControllerSettings } from './settings.js';
import type { AppResourceStatus } from './types.js';

/** The app instance name an object is tracked by (undefined: not tracked). */
export function trackedInstance(obj: KubeObject, settings: Pick<ControllerSettings, 'trackingMethod' | 'instanceLabelKey'>): string | undefined {
  if (settings.trackingMethod !== 'label') {
    const id = obj.metadata.annotations?.[TRACKING_ID_ANNOTATION];
    if (id !== undefined) {
      const i = id.indexOf(':');
      return i < 0 ? id : id.slice(0, i);
    }
    if (settings.trackingMethod === 'annotation') return undefined;
  }
  return obj.metadata.labels?.[settings.instanceLabelKey];
}

interface KindRef {
  apiVersion: string;
  group: string;
  kind: string;
}

export interface LiveObjects {
  /** Tracked live objects plus the objects at target keys. */
  live: KubeObject[];
  byKey: Map<string, StoredObject>;
}

function kindsOf(targets: readonly KubeObject[], previous: readonly AppResourceStatus[]): KindRef[] {
  const kinds = new Map<string, KindRef>();
  for (const t of targets) {
    const group = groupOf(t.apiVersion);
    if (!kinds.has(`${group}/${t.kind}`)) kinds.set(`${group}/${t.kind}`, { apiVersion: t.apiVersion, group, kind: t.kind });
  }
  for (const r of previous) {
    if (!kinds.has(`${r.group}/${r.kind}`)) kinds.set(`${r.group}/${r.kind}`, { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, group: r.group, kind: r.kind });
  }
  return [...kinds.values()];
}

export function collectLive(
  store: ObjectStore,
  instanceName: string,
  targets: readonly KubeObject[],
  previous: readonly AppResourceStatus[],
  settings: ControllerSettings,
): LiveObjects {
  const byKey = new Map<string, StoredObject>();
  for (const ref of kindsOf(targets, previous)) {
    if (!store.kinds.find(ref.apiVersion, ref.kind) && !store.kinds.findByGroupKind(ref.group, ref.kind)) continue;
    for (const obj of store.list({ group: ref.group, kind: ref.kind })) {
      if (trackedInstance(obj, settings) === instanceName) byKey.set(resourceKey(obj), obj);
    }
  }
  for (const t of targets) {
    if (!t.metadata.name) continue;
    const key = resourceKey(t);
    if (byKey.has(key)) continue;
    if (!store.kinds.find(t.apiVersion, t.kind)) continue;
    const obj = store.get({ apiVersion: t.apiVersion, kind: t.kind, namespace: t.metadata.namespace, name: t.metadata.name });
    if (obj) byKey.set(key, obj);
  }
  return { live: [...byKey.values()], byKey };
}
