/**
 * The kubelet controller: like kwok, one controller plays the kubelet of every Node in the store and
 * runs the pods bound to them (see sim.ts for the lifecycle itself).
 */
import { splitKey } from '../../sandbox.js';
import type { ClusterContext, ClusterController } from '../../sandbox.js';
import type { WatchEvent } from '../types.js';
import { PodSim } from './sim.js';
import type { PodSpec, PodStatus } from './types.js';

/** No keys: one shared (frozen) empty list for the watch's most common answer, not a new one per event. */
export const NO_KEYS = Object.freeze([]) as unknown as string[];

/** The enqueue options, shared: one object less per reconcile. */
const BACKGROUND = Object.freeze({ background: true });
const FOREGROUND = Object.freeze({ background: false });

export function reconcilePod(ctx: ClusterContext, key: string): void {
  const { namespace, name } = splitKey(key);
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace, name };
  const pod = ctx.store.get(ref);
  const node = (pod?.spec as PodSpec | undefined)?.nodeName;
  if (!pod || !node || !ctx.store.get({ apiVersion: 'v1', kind: 'Node', name: node })) return;
  const now = ctx.now();
  const deleting = pod.metadata.deletionTimestamp !== undefined;
  const bk = (pod.status as PodStatus | undefined)?.sandbox;
  // Fast path: nothing is due yet (our own status writes come back here through the watch).
  if (bk && (!deleting || bk.del !== undefined)) {
    if (bk.next > now) {
      ctx.enqueue(key, bk.next - now, bk.bg === true ? BACKGROUND : FOREGROUND);
      return;
    }
    if (bk.next < 0 && !deleting) return;
  }
  const sim = new PodSim(ctx, pod, node);
  sim.run(deleting);
  if (sim.finalize) {
    // With finalizers left the pod stays visible: show how its containers ended.
    if (pod.metadata.finalizers?.length && sim.changed) ctx.store.adoptStatus(pod, sim.st);
    ctx.store.finalizeDeletion(ref);
    if (!ctx.store.get(ref)) {
      ctx.sandbox.podLogs.drop(namespace, name);
      ctx.sandbox.podFiles.drop(namespace, name);
    }
    return;
  }
  // `sim.st` is a private copy built in this reconcile: the store takes it over instead of copying it again.
  if (sim.changed) {
    ctx.store.adoptStatus(pod, sim.st);
    // `run` put the wake-up in the books it wrote: not computed twice.
    if (sim.bk.next >= 0) ctx.enqueue(key, sim.bk.next - now, sim.bk.bg === true ? BACKGROUND : FOREGROUND);
    return;
  }
  const wake = sim.wakeUp();
  if (wake.at >= 0) ctx.enqueue(key, wake.at - now, wake.background ? BACKGROUND : FOREGROUND);
}

/**
 * Pods bound to a node, when something other than the status changed (binding, deletion,
 * annotations): status writes, the kubelet's own included, need no reconcile; timers drive the rest.
 */
export function podWatchKeys(event: WatchEvent): string[] {
  const pod = event.object;
  if (event.type === 'DELETED' || !(pod.spec as PodSpec | undefined)?.nodeName) return NO_KEYS;
  const old = event.old;
  if (old && old.spec === pod.spec && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp && old.metadata.annotations === pod.metadata.annotations) {
    return NO_KEYS;
  }
  return [`${pod.metadata.namespace}/${pod.metadata.name}`];
}

export const kubeletController: ClusterController = {
  name: 'kubelet',
  component: 'kubelet',
  watches: [{ group: '', kind: 'Pod', map: podWatchKeys }],
  reconcile: reconcilePod,
};
