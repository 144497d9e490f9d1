/** v1/Service health (gitops-engine health_service.go): only a LoadBalancer waits, for its ingress address. */
import type { KubeObject } from '../../cluster/types.js';
import { list, str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getServiceHealth(obj: KubeObject): HealthStatus {
  if (str(obj, ['spec', 'type']) === 'LoadBalancer' && list(obj, ['status', 'loadBalancer', 'ingress']).length === 0) {
    return health('Progressing');
  }
  return health('Healthy');
}
