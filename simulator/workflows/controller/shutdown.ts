/**
 * `spec.shutdown` (Stop / Terminate) and `activeDeadlineSeconds`: running pods are stopped and their
 * nodes fail; new nodes are not started (Stop still runs exit handlers).
 */
import { fulfilled } from '../nodes/types.js';
import type { Woc } from './woc.js';

export function applyShutdown(woc: Woc, strategy: string): void {
  const message = strategy === 'deadline' ? 'Step exceeded its deadline' : `Stopped with strategy '${strategy}'`;
  woc.shutdown = strategy === 'deadline' ? 'Terminate' : strategy;
  woc.shutdownMessage = message;
  for (const node of Object.values(woc.nodes)) {
    if (fulfilled(node.phase)) continue;
    if (strategy === 'Stop' && node.nodeFlag?.hooked) continue;
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
  for (const node of Object.values(woc.nodes)) {
    if (!node.daemoned || fulfilled(node.phase)) continue;
    if (boundaryID !== undefined && node.boundaryID !== boundaryID) continue;
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
