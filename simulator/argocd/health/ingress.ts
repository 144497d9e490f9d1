/** networking.k8s.io (and extensions) Ingress health (gitops-engine health_ingress.go). */
import type { KubeObject } from '../../cluster/types.js';
import { getPath } from '../../cluster/types.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getIngressHealth(obj: KubeObject): HealthStatus {
  const ingress = getPath(obj, ['status', 'loadBalancer', 'ingress']);
  return health(Array.isArray(ingress) && ingress.length > 0 ? 'Healthy' : 'Progressing');
}
