/**
 * Orphaned resources (controller/appcontroller.go getResourceTree): with `spec.orphanedResources` set, the
 * top-level objects (no ownerReferences) in the Application's destination namespace that it does not manage,
 * that the project permits, that are not Argo's known exclusions (`kubernetes` Service, `default`
 * ServiceAccount, `kube-root-ca.crt`) or `ignore`d, and that no other Application tracks. `warn: true` adds the
 * OrphanedResourceWarning condition.
 */
import type { KubeObject } from '../../cluster/types.js';
import { groupOf, versionOf } from '../../cluster/types.js';
import { globMatch } from '../rbac/glob.js';
import type { Cluster } from '../settings/clusters.js';
import { isGroupKindNamePermitted, isResourcePermitted, specOf } from './permissions.js';
import type { AppProjectSpec } from './types.js';

export interface OrphanedResource {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface OrphanedResourcesResult {
  resources: OrphanedResource[];
  /** Present when `warn: true` and there is at least one orphan. */
  condition?: { type: 'OrphanedResourceWarning'; message: string };
}

export interface OrphanedOptions {
  cluster?: Cluster;
  clusters?: readonly Cluster[];
  /** True for an object another existing Application tracks (it is that app's, not an orphan). */
  ownedByOtherApp?: (obj: KubeObject) => boolean;
}

function knownExclusion(spec: AppProjectSpec, r: OrphanedResource): boolean {
  if (r.namespace === 'default' && r.group === '' && r.kind === 'Service' && r.name === 'kubernetes') return true;
  if (r.group === '' && r.kind === 'ServiceAccount' && r.name === 'default') return true;
  if (r.group === '' && r.kind === 'ConfigMap' && r.name === 'kube-root-ca.crt') return true;
  return (spec.orphanedResources?.ignore ?? []).some(
    (i) => (!i.kind || globMatch(i.kind, r.kind)) && globMatch(i.group ?? '', r.group) && (!i.name || globMatch(i.name, r.name)),
  );
}

const keyOf = (r: { group: string; kind: string; namespace: string; name: string }) => `${r.group}/${r.kind}/${r.namespace}/${r.name}`;

/**
 * `liveInNamespace`: objects in the destination namespace; `managedKeys`: `group/kind/namespace/name` of the
 * Application's managed resources. Undefined when the project does not monitor orphans.
 */
export function orphanedResources(
  project: KubeObject | AppProjectSpec,
  liveInNamespace: readonly KubeObject[],
  managedKeys: ReadonlySet<string> | readonly string[],
  opts: OrphanedOptions = {},
): OrphanedResourcesResult | undefined {
  const spec = specOf(project);
  if (!spec.orphanedResources) return undefined;
  const managed = managedKeys instanceof Set ? managedKeys : new Set(managedKeys as readonly string[]);
  const out: OrphanedResource[] = [];
  for (const obj of liveInNamespace) {
    if (obj.metadata.ownerReferences?.length) continue;
    const r: OrphanedResource = { group: groupOf(obj.apiVersion), version: versionOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
    if (!r.namespace || managed.has(keyOf(r))) continue;
    if (!isGroupKindNamePermitted(spec, r.group, r.kind, r.name, true) || knownExclusion(spec, r)) continue;
    if (opts.ownedByOtherApp?.(obj)) continue;
    const denied = isResourcePermitted(spec, r.group, r.kind, r.namespace, { name: r.name, ...(opts.cluster ? { cluster: opts.cluster } : {}), ...(opts.clusters ? { clusters: opts.clusters } : {}) });
    if (denied) continue;
    out.push(r);
  }
  // ResourceRef.String() order: group, version, kind, namespace, name.
  const sortKey = (r: OrphanedResource) => [r.group, r.version, r.kind, r.namespace, r.name].join(' ');
  out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const result: OrphanedResourcesResult = { resources: out };
  if (out.length > 0 && spec.orphanedResources.warn === true) {
    result.condition = { type: 'OrphanedResourceWarning', message: `Application has ${out.length} orphaned resources` };
  }
  return result;
}
