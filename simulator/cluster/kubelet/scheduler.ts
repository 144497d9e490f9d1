/** default-scheduler: binds each pod without `spec.nodeName` to a node whose labels match its nodeSelector. */
import { splitKey } from '../../sandbox.js';
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../types.js';
import { NO_KEYS } from './kubelet.js';
import { scheduledWhy } from './texts.js';
import type { PodCondition, PodSpec, PodStatus } from './types.js';

/** Keys `pvc:<ns>/<name>`: a claim was created. */
const CLAIM = 'pvc:';

type PodVolumes = PodSpec & { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] };

function nodeMatches(node: StoredObject, spec: PodSpec): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  return !(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
}

/** The VolumeBinding filter's PreFilter: every claim the pod mounts must exist and not be going away. */
function missingClaim(ctx: ClusterContext, namespace: string, spec: PodSpec): { reason: string; why: string } | undefined {
  for (const v of (spec as PodVolumes).volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = ctx.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: claim });
    if (!pvc) {
      return { reason: `persistentvolumeclaim "${claim}" not found`, why: `The pod mounts PersistentVolumeClaim ${claim}, which does not exist; it stays Pending until the claim is created.` };
    }
    if (pvc.metadata.deletionTimestamp) {
      return { reason: `persistentvolumeclaim "${claim}" is being deleted`, why: `The pod mounts PersistentVolumeClaim ${claim}, which is being deleted; it cannot be scheduled onto a volume that is going away.` };
    }
  }
  return undefined;
}

/** Pending with PodScheduled=False and a FailedScheduling event, unless that is already what the pod shows. */
function unschedulable(ctx: ClusterContext, pod: StoredObject, status: PodStatus, message: string, why: string): void {
  const { namespace, name, uid } = pod.metadata;
  const old = status.conditions?.find((c) => c.type === 'PodScheduled');
  if (old?.status === 'False' && old.message === message) return;
  const cond: PodCondition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: ctx.iso(), reason: 'Unschedulable', message };
  ctx.store.update({ ...pod, status: { ...status, phase: 'Pending', conditions: [cond] } } as KubeObject, { subresource: 'status' });
  ctx.record({ involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace, name, uid }, reason: 'FailedScheduling', message, type: 'Warning', why });
}

export function schedulePod(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const pod = ctx.store.get({ apiVersion: 'v1', kind: 'Pod', namespace, name });
  if (!pod || pod.metadata.deletionTimestamp) return;
  const spec = (pod.spec ?? {}) as PodSpec;
  if (spec.nodeName) return;
  const status = (pod.status ?? {}) as PodStatus;
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return;
  const nodes = ctx.store.list({ apiVersion: 'v1', kind: 'Node' }).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const node = nodes.find((n) => nodeMatches(n, spec));
  const involvedObject = { apiVersion: 'v1', kind: 'Pod', namespace, name, uid: pod.metadata.uid };
  const claimProblem = missingClaim(ctx, namespace, spec);
  if (claimProblem) {
    unschedulable(ctx, pod, status, `0/${nodes.length} nodes are available: ${claimProblem.reason}.`, claimProblem.why);
    return;
  }
  if (!node) {
    unschedulable(
      ctx,
      pod,
      status,
      `0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector.`,
      `No node has every label in the pod's nodeSelector ${JSON.stringify(spec.nodeSelector ?? {})}; the pod stays Pending until a node matches.`,
    );
    return;
  }
  // The binding (pods/binding): the kubelet adds the PodScheduled=True condition with its first status.
  ctx.store.bind({ namespace, name }, node.metadata.name);
  const fit = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? 'matches its nodeSelector' : 'it found (the pod has no nodeSelector)';
  ctx.record({
    involvedObject,
    reason: 'Scheduled',
    message: `Successfully assigned ${namespace}/${name} to ${node.metadata.name}`,
    why: scheduledWhy(node.metadata.name, fit),
  });
}

/** A node changed (labels, schedulability, a new node): retry every unbound pod. Node events are few. */
function retryUnbound(ctx: ClusterContext): void {
  for (const p of ctx.store.list({ apiVersion: 'v1', kind: 'Pod' })) {
    if (!(p.spec as PodSpec | undefined)?.nodeName && !p.metadata.deletionTimestamp) ctx.enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
  }
}

/** A claim appeared: the unbound pods in its namespace that mount it get another try. */
function retryClaimWaiters(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key.slice(CLAIM.length));
  for (const p of ctx.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace })) {
    const spec = p.spec as PodVolumes | undefined;
    if (spec?.nodeName || p.metadata.deletionTimestamp) continue;
    if (spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === name)) ctx.enqueue(`${namespace}/${p.metadata.name}`);
  }
}

function claimKeys(event: WatchEvent): string[] {
  return event.type === 'ADDED' ? [`${CLAIM}${event.object.metadata.namespace ?? ''}/${event.object.metadata.name}`] : [];
}

/** Only pods still waiting for a node concern the scheduler. */
function unboundPodKeys(event: WatchEvent): string[] {
  const pod = event.object;
  if (event.type === 'DELETED' || (pod.spec as PodSpec | undefined)?.nodeName || pod.metadata.deletionTimestamp) return NO_KEYS;
  // Its own Unschedulable status write needs no second look.
  if (event.old && event.old.spec === pod.spec && event.old.metadata.labels === pod.metadata.labels) return NO_KEYS;
  return [`${pod.metadata.namespace}/${pod.metadata.name}`];
}

export const schedulerController: ClusterController = {
  name: 'default-scheduler',
  component: 'default-scheduler',
  // Pods are keyed `namespace/name`; nodes (cluster-scoped) come as `/name`.
  watches: [
    { group: '', kind: 'Pod', map: unboundPodKeys },
    { group: '', kind: 'Node' },
    { group: '', kind: 'PersistentVolumeClaim', map: claimKeys },
  ],
  reconcile: (ctx, key) => (key.startsWith('/') ? retryUnbound(ctx) : key.startsWith(CLAIM) ? retryClaimWaiters(ctx, key) : schedulePod(ctx, key)),
};
