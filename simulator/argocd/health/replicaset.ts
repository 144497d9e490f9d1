/** apps/ReplicaSet health (gitops-engine health_replicaset.go): ReplicaFailure=True (e.g. quota) is Degraded. */
import type { KubeObject } from '../../cluster/types.js';
import { condition, generation, num, observedGeneration, optNum } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getReplicaSetHealth(obj: KubeObject): HealthStatus {
  if (generation(obj) > observedGeneration(obj)) {
    return health('Progressing', 'Waiting for rollout to finish: observed replica set generation less than desired generation');
  }
  const failure = condition(obj, 'ReplicaFailure');
  if (failure?.status === 'True') return health('Degraded', failure.message);
  const desired = optNum(obj, ['spec', 'replicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (desired !== undefined && available < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`);
  }
  return health('Healthy');
}
