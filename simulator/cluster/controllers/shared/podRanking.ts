/** controller.ActivePods ordering: which pods a scale-down removes first (upstream `ActivePodsWithRanks.Less`). */
import type { StoredObject } from '../../types.js';
import { isPodReady, nodeNameOf, podPhase, readySince } from './pods.js';

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(p: StoredObject): number {
  const cs = (p.status as { containerStatuses?: { restartCount?: number }[] } | undefined)?.containerStatuses ?? [];
  return cs.reduce((m, c) => Math.max(m, c.restartCount ?? 0), 0);
}

function deletionCost(p: StoredObject): number {
  const v = Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: StoredObject, b: StoredObject): number {
  // 1. Unassigned before assigned.
  const na = nodeNameOf(a) ? 1 : 0;
  const nb = nodeNameOf(b) ? 1 : 0;
  if (na !== nb) return na - nb;
  // 2. Pending < Unknown < Running.
  const pa = PHASE_RANK[podPhase(a)] ?? 2;
  const pb = PHASE_RANK[podPhase(b)] ?? 2;
  if (pa !== pb) return pa - pb;
  // 3. Not ready before ready.
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  // 4. Lower pod-deletion-cost first.
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  // 5. Ready for less time first.
  if (ra && rb) {
    // (Sorting re-reads each pod many times: the Ready time parsed once per pod object.)
    const ta = readySince(a) ?? 0;
    const tb = readySince(b) ?? 0;
    if (ta !== tb) return tb - ta;
  }
  // 6. More restarts first.
  const xa = restarts(a);
  const xb = restarts(b);
  if (xa !== xb) return xb - xa;
  // 7. Newer first.
  const ka = Date.parse(a.metadata.creationTimestamp);
  const kb = Date.parse(b.metadata.creationTimestamp);
  if (ka !== kb) return kb - ka;
  return a.metadata.name < b.metadata.name ? 1 : a.metadata.name > b.metadata.name ? -1 : 0;
}

export function podsToDelete(pods: StoredObject[], n: number): StoredObject[] {
  return [...pods].sort(compareForDeletion).slice(0, Math.max(0, n));
}
