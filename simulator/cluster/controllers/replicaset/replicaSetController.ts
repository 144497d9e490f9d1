/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that match the
 * selector, named `<rs>-<5 chars>`, and reports replicas / fullyLabeled / ready / available in status.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import { objectForKey } from '../shared/workload.js';
import { matchesLabels } from '../../selectors.js';
import type { StoredObject } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { claimObjects } from '../shared/claim.js';
import { setCondition } from '../shared/conditions.js';
import type { Condition } from '../shared/conditions.js';
import { FAILED_CREATE_RETRY_MS, deleteIfPresent, omitEmpty, refOf, tryCreate, writeStatus } from '../shared/objects.js';
import { podToOwnerKeys } from '../shared/podEvents.js';
import { podsToDelete } from '../shared/podRanking.js';
import { availableSince, isPodActive, isPodAvailable, isPodReady, podFromTemplate } from '../shared/pods.js';
import type { PodTemplate } from '../shared/pods.js';

/** Upstream creates at most this many pods per sync (`burstReplicas`). */
const BURST_REPLICAS = 500;

/**
 * Pod events reach a ReplicaSet through this prefix. For a large ReplicaSet the sync is deferred a little so
 * that the kubelet's many pod updates coalesce into one sync, as a busy real controller's workqueue does;
 * the delay lives in the scheduler (data), so snapshots replay it exactly.
 */
const POD_EVENT = 'pods:';
const COALESCE_ABOVE = 100;
const COALESCE_MS = 250;
const podEventKeys = podToOwnerKeys('ReplicaSet', POD_EVENT);

interface RsSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: unknown;
  template?: PodTemplate;
}

/** Returns the API error when pods could not be created (for the ReplicaFailure condition). */
function manageReplicas(ctx: ClusterContext, rs: StoredObject, active: StoredObject[], spec: RsSpec): string | undefined {
  const want = spec.replicas ?? 1;
  const diff = active.length - want;
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    for (let i = 0; i < n; i++) {
      const pod = tryCreate(ctx, rs, podFromTemplate(spec.template, rs, { generateName: `${rs.metadata.name}-` }));
      if (typeof pod === 'string') {
        ctx.enqueue(`${rs.metadata.namespace}/${rs.metadata.name}`, FAILED_CREATE_RETRY_MS, { background: true });
        return pod;
      }
      ctx.record({
        involvedObject: refOf(rs),
        reason: 'SuccessfulCreate',
        message: `Created pod: ${pod.metadata.name}`,
        why: `ReplicaSet ${rs.metadata.name} wants ${want} replicas and had ${active.length + i}.`,
      });
    }
    if (-diff > n) ctx.enqueue(`${rs.metadata.namespace}/${rs.metadata.name}`);
  } else if (diff > 0) {
    for (const pod of podsToDelete(active, Math.min(diff, BURST_REPLICAS))) {
      if (!deleteIfPresent(ctx.store, pod)) continue;
      ctx.record({
        involvedObject: refOf(rs),
        reason: 'SuccessfulDelete',
        message: `Deleted pod: ${pod.metadata.name}`,
        why: `ReplicaSet ${rs.metadata.name} wants ${want} replicas and had ${active.length}; it removes unscheduled, pending, not-ready and newest pods first.`,
      });
    }
  }
  return undefined;
}

export const replicaSetController: ClusterController = {
  name: 'replicaset',
  component: 'replicaset-controller',
  watches: [
    { group: 'apps', kind: 'ReplicaSet' },
    { group: '', kind: 'Pod', map: podEventKeys },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key.startsWith(POD_EVENT)) {
      const rsKey = key.slice(POD_EVENT.length);
      const owner = objectForKey(ctx, 'apps/v1', 'ReplicaSet', rsKey);
      const size = owner ? objectIndex(ctx.store).controlledCount(owner.metadata.uid) : 0;
      ctx.enqueue(rsKey, size > COALESCE_ABOVE ? COALESCE_MS : 0);
      return;
    }
    const rs = objectForKey(ctx, 'apps/v1', 'ReplicaSet', key);
    if (!rs) return;
    const spec = (rs.spec ?? {}) as RsSpec;
    const idx = objectIndex(ctx.store);
    const pods = claimObjects(ctx.store, idx, rs, { group: '', kind: 'Pod' }, spec.selector, isPodActive);
    const active = pods.filter(isPodActive);
    const failure = rs.metadata.deletionTimestamp ? undefined : manageReplicas(ctx, rs, active, spec);

    const now = ctx.now();
    const minReady = spec.minReadySeconds ?? 0;
    const templateLabels = spec.template?.metadata?.labels ?? {};
    const labelReqs = Object.entries(templateLabels).map(([k, v]) => ({ key: k, op: '=' as const, value: v }));
    let ready = 0;
    let available = 0;
    let nextAvailable = Infinity;
    for (const p of active) {
      if (!isPodReady(p)) continue;
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
      else nextAvailable = Math.min(nextAvailable, (availableSince(p, minReady) ?? now) + 1);
    }
    const cur = objectForKey(ctx, 'apps/v1', 'ReplicaSet', key);
    if (!cur) return;
    const old = (cur.status ?? {}) as Record<string, unknown>;
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => matchesLabels(labelReqs, p.metadata.labels)).length,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: cur.metadata.generation ?? 1,
    };
    // ReplicaFailure: set while pods cannot be created, removed once they can.
    const conds = ((old.conditions ?? []) as Condition[]).filter((c) => c.type !== 'ReplicaFailure' || failure);
    const withFailure = failure ? setCondition(conds, { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failure }, ctx.iso()) : conds;
    if (withFailure.length) status.conditions = withFailure;
    writeStatus(ctx.store, cur, omitEmpty(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']));
    if (nextAvailable !== Infinity) ctx.enqueue(key, nextAvailable - now);
  },
};
