/** Argo CD's health checks for any live object, without throwing (a broken object has no health to show). */
import { getResourceHealth } from '../../../../simulator/argocd/health/index.js';
import type { KubeObject } from '../../../../simulator/cluster/index.js';
import type { HealthView } from './types.js';

export { asApp } from '../../../../simulator/argocd/index.js';

export function getResourceHealthSafe(obj: KubeObject): HealthView | undefined {
  try {
    const h = getResourceHealth(obj);
    if (!h) return undefined;
    return h.message ? { status: h.status, message: h.message } : { status: h.status };
  } catch {
    return undefined;
  }
}
