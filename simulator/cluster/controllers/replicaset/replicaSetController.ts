/**
 * The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods that match the
 * selector, named `<rs>-<5 chars>`, and reports replicas / fullyLabeled / ready / available in status.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import { matchesLabels } from '../../selectors.js';
import type { StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { claimObjects } from '../shared/claim.js';
import { deleteIfPresent, omitEmpty, refOf, writeStatus } from '../shared/objects.js';
import { podsToDelete } from '../shared/podRanking.js';
import { availableSince, isPodActive, isPodAvailable, isPodReady, podFromTemplate } from '../shared/pods.js';
import type { PodTemplate } from '../shared/pods.js';

/** Upstream creates at most this many pods per sync (`burstReplicas`). */
const BURST_REPLICAS = 500;

interface RsSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: unknown;
  template?: PodTemplate;
}

/** A pod event wakes the ReplicaSet(s) that control it, before and after the change. */
export function podToOwnerKeys(kind: string) {
  return (e: WatchEvent): string[] => {
    const keys = new Set<string>();
    for (const o of [e.object, e.old]) {
      const ref = o?.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
      if (ref) keys.add(`${o!.metadata.namespace ?? ''}/${ref.name}`);
    }
    return [...keys];
  };
}

function manageReplicas(ctx: ClusterContext, rs: StoredObject, active: StoredObject[], spec: RsSpec): void {
  const want = spec.replicas ?? 1;
  const diff = active.length - want;
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    for (let i = 0; i < n; i++) {
      const pod = ctx.store.create(podFromTemplate(spec.template, rs, { generateName: `${rs.metadata.name}-` }));
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
}

export const replicaSetController: ClusterController = {
  name: 'replicaset',
  component: 'replicaset-controller',
  watches: [
    { group: 'apps', kind: 'ReplicaSet' },
    { group: '', kind: 'Pod', map: podToOwnerKeys('ReplicaSet') },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const rs = ctx.store.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace, name });
    if (!rs) return;
    const spec = (rs.spec ?? {}) as RsSpec;
    const idx = objectIndex(ctx.store);
    const pods = claimObjects(ctx.store, idx, rs, { group: '', kind: 'Pod' }, spec.selector, isPodActive);
    const active = pods.filter(isPodActive);
    if (!rs.metadata.deletionTimestamp) manageReplicas(ctx, rs, active, spec);

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
    const cur = ctx.store.get({ apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace, name });
    if (!cur) return;
    const old = (cur.status ?? {}) as Record<string, unknown>;
    const status: Record<string, unknown> = {
      replicas: active.length,
      fullyLabeledReplicas: active.filter((p) => matchesLabels(labelReqs, p.metadata.labels)).length,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: cur.metadata.generation ?? 1,
    };
    if (old.conditions !== undefined) status.conditions = old.conditions;
    writeStatus(ctx.store, cur, omitEmpty(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']));
    if (nextAvailable !== Infinity) ctx.enqueue(key, nextAvailable - now);
  },
};
