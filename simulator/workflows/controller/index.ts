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

export { LABEL_WORKFLOW, LABEL_COMPLETED, ANNOTATION_NODE_ID, ANNOTATION_NODE_NAME, CONTROLLER_NAME } from './names.js';

function byWorkflowLabel(event: WatchEvent): string[] {
  const wf = event.object.metadata.labels?.[LABEL_WORKFLOW];
  return wf ? [`${event.object.metadata.namespace ?? ''}/${wf}`] : [];
}

export const workflowController: ClusterController = {
  name: CONTROLLER_NAME,
  component: CONTROLLER_NAME,
  watches: [
    { group: WF_GROUP, kind: 'Workflow' },
    { group: '', kind: 'Pod', map: byWorkflowLabel },
    { group: WF_GROUP, kind: 'WorkflowTaskResult', map: byWorkflowLabel },
  ],
  reconcile(ctx: ClusterContext, key: string): void {
    operate(ctx, key);
  },
};
