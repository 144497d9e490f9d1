/** Deployment status (sync.go calculateStatus, progress.go syncRolloutStatus): counts and conditions. */
import type { ClusterContext } from '../../../sandbox.js';
import type { KubeObject, StoredObject } from '../../types.js';
import type { Condition } from '../shared/conditions.js';
import { omitEmpty, writeStatus } from '../shared/objects.js';
import {
  actualReplicaSum, availableReplicaSum, condition, desiredReplicas, dspec, dstatus, maxUnavailable,
  readyReplicaSum, setDeploymentCondition, specReplicaSum,
} from './util.js';
import type { DeploymentStatus } from './util.js';

export function calculateStatus(ctx: ClusterContext, d: StoredObject, allRSs: StoredObject[], newRS: StoredObject | undefined): DeploymentStatus {
  const available = availableReplicaSum(allRSs);
  const now = ctx.iso();
  const old = dstatus(d);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: actualReplicaSum(allRSs),
    updatedReplicas: newRS ? actualReplicaSum([newRS]) : 0,
    readyReplicas: readyReplicaSum(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicaSum(allRSs) - available),
    conditions: old.conditions ?? [],
  };
  if (old.collisionCount !== undefined) status.collisionCount = old.collisionCount;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  status.conditions = setDeploymentCondition(
    status.conditions,
    available >= minAvailable
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now),
  );
  return status;
}

export function isComplete(d: StoredObject, s: DeploymentStatus): boolean {
  const desired = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === desired && (s.replicas ?? 0) === desired && (s.availableReplicas ?? 0) === desired && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

function isProgressing(d: StoredObject, s: DeploymentStatus): boolean {
  const o = dstatus(d);
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

function deadlineMs(d: StoredObject): number | undefined {
  const s = dspec(d).progressDeadlineSeconds;
  // MaxInt32 means "no deadline", like upstream.
  if (s === 2147483647) return undefined;
  return (s ?? 600) * 1000;
}

function writeDeploymentStatus(ctx: ClusterContext, d: StoredObject, s: DeploymentStatus): StoredObject {
  const status = omitEmpty({ ...s } as Record<string, unknown>, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'conditions']);
  return writeStatus(ctx.store, d, status);
}

/** syncDeploymentStatus: counts and Available only (paused and scaling paths). */
export function syncDeploymentStatus(ctx: ClusterContext, d: StoredObject, allRSs: StoredObject[], newRS: StoredObject | undefined): void {
  writeDeploymentStatus(ctx, d, calculateStatus(ctx, d, allRSs, newRS));
}

/** syncRolloutStatus: also the Progressing condition and the progress deadline. */
export function syncRolloutStatus(ctx: ClusterContext, d: StoredObject, allRSs: StoredObject[], newRS: StoredObject | undefined): void {
  const s = calculateStatus(ctx, d, allRSs, newRS);
  const now = ctx.iso();
  const deadline = deadlineMs(d);
  const cur = s.conditions?.find((c) => c.type === 'Progressing');
  if (deadline === undefined) s.conditions = (s.conditions ?? []).filter((c) => c.type !== 'Progressing');
  const complete = s.replicas === s.updatedReplicas && cur?.reason === 'NewReplicaSetAvailable';
  const rsName = newRS?.metadata.name ?? '';
  if (deadline !== undefined && !complete) {
    if (isComplete(d, s)) {
      s.conditions = setDeploymentCondition(s.conditions, condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now));
    } else if (isProgressing(d, s)) {
      const c = condition('Progressing', 'True', 'ReplicaSetUpdated', newRS ? `ReplicaSet "${rsName}" is progressing.` : 'Deployment is progressing.', now);
      s.conditions = setDeploymentCondition(s.conditions, c, cur?.status === 'True' ? cur : undefined);
    } else if (timedOut(ctx, cur, deadline)) {
      s.conditions = setDeploymentCondition(s.conditions, condition('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now));
    }
  }
  const written = writeDeploymentStatus(ctx, d, s);
  // requeueStuckDeployment: look again when the deadline would pass (a timer: it does not keep the world busy).
  const after = (written.status as DeploymentStatus | undefined)?.conditions?.find((c) => c.type === 'Progressing');
  if (deadline !== undefined && after && after.reason !== 'NewReplicaSetAvailable' && after.reason !== 'ProgressDeadlineExceeded' && !isComplete(d, s)) {
    const from = Date.parse(after.lastUpdateTime ?? after.lastTransitionTime ?? '');
    if (Number.isFinite(from)) ctx.enqueue(`${d.metadata.namespace}/${d.metadata.name}`, Math.max(0, from + deadline - ctx.now()) + 1000, { background: true });
  }
}

function timedOut(ctx: ClusterContext, cur: Condition | undefined, deadline: number): boolean {
  if (!cur || cur.reason === 'NewReplicaSetAvailable') return false;
  if (cur.reason === 'ProgressDeadlineExceeded') return true;
  const from = Date.parse(cur.lastUpdateTime ?? cur.lastTransitionTime ?? '');
  return Number.isFinite(from) && from + deadline < ctx.now();
}

/** checkPausedConditions: Progressing Unknown while paused, and once on resume. */
export function pausedConditions(ctx: ClusterContext, d: StoredObject): StoredObject {
  if (deadlineMs(d) === undefined) return d;
  const s = dstatus(d);
  const cur = s.conditions?.find((c) => c.type === 'Progressing');
  const paused = dspec(d).paused === true;
  const pausedCond = cur?.reason === 'DeploymentPaused';
  let c: Condition | undefined;
  if (paused && !pausedCond) c = condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', ctx.iso());
  else if (!paused && pausedCond) c = condition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', ctx.iso());
  if (!c) return d;
  return ctx.store.update({ ...d, status: { ...s, conditions: setDeploymentCondition(s.conditions, c) } } as KubeObject, { subresource: 'status' });
}
