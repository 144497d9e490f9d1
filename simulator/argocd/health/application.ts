/**
 * argoproj.io/Application as a resource (app-of-apps). Argo CD dropped this built-in check in 1.8; its docs
 * restore it with a Lua customization that passes the child's status.health through and says Progressing
 * until the child reports one. Here it is the same rule as data, opt-in like upstream.
 */
import type { KubeObject } from '../../cluster/types.js';
import { evaluateHealthRule } from './rules.js';
import type { HealthRule } from './rules.js';
import type { HealthStatus } from './types.js';

export const APPLICATION_HEALTH_RULE: HealthRule = {
  group: 'argoproj.io',
  kind: 'Application',
  checks: [{ field: 'status.health.status', exists: true, health: 'fromField', messageFrom: 'status.health.message' }],
  default: { status: 'Progressing' },
};

export function getApplicationHealth(obj: KubeObject): HealthStatus {
  return evaluateHealthRule(APPLICATION_HEALTH_RULE, obj) ?? { status: 'Progressing' };
}
