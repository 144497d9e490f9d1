/**
 * The StatefulSet controller (pkg/controller/statefulset): pods `<sts>-0 … <sts>-(n-1)` with stable names and
 * claims, OrderedReady (one at a time, each Running and Ready before the next) or Parallel, scale-down from the
 * highest ordinal, RollingUpdate from the highest ordinal down to `partition`, revisions as ControllerRevisions.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { KubeObject, StoredObject } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { claimObjects } from '../shared/claim.js';
import { FAILED_CREATE_RETRY_MS, deleteIfPresent, omitEmpty, refOf, tryCreate, writeStatus } from '../shared/objects.js';
import { availableSince, isPodAvailable, isPodReady, podFromTemplate, podPhase } from '../shared/pods.js';
import { objectForKey, ownedWatches } from '../shared/workload.js';
import { claimVolumes, deleteScaledClaims, ensureClaims } from './claims.js';
import { REVISION_LABEL, revisionByName, syncRevisions, truncateHistory } from './revisions.js';
import type { Revision, StsSpec } from './revisions.js';

function ordinalOf(sts: StoredObject, pod: StoredObject): number {
  const prefix = `${sts.metadata.name}-`;
  const n = pod.metadata.name.startsWith(prefix) ? Number(pod.metadata.name.slice(prefix.length)) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

const runningAndReady = (p: StoredObject): boolean => podPhase(p) === 'Running' && isPodReady(p);
const failed = (p: StoredObject): boolean => podPhase(p) === 'Failed' || podPhase(p) === 'Succeeded';

function newPod(sts: StoredObject, rev: Revision, ordinal: number): KubeObject {
  const spec = (sts.spec ?? {}) as StsSpec;
  const name = `${sts.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(rev.template, sts, {
    name,
    labels: { [REVISION_LABEL]: rev.name, 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(ordinal) },
  });
  const ps = pod.spec as { hostname?: string; subdomain?: string; volumes?: { name: string }[] };
  ps.hostname = name;
  if (spec.serviceName) ps.subdomain = spec.serviceName;
  const claims = claimVolumes(sts, ordinal);
  if (claims.length) ps.volumes = [...(ps.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name)), ...claims];
  return pod;
}

function record(ctx: ClusterContext, sts: StoredObject, verb: 'create' | 'delete', pod: string, why: string): void {
  ctx.record({
    involvedObject: refOf(sts),
    reason: verb === 'create' ? 'SuccessfulCreate' : 'SuccessfulDelete',
    message: `${verb} Pod ${pod} in StatefulSet ${sts.metadata.name} successful`,
    why,
  });
}

/** updateStatefulSet: one pass of create / wait / delete; returns when an ordered step must wait. */
function syncPods(ctx: ClusterContext, sts: StoredObject, pods: StoredObject[], current: Revision, update: Revision, currentReplicas: number): void {
  const spec = (sts.spec ?? {}) as StsSpec;
  const replicas = spec.replicas ?? 1;
  const monotonic = (spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const partition = spec.updateStrategy?.rollingUpdate?.partition;
  const byOrdinal = new Map<number, StoredObject>();
  const condemned: StoredObject[] = [];
  for (const p of pods) {
    const i = ordinalOf(sts, p);
    if (i < 0) continue;
    if (i < replicas) byOrdinal.set(i, p);
    else condemned.push(p);
  }
  condemned.sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
  const revisionFor = (i: number): Revision => {
    // newVersionedStatefulSetPod: below the partition (or the current count) keep the current revision;
    // everything else, and every pod recreated under OnDelete, gets the update revision.
    const useCurrent = rolling && (partition !== undefined ? i < partition : i < currentReplicas);
    return useCurrent ? current : update;
  };
  let unhealthy = false;
  for (let i = 0; i < replicas; i++) {
    let pod = byOrdinal.get(i);
    if (pod && failed(pod) && !pod.metadata.deletionTimestamp) {
      // A failed stateful pod is deleted and recreated with the same identity.
      deleteIfPresent(ctx.store, pod);
      record(ctx, sts, 'delete', pod.metadata.name, `Pod ${pod.metadata.name} ${podPhase(pod)}; StatefulSet ${sts.metadata.name} recreates it.`);
      pod = ctx.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: sts.metadata.namespace, name: pod.metadata.name });
      if (pod && monotonic) return;
    }
    if (!pod) {
      const name = `${sts.metadata.name}-${i}`;
      ensureClaims(ctx, sts, name, i);
      if (typeof tryCreate(ctx, sts, newPod(sts, revisionFor(i), i), (err) => `create Pod ${name} in StatefulSet ${sts.metadata.name} failed error: ${err}`) === 'string') {
        ctx.enqueue(`${sts.metadata.namespace}/${sts.metadata.name}`, FAILED_CREATE_RETRY_MS, { background: true });
        return;
      }
      record(ctx, sts, 'create', name, monotonic
        ? `OrderedReady: ${name} is created once ${i === 0 ? 'nothing precedes it' : `${sts.metadata.name}-${i - 1} is Running and Ready`}.`
        : `Parallel: StatefulSet ${sts.metadata.name} creates all ${replicas} pods at once.`);
      if (monotonic) return;
      unhealthy = true;
      continue;
    }
    if (pod.metadata.deletionTimestamp || !runningAndReady(pod)) {
      unhealthy = true;
      if (monotonic) return;
    }
  }
  // Scale down from the highest ordinal; OrderedReady waits for every remaining pod to be healthy, one at a time.
  for (const pod of condemned) {
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return;
      continue;
    }
    if (monotonic && unhealthy) return;
    deleteIfPresent(ctx.store, pod);
    deleteScaledClaims(ctx, sts, ordinalOf(sts, pod));
    record(ctx, sts, 'delete', pod.metadata.name, `StatefulSet ${sts.metadata.name} scales to ${replicas}: the highest ordinal goes first.`);
    if (monotonic) return;
  }
  if (!rolling || unhealthy) return;
  // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
  const min = partition ?? 0;
  for (let i = replicas - 1; i >= min; i--) {
    const pod = byOrdinal.get(i);
    if (!pod) return;
    if (pod.metadata.labels?.[REVISION_LABEL] !== update.name && !pod.metadata.deletionTimestamp) {
      deleteIfPresent(ctx.store, pod);
      record(ctx, sts, 'delete', pod.metadata.name, `RollingUpdate: ${pod.metadata.name} runs revision ${pod.metadata.labels?.[REVISION_LABEL]} and is replaced by ${update.name} (highest ordinal first, partition ${min}).`);
      return;
    }
    if (!runningAndReady(pod)) return;
  }
}

