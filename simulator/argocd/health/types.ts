/** Health vocabulary shared by every check: gitops-engine's closed set of statuses and its worse-than order. */
import type { KubeObject } from '../../cluster/types.js';

export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';

export const HEALTH_STATUS_CODES: readonly HealthStatusCode[] = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/** One kind's health: undefined means "this kind has no health" (it does not count in aggregation). */
export type HealthCheck = (obj: KubeObject) => HealthStatus | undefined;

/** gitops-engine's HealthOverride: consulted before the built-in checks; undefined falls through to them. */
export interface HealthOverride {
  getResourceHealth(obj: KubeObject): HealthStatus | undefined;
}

/** gitops-engine healthOrder: later entries are worse. Unknown is the worst, Missing is worse than Progressing. */
export const HEALTH_ORDER: readonly HealthStatusCode[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];

/** gitops-engine IsWorse: is `next` worse than `current`? */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

export function isHealthStatusCode(v: unknown): v is HealthStatusCode {
  return typeof v === 'string' && (HEALTH_STATUS_CODES as readonly string[]).includes(v);
}

/** Build a HealthStatus, leaving out empty messages (Go's omitempty). */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
