/**
 * Install Argo Workflows into a sandbox: its CRDs (served at once) and its controllers. Other parts of
 * the workflows engine (templates, cron, gc, actions) add their controllers to WORKFLOW_CONTROLLERS.
 */
import type { ClusterController, Sandbox } from '../sandbox.js';
import { installCrd } from '../cluster/crd/index.js';
import { Rng } from '../core/rng.js';
import { workflowCrds } from './crds/index.js';
import { workflowController } from './controller/index.js';
import { cronWorkflowController } from './cron/index.js';
import { podGCController, workflowTTLController } from './gc/index.js';

/** Controllers of the workflows engine, in registration order. */
export const WORKFLOW_CONTROLLERS: ClusterController[] = [
  workflowController,
  cronWorkflowController,
  podGCController,
  workflowTTLController,
];

export function installWorkflows(sandbox: Sandbox): void {
  // The CRDs' uids come from a side stream, so installing them does not shift the seed's random
  // stream (worlds without workflows keep their uids and timings).
  const rng = sandbox.rng;
  const saved = rng.getState();
  rng.setState(new Rng((saved.a ^ saved.b ^ 0x0a460f10) >>> 0).getState());
  try {
    for (const crd of workflowCrds()) installCrd(sandbox.store, crd);
  } finally {
    rng.setState(saved);
  }
  for (const c of WORKFLOW_CONTROLLERS) sandbox.addController(c);
}
