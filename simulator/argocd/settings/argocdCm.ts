/**
 * argocd-cm as Argo CD's settings manager reads it (util/settings): reconciliation timeout, custom health
 * (here the Lua-free rules of `simulator/argocd/health`), resource exclusions/inclusions, local accounts,
 * anonymous access, the tracking label key and method, in-cluster destination switch.
 */
import { load } from 'js-yaml';
import type { ObjectStore } from '../../cluster/store/index.js';
import { isObj } from '../../cluster/types.js';
import { parseDuration } from '../../core/clock.js';
import { parseHealthRules } from '../health/index.js';
import type { HealthRule } from '../health/index.js';
import type { ResourceIgnoreDifferences } from '../diff/normalize.js';
import { globMatch } from '../rbac/glob.js';
import { ARGOCD_CM, ARGOCD_NAMESPACE, configMapData } from './store.js';

export interface FilteredResource {
  apiGroups?: string[];
  kinds?: string[];
  clusters?: string[];
}

export type AccountCapability = 'login' | 'apiKey';

export interface Account {
  name: string;
  enabled: boolean;
  capabilities: AccountCapability[];
}

export type TrackingMethod = 'annotation' | 'label' | 'annotation+label';

export interface ArgoCDSettings {
  /** `timeout.reconciliation` (default 120s in Argo CD 3.x; `0` turns periodic refresh off). */
  reconciliationTimeoutMs: number;
  /** `timeout.reconciliation.jitter` (default 60s). */
  reconciliationJitterMs: number;
  /** `resource.customizations.health.<group>_<kind>` values as health rules. */
  healthRules: HealthRule[];
  /** `resource.customizations.ignoreDifferences.<group>_<kind>` and `.all` (group/kind `*`), system-wide. */
  ignoreDifferences: ResourceIgnoreDifferences[];
  resourceExclusions: FilteredResource[];
  resourceInclusions: FilteredResource[];
  /** `admin` plus every `accounts.<name>`, sorted by name (admin first). */
  accounts: Account[];
  anonymousEnabled: boolean;
  instanceLabelKey: string;
  trackingMethod: TrackingMethod;
  inClusterEnabled: boolean;
  /** Values Argo CD would log and ignore (bad YAML, bad duration, bad rule), as `key: message`. */
  errors: string[];
}

/** util/settings coreExcludedResources: always excluded, whatever argocd-cm says. */
export const CORE_EXCLUDED_RESOURCES: readonly FilteredResource[] = [
  { apiGroups: ['events.k8s.io', 'metrics.k8s.io'] },
  { apiGroups: [''], kinds: ['Event'] },
  { apiGroups: ['coordination.k8s.io'], kinds: ['Lease'] },
];

const HEALTH_PREFIX = 'resource.customizations.health.';
const IGNORE_PREFIX = 'resource.customizations.ignoreDifferences.';

/** `<group>_<kind>` (core group: `_Kind` or just `Kind`). */
function groupKindKey(gk: string): { group: string; kind: string } {
  const sep = gk.indexOf('_');
  return sep < 0 ? { group: '', kind: gk } : { group: gk.slice(0, sep), kind: gk.slice(sep + 1) };
}

function ignoreDifferences(data: Record<string, string>, errors: string[]): ResourceIgnoreDifferences[] {
  const out: ResourceIgnoreDifferences[] = [];
  for (const key of Object.keys(data).sort()) {
    if (!key.startsWith(IGNORE_PREFIX)) continue;
    const gk = key.slice(IGNORE_PREFIX.length);
    const { group, kind } = gk === 'all' ? { group: '*', kind: '*' } : groupKindKey(gk);
    try {
      const body = load(data[key] ?? '');
      if (!isObj(body)) throw new Error('must be a map with jsonPointers, jqPathExpressions or managedFieldsManagers');
      const rule: ResourceIgnoreDifferences = { group, kind };
      for (const f of ['jsonPointers', 'jqPathExpressions', 'managedFieldsManagers'] as const) {
        const v = list(body[f]);
        if (v) rule[f] = v;
      }
      out.push(rule);
    } catch (e) {
      errors.push(`${key}: ${(e as Error).message}`);
    }
  }
  return out;
}

function list(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.map(String) : undefined;
}

function filtered(key: string, text: string | undefined, errors: string[]): FilteredResource[] {
  if (!text) return [];
  try {
    const data = load(text);
    if (!Array.isArray(data)) throw new Error('must be a list');
    return data.filter(isObj).map((r) => {
      const out: FilteredResource = {};
      const g = list(r.apiGroups);
      const k = list(r.kinds);
      const c = list(r.clusters);
      if (g) out.apiGroups = g;
      if (k) out.kinds = k;
      if (c) out.clusters = c;
      return out;
    });
  } catch (e) {
    errors.push(`${key}: ${(e as Error).message}`);
    return [];
  }
}

