/** apps/DaemonSet health (gitops-engine health_daemonset.go). */
import type { KubeObject } from '../../cluster/types.js';
import { generation, num, observedGeneration, str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getDaemonSetHealth(obj: KubeObject): HealthStatus {
  if (generation(obj) > observedGeneration(obj)) {
    return health('Progressing', 'Waiting for rollout to finish: observed daemon set generation less than desired generation');
  }
  const name = str(obj, ['metadata', 'name']);
  const updated = num(obj, ['status', 'updatedNumberScheduled']);
  const desired = num(obj, ['status', 'desiredNumberScheduled']);
  const available = num(obj, ['status', 'numberAvailable']);
  // OnDelete never replaces pods by itself, so an incomplete update is not a rollout in progress.
  if (str(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  if (updated < desired) {
    return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  if (available < desired) {
    return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return health('Healthy');
}
