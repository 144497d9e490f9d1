/** Argo Workflows in the sandbox: CRDs, the workflow controller, node tree and parameters. */
export { installWorkflows, WORKFLOW_CONTROLLERS } from './install.js';
export { workflowCrds, WF_GROUP, WF_VERSION, WF_API_VERSION } from './crds/index.js';
export { workflowController, POD_BATCH_MS, LABEL_WORKFLOW, LABEL_COMPLETED, ANNOTATION_NODE_ID, ANNOTATION_NODE_NAME } from './controller/index.js';
export { nodeId, podName, fnv32a, onExitNodeName } from './nodes/ids.js';
export { fulfilled, completed, failedOrError, nodeDone } from './nodes/types.js';
export type { NodeStatus, NodePhase, NodeType, WorkflowStatus, WorkflowSpec, WorkflowPhase, Template, Parameter, Artifact, Outputs } from './nodes/types.js';
export { registerExecutor, executorFor, ARGOEXEC_IMAGE, DEFAULT_ARTIFACT_REPOSITORY } from './executors/index.js';
export type { Executor, ExecuteRequest } from './executors/index.js';
