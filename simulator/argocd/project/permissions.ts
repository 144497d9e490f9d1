/**
 * AppProject permission checks (pkg/apis/application/v1alpha1/app_project_types.go): source repositories and
 * destinations with `!` deny patterns, cluster / namespace resource allow and deny lists.
 */
import type { KubeObject } from '../../cluster/types.js';
import { filepathMatch, globMatch } from '../rbac/glob.js';
import { normalizeGitURL } from '../settings/gitUrl.js';
import type { Cluster } from '../settings/clusters.js';
import { IN_CLUSTER_NAME, IN_CLUSTER_SERVER } from '../settings/clusters.js';
import { projectSpec } from './types.js';
import type { AppProjectSpec, ClusterResourceRestrictionItem, GroupKind } from './types.js';

type ProjectLike = KubeObject | AppProjectSpec;

export function specOf(p: ProjectLike): AppProjectSpec {
  return 'metadata' in p ? projectSpec(p) : p;
}

const isDeny = (pattern: string | undefined): boolean => (pattern ?? '').startsWith('!');

/** app_project_types.globMatch: `!pattern` inverts when negation is allowed; `*` matches anything. */
function projGlob(pattern: string, val: string, allowNegation: boolean, separators = ''): boolean {
  if (allowNegation && isDeny(pattern)) return !globMatch(pattern.slice(1), val, separators);
  if (pattern === '*') return true;
  return globMatch(pattern, val, separators);
}

/**
 * IsSourcePermitted over normalised URLs (`*` stops at `/`, `**` does not). As upstream, a `!` pattern that does
 * not match counts as a match, and one that does match refuses the repository outright.
 */
export function isSourcePermitted(project: ProjectLike, repoURL: string): boolean {
  const src = normalizeGitURL(repoURL);
  let any = false;
  for (const pattern of specOf(project).sourceRepos) {
    const normalized = isDeny(pattern) ? `!${normalizeGitURL(pattern.slice(1))}` : normalizeGitURL(pattern);
    const matched = projGlob(normalized, src, true, '/');
    if (matched) any = true;
    else if (isDeny(normalized)) return false;
  }
  return any;
}

function isDestinationMatched(spec: AppProjectSpec, dst: { server: string; name: string; namespace: string }): boolean {
  let any = false;
  for (const item of spec.destinations) {
    const nameMatched = dst.name !== '' && projGlob(item.name ?? '', dst.name, true);
    const serverMatched = dst.server !== '' && projGlob(item.server ?? '', dst.server, true);
    const nsMatched = projGlob(item.namespace ?? '', dst.namespace, true);
    if ((serverMatched || nameMatched) && nsMatched) any = true;
    // Go precedence as upstream: A || (B && C).
    else if ((!nameMatched && isDeny(item.name)) || (!serverMatched && isDeny(item.server) && nsMatched)) return false;
    else if (!nsMatched && isDeny(item.namespace) && serverMatched) return false;
  }
  return any;
}

const IN_CLUSTER: Cluster = { name: IN_CLUSTER_NAME, server: IN_CLUSTER_SERVER, namespaces: [], clusterResources: false, config: {} };

/** IsDestinationPermitted for a resolved cluster (default: in-cluster) and a namespace. */
export function isDestinationPermitted(project: ProjectLike, cluster: Cluster | undefined, namespace: string, clusters: readonly Cluster[] = []): boolean {
  if (!cluster) return false;
  const spec = specOf(project);
  const matched = isDestinationMatched(spec, { server: cluster.server, name: cluster.name, namespace });
  if (matched && spec.permitOnlyProjectScopedClusters) {
    return clusters.some((c) => c.project === spec.name && (c.name === cluster.name || c.server === cluster.server));
  }
  return matched;
}

function inList(group: string, kind: string, list: readonly GroupKind[]): boolean {
  return list.some((i) => filepathMatch(i.kind, kind) && filepathMatch(i.group, group));
}

function inNamedList(group: string, kind: string, name: string, list: readonly ClusterResourceRestrictionItem[]): boolean {
  return list.some((i) => filepathMatch(i.kind, kind) && filepathMatch(i.group, group) && (!i.name || filepathMatch(i.name, name)));
}

/**
 * IsGroupKindNamePermitted. Namespaced kinds: allowed unless an (explicitly empty or non-matching) whitelist
 * or the blacklist says otherwise. Cluster-scoped kinds: denied unless the whitelist names them.
 */
export function isGroupKindNamePermitted(project: ProjectLike, group: string, kind: string, name: string, namespaced: boolean): boolean {
  const spec = specOf(project);
  if (namespaced) {
    const wl = spec.namespaceResourceWhitelist;
    const white = wl === undefined || (wl.length !== 0 && inList(group, kind, wl));
    return white && !inList(group, kind, spec.namespaceResourceBlacklist);
  }
  const white = inNamedList(group, kind, name, spec.clusterResourceWhitelist);
  return white && !inNamedList(group, kind, name, spec.clusterResourceBlacklist);
}

export interface ResourcePermissionOptions {
  name?: string;
  /** Defaults to `namespace !== ''`. */
  namespaced?: boolean;
  /** The Application's destination cluster (default: in-cluster). */
  cluster?: Cluster;
  clusters?: readonly Cluster[];
}

/**
 * The check the controller runs on every resource it would sync (controller/sync.go validateSyncPermissions):
 * undefined when permitted, else Argo's message.
 */
export function isResourcePermitted(project: ProjectLike, group: string, kind: string, namespace: string, opts: ResourcePermissionOptions = {}): string | undefined {
  const spec = specOf(project);
  const namespaced = opts.namespaced ?? namespace !== '';
  if (!isGroupKindNamePermitted(spec, group, kind, opts.name ?? '', namespaced)) {
    return `resource ${group}:${kind} is not permitted in project ${spec.name}`;
  }
  if (namespaced && !isDestinationPermitted(spec, opts.cluster ?? IN_CLUSTER, namespace, opts.clusters)) {
    return `namespace ${namespace} is not permitted in project '${spec.name}'`;
  }
  return undefined;
}
