/** apps/Deployment health (gitops-engine health_deployment.go). */
import type { KubeObject } from '../../cluster/types.js';
import { condition, generation, num, observedGeneration, optNum, str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getDeploymentHealth(obj: KubeObject): HealthStatus {
  if (obj.spec && (obj.spec as { paused?: unknown }).paused === true) return health('Suspended', 'Deployment is paused');
  // Until the controller has seen the latest spec, its status describes an older rollout.
  if (generation(obj) > observedGeneration(obj)) {
    return health('Progressing', 'Waiting for rollout to finish: observed deployment generation less than desired generation');
  }
  const desired = optNum(obj, ['spec', 'replicas']);
  const replicas = num(obj, ['status', 'replicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (condition(obj, 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment "${str(obj, ['metadata', 'name'])}" exceeded its progress deadline`);
  }
  if (desired !== undefined && updated < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
  }
  if (replicas > updated) {
    return health('Progressing', `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`);
  }
  if (available < updated) {
    return health('Progressing', `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
  }
  return health('Healthy');
}
