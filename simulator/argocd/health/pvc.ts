/** v1/PersistentVolumeClaim health (gitops-engine health_pvc.go). */
import type { KubeObject } from '../../cluster/types.js';
import { str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus, HealthStatusCode } from './types.js';

const BY_PHASE: Record<string, HealthStatusCode> = { Lost: 'Degraded', Pending: 'Progressing', Bound: 'Healthy' };

export function getPVCHealth(obj: KubeObject): HealthStatus {
  return health(BY_PHASE[str(obj, ['status', 'phase'])] ?? 'Unknown');
}
