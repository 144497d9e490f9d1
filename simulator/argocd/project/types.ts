/** AppProject spec fields as the sandbox reads them from a stored object (Argo's JSON names). */
import type { KubeObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';

export interface ProjectDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface GroupKind {
  group: string;
  kind: string;
}

export interface ClusterResourceRestrictionItem extends GroupKind {
  name?: string;
}

export interface OrphanedResourceKey {
  group?: string;
  kind?: string;
  name?: string;
}

export interface SyncWindow {
  kind: string;
  schedule: string;
  duration: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  manualSync?: boolean;
  timeZone?: string;
  andOperator?: boolean;
  description?: string;
  syncOverrun?: boolean;
}

export interface AppProjectSpec {
  name: string;
  sourceRepos: string[];
  destinations: ProjectDestination[];
  /** Absent means every namespaced kind; an empty list means none (Argo tells nil from empty here). */
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist: GroupKind[];
  clusterResourceWhitelist: ClusterResourceRestrictionItem[];
  clusterResourceBlacklist: ClusterResourceRestrictionItem[];
  orphanedResources?: { warn?: boolean; ignore: OrphanedResourceKey[] };
  syncWindows: SyncWindow[];
  permitOnlyProjectScopedClusters: boolean;
}

const objs = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as unknown[]).filter(isObj) : []);

function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function groupKinds(v: unknown): GroupKind[] {
  return objs(v).map((x) => ({ group: str(x.group) ?? '', kind: str(x.kind) ?? '' }));
}

function named(v: unknown): ClusterResourceRestrictionItem[] {
  return objs(v).map((x) => {
    const item: ClusterResourceRestrictionItem = { group: str(x.group) ?? '', kind: str(x.kind) ?? '' };
    if (str(x.name)) item.name = str(x.name)!;
    return item;
  });
}

function window(x: Record<string, unknown>): SyncWindow {
  const w: SyncWindow = { kind: str(x.kind) ?? '', schedule: str(x.schedule) ?? '', duration: str(x.duration) ?? '' };
  for (const k of ['applications', 'namespaces', 'clusters'] as const) if (Array.isArray(x[k])) w[k] = strs(x[k]);
  for (const k of ['manualSync', 'andOperator', 'syncOverrun'] as const) if (typeof x[k] === 'boolean') w[k] = x[k] as boolean;
  if (str(x.timeZone)) w.timeZone = str(x.timeZone)!;
  if (str(x.description)) w.description = str(x.description)!;
  return w;
}

/** Read an AppProject object's spec (missing lists are empty, as Go's zero values). */
export function projectSpec(project: KubeObject): AppProjectSpec {
  const s = isObj(project.spec) ? project.spec : {};
  const spec: AppProjectSpec = {
    name: project.metadata.name ?? '',
    sourceRepos: strs(s.sourceRepos),
    destinations: objs(s.destinations).map((d) => {
      const out: ProjectDestination = {};
      if (str(d.server) !== undefined) out.server = str(d.server)!;
      if (str(d.name) !== undefined) out.name = str(d.name)!;
      if (str(d.namespace) !== undefined) out.namespace = str(d.namespace)!;
      return out;
    }),
    namespaceResourceBlacklist: groupKinds(s.namespaceResourceBlacklist),
    clusterResourceWhitelist: named(s.clusterResourceWhitelist),
    clusterResourceBlacklist: named(s.clusterResourceBlacklist),
    syncWindows: objs(s.syncWindows).map(window),
    permitOnlyProjectScopedClusters: s.permitOnlyProjectScopedClusters === true,
  };
  if (Array.isArray(s.namespaceResourceWhitelist)) spec.namespaceResourceWhitelist = groupKinds(s.namespaceResourceWhitelist);
  if (isObj(s.orphanedResources)) {
    const o = s.orphanedResources;
    spec.orphanedResources = {
      ignore: objs(o.ignore).map((k) => ({ group: str(k.group) ?? '', kind: str(k.kind) ?? '', name: str(k.name) ?? '' })),
    };
    if (typeof o.warn === 'boolean') spec.orphanedResources.warn = o.warn;
  }
  return spec;
}

/** `spec.project`, with Argo's default. */
export function appProjectName(app: KubeObject): string {
  const spec = isObj(app.spec) ? app.spec : {};
  return typeof spec.project === 'string' && spec.project ? spec.project : 'default';
}
