/** apps/StatefulSet health (gitops-engine health_statefulset.go): partitioned and OnDelete rollouts differ. */
import type { KubeObject } from '../../cluster/types.js';
import { generation, num, observedGeneration, optNum, rec, str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getStatefulSetHealth(obj: KubeObject): HealthStatus {
  const observed = observedGeneration(obj);
  if (observed === 0 || generation(obj) > observed) return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  const desired = optNum(obj, ['spec', 'replicas']);
  const ready = num(obj, ['status', 'readyReplicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  if (desired !== undefined && ready < desired) return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  const strategy = str(obj, ['spec', 'updateStrategy', 'type']);
  if (strategy === 'RollingUpdate' && rec(obj, ['spec', 'updateStrategy', 'rollingUpdate'])) {
    const partition = optNum(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition']);
    if (desired !== undefined && partition !== undefined && updated < desired - partition) {
      return health('Progressing', `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`);
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`);
  const updateRevision = str(obj, ['status', 'updateRevision']);
  const currentRevision = str(obj, ['status', 'currentRevision']);
  if (updateRevision !== currentRevision) {
    return health('Progressing', `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  }
  return health('Healthy', `statefulset rolling update complete ${num(obj, ['status', 'currentReplicas'])} pods at revision ${currentRevision}...`);
}
