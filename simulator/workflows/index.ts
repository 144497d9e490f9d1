/** Argo Workflows in the sandbox: CRDs, the workflow controller, node tree and parameters. */
export { installWorkflows, WORKFLOW_CONTROLLERS } from './install.js';
export { workflowCrds, WF_GROUP, WF_VERSION, WF_API_VERSION } from './crds/index.js';
export { workflowController } from './controller/index.js';
