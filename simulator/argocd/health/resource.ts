/** gitops-engine GetResourceHealth: deletion first, then overrides (custom rules), then the built-in table. */
import type { KubeObject } from '../../cluster/types.js';
import { groupOf } from '../../cluster/types.js';
import { getHealthCheck } from './registry.js';
import { healthRulesOverride } from './rules.js';
import type { HealthRule } from './rules.js';
import type { HealthOverride, HealthStatus } from './types.js';

/** Sync hooks carry this finalizer while a sync runs; their deletion is then not "pending" health-wise. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

export type HealthOverrides = HealthOverride | readonly HealthRule[];

function toOverride(o: HealthOverrides | undefined): HealthOverride | undefined {
  if (o === undefined) return undefined;
  return 'getResourceHealth' in o ? o : healthRulesOverride(o);
}

/** Health of one live object; undefined when the kind has no health assessment (it is then left out of the app's). */
export function getResourceHealth(obj: KubeObject, overrides?: HealthOverrides): HealthStatus | undefined {
  if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).includes(HOOK_FINALIZER)) {
    return { status: 'Progressing', message: 'Pending deletion' };
  }
  const fromOverride = toOverride(overrides)?.getResourceHealth(obj);
  if (fromOverride) return fromOverride;
  return getHealthCheck(groupOf(obj.apiVersion), obj.kind)?.(obj);
}
