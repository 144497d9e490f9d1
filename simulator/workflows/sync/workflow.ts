/**
 * Workflow-level synchronization (operator.go operate: TryAcquire on `spec.synchronization` before the
 * workflow runs; Release when it completes). For the operator to call:
 *   - `acquireWorkflowLocks(woc)` before executing the entrypoint: when it returns `acquired: false`
 *     the workflow stays `Pending` with the message it returns and must not run anything yet;
 *   - `releaseWorkflowLocks(woc)` when the workflow is fulfilled (also releases node holds left over).
 */
import type { Woc } from '../controller/woc.js';
import { lockRefs } from './locks.js';
import type { AcquireResult, Synchronization } from './locks.js';
import { heldBy, release, tryAcquire } from './manager.js';
import { releaseFinishedNodes } from './template.js';

function workflowKey(woc: Woc): string {
  return `${woc.namespace}/${woc.name}`;
}

export function acquireWorkflowLocks(woc: Woc): AcquireResult {
  const locks = lockRefs(woc.spec.synchronization as Synchronization | undefined, woc.namespace);
  if (locks.length === 0) return { acquired: true };
  const r = tryAcquire(woc, workflowKey(woc), locks);
  if (!r.acquired) {
    woc.ctx.record({
      involvedObject: { kind: 'Workflow', namespace: woc.namespace, name: woc.name },
      reason: 'WaitingForLock',
      message: r.message,
      why: 'spec.synchronization: the whole workflow waits until it holds every mutex/semaphore it names.',
    });
  }
  return r;
}

export function releaseWorkflowLocks(woc: Woc): void {
  const key = workflowKey(woc);
  release(woc, key, heldBy(woc, key));
  releaseFinishedNodes(woc);
}
