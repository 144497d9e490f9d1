/** batch/Job health (gitops-engine health_job.go): no terminal condition yet means Progressing. */
import type { KubeObject } from '../../cluster/types.js';
import { conditions } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

export function getJobHealth(obj: KubeObject): HealthStatus {
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMsg = '';
  let message = '';
  for (const c of conditions(obj)) {
    if (c.type === 'Failed') {
      failed = true;
      complete = true;
      failMsg = c.message;
    } else if (c.type === 'Complete') {
      complete = true;
      message = c.message;
    } else if (c.type === 'Suspended') {
      // Upstream counts any Suspended condition as "done" (even status False after a resume).
      complete = true;
      message = c.message;
      if (c.status === 'True') suspended = true;
    }
  }
  if (!complete) return health('Progressing', message);
  if (failed) return health('Degraded', failMsg);
  // Upstream reports failMsg here (empty unless the Job also failed) — kept for fidelity.
  if (suspended) return health('Suspended', failMsg);
  return health('Healthy', message);
}
