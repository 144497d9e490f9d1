/** argoproj.io/Workflow health (gitops-engine health_argo.go): status.phase, with status.message passed on. */
import type { KubeObject } from '../../cluster/types.js';
import { str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getWorkflowHealth(obj: KubeObject): HealthStatus {
  const message = str(obj, ['status', 'message']);
  switch (str(obj, ['status', 'phase'])) {
    case '':
    case 'Pending':
    case 'Running':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed':
    case 'Error':
      return health('Degraded', message);
    default:
      return health('Unknown', message);
  }
}
