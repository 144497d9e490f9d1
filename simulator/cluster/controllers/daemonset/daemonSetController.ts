/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, pinned with node affinity,
 * replaced on failure, RollingUpdate within maxUnavailable / maxSurge, and the DaemonSet status counters.
 */
import type { ClusterContext, ClusterController } from '../../../sandbox.js';
import type { StoredObject, WatchEvent } from '../../types.js';
import { objectIndex } from '../objectIndex/index.js';
import { claimObjects } from '../shared/claim.js';
import { scaledValue } from '../shared/intstr.js';
import { FAILED_CREATE_RETRY_MS, deleteIfPresent, omitEmpty, refOf, tryCreate, writeStatus } from '../shared/objects.js';
import { availableSince, isPodAvailable, isPodReady, podFromTemplate, podPhase } from '../shared/pods.js';
import { objectForKey, ownedWatches } from '../shared/workload.js';
import { REVISION_LABEL, syncRevisions, truncateHistory } from '../statefulset/revisions.js';
import type { StsSpec } from '../statefulset/revisions.js';
import { nodeShouldRunDaemonPod, pinToNode } from './nodes.js';

const ALL = '*';

interface DsSpec extends StsSpec {
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string; partition?: number } };
}

/** The node a daemon pod is pinned to (its nodeName once scheduled, else its affinity). */
function podNode(pod: StoredObject): string | undefined {
  const spec = (pod.spec ?? {}) as { nodeName?: string; affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { key: string; values?: string[] }[] }[] } } } };
  if (spec.nodeName) return spec.nodeName;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name' && f.values?.length) return f.values[0];
  return undefined;
}

function create(ctx: ClusterContext, ds: StoredObject, node: string, rev: string, why: string): void {
  const spec = (ds.spec ?? {}) as DsSpec;
  const pod = podFromTemplate(spec.template, ds, {
    generateName: `${ds.metadata.name}-`,
    labels: { [REVISION_LABEL]: rev.slice(ds.metadata.name.length + 1), 'pod-template-generation': String(ds.metadata.generation ?? 1) },
  });
  pinToNode(pod.spec as Record<string, unknown>, node);
  const created = tryCreate(ctx, ds, pod);
  if (typeof created === 'string') {
    ctx.enqueue(`${ds.metadata.namespace}/${ds.metadata.name}`, FAILED_CREATE_RETRY_MS, { background: true });
    return;
  }
  ctx.record({ involvedObject: refOf(ds), reason: 'SuccessfulCreate', message: `Created pod: ${created.metadata.name}`, why });
}

function remove(ctx: ClusterContext, ds: StoredObject, pod: StoredObject, why: string): void {
  if (deleteIfPresent(ctx.store, pod)) ctx.record({ involvedObject: refOf(ds), reason: 'SuccessfulDelete', message: `Deleted pod: ${pod.metadata.name}`, why });
}

