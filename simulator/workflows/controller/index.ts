/**
 * The workflow controller ("operator"): reconciles each Workflow into `status.nodes` and pods, the way
 * argoproj/argo-workflows' workflow/controller/operator.go does. Pods and WorkflowTaskResults map
 * back to their Workflow through the `workflows.argoproj.io/workflow` label.
 */
import type { ClusterController, ClusterContext } from '../../sandbox.js';
import type { WatchEvent } from '../../cluster/types.js';
import { WF_GROUP } from '../crds/index.js';
import { CONTROLLER_NAME, LABEL_WORKFLOW } from './names.js';
import { operate } from './operate.js';
import { isOwnWrite } from './ownWrites.js';
import { returnViews } from '../executors/podIndex.js';

export { LABEL_WORKFLOW, LABEL_COMPLETED, ANNOTATION_NODE_ID, ANNOTATION_NODE_NAME, CONTROLLER_NAME } from './names.js';

/** Virtual delay that batches pod and task-result changes into one reconcile of their workflow. */
export const POD_BATCH_MS = 1000;
const POD_PREFIX = 'pods:';

function byWorkflowLabel(event: WatchEvent): string[] {
  const wf = event.object.metadata.labels?.[LABEL_WORKFLOW];
  return wf ? [`${POD_PREFIX}${event.object.metadata.namespace ?? ''}/${wf}`] : [];
}

function waitingReasons(pod: WatchEvent['object'] | undefined): string {
  const st = pod?.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } | undefined;
  return (st?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason ?? '').join(',');
}

function ready(pod: WatchEvent['object']): string | undefined {
  const conds = (pod.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions;
  return conds?.find((c) => c.type === 'Ready')?.status;
}

/** Pod changes the operator acts on: phase, readiness (daemons), waiting reasons, deletion. */
function podChange(event: WatchEvent): string[] {
  if (event.type === 'ADDED') return [];
  if (event.type === 'MODIFIED' && event.old) {
    const a = event.old.status as { phase?: string } | undefined;
    const b = event.object.status as { phase?: string } | undefined;
    const same =
      a?.phase === b?.phase &&
      waitingReasons(event.old) === waitingReasons(event.object) &&
      ready(event.old) === ready(event.object) &&
      !event.object.metadata.deletionTimestamp;
    if (same) return [];
  }
  return byWorkflowLabel(event);
}

function workflowChange(event: WatchEvent): string[] {
  const key = `${event.object.metadata.namespace ?? ''}/${event.object.metadata.name}`;
  return event.type === 'MODIFIED' && isOwnWrite(key) ? [] : [key];
}

export const workflowController: ClusterController = {
  name: CONTROLLER_NAME,
  component: CONTROLLER_NAME,
  watches: [
    { group: WF_GROUP, kind: 'Workflow', map: workflowChange },
    { group: '', kind: 'Pod', map: podChange },
    { group: WF_GROUP, kind: 'WorkflowTaskResult', map: byWorkflowLabel },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    // Pod updates arrive by the thousand: like the controller's rate-limited workqueue, they wake the
    // workflow once per batch instead of once each.
    if (key.startsWith(POD_PREFIX)) return ctx.enqueue(key.slice(POD_PREFIX.length), POD_BATCH_MS);
    try {
      operate(ctx, key);
    } finally {
      returnViews(ctx.store);
    }
  },
};
