/**
 * `spec.shutdown` (Stop / Terminate) and `activeDeadlineSeconds`: running pods are stopped and their
 * nodes fail; new nodes are not started (Stop still runs exit handlers).
 */
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus } from '../nodes/types.js';
import type { Woc } from './woc.js';
import { liveCount } from './phase.js';

export function applyShutdown(woc: Woc, strategy: string): void {
  const message = strategy === 'deadline' ? 'Step exceeded its deadline' : `Stopped with strategy '${strategy}'`;
  woc.shutdown = strategy === 'deadline' ? 'Terminate' : strategy;
  woc.shutdownMessage = message;
  for (const raw of woc.nodeList()) {
    if (fulfilled(raw.phase)) continue;
    if (strategy === 'Stop' && raw.nodeFlag?.hooked) continue;
    const node = woc.get(raw.id) as NodeStatus;
    if (node.type === 'Pod') {
      const pod = woc.pods.get(node.id);
      if (pod && !pod.metadata.deletionTimestamp) {
        try {
          woc.ctx.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name: pod.metadata.name });
        } catch {
          // already gone
        }
      }
      woc.markNode(node, 'Failed', message);
    } else if (node.type === 'Suspend') woc.markNode(node, 'Failed', message);
  }
}

/** killDaemonedChildren: daemons under a finished boundary (or all, at the end) are stopped; their nodes succeed. */
export function killDaemons(woc: Woc, boundaryID?: string): void {
  if (liveCount(woc, 'daemons') === 0) return;
  for (const raw of woc.nodeList()) {
    if (!raw.daemoned || fulfilled(raw.phase)) continue;
    if (boundaryID !== undefined && raw.boundaryID !== boundaryID) continue;
    const node = woc.get(raw.id) as NodeStatus;
    const pod = woc.pods.get(node.id) ?? woc.ctx.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: woc.namespace }).find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-id'] === node.id);
    if (pod && !pod.metadata.deletionTimestamp) {
      try {
        woc.ctx.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: woc.namespace, name: pod.metadata.name });
      } catch {
        // already gone
      }
    }
    woc.markNode(node, 'Succeeded');
  }
}
