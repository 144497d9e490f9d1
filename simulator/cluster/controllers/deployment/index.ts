/** Deployment → ReplicaSets: rollouts, revisions, status. */
export { deploymentController } from './deploymentController.js';
