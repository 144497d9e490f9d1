/** deploymentutil: fenceposts, revisions, replica counts and the Deployment's own condition rules. */
import type { StoredObject } from '../../types.js';
import { scaledValue } from '../shared/intstr.js';
import type { Condition } from '../shared/conditions.js';
import type { PodTemplate } from '../shared/pods.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';

export interface DeploymentSpec {
  replicas?: number;
  selector?: unknown;
  template?: PodTemplate;
  strategy?: { type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export function dspec(d: StoredObject): DeploymentSpec {
  return (d.spec ?? {}) as DeploymentSpec;
}

export function dstatus(d: StoredObject): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

export function desiredReplicas(d: StoredObject): number {
  return dspec(d).replicas ?? 1;
}

export function isRolling(d: StoredObject): boolean {
  return (dspec(d).strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both zero ⇒ unavailable 1. */
export function resolveFenceposts(d: StoredObject): { maxSurge: number; maxUnavailable: number } {
  const desired = desiredReplicas(d);
  const ru = dspec(d).strategy?.rollingUpdate;
  const maxSurge = scaledValue(ru?.maxSurge, desired, true, '25%');
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export function maxSurge(d: StoredObject): number {
  return isRolling(d) ? resolveFenceposts(d).maxSurge : 0;
}

export function maxUnavailable(d: StoredObject): number {
  const desired = desiredReplicas(d);
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d).maxUnavailable, desired);
}

export function rsReplicas(rs: StoredObject): number {
  return (rs.spec as { replicas?: number } | undefined)?.replicas ?? 1;
}

function rsStatusField(rs: StoredObject, f: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return (rs.status as Record<string, number | undefined> | undefined)?.[f] ?? 0;
}

export const specReplicaSum = (rss: StoredObject[]): number => rss.reduce((n, rs) => n + rsReplicas(rs), 0);
export const actualReplicaSum = (rss: StoredObject[]): number => rss.reduce((n, rs) => n + rsStatusField(rs, 'replicas'), 0);
export const readyReplicaSum = (rss: StoredObject[]): number => rss.reduce((n, rs) => n + rsStatusField(rs, 'readyReplicas'), 0);
export const availableReplicaSum = (rss: StoredObject[]): number => rss.reduce((n, rs) => n + rsStatusField(rs, 'availableReplicas'), 0);

export function revisionOf(obj: StoredObject): number {
  const v = parseInt(obj.metadata.annotations?.[REVISION] ?? '', 10);
  return Number.isFinite(v) ? v : 0;
}

export const byCreation = (a: StoredObject, b: StoredObject): number =>
  a.metadata.creationTimestamp === b.metadata.creationTimestamp
    ? a.metadata.name.localeCompare(b.metadata.name)
    : a.metadata.creationTimestamp < b.metadata.creationTimestamp
      ? -1
      : 1;

/** SetDeploymentCondition: same status and reason ⇒ unchanged; otherwise replace (moving it to the end). */
export function setDeploymentCondition(conds: Condition[] | undefined, c: Condition, keepTransitionFrom?: Condition): Condition[] {
  const list = conds ?? [];
  const cur = list.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason && !keepTransitionFrom) return list;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  if (keepTransitionFrom) next.lastTransitionTime = keepTransitionFrom.lastTransitionTime;
  return [...list.filter((x) => x.type !== c.type), next];
}

export function condition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}
