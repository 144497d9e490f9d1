/**
 * Declarative health rules for CRDs — the sandbox's Lua-free stand-in for argocd-cm
 * `resource.customizations.health.<group>_<kind>`. A rule is data: the first check that matches decides.
 */
import type { JsonPrimitive, KubeObject } from '../../cluster/types.js';
import { getPath, groupOf, isObj } from '../../cluster/types.js';
import { conditions, parsePath, str } from './fields.js';
import { HEALTH_STATUS_CODES, health, isHealthStatusCode } from './types.js';
import type { HealthCheck, HealthOverride, HealthStatus, HealthStatusCode } from './types.js';

/** What a matching check yields. `fromField` takes the status from the matched field's value (e.g. a child app's health). */
export interface HealthOutcome {
  health: HealthStatusCode | 'fromField';
  /** A fixed message. */
  message?: string;
  /** Dotted path to read the message from: relative to the condition for condition checks, else to the object. */
  messageFrom?: string;
}

/** Matches `status.conditions[]` by type, and optionally status and reason. Message defaults to the condition's. */
export interface ConditionCheck extends HealthOutcome {
  condition: { type: string; status?: string; reason?: string };
}

/** Matches a field by dotted path: `equals` one value, is `in` a list, or merely `exists` (true/false). */
export interface FieldCheck extends HealthOutcome {
  field: string;
  equals?: JsonPrimitive;
  in?: JsonPrimitive[];
  exists?: boolean;
}

export type HealthRuleCheck = ConditionCheck | FieldCheck;

export interface HealthRule {
  group: string;
  kind: string;
  checks: HealthRuleCheck[];
  /** Health when no check matches; without it the rule abstains (built-in check, or no health). */
  default?: HealthStatus;
}

function fieldMatches(value: unknown, check: FieldCheck): boolean {
  const present = value !== undefined && value !== null;
  if (check.exists !== undefined && check.exists !== present) return false;
  if (check.equals !== undefined && value !== check.equals) return false;
  if (check.in !== undefined && !check.in.some((v) => v === value)) return false;
  return check.exists !== undefined || check.equals !== undefined || check.in !== undefined;
}

function outcome(o: HealthOutcome, source: unknown, value: unknown, fallbackMessage = ''): HealthStatus {
  const message = o.message ?? (o.messageFrom !== undefined ? str(source, parsePath(o.messageFrom)) : fallbackMessage);
  if (o.health !== 'fromField') return health(o.health, message);
  // A value that is not a health code is an error in the rule's target, which Argo reports as Unknown.
  return isHealthStatusCode(value) ? health(value, message) : health('Unknown', `invalid health status: ${JSON.stringify(value ?? null)}`);
}

/** Evaluate one rule against an object (its group/kind is not checked here). */
export function evaluateHealthRule(rule: HealthRule, obj: KubeObject): HealthStatus | undefined {
  for (const check of rule.checks) {
    if ('condition' in check) {
      const want = check.condition;
      const c = conditions(obj).find((x) => x.type === want.type && (want.status === undefined || x.status === want.status) && (want.reason === undefined || x.reason === want.reason));
      if (!c) continue;
      const source = (obj.status as { conditions?: unknown[] } | undefined)?.conditions?.find((x) => isObj(x) && x.type === c.type);
      return outcome(check, source, c.status, c.message);
    }
    const value = getPath(obj, parsePath(check.field));
    if (fieldMatches(value, check)) return outcome(check, obj, value);
  }
  return rule.default ? { ...rule.default } : undefined;
}

export function ruleHealthCheck(rule: HealthRule): HealthCheck {
  return (obj) => evaluateHealthRule(rule, obj);
}

/** Compile rules into a gitops-engine style override keyed by group/kind (later rules for the same kind win). */
export function healthRulesOverride(rules: readonly HealthRule[]): HealthOverride {
  const byKind = new Map<string, HealthRule>();
  for (const r of rules) byKind.set(`${r.group}/${r.kind}`, r);
  return {
    getResourceHealth(obj) {
      const rule = byKind.get(`${groupOf(obj.apiVersion)}/${obj.kind}`);
      return rule ? evaluateHealthRule(rule, obj) : undefined;
    },
  };
}

/** Validate untrusted rule data (e.g. parsed YAML); throws an Error naming the offending path. */
export function parseHealthRules(data: unknown): HealthRule[] {
  if (!Array.isArray(data)) throw new Error('health rules: must be a list');
  return data.map((r, i) => parseRule(r, `[${i}]`));
}

const OUTCOMES: readonly string[] = [...HEALTH_STATUS_CODES, 'fromField'];

function fail(path: string, msg: string): never {
  throw new Error(`health rules${path}: ${msg}`);
}

function parseRule(r: unknown, at: string): HealthRule {
  if (!isObj(r)) fail(at, 'must be an object');
  if (typeof r.group !== 'string') fail(`${at}.group`, 'must be a string ("" for the core group)');
  if (typeof r.kind !== 'string' || !r.kind) fail(`${at}.kind`, 'must be a non-empty string');
  if (!Array.isArray(r.checks)) fail(`${at}.checks`, 'must be a list');
  const rule: HealthRule = { group: r.group, kind: r.kind, checks: r.checks.map((c, j) => parseCheck(c, `${at}.checks[${j}]`)) };
  if (r.default !== undefined) {
    const d = r.default;
    if (!isObj(d) || !isHealthStatusCode(d.status)) fail(`${at}.default.status`, `must be one of ${HEALTH_STATUS_CODES.join(', ')}`);
    rule.default = health(d.status, typeof d.message === 'string' ? d.message : undefined);
  }
  return rule;
}

function isPrimitive(v: unknown): v is JsonPrimitive {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function parseCheck(c: unknown, at: string): HealthRuleCheck {
  if (!isObj(c)) fail(at, 'must be an object');
  if (typeof c.health !== 'string' || !OUTCOMES.includes(c.health)) fail(`${at}.health`, `must be one of ${OUTCOMES.join(', ')}`);
  const out: HealthOutcome = { health: c.health as HealthOutcome['health'] };
  if (typeof c.message === 'string') out.message = c.message;
  if (typeof c.messageFrom === 'string') out.messageFrom = c.messageFrom;
  if (isObj(c.condition)) {
    const { type, status, reason } = c.condition;
    if (typeof type !== 'string') fail(`${at}.condition.type`, 'must be a string');
    return { ...out, condition: { type, ...(typeof status === 'string' ? { status } : {}), ...(typeof reason === 'string' ? { reason } : {}) } };
  }
  if (typeof c.field !== 'string') fail(at, 'needs either condition or field');
  const check: FieldCheck = { ...out, field: c.field };
  if (c.equals !== undefined) {
    if (!isPrimitive(c.equals)) fail(`${at}.equals`, 'must be a string, number, boolean or null');
    check.equals = c.equals;
  }
  if (c.in !== undefined) {
    if (!Array.isArray(c.in) || !c.in.every(isPrimitive)) fail(`${at}.in`, 'must be a list of scalars');
    check.in = c.in as JsonPrimitive[];
  }
  if (c.exists !== undefined) {
    if (typeof c.exists !== 'boolean') fail(`${at}.exists`, 'must be true or false');
    check.exists = c.exists;
  }
  if (check.equals === undefined && check.in === undefined && check.exists === undefined) fail(at, 'a field check needs equals, in or exists');
  return check;
}
