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

/** Keys of stored (frozen) objects and of rendered targets (kept by the manifest cache), remembered per object. */
const KEYS = new WeakMap<KubeObject, string>();
function keyOf(obj: KubeObject): string {
  let key = KEYS.get(obj);
  if (key === undefined) KEYS.set(obj, (key = resourceKey(obj)));
  return key;
}

function addKinds(kinds: Map<string, KindRef>, targets: readonly KubeObject[], previous: readonly AppResourceStatus[]): void {
  for (const t of targets) {
    const group = groupOf(t.apiVersion);
    if (!kinds.has(`${group}/${t.kind}`)) kinds.set(`${group}/${t.kind}`, { apiVersion: t.apiVersion, group, kind: t.kind });
  }
  for (const r of previous) {
    if (!kinds.has(`${r.group}/${r.kind}`)) kinds.set(`${r.group}/${r.kind}`, { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, group: r.group, kind: r.kind });
  }
}

/** The kinds to look at, per (targets, previous resources) pair: both arrays are reused unchanged from step to step. */
const KINDS = new WeakMap<readonly KubeObject[], WeakMap<readonly AppResourceStatus[], KindRef[]>>();
function kindsOf(targets: readonly KubeObject[], previous: readonly AppResourceStatus[]): KindRef[] {
  let byPrevious = KINDS.get(targets);
  if (!byPrevious) KINDS.set(targets, (byPrevious = new WeakMap()));
  let kinds = byPrevious.get(previous);
  if (!kinds) {
    const map = new Map<string, KindRef>();
    addKinds(map, targets, previous);
    byPrevious.set(previous, (kinds = [...map.values()]));
  }
  return kinds;
}

/** `trackedInstance(obj, settings) === instanceName`, without cutting the tracking id. */
function isTracked(obj: KubeObject, settings: Pick<ControllerSettings, 'trackingMethod' | 'instanceLabelKey'>, instanceName: string): boolean {
  if (settings.trackingMethod !== 'label') {
    const id = obj.metadata.annotations?.[TRACKING_ID_ANNOTATION];
    if (id !== undefined) {
      const i = id.indexOf(':');
      return i < 0 ? id === instanceName : i === instanceName.length && id.startsWith(instanceName);
    }
    if (settings.trackingMethod === 'annotation') return false;
  }
  return obj.metadata.labels?.[settings.instanceLabelKey] === instanceName;
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
    // The live state cache does not watch excluded kinds: their objects are invisible to the app.
    if (settings.isExcluded?.(ref.group, ref.kind)) continue;
    for (const obj of store.list({ group: ref.group, kind: ref.kind })) {
      if (isTracked(obj, settings, instanceName)) byKey.set(keyOf(obj), obj);
    }
  }
  const served = new Map<string, boolean>();
  for (const t of targets) {
    if (!t.metadata.name) continue;
    const key = keyOf(t);
    if (byKey.has(key)) continue;
    const kindKey = `${t.apiVersion}/${t.kind}`;
    let known = served.get(kindKey);
    if (known === undefined) served.set(kindKey, (known = store.kinds.find(t.apiVersion, t.kind) !== undefined));
    if (!known) continue;
    const obj = store.get({ apiVersion: t.apiVersion, kind: t.kind, namespace: t.metadata.namespace, name: t.metadata.name });
    if (obj) byKey.set(key, obj);
  }
  return { live: [...byKey.values()], byKey };
}
