/**
 * Watch mappers for workload controllers: which pod (or child object) events wake an owner. Cheap on
 * purpose: they run for every pod write in the cluster, most of them the kubelet's status updates.
 */
import type { StoredObject, WatchEvent } from '../../types.js';
import { getCondition } from './conditions.js';
import { NO_KEYS } from './keys.js';
import { controllerOf } from './pods.js';
import type { Condition } from './conditions.js';

interface PodStatusView {
  phase?: string;
  conditions?: Condition[];
  containerStatuses?: { restartCount?: number }[];
}

const readyOf = (st: PodStatusView): Condition | undefined => getCondition(st.conditions, 'Ready');

function restartsOf(st: PodStatusView): number {
  const list = st.containerStatuses;
  let n = 0;
  if (list) for (let i = 0; i < list.length; i++) n += list[i]!.restartCount ?? 0;
  return n;
}

/**
 * What a workload controller reads from its pods, as one comparable string (kept for callers that
 * want a key; the mappers use `podStateChanged`, which compares the same fields without building it).
 */
export function podStateKey(p: StoredObject): string {
  const st = (p.status ?? {}) as PodStatusView;
  const ready = readyOf(st);
  return JSON.stringify([
    st.phase, ready?.status, ready?.lastTransitionTime, restartsOf(st), p.metadata.deletionTimestamp, p.metadata.labels, p.metadata.ownerReferences,
    p.metadata.finalizers, (p.spec as { nodeName?: string } | undefined)?.nodeName,
  ]);
}

/**
 * `podStateKey(a) !== podStateKey(b)` for two stored versions of a pod, without serialising them. The
 * store interns each new version against the previous one (equal subtrees are the same frozen object),
 * so identity of labels / ownerReferences / finalizers / status is exactly JSON equality here.
 */
export function podStateChanged(a: StoredObject, b: StoredObject): boolean {
  const ma = a.metadata;
  const mb = b.metadata;
  if (ma.deletionTimestamp !== mb.deletionTimestamp || ma.labels !== mb.labels || ma.ownerReferences !== mb.ownerReferences || ma.finalizers !== mb.finalizers) {
    return podStateKey(a) !== podStateKey(b);
  }
  if (a.spec !== b.spec && (a.spec as { nodeName?: string } | undefined)?.nodeName !== (b.spec as { nodeName?: string } | undefined)?.nodeName) return true;
  if (a.status === b.status) return false;
  const sa = (a.status ?? {}) as PodStatusView;
  const sb = (b.status ?? {}) as PodStatusView;
  if (sa.phase !== sb.phase) return true;
  const ra = readyOf(sa);
  const rb = readyOf(sb);
  if (ra?.status !== rb?.status || ra?.lastTransitionTime !== rb?.lastTransitionTime) return true;
  return restartsOf(sa) !== restartsOf(sb);
}

/** A pod event wakes the controller that owns it (of `kind`), before and after the change; keys start with `prefix`. */
export function podToOwnerKeys(kind: string, prefix = '') {
  return (e: WatchEvent): string[] => {
    // The owner reference first: most pod events concern no owner of this kind at all.
    const now = controllerOf(e.object, kind)?.name;
    const before = controllerOf(e.old, kind)?.name;
    if (now === undefined && before === undefined) return NO_KEYS;
    if (e.type === 'MODIFIED' && e.old && e.object.kind === 'Pod' && !podStateChanged(e.old, e.object)) return NO_KEYS;
    const keys: string[] = [];
    if (now !== undefined) keys.push(`${prefix}${e.object.metadata.namespace ?? ''}/${now}`);
    if (before !== undefined) {
      const k = `${prefix}${e.old!.metadata.namespace ?? ''}/${before}`;
      if (k !== keys[0]) keys.push(k);
    }
    return keys;
  };
}
