/**
 * Argo CD resource health as pure functions (argoproj/gitops-engine pkg/health, Argo CD controller/health.go).
 *
 * - `getResourceHealth(obj, overrides?)` → `{ status, message? }` or undefined (kind without health).
 *   Order as upstream: deletionTimestamp (without the hook finalizer) → Progressing "Pending deletion";
 *   then overrides; then the built-in check for the group/kind in `HEALTH_CHECKS` (one file per kind:
 *   Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job, Service, Ingress, PVC, Workflow, APIService).
 * - `aggregateHealth(statuses)` → the worst code by gitops-engine's order
 *   Healthy < Suspended < Progressing < Missing < Degraded < Unknown (`isWorse`, `HEALTH_ORDER`).
 *   `aggregateApplicationHealth(resources, overrides?)` adds Argo CD's app rules (hooks, Missing, child apps).
 *
 * Custom health for CRDs (the Lua-free stand-in for argocd-cm `resource.customizations.health.<group>_<kind>`):
 * pass `HealthRule[]` as `overrides`. Each rule names `group`/`kind`, a list of `checks` (first match wins)
 * and an optional `default` (without one a rule that matches nothing abstains). A check is either
 *   { condition: { type, status?, reason? }, health, message? | messageFrom? }   // message: the condition's
 *   { field: 'status.phase', equals? | in? | exists?, health, message? | messageFrom? }
 * where `health` is a HealthStatusCode or `fromField` (the matched field's value is the status) and
 * `messageFrom` is a dotted path (relative to the matched condition for condition checks). Example (YAML):
 *   - group: cert-manager.io
 *     kind: Certificate
 *     checks:
 *       - { condition: { type: Ready, status: "False" }, health: Degraded }
 *       - { condition: { type: Ready, status: "True" }, health: Healthy }
 *     default: { status: Progressing, message: Waiting for certificate }
 * `parseHealthRules(data)` validates such data. App-of-apps health is opt-in as in Argo CD ≥ 1.8:
 * add `APPLICATION_HEALTH_RULE` (passes the child's status.health through, Progressing until it has one).
 */
export type { HealthStatusCode, HealthStatus, HealthCheck, HealthOverride } from './types.js';
export { HEALTH_STATUS_CODES, HEALTH_ORDER, isWorse, isHealthStatusCode } from './types.js';
export { getResourceHealth, HOOK_FINALIZER } from './resource.js';
export type { HealthOverrides } from './resource.js';
export { HEALTH_CHECKS, getHealthCheck } from './registry.js';
export { aggregateHealth, aggregateApplicationHealth } from './aggregate.js';
export type { ManagedResourceHealthInput, ApplicationHealthResult } from './aggregate.js';
export { evaluateHealthRule, ruleHealthCheck, healthRulesOverride, parseHealthRules } from './rules.js';
export type { HealthRule, HealthRuleCheck, ConditionCheck, FieldCheck, HealthOutcome } from './rules.js';
export { APPLICATION_HEALTH_RULE, getApplicationHealth } from './application.js';
export { getDeploymentHealth } from './deployment.js';
export { getStatefulSetHealth } from './statefulset.js';
export { getDaemonSetHealth } from './daemonset.js';
export { getReplicaSetHealth } from './replicaset.js';
export { getPodHealth } from './pod.js';
export { getJobHealth } from './job.js';
export { getServiceHealth } from './service.js';
export { getIngressHealth } from './ingress.js';
export { getPVCHealth } from './pvc.js';
export { getWorkflowHealth } from './workflow.js';
export { getAPIServiceHealth } from './apiservice.js';
