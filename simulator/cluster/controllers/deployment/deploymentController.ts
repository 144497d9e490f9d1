/**
 * The Deployment controller (pkg/controller/deployment): one ReplicaSet per pod template (`<name>-<hash>`),
 * rolled with RollingUpdate (maxSurge / maxUnavailable) or Recreate, revisions and history, pause, status.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { claimObjects } from '../shared/claim.js';
import { NO_KEYS } from '../shared/keys.js';
import { controllerOf, podPhase } from '../shared/pods.js';
import { objectForKey, ownedWatches } from '../shared/workload.js';
import { cleanupOldReplicaSets, createNewReplicaSet, findNewReplicaSet, scaleReplicaSet, syncRevision } from './replicaSets.js';
import {
  isScalingEvent, newRSNewReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDeployment, scaleDownOldForRecreate,
} from './rollout.js';
import { isComplete, calculateStatus, pausedConditions, syncDeploymentStatus, syncRolloutStatus } from './status.js';
import { HASH_LABEL, REVISION, actualReplicaSum, condition, dspec, dstatus, isRolling, revisionOf, rsReplicas, setDeploymentCondition } from './util.js';

/** A pod of a Deployment's ReplicaSet went away (Recreate waits for that): `<deploy>-<hash>` ⇒ `<deploy>`. */
function podToDeploymentKeys(e: WatchEvent): string[] {
  const pod = e.object;
  // The owner reference first: most pod events (bare pods, Jobs' pods) concern no Deployment.
  const ref = controllerOf(pod, 'ReplicaSet');
  if (!ref) return NO_KEYS;
  const phase = podPhase(pod);
  const gone = e.type === 'DELETED' || ((phase === 'Succeeded' || phase === 'Failed') && e.old !== undefined && podPhase(e.old) !== phase);
  if (!gone) return NO_KEYS;
  const hash = pod.metadata.labels?.[HASH_LABEL];
  if (!hash || !ref.name.endsWith(`-${hash}`)) return NO_KEYS;
  return [`${pod.metadata.namespace ?? ''}/${ref.name.slice(0, -hash.length - 1)}`];
}

interface RSSet {
  d: StoredObject;
  newRS: StoredObject | undefined;
  oldRSs: StoredObject[];
}

/** getAllReplicaSetsAndSyncRevision. */
function replicaSetsAndRevision(ctx: ClusterContext, d: StoredObject, rss: StoredObject[], create: boolean): RSSet {
  let newRS = findNewReplicaSet(d, rss);
  const oldRSs = rss.filter((rs) => rs !== newRS);
  const newRevision = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0) + 1;
  let reason: string | undefined;
  if (newRS) {
    newRS = syncRevision(ctx, d, newRS, newRevision);
    reason = 'FoundNewReplicaSet';
  } else if (create) {
    newRS = createNewReplicaSet(ctx, d, newRSNewReplicas(d, oldRSs, undefined, isRolling(d)), newRevision);
    reason = 'NewReplicaSetCreated';
  }
  if (!newRS) return { d, newRS, oldRSs };
  let cur = ctx.store.mustGet({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name });
  const rev = newRS.metadata.annotations?.[REVISION];
  if (rev && cur.metadata.annotations?.[REVISION] !== rev) {
    cur = ctx.store.update({ ...cur, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), [REVISION]: rev } } } as KubeObject);
  }
  const st = dstatus(cur);
  const hasProgressing = st.conditions?.some((c) => c.type === 'Progressing');
  if (dspec(cur).progressDeadlineSeconds !== 2147483647 && (reason === 'NewReplicaSetCreated' || !hasProgressing)) {
    const msg = reason === 'NewReplicaSetCreated' ? `Created new replica set "${newRS.metadata.name}"` : `Found new replica set "${newRS.metadata.name}"`;
    const conditions = setDeploymentCondition(st.conditions, condition('Progressing', 'True', reason!, msg, ctx.iso()));
    cur = ctx.store.update({ ...cur, status: { ...st, conditions } } as KubeObject, { subresource: 'status' });
  }
  return { d: cur, newRS, oldRSs };
}