function syncDaemonSet(ctx: ClusterContext, ds: StoredObject, key: string): void {
  const spec = (ds.spec ?? {}) as DsSpec;
  const idx = objectIndex(ctx.store);
  const pods = claimObjects(ctx.store, idx, ds, { group: '', kind: 'Pod' }, spec.selector);
  if (ds.metadata.deletionTimestamp) return;
  const { update, all } = syncRevisions(ctx, ds, idx.controlledBy(ds.metadata.uid, 'apps', 'ControllerRevision'));
  const hash = update.name.slice(ds.metadata.name.length + 1);
  const isUpdated = (p: StoredObject) => p.metadata.labels?.[REVISION_LABEL] === hash;
  const minReady = spec.minReadySeconds ?? 0;
  const now = ctx.now();
  const nodes = ctx.store.list({ apiVersion: 'v1', kind: 'Node' });
  const wanted = nodes.filter((n) => nodeShouldRunDaemonPod(n, spec.template?.spec as never));
  const byNode = new Map<string, StoredObject[]>();
  for (const p of pods) {
    const n = podNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  const rolling = (spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const maxSurge = rolling ? scaledValue(spec.updateStrategy?.rollingUpdate?.maxSurge, wanted.length, true, 0) : 0;
  let maxUnavailable = rolling ? scaledValue(spec.updateStrategy?.rollingUpdate?.maxUnavailable, wanted.length, false, 1) : 0;
  if (rolling && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  let unavailable = 0;
  for (const n of wanted) {
    const live = (byNode.get(n.metadata.name) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    if (!live.some((p) => isPodAvailable(p, minReady, now))) unavailable++;
  }
  for (const node of nodes) {
    const name = node.metadata.name;
    const here = (byNode.get(name) ?? []).filter((p) => !p.metadata.deletionTimestamp);
    const shouldRun = wanted.includes(node);
    for (const p of here.filter((p) => podPhase(p) === 'Failed')) {
      ctx.record({ involvedObject: refOf(ds), reason: 'FailedDaemonPod', type: 'Warning', message: `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it` });
      remove(ctx, ds, p, `Daemon pod ${p.metadata.name} failed; the DaemonSet replaces it.`);
    }
    const ok = here.filter((p) => podPhase(p) !== 'Failed');
    if (!shouldRun) {
      for (const p of ok) remove(ctx, ds, p, `Node ${name} no longer matches DaemonSet ${ds.metadata.name}.`);
      continue;
    }
    if (ok.length === 0) {
      create(ctx, ds, name, update.name, `DaemonSet ${ds.metadata.name} runs one pod on node ${name}.`);
      continue;
    }
    // Duplicates: keep the oldest.
    const sorted = [...ok].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : 0));
    const updated = sorted.filter(isUpdated);
    const old = sorted.filter((p) => !isUpdated(p));
    if (!rolling || old.length === 0) {
      for (const p of sorted.slice(1)) remove(ctx, ds, p, `Node ${name} has more than one pod of DaemonSet ${ds.metadata.name}.`);
      continue;
    }
    if (updated.length > 0) {
      // Surge pod exists: retire the old one once the new one is available.
      if (updated.some((p) => isPodAvailable(p, minReady, now))) for (const p of old) remove(ctx, ds, p, `Updated daemon pod on ${name} is available; the old one goes.`);
      continue;
    }
    const oldAvailable = old.some((p) => isPodAvailable(p, minReady, now));
    if (maxSurge > 0 && oldAvailable) {
      create(ctx, ds, name, update.name, `RollingUpdate with maxSurge ${maxSurge}: the new pod starts before the old one stops.`);
    } else if (!oldAvailable || unavailable < maxUnavailable) {
      if (oldAvailable) unavailable++;
      for (const p of old) remove(ctx, ds, p, `RollingUpdate: replacing ${p.metadata.name} (maxUnavailable ${maxUnavailable}).`);
    }
  }
  truncateHistory(ctx, ds, all, new Set([update.name]));

  const live = idx.controlledBy(ds.metadata.uid, '', 'Pod').filter((p) => !p.metadata.deletionTimestamp);
  const wantedNames = new Set(wanted.map((n) => n.metadata.name));
  const scheduled = new Set<string>();
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updatedCount = 0;
  let nextAvailable = Infinity;
  for (const p of live) {
    const n = podNode(p) ?? '';
    if (!wantedNames.has(n)) {
      misscheduled++;
      continue;
    }
    if (scheduled.has(n)) continue;
    scheduled.add(n);
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
      else nextAvailable = Math.min(nextAvailable, (availableSince(p, minReady) ?? now) + 1);
    }
    if (isUpdated(p)) updatedCount++;
  }
  const cur = ctx.store.get({ apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: ds.metadata.namespace, name: ds.metadata.name });
  if (cur) {
    writeStatus(ctx.store, cur, omitEmpty({
      currentNumberScheduled: scheduled.size,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: wanted.length,
      numberReady: ready,
      observedGeneration: cur.metadata.generation ?? 1,
      updatedNumberScheduled: updatedCount,
      numberAvailable: available,
      numberUnavailable: Math.max(0, wanted.length - available),
    }, ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']));
  }
  if (nextAvailable !== Infinity) ctx.enqueue(key, nextAvailable - now);
}

export const daemonSetController: ClusterController = {
  name: 'daemonset',
  component: 'daemonset-controller',
  watches: [...ownedWatches({ group: 'apps', kind: 'DaemonSet' }, { group: '', kind: 'Pod' }), { group: '', kind: 'Node', map: (_e: WatchEvent) => [ALL] }],
  reconcile(ctx: ClusterContext, key: string): void {
    if (key === ALL) {
      for (const ds of ctx.store.list({ apiVersion: 'apps/v1', kind: 'DaemonSet' })) ctx.enqueue(`${ds.metadata.namespace}/${ds.metadata.name}`);
      return;
    }
    const ds = objectForKey(ctx, 'apps/v1', 'DaemonSet', key);
    if (ds) syncDaemonSet(ctx, ds, key);
  },
};
