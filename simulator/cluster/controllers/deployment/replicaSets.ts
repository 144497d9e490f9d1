/** The Deployment's ReplicaSets: find or create the new one (hash, revision), scale, and prune history. */
import type { ClusterContext } from '../../../sandbox.js';
import { clone } from '../../types.js';
import type { JsonValue, KubeObject, StoredObject } from '../../types.js';
import { canonicalJson, computeHash } from '../shared/hash.js';
import { deleteIfPresent, refOf } from '../shared/objects.js';
import { controllerRef } from '../shared/pods.js';
import type { PodTemplate } from '../shared/pods.js';
import {
  DESIRED_REPLICAS, HASH_LABEL, MAX_REPLICAS, REVISION, REVISION_HISTORY,
  byCreation, desiredReplicas, dspec, dstatus, maxSurge, revisionOf, rsReplicas,
} from './util.js';

function withoutHash(t: PodTemplate | undefined): string {
  const c = clone(t ?? {}) as PodTemplate;
  if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
  return canonicalJson(c);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
export function findNewReplicaSet(d: StoredObject, rss: StoredObject[]): StoredObject | undefined {
  const want = withoutHash(dspec(d).template);
  return [...rss].sort(byCreation).find((rs) => withoutHash((rs.spec as { template?: PodTemplate } | undefined)?.template) === want);
}

/** Annotations copied from the Deployment to its ReplicaSets (not kubectl's bookkeeping ones). */
function copiedAnnotations(d: StoredObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (k === 'kubectl.kubernetes.io/last-applied-configuration' || k === REVISION || k === REVISION_HISTORY || k === DESIRED_REPLICAS || k === MAX_REPLICAS) continue;
    out[k] = v;
  }
  return out;
}

/** SetNewReplicaSetAnnotations for an existing new RS: bump its revision, keeping old ones in revision-history. */
export function syncRevision(ctx: ClusterContext, d: StoredObject, rs: StoredObject, newRevision: number): StoredObject {
  const ann = { ...(rs.metadata.annotations ?? {}) };
  const old = ann[REVISION];
  const oldInt = parseInt(old ?? '', 10);
  let changed = false;
  if (!(Number.isFinite(oldInt) && oldInt >= newRevision)) {
    ann[REVISION] = String(newRevision);
    changed = true;
    if (old) ann[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${old}` : old;
  }
  const minReady = dspec(d).minReadySeconds ?? 0;
  const spec = { ...(rs.spec as object) } as Record<string, JsonValue>;
  if ((spec.minReadySeconds ?? 0) !== minReady) {
    spec.minReadySeconds = minReady;
    changed = true;
  }
  if (!changed) return rs;
  return ctx.store.update({ ...rs, metadata: { ...rs.metadata, annotations: ann }, spec } as KubeObject);
}

/** Create the new ReplicaSet `<deployment>-<hash>`; returns undefined after a hash collision (requeued). */
export function createNewReplicaSet(ctx: ClusterContext, d: StoredObject, replicas: number, revision: number): StoredObject | undefined {
  const spec = dspec(d);
  const collisionCount = dstatus(d).collisionCount;
  const hash = computeHash(spec.template as JsonValue | undefined, collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  const template = clone(spec.template ?? {}) as PodTemplate;
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
  const sel = clone((spec.selector ?? {}) as { matchLabels?: Record<string, string> });
  sel.matchLabels = { ...(sel.matchLabels ?? {}), [HASH_LABEL]: hash };
  const existing = ctx.store.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: d.metadata.namespace, name });
  if (existing) {
    // Same name, different template: a hash collision. Count it, so the next hash differs (upstream collisionCount).
    const ref = existing.metadata.ownerReferences?.find((r) => r.controller);
    if (ref?.uid === d.metadata.uid && withoutHash((existing.spec as { template?: PodTemplate }).template) === withoutHash(spec.template)) return existing;
    ctx.store.update({ ...d, status: { ...dstatus(d), collisionCount: (collisionCount ?? 0) + 1 } } as KubeObject, { subresource: 'status' });
    ctx.enqueue(`${d.metadata.namespace}/${d.metadata.name}`);
    return undefined;
  }
  const rs = ctx.store.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: {
        ...copiedAnnotations(d),
        [DESIRED_REPLICAS]: String(desiredReplicas(d)),
        [MAX_REPLICAS]: String(desiredReplicas(d) + maxSurge(d)),
        [REVISION]: String(revision),
      },
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas, minReadySeconds: spec.minReadySeconds ?? 0, selector: sel, template } as unknown as JsonValue,
  });
  if (replicas > 0) recordScale(ctx, d, rs, 0, replicas);
  return rs;
}

function recordScale(ctx: ClusterContext, d: StoredObject, rs: StoredObject, from: number, to: number): void {
  const dir = to > from ? 'up' : 'down';
  ctx.record({
    involvedObject: refOf(d),
    reason: 'ScalingReplicaSet',
    message: `Scaled ${dir} replica set ${rs.metadata.name} from ${from} to ${to}`,
    why: `Deployment ${d.metadata.name} moves ReplicaSet ${rs.metadata.name} ${dir} to ${to} (spec.replicas ${desiredReplicas(d)}, strategy ${dspec(d).strategy?.type ?? 'RollingUpdate'}).`,
  });
}

/** scaleReplicaSetAndRecordEvent: set replicas (and the desired/max annotations). Returns the updated RS. */
export function scaleReplicaSet(ctx: ClusterContext, d: StoredObject, rs: StoredObject, to: number): StoredObject {
  const from = rsReplicas(rs);
  const ann = { ...(rs.metadata.annotations ?? {}) };
  const desired = String(desiredReplicas(d));
  const max = String(desiredReplicas(d) + maxSurge(d));
  if (from === to && ann[DESIRED_REPLICAS] === desired && ann[MAX_REPLICAS] === max) return rs;
  ann[DESIRED_REPLICAS] = desired;
  ann[MAX_REPLICAS] = max;
  const next = ctx.store.update({ ...rs, metadata: { ...rs.metadata, annotations: ann }, spec: { ...(rs.spec as object), replicas: to } } as KubeObject);
  if (from !== to) recordScale(ctx, d, next, from, to);
  return next;
}

/** cleanupDeployment: keep at most revisionHistoryLimit old ReplicaSets that are scaled to zero. */
export function cleanupOldReplicaSets(ctx: ClusterContext, d: StoredObject, oldRSs: StoredObject[]): void {
  const limit = dspec(d).revisionHistoryLimit ?? 10;
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return;
  const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i]!;
    const st = (rs.status ?? {}) as { replicas?: number; observedGeneration?: number };
    if ((st.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 1) > (st.observedGeneration ?? 0)) continue;
    deleteIfPresent(ctx.store, rs);
  }
}
