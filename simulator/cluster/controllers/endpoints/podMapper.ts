/**
 * Pod events → Services. The watch mapper has no store, so a pod event becomes a `pods:` key naming its
 * namespace and label set; the reconcile of that key finds the Services whose selector matches. Pods
 * of one ReplicaSet share their labels, so a burst of their updates coalesces into one key.
 */
import type { StoredObject, WatchEvent } from '../../types.js';
import { getCondition } from '../shared/conditions.js';
import type { Condition } from '../shared/conditions.js';

export const POD_EVENT = 'pods:';

interface PodView {
  phase?: string;
  podIP?: string;
  conditions?: Condition[];
}

/** Whether an update changes what the Endpoints show: readiness, IP, phase, labels, deletion, node, hostname. */
function endpointsChanged(a: StoredObject, b: StoredObject): boolean {
  if (a.metadata.labels !== b.metadata.labels || a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp || a.spec !== b.spec) return true;
  // The store shares unchanged subtrees between versions: same status object, nothing to look at.
  if (a.status === b.status) return false;
  const sa = (a.status ?? {}) as PodView;
  const sb = (b.status ?? {}) as PodView;
  return sa.phase !== sb.phase || sa.podIP !== sb.podIP || getCondition(sa.conditions, 'Ready')?.status !== getCondition(sb.conditions, 'Ready')?.status;
}

/** Stored labels are frozen and shared between versions: their key text is built once per namespace. */
const KEYS = new WeakMap<object, { namespace: string; key: string }>();

function labelKey(p: StoredObject): string {
  const labels = p.metadata.labels;
  const namespace = p.metadata.namespace ?? '';
  if (labels === undefined || !Object.isFrozen(labels)) return `${POD_EVENT}${namespace}/${JSON.stringify(labels ?? {})}`;
  const hit = KEYS.get(labels);
  if (hit !== undefined && hit.namespace === namespace) return hit.key;
  const key = `${POD_EVENT}${namespace}/${JSON.stringify(labels)}`;
  KEYS.set(labels, { namespace, key });
  return key;
}

export function podToLabelKeys(e: WatchEvent): string[] {
  const old = e.old;
  if (e.type === 'MODIFIED' && old && !endpointsChanged(old, e.object)) return [];
  const keys = [labelKey(e.object)];
  if (old && old.metadata.labels !== e.object.metadata.labels) {
    const k = labelKey(old);
    if (k !== keys[0]) keys.push(k);
  }
  return keys;
}

/** `pods:<ns>/<labels json>` → its namespace. */
export function labelKeyNamespace(key: string): string {
  return key.slice(POD_EVENT.length, key.indexOf('/', POD_EVENT.length));
}

/** `pods:<ns>/<labels json>` → its parts. */
export function parseLabelKey(key: string): { namespace: string; labels: Record<string, string> } {
  const rest = key.slice(POD_EVENT.length);
  const slash = rest.indexOf('/');
  return { namespace: rest.slice(0, slash), labels: JSON.parse(rest.slice(slash + 1)) as Record<string, string> };
}