export const statefulSetController: ClusterController = {
  name: 'statefulset',
  component: 'statefulset-controller',
  watches: ownedWatches({ group: 'apps', kind: 'StatefulSet' }, { group: '', kind: 'Pod' }),
  reconcile(ctx: ClusterContext, key: string): void {
    const sts = objectForKey(ctx, 'apps/v1', 'StatefulSet', key);
    if (!sts) return;
    const spec = (sts.spec ?? {}) as StsSpec;
    const idx = objectIndex(ctx.store);
    const pods = claimObjects(ctx.store, idx, sts, { group: '', kind: 'Pod' }, spec.selector);
    const owned = idx.controlledBy(sts.metadata.uid, 'apps', 'ControllerRevision');
    const old = (sts.status ?? {}) as Record<string, unknown>;
    if (sts.metadata.deletionTimestamp) return;
    const { update, all } = syncRevisions(ctx, sts, owned);
    const current = revisionByName(all, old.currentRevision as string | undefined) ?? update;
    syncPods(ctx, sts, pods, current, update, (old.currentReplicas as number | undefined) ?? 0);

    const now = ctx.now();
    const minReady = spec.minReadySeconds ?? 0;
    const live = idx.controlledBy(sts.metadata.uid, '', 'Pod').filter((p) => ordinalOf(sts, p) >= 0);
    let nextAvailable = Infinity;
    const readyPods = live.filter(runningAndReady);
    const availableCount = readyPods.filter((p) => {
      const ok = isPodAvailable(p, minReady, now);
      if (!ok) nextAvailable = Math.min(nextAvailable, (availableSince(p, minReady) ?? now) + 1);
      return ok;
    }).length;
    // Field order as the API server prints a StatefulSetStatus.
    const status: Record<string, unknown> = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: live.length,
      readyReplicas: readyPods.length,
      currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current.name).length,
      updatedReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === update.name).length,
      currentRevision: current.name,
      updateRevision: update.name,
      collisionCount: (old.collisionCount as number | undefined) ?? 0,
      availableReplicas: availableCount,
    };
    const replicas = spec.replicas ?? 1;
    // completeRollingUpdate: once every pod runs the update revision and is ready, it becomes current.
    if (status.updatedReplicas === replicas && status.readyReplicas === replicas && status.replicas === replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = update.name;
    }
    truncateHistory(ctx, sts, all, new Set([status.currentRevision as string, update.name]));
    const cur = objectForKey(ctx, 'apps/v1', 'StatefulSet', key);
    if (cur) writeStatus(ctx.store, cur, omitEmpty(status, ['readyReplicas', 'currentReplicas', 'updatedReplicas']));
    if (nextAvailable !== Infinity) ctx.enqueue(key, nextAvailable - now);
  },
};