function rolloutRolling(ctx: ClusterContext, d0: StoredObject, rss: StoredObject[]): void {
  const { d, newRS, oldRSs } = replicaSetsAndRevision(ctx, d0, rss, true);
  if (!newRS) return;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(ctx, d, all, newRS)) return syncRolloutStatus(ctx, d, refreshed(ctx, all), refreshed(ctx, [newRS])[0]);
  const active = oldRSs.filter((rs) => rsReplicas(rs) > 0);
  if (reconcileOldReplicaSets(ctx, d, all, active, newRS)) return syncRolloutStatus(ctx, d, refreshed(ctx, all), newRS);
  if (isComplete(d, calculateStatus(ctx, d, all, newRS))) cleanupOldReplicaSets(ctx, d, oldRSs);
  syncRolloutStatus(ctx, d, all, newRS);
}

function oldPodsRunning(ctx: ClusterContext, newRS: StoredObject | undefined, oldRSs: StoredObject[]): boolean {
  if (actualReplicaSum(oldRSs) > 0) return true;
  const idx = objectIndex(ctx.store);
  for (const rs of oldRSs) {
    if (rs === newRS) continue;
    for (const p of idx.controlledBy(rs.metadata.uid, '', 'Pod')) if (!['Succeeded', 'Failed'].includes(podPhase(p))) return true;
  }
  return false;
}

function rolloutRecreate(ctx: ClusterContext, d0: StoredObject, rss: StoredObject[]): void {
  let { d, newRS, oldRSs } = replicaSetsAndRevision(ctx, d0, rss, false);
  const active = oldRSs.filter((rs) => rsReplicas(rs) > 0);
  if (scaleDownOldForRecreate(ctx, d, active)) return syncRolloutStatus(ctx, d, refreshed(ctx, [...oldRSs, ...(newRS ? [newRS] : [])]), newRS);
  if (oldPodsRunning(ctx, newRS, oldRSs)) return syncRolloutStatus(ctx, d, [...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  if (!newRS) ({ d, newRS, oldRSs } = replicaSetsAndRevision(ctx, d, rss, true));
  if (!newRS) return;
  const want = dspec(d).replicas ?? 1;
  if (rsReplicas(newRS) !== want) newRS = scaleReplicaSet(ctx, d, newRS, want);
  const all = [...oldRSs, newRS];
  if (isComplete(d, calculateStatus(ctx, d, all, newRS))) cleanupOldReplicaSets(ctx, d, oldRSs);
  syncRolloutStatus(ctx, d, all, newRS);
}

/** Re-read ReplicaSets after writes. */
function refreshed(ctx: ClusterContext, rss: StoredObject[]): StoredObject[] {
  const out: StoredObject[] = [];
  for (const rs of rss) {
    const cur = ctx.store.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name });
    if (cur) out.push(cur);
  }
  return out;
}

/** sync(): paused or plain scaling: resize, prune history when paused, counts only. */
function syncScale(ctx: ClusterContext, d0: StoredObject, rss: StoredObject[]): void {
  const { d, newRS, oldRSs } = replicaSetsAndRevision(ctx, d0, rss, false);
  scaleDeployment(ctx, d, newRS, oldRSs, isRolling(d));
  if (dspec(d).paused) cleanupOldReplicaSets(ctx, d, refreshed(ctx, oldRSs));
  const all = refreshed(ctx, [...oldRSs, ...(newRS ? [newRS] : [])]);
  syncDeploymentStatus(ctx, d, all, all.find((rs) => rs.metadata.uid === newRS?.metadata.uid));
}

export const deploymentController: ClusterController = {
  name: 'deployment',
  component: 'deployment-controller',
  watches: [...ownedWatches({ group: 'apps', kind: 'Deployment' }, { group: 'apps', kind: 'ReplicaSet' }), { group: '', kind: 'Pod', map: podToDeploymentKeys }],
  reconcile(ctx: ClusterContext, key: string): void {
    let d = objectForKey(ctx, 'apps/v1', 'Deployment', key);
    if (!d) return;
    const idx = objectIndex(ctx.store);
    const rss = claimObjects(ctx.store, idx, d, { group: 'apps', kind: 'ReplicaSet' }, dspec(d).selector);
    if (d.metadata.deletionTimestamp) return syncDeploymentStatus(ctx, d, rss, findNewReplicaSet(d, rss));
    d = pausedConditions(ctx, d);
    if (dspec(d).paused || isScalingEvent(d, rss)) return syncScale(ctx, d, rss);
    if (isRolling(d)) rolloutRolling(ctx, d, rss);
    else rolloutRecreate(ctx, d, rss);
  },
};
