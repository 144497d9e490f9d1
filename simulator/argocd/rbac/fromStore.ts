/** The RBAC enforcer as the API server builds it from argocd-rbac-cm and the AppProjects in the store. */
import { load } from 'js-yaml';
import type { ObjectStore } from '../../cluster/store/index.js';
import { ARGOCD_NAMESPACE, ARGOCD_RBAC_CM, configMapData, getObject } from '../settings/store.js';
import { DEFAULT_SCOPES } from './builtin.js';
import { RbacPolicyEnforcer } from './claims.js';
import { Enforcer } from './enforcer.js';
import { policyCSV } from './policy.js';

/** `scopes` is a YAML list such as `[groups, email]`; unreadable text falls back to the default. */
export function parseScopes(text: string | undefined): string[] {
  if (!text) return DEFAULT_SCOPES;
  try {
    const v = load(text);
    return Array.isArray(v) ? v.map(String) : DEFAULT_SCOPES;
  } catch {
    return DEFAULT_SCOPES;
  }
}

export function enforcerFromConfigMap(data: Record<string, string>): Enforcer {
  return new Enforcer({
    userPolicy: policyCSV(data),
    defaultRole: data['policy.default'] ?? '',
    matchMode: data['policy.matchMode'] === 'regex' ? 'regex' : 'glob',
  });
}

/** argocd-rbac-cm → enforcer; projects (for project roles) are looked up in the store on each check. */
export function readRbac(store: ObjectStore, namespace = ARGOCD_NAMESPACE): RbacPolicyEnforcer {
  const data = configMapData(store, ARGOCD_RBAC_CM, namespace);
  const getProject = (name: string) => getObject(store, { group: 'argoproj.io', kind: 'AppProject', namespace, name });
  return new RbacPolicyEnforcer(enforcerFromConfigMap(data), getProject, parseScopes(data.scopes));
}
