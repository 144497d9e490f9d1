/** apiregistration.k8s.io/APIService health (gitops-engine health_apiservice.go): the Available condition. */
import type { KubeObject } from '../../cluster/types.js';
import { condition } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getAPIServiceHealth(obj: KubeObject): HealthStatus {
  const c = condition(obj, 'Available');
  if (!c) return health('Progressing', 'Waiting to be processed');
  return health(c.status === 'True' ? 'Healthy' : 'Progressing', `${c.reason}: ${c.message}`);
}
