/**
 * Template-level synchronization (operator.go executeTemplate: syncManager.TryAcquire before the node
 * runs, Release once it is fulfilled). A node that cannot get its locks waits `Pending` with Argo's
 * message `Waiting for <lock> lock. Lock status: <free>/<limit>`; once it gets them it starts for real.
 * Wired as a wrapper around the leaf executors, and around steps/DAG nodes by executeTemplate (`runSynchronized`):
 * those hold the lock while any of their children run.
 */
import type { Woc } from '../controller/woc.js';
import type { ExecuteRequest, Executor } from '../executors/types.js';
import { fulfilled } from '../nodes/types.js';
import type { NodeStatus, NodeType, Template } from '../nodes/types.js';
import { lockRefs } from './locks.js';
import type { Synchronization } from './locks.js';
import { heldBy, isWaiting, release, tryAcquire } from './manager.js';

function claimKey(woc: Woc, nodeId: string): string {
  return `${woc.namespace}/${woc.name}/${nodeId}`;
}

function nodeTypeFor(t: Template): NodeType {
  if (t.http) return 'HTTP';
  if (t.plugin) return 'Plugin';
  if (t.suspend) return 'Suspend';
  return 'Pod';
}

/** Release the locks of this workflow's fulfilled nodes. */
export function releaseFinishedNodes(woc: Woc): void {
  const s = woc.status.synchronization as { mutex?: { holding?: { holder: string }[] }; semaphore?: { holding?: { holders: string[] }[] } } | undefined;
  if (!s) return;
  const holders = new Set<string>([...(s.mutex?.holding ?? []).map((h) => h.holder), ...(s.semaphore?.holding ?? []).flatMap((h) => h.holders)]);
  for (const id of holders) {
    const node = woc.get(id);
    // The root node's id is the workflow's name, like a workflow-level holder: both end with the root.
    if (id === woc.name ? !node || !fulfilled(node.phase) : node && !fulfilled(node.phase)) continue;
    const key = claimKey(woc, id);
    release(woc, key, heldBy(woc, key));
  }
}

/** Whether the node waits for a lock (its executor must then be called again). */
export function waitingForLock(woc: Woc, node: NodeStatus): boolean {
  return isWaiting(woc, claimKey(woc, node.id));
}

/**
 * executeTemplate's TryAcquire for one node of any type: the node waiting `Pending` for its locks (a
 * placeholder of `nodeType`, no children, nothing run), or undefined once it holds them (the placeholder gone).
 */
export function acquireOrWait(woc: Woc, req: ExecuteRequest, nodeType: NodeType): NodeStatus | undefined {
  const locks = lockRefs(req.tmpl.synchronization as Synchronization | undefined, woc.namespace);
  const existing = woc.byName(req.nodeName);
  if (locks.length === 0 || (existing && !waitingForLock(woc, existing))) return undefined;
  const id = woc.nodeId(req.nodeName);
  const r = tryAcquire(woc, claimKey(woc, id), locks);
  if (!r.acquired) {
    const node =
      existing ??
      woc.initNode(req.nodeName, nodeType, 'Pending', {
        templateName: req.orgTmpl.template ?? (req.orgTmpl.templateRef ? undefined : req.tmpl.name),
        templateRef: req.orgTmpl.templateRef,
        templateScope: req.templateScope,
        boundaryID: req.boundaryID,
        nodeFlag: req.nodeFlag,
      });
    if (node.message !== r.message) {
      woc.ctx.record({
        involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
        reason: 'WaitingForLock',
        message: `${req.nodeName}: ${r.message}`,
        why: 'The template declares synchronization: it starts only when it holds every mutex/semaphore it names.',
      });
    }
    // markNodeWaitingForLock: the lock it waits for, by name (gone with the placeholder once it holds it).
    (node as NodeStatus & { synchronizationStatus?: { waiting: string } }).synchronizationStatus = { waiting: r.lock };
    return woc.markNode(node, 'Pending', r.message);
  }
  // Got the locks: the placeholder makes way for the real node (same id, so links stay valid).
  if (existing) delete woc.nodes[existing.id];
  return undefined;
}

/** TryAcquire, then `run` creates or advances the node; its locks go once it is fulfilled. */
export function runSynchronized(woc: Woc, req: ExecuteRequest, nodeType: NodeType, run: () => NodeStatus): NodeStatus {
  if (req.tmpl.synchronization === undefined || req.tmpl.synchronization === null) return run();
  const waiting = acquireOrWait(woc, req, nodeType);
  if (waiting) return waiting;
  const node = run();
  if (fulfilled(node.phase)) releaseFinishedNodes(woc);
  return node;
}

export function withSynchronization(inner: Executor): Executor {
  return {
    ...inner,
    reexecute: (woc, node) => waitingForLock(woc, node) || (inner.reexecute?.(woc, node) ?? false),
    execute: (woc, req) => runSynchronized(woc, req, nodeTypeFor(req.tmpl), () => inner.execute(woc, req)),
  };
}