function duration(data: Record<string, string>, key: string, fallback: number, errors: string[]): number {
  const v = data[key];
  if (v === undefined || v === '') return fallback;
  try {
    return parseDuration(v);
  } catch (e) {
    errors.push(`${key}: ${(e as Error).message}`);
    return fallback;
  }
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function healthRules(data: Record<string, string>, errors: string[]): HealthRule[] {
  const rules: HealthRule[] = [];
  for (const key of Object.keys(data).sort()) {
    if (!key.startsWith(HEALTH_PREFIX)) continue;
    const { group, kind } = groupKindKey(key.slice(HEALTH_PREFIX.length));
    try {
      const body = load(data[key] ?? '');
      const rule = Array.isArray(body) ? { checks: body } : isObj(body) ? body : {};
      rules.push(...parseHealthRules([{ ...rule, group, kind }]));
    } catch (e) {
      errors.push(`${key}: ${(e as Error).message}`);
    }
  }
  return rules;
}

function accounts(data: Record<string, string>, errors: string[]): Account[] {
  const byName = new Map<string, Account>();
  byName.set('admin', { name: 'admin', enabled: parseBool(data['admin.enabled']) ?? true, capabilities: ['login'] });
  for (const [key, val] of Object.entries(data)) {
    if (!key.startsWith('accounts.')) continue;
    const parts = key.split('.');
    if (parts.length !== 2 && parts.length !== 3) continue;
    const name = parts[1]!;
    const account = byName.get(name) ?? { name, enabled: true, capabilities: [] };
    byName.set(name, account);
    if (parts.length === 2) {
      for (const c of val.split(',').map((s) => s.trim())) {
        if (c === 'login' || c === 'apiKey') account.capabilities.push(c);
        else if (c) errors.push(`${key}: not supported account capability '${c}'`);
      }
    } else if (parts[2] === 'enabled') {
      const b = parseBool(val);
      if (b === undefined) errors.push(`${key}: invalid boolean "${val}"`);
      else account.enabled = b;
    }
  }
  return [...byName.values()].sort((a, b) => (a.name === 'admin' ? -1 : b.name === 'admin' ? 1 : a.name.localeCompare(b.name)));
}

/** Parse argocd-cm data (missing keys take Argo CD's defaults). */
export function parseArgoCDSettings(data: Record<string, string>): ArgoCDSettings {
  const errors: string[] = [];
  const tm = data['application.resourceTrackingMethod'];
  return {
    reconciliationTimeoutMs: duration(data, 'timeout.reconciliation', 120_000, errors),
    reconciliationJitterMs: duration(data, 'timeout.reconciliation.jitter', 60_000, errors),
    healthRules: healthRules(data, errors),
    ignoreDifferences: ignoreDifferences(data, errors),
    resourceExclusions: filtered('resource.exclusions', data['resource.exclusions'], errors),
    resourceInclusions: filtered('resource.inclusions', data['resource.inclusions'], errors),
    accounts: accounts(data, errors),
    anonymousEnabled: data['users.anonymous.enabled'] === 'true',
    instanceLabelKey: data['application.instanceLabelKey'] || 'app.kubernetes.io/instance',
    trackingMethod: tm === 'label' || tm === 'annotation+label' ? tm : 'annotation',
    inClusterEnabled: data['cluster.inClusterEnabled'] !== 'false',
    errors,
  };
}

export function readArgoCDSettings(store: ObjectStore, namespace = ARGOCD_NAMESPACE): ArgoCDSettings {
  return parseArgoCDSettings(configMapData(store, ARGOCD_CM, namespace));
}

function matches(r: FilteredResource, group: string, kind: string, cluster: string): boolean {
  const g = !r.apiGroups?.length || r.apiGroups.some((p) => globMatch(p, group));
  const k = !r.kinds?.length || r.kinds.some((p) => p === '*' || p === kind);
  const c = !r.clusters?.length || r.clusters.some((p) => globMatch(p, cluster));
  return g && k && c;
}

/** ResourcesFilter.IsExcludedResource: core exclusions and `resource.exclusions`, or outside non-empty inclusions. */
export function isExcludedResource(settings: Pick<ArgoCDSettings, 'resourceExclusions' | 'resourceInclusions'>, group: string, kind: string, cluster: string): boolean {
  if (settings.resourceInclusions.length > 0 && !settings.resourceInclusions.some((r) => matches(r, group, kind, cluster))) return true;
  return [...CORE_EXCLUDED_RESOURCES, ...settings.resourceExclusions].some((r) => matches(r, group, kind, cluster));
}
