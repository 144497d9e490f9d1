/**
 * v1/Pod health (gitops-engine health_pod.go). A restartPolicy Always pod whose container waits with an
 * Err*, *Error or *BackOff reason (CrashLoopBackOff, ImagePullBackOff, ErrImagePull…) is Degraded at once;
 * a Running Always pod that is not Ready is Degraded if a container has terminated before, else Progressing.
 */
import type { KubeObject } from '../../cluster/types.js';
import { condition, list, num, rec, str } from './fields.js';
import { health } from './types.js';
import type { HealthStatus } from './types.js';

/** The API server defaults restartPolicy to Always, so an unset field means Always. */
function restartPolicy(obj: KubeObject): string {
  return str(obj, ['spec', 'restartPolicy']) || 'Always';
}

function isBadWaitingReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

/** Why a terminated container failed: its message, OOMKilled, or its exit code. */
function failMessage(ctr: Record<string, unknown>): string {
  const terminated = rec(ctr, ['state', 'terminated']);
  if (!terminated) return '';
  const message = str(terminated, ['message']);
  if (message) return message;
  const reason = str(terminated, ['reason']);
  if (reason === 'OOMKilled') return reason;
  const code = num(terminated, ['exitCode']);
  return code !== 0 ? `container "${str(ctr, ['name'])}" failed with exit code ${code}` : '';
}

export function getPodHealth(obj: KubeObject): HealthStatus {
  const policy = restartPolicy(obj);
  const containers = list(obj, ['status', 'containerStatuses']);
  const message = str(obj, ['status', 'message']);
  if (policy === 'Always') {
    const bad = containers.map((c) => rec(c, ['state', 'waiting'])).filter((w) => w !== undefined && isBadWaitingReason(str(w, ['reason'])));
    if (bad.length > 0) return health('Degraded', bad.map((w) => str(w, ['message'])).join(', '));
  }
  switch (str(obj, ['status', 'phase'])) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed': {
      if (message) return health('Degraded', message);
      for (const ctr of [...list(obj, ['status', 'initContainerStatuses']), ...containers]) {
        const msg = failMessage(ctr);
        if (msg) return health('Degraded', msg);
      }
      return health('Degraded');
    }
    case 'Running':
      if (policy === 'Always') {
        if (condition(obj, 'Ready')?.status === 'True') return health('Healthy', message);
        // Not ready after a container already died once: it is crashing, not starting.
        if (containers.some((c) => rec(c, ['lastState', 'terminated']) !== undefined)) return health('Degraded', message);
        return health('Progressing', message);
      }
      if (policy === 'OnFailure' || policy === 'Never') return health('Progressing', message);
  }
  return health('Unknown', message);
}
