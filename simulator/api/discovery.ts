/**
 * Discovery documents (`/api`, `/apis`, `/apis/<group>/<version>`, `/version`), generated from the kind
 * registry on every request so kinds registered later (CRDs) appear at once.
 */
import type { KindInfo, KindRegistry } from '../cluster/kinds.js';
import { REVIEW_RESOURCES } from './auth.js';
import { hasScale } from './scale.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-argo-sandbox',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Kinds `kubectl get all` includes (the `all` category of the real API server). */
const ALL_CATEGORY = new Set(['/Pod', '/Service', '/ReplicationController', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'batch/Job', 'batch/CronJob', 'autoscaling/HorizontalPodAutoscaler']);

function categoriesOf(info: KindInfo): string[] | undefined {
  if (info.categories && info.categories.length > 0) return info.categories;
  return ALL_CATEGORY.has(`${info.group}/${info.kind}`) ? ['all'] : undefined;
}

export function apiVersions(host: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

/** group → versions, preferred first (v1 wins when present, else the first registered). */
function groupVersions(kinds: KindRegistry): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const k of kinds.all()) {
    if (!k.group) continue;
    const vs = out.get(k.group) ?? [];
    if (!vs.includes(k.version)) vs.push(k.version);
    out.set(k.group, vs);
  }
  for (const r of REVIEW_RESOURCES) if (!out.has(r.group)) out.set(r.group, [r.version]);
  for (const vs of out.values()) vs.sort((a, b) => (a === 'v1' ? -1 : b === 'v1' ? 1 : 0));
  return out;
}

/** The create-only review resources of a group/version, in both discovery formats. */
function reviewResources(group: string, version: string, aggregated: boolean): Record<string, unknown>[] {
  return REVIEW_RESOURCES.filter((r) => r.group === group && r.version === version).map((r) =>
    aggregated
      ? { resource: r.plural, responseKind: { group, version, kind: r.kind }, scope: 'Cluster', singularResource: r.kind.toLowerCase(), verbs: ['create'] }
      : { name: r.plural, singularName: r.kind.toLowerCase(), namespaced: false, kind: r.kind, verbs: ['create'] },
  );
}

export function apiGroupList(kinds: KindRegistry): Record<string, unknown> {
  const groups = [...groupVersions(kinds)].map(([name, versions]) => groupDoc(name, versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

function groupDoc(name: string, versions: string[]): Record<string, unknown> {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function apiGroup(kinds: KindRegistry, group: string): Record<string, unknown> | undefined {
  const versions = groupVersions(kinds).get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group, versions) } : undefined;
}

/** `APIResourceList` for one group/version, with `status` and `log` subresources. */
export function apiResourceList(kinds: KindRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const infos = kinds.all().filter((k) => k.group === group && k.version === version);
  const reviews = reviewResources(group, version, false);
  if (infos.length === 0 && reviews.length === 0) return undefined;
  infos.sort((a, b) => a.plural.localeCompare(b.plural));
  const resources: Record<string, unknown>[] = [];
  for (const info of infos) {
    const r: Record<string, unknown> = { name: info.plural, singularName: info.singular, namespaced: info.namespaced, kind: info.kind, verbs: VERBS };
    if (info.shortNames && info.shortNames.length > 0) r.shortNames = info.shortNames;
    const cats = categoriesOf(info);
    if (cats) r.categories = cats;
    resources.push(r);
    if (info.statusSubresource) resources.push({ name: `${info.plural}/status`, singularName: '', namespaced: info.namespaced, kind: info.kind, verbs: ['get', 'patch', 'update'] });
    if (hasScale(info)) resources.push({ name: `${info.plural}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    if (group === '' && info.kind === 'Pod') resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
  }
  resources.push(...reviews);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** Aggregated discovery (apidiscovery.k8s.io/v2): every group's resources in one response, as kubectl 1.32 asks first. */
export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  // The first acceptable media type wins; kubectl lists v2, then v2beta1, then plain JSON.
  const first = accept.split(',')[0]!;
  return /as=APIGroupDiscoveryList/.test(first) && /g=apidiscovery\.k8s\.io/.test(first) && /v=v2(;|$)/.test(first);
}

function discoveryResource(info: KindInfo): Record<string, unknown> {
  const r: Record<string, unknown> = {
    resource: info.plural,
    responseKind: { group: info.group, version: info.version, kind: info.kind },
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singular,
    verbs: VERBS,
  };
  if (info.shortNames && info.shortNames.length > 0) r.shortNames = info.shortNames;
  const cats = categoriesOf(info);
  if (cats) r.categories = cats;
  const subresources: Record<string, unknown>[] = [];
  if (info.statusSubresource) subresources.push({ subresource: 'status', responseKind: r.responseKind, verbs: ['get', 'patch', 'update'] });
  if (hasScale(info)) subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
  if (info.group === '' && info.kind === 'Pod') subresources.push({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
  if (subresources.length > 0) r.subresources = subresources;
  return r;
}

/** `/api` (the core group only) or `/apis` (every named group) as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(kinds: KindRegistry, core: boolean): Record<string, unknown> {
  const byGroup = new Map<string, Map<string, KindInfo[]>>();
  for (const k of kinds.all()) {
    if ((k.group === '') !== core) continue;
    const versions = byGroup.get(k.group) ?? new Map<string, KindInfo[]>();
    versions.set(k.version, [...(versions.get(k.version) ?? []), k]);
    byGroup.set(k.group, versions);
  }
  if (!core) for (const r of REVIEW_RESOURCES) if (!byGroup.has(r.group)) byGroup.set(r.group, new Map([[r.version, []]]));
  const items = [...byGroup].map(([group, versions]) => ({
    metadata: { name: group, creationTimestamp: null },
    versions: [...versions]
      .sort(([a], [b]) => (a === 'v1' ? -1 : b === 'v1' ? 1 : 0))
      .map(([version, infos]) => ({
        version,
        resources: [...infos.sort((a, b) => a.plural.localeCompare(b.plural)).map(discoveryResource), ...reviewResources(group, version, true)],
        freshness: 'Current',
      })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
