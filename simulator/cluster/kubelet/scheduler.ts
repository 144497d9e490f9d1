/** default-scheduler: binds each pod without `spec.nodeName` to a node whose labels match its nodeSelector. */
import { splitKey } from '../../sandbox.js';
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import type { KubeObject, StoredObject, WatchEvent } from '../types.js';
import type { PodCondition, PodSpec, PodStatus } from './types.js';

function nodeMatches(node: StoredObject, spec: PodSpec): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  return !(node.spec as { unschedulable?: boolean } | undefined)?.unschedulable;
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
  if (!node) {
    const message = `0/${nodes.length} nodes are available: ${nodes.length} node(s) didn't match Pod's node affinity/selector.`;
    const old = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (old?.status === 'False' && old.message === message) return;
    const cond: PodCondition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: ctx.iso(), reason: 'Unschedulable', message };
    ctx.store.update({ ...pod, status: { ...status, phase: 'Pending', conditions: [cond] } } as KubeObject, { subresource: 'status' });
    ctx.record({
      involvedObject,
      reason: 'FailedScheduling',
      message,
      type: 'Warning',
      why: `No node has every label in the pod's nodeSelector ${JSON.stringify(spec.nodeSelector ?? {})}; the pod stays Pending until a node matches.`,
    });
    return;
  }
  // The binding (pods/binding): the kubelet adds the PodScheduled=True condition with its first status.
  ctx.store.bind({ namespace, name }, node.metadata.name);
  const fit = spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0 ? 'matches its nodeSelector' : 'it found (the pod has no nodeSelector)';
  ctx.record({
    involvedObject,
    reason: 'Scheduled',
    message: `Successfully assigned ${namespace}/${name} to ${node.metadata.name}`,
    why: `The pod had no spec.nodeName, so the scheduler bound it to ${node.metadata.name}, the first node that ${fit}; that node's kubelet now runs it.`,
  });
}

/** A node changed (labels, schedulability, a new node): retry every unbound pod. Node events are few. */
function retryUnbound(ctx: ClusterContext): void {
  for (const p of ctx.store.list({ apiVersion: 'v1', kind: 'Pod' })) {
    if (!(p.spec as PodSpec | undefined)?.nodeName && !p.metadata.deletionTimestamp) ctx.enqueue(`${p.metadata.namespace}/${p.metadata.name}`);
  }
}

/** Only pods still waiting for a node concern the scheduler. */
function unboundPodKeys(event: WatchEvent): string[] {
  const pod = event.object;
  if (event.type === 'DELETED' || (pod.spec as PodSpec | undefined)?.nodeName || pod.metadata.deletionTimestamp) return [];
  // Its own Unschedulable status write needs no second look.
  if (event.old && event.old.spec === pod.spec && event.old.metadata.labels === pod.metadata.labels) return [];
  return [`${pod.metadata.namespace}/${pod.metadata.name}`];
}

export const schedulerController: ClusterController = {
  name: 'default-scheduler',
  component: 'default-scheduler',
  // Pods are keyed `namespace/name`; nodes (cluster-scoped) come as `/name`.
  watches: [{ group: '', kind: 'Pod', map: unboundPodKeys }, { group: '', kind: 'Node' }],
  reconcile: (ctx, key) => (key.startsWith('/') ? retryUnbound(ctx) : schedulePod(ctx, key)),
};
