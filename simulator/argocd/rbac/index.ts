/**
 * Argo CD RBAC (util/rbac + server/rbacpolicy): casbin policy lines `p, <sub>, <res>, <act>, <obj>, allow|deny`
 * and `g, <member>, <role>` over the built-in `role:readonly` / `role:admin` (builtin-policy.csv), argocd-rbac-cm
 * `policy.csv` (+ `policy.*.csv` overlays), `policy.default`, `policy.matchMode` (glob | regex) and `scopes`;
 * project roles `proj:<project>:<role>` from AppProject `spec.roles`. Deny wins over allow.
 *
 * - `readRbac(store)` → `RbacPolicyEnforcer`; `.enforce(claims, resource, action, object)` → boolean;
 *   `.enforceErr(...)` → undefined or Argo's "permission denied: applications, sync, default/guestbook, sub: alice, iat: …".
 * - `explainRbac(rbac, claims, res, act, obj)` → which candidates and policy lines decided, and a sentence.
 * - Application-like objects are `<project>/<name>`; other resources use their name (projects, clusters by URL…).
 */
export { BUILTIN_POLICY, RBAC_RESOURCES, RBAC_ACTIONS, DEFAULT_SCOPES } from './builtin.js';
export type { RbacResource, RbacAction } from './builtin.js';
export { parsePolicy, policyCSV, readCsvRecord, PolicyError } from './policy.js';
export type { Policy, PolicyRule, GroupingRule } from './policy.js';
export { Enforcer, CasbinEnforcer } from './enforcer.js';
export type { EnforcerOptions, MatchMode } from './enforcer.js';
export { RbacPolicyEnforcer, projectPoliciesString, projectRoles, projectRoleFromSubject, scopeValues } from './claims.js';
export type { Claims, ProjectRole } from './claims.js';
export { readRbac, enforcerFromConfigMap, parseScopes } from './fromStore.js';
export { explainRbac } from './explain.js';
export type { RbacDecision, RbacCandidate } from './explain.js';
export { globMatch, filepathMatch, regexMatch } from './glob.js';
