/** Names the workflow controller uses on the objects it writes (Argo's own label/annotation keys). */
export const LABEL_WORKFLOW = 'workflows.argoproj.io/workflow';
export const LABEL_COMPLETED = 'workflows.argoproj.io/completed';
export const LABEL_PHASE = 'workflows.argoproj.io/phase';
export const LABEL_REPORT_OUTPUTS_COMPLETED = 'workflows.argoproj.io/report-outputs-completed';
export const ANNOTATION_NODE_ID = 'workflows.argoproj.io/node-id';
export const ANNOTATION_NODE_NAME = 'workflows.argoproj.io/node-name';
export const CONTROLLER_NAME = 'workflow-controller';
