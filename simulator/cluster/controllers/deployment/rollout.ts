/** Rollout strategies (rolling.go, recreate.go, sync.go's scale): how many replicas each ReplicaSet gets. */
import type { ClusterContext } from '../../../sandbox.js';
import type { StoredObject } from '../../types.js';
import { scaleReplicaSet } from './replicaSets.js';
import {
  DESIRED_REPLICAS, MAX_REPLICAS, availableReplicaSum, byCreation, desiredReplicas, maxSurge, maxUnavailable, rsReplicas, specReplicaSum,
} from './util.js';

function rsAvailable(rs: StoredObject): number {
  return (rs.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0;
}

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: StoredObject, allRSs: StoredObject[], newRS: StoredObject | undefined, rolling: boolean): number {
  const desired = desiredReplicas(d);
  if (!rolling) return desired;
  const cur = newRS ? rsReplicas(newRS) : 0;
  const current = specReplicaSum(allRSs);
  const maxTotal = desired + maxSurge(d);
  if (current >= maxTotal) return cur;
  return cur + Math.max(0, Math.min(maxTotal - current, desired - cur));
}

/** reconcileNewReplicaSet: true when it scaled. */
export function reconcileNewReplicaSet(ctx: ClusterContext, d: StoredObject, allRSs: StoredObject[], newRS: StoredObject): boolean {
  const desired = desiredReplicas(d);
  const cur = rsReplicas(newRS);
  if (cur === desired) return false;
  const to = cur > desired ? desired : newRSNewReplicas(d, allRSs, newRS, true);
  if (to === cur) return false;
  scaleReplicaSet(ctx, d, newRS, to);
  return true;
}

/** reconcileOldReplicaSets: scale old ReplicaSets down as far as maxUnavailable allows. */
export function reconcileOldReplicaSets(ctx: ClusterContext, d: StoredObject, allRSs: StoredObject[], oldRSs: StoredObject[], newRS: StoredObject): boolean {
  if (specReplicaSum(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newRSUnavailable = rsReplicas(newRS) - rsAvailable(newRS);
  const maxScaledDown = specReplicaSum(allRSs) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  // First unhealthy old replicas: they count against availability anyway.
  let cleaned = 0;
  const olds = [...oldRSs].sort(byCreation).map((rs) => {
    const reps = rsReplicas(rs);
    if (reps === 0 || cleaned >= maxScaledDown || reps === rsAvailable(rs)) return rs;
    const n = Math.min(maxScaledDown - cleaned, reps - rsAvailable(rs));
    cleaned += n;
    return scaleReplicaSet(ctx, d, rs, reps - n);
  });
  // Then healthy ones, keeping minAvailable.
  const available = availableReplicaSum([...olds, newRS]);
  let scaled = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of olds) {
      if (scaled >= total) break;
      const reps = rsReplicas(rs);
      if (reps === 0) continue;
      const n = Math.min(reps, total - scaled);
      scaleReplicaSet(ctx, d, rs, reps - n);
      scaled += n;
    }
  }
  return cleaned + scaled > 0;
}

/** scaleDownOldReplicaSetsForRecreate: everything old goes to zero at once. */
export function scaleDownOldForRecreate(ctx: ClusterContext, d: StoredObject, oldRSs: StoredObject[]): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (rsReplicas(rs) === 0) continue;
    scaleReplicaSet(ctx, d, rs, 0);
    scaled = true;
  }
  return scaled;
}

/** isScalingEvent: some active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(d: StoredObject, rss: StoredObject[]): boolean {
  const want = String(desiredReplicas(d));
  return rss.some((rs) => rsReplicas(rs) > 0 && rs.metadata.annotations?.[DESIRED_REPLICAS] !== undefined && rs.metadata.annotations[DESIRED_REPLICAS] !== want);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest one when none is active. */
function activeOrLatest(newRS: StoredObject | undefined, oldRSs: StoredObject[]): StoredObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = [...olds, ...(newRS ? [newRS] : [])].filter((rs) => rsReplicas(rs) > 0);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}

/** getReplicaSetFraction: this ReplicaSet's share of the change, from the max-replicas it was sized for. */
function fraction(d: StoredObject, rs: StoredObject): number {
  const desired = desiredReplicas(d);
  if (desired === 0) return -rsReplicas(rs);
  const maxNow = desired + maxSurge(d);
  let before = parseInt(rs.metadata.annotations?.[MAX_REPLICAS] ?? '', 10);
  if (!Number.isFinite(before) || before === 0) {
    before = (d.status as { replicas?: number } | undefined)?.replicas ?? 0;
    if (before === 0) return 0;
  }
  const size = (rsReplicas(rs) * maxNow) / before;
  // Go's math.Round: half away from zero.
  return Math.sign(size) * Math.round(Math.abs(size)) - rsReplicas(rs);
}

/** scale (sync.go): a plain resize of a Deployment, spread over its active ReplicaSets proportionally. */
export function scaleDeployment(ctx: ClusterContext, d: StoredObject, newRS: StoredObject | undefined, oldRSs: StoredObject[], rolling: boolean): void {
  const desired = desiredReplicas(d);
  const only = activeOrLatest(newRS, oldRSs);
  if (only) {
    if (rsReplicas(only) !== desired) scaleReplicaSet(ctx, d, only, desired);
    return;
  }
  // IsSaturated: the new ReplicaSet holds everything and it is all available.
  if (newRS && newRS.metadata.annotations?.[DESIRED_REPLICAS] === String(desired) && rsReplicas(newRS) === desired && rsAvailable(newRS) === desired) {
    for (const rs of oldRSs) if (rsReplicas(rs) > 0) scaleReplicaSet(ctx, d, rs, 0);
    return;
  }
  if (!rolling) return;
  const active = [...oldRSs, ...(newRS ? [newRS] : [])].filter((rs) => rsReplicas(rs) > 0);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specReplicaSum(active);
  // ReplicaSetsBySizeNewer (scale up) / BySizeOlder (scale down): larger first, then newer / older.
  const sorted = [...active].sort((a, b) => rsReplicas(b) - rsReplicas(a) || (toAdd > 0 ? -byCreation(a, b) : byCreation(a, b)));
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0 || toAdd === added) return rsReplicas(rs);
    const f = fraction(d, rs);
    const allowedNow = toAdd - added;
    const p = toAdd > 0 ? Math.min(f, allowedNow) : Math.max(f, allowedNow);
    added += p;
    return rsReplicas(rs) + p;
  });
  // Leftovers go to the largest ReplicaSet.
  if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  sorted.forEach((rs, i) => scaleReplicaSet(ctx, d, rs, sizes[i]!));
}
