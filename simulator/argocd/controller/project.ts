/**
 * The AppProject and settings as the controller uses them (rules live in simulator/argocd/project and
 * simulator/argocd/settings): spec validation (InvalidSpecError), repository credentials for the repo
 * server, per-resource permission for the sync engine, sync windows, orphaned resources, and the
 * system-wide ignoreDifferences of argocd-cm.
 */
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { isResourcePermitted, orphanedResources, projectSpec, syncWindows, validateApplication } from '../project/index.js';
import { isExcludedResource, listClusters, readArgoCDSettings, repositoryCredentials, resolveDestination } from '../settings/index.js';
import type { Cluster } from '../settings/index.js';
import type { ResourceIgnoreDifferences } from '../diff/index.js';
import type { AppReconcile } from './context.js';
import { trackedInstance } from './live.js';
import { asObject } from './types.js';
import type { AppCondition, AppResourceStatus } from './types.js';

export interface ProjectContext {
  project?: StoredObject;
  clusters: Cluster[];
  cluster?: Cluster;
  /** app ignoreDifferences followed by argocd-cm's system-wide ones. */
  ignoreDifferences: ResourceIgnoreDifferences[];
}

/** Load the app's project, clusters and settings; give the reconcile its credentials and permission check. */
export function attachProject(r: AppReconcile): ProjectContext {
  const store = r.ctx.store;
  const name = r.app.spec.project || 'default';
  const project = store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: r.controlNamespace, name });
  const clusters = listClusters(store, r.controlNamespace);
  const cluster = resolveDestination(asObject(r.app), clusters).cluster;
  r.credentials = (url) => repositoryCredentials(store, url, name, r.controlNamespace);
  if (project) {
    // Read the spec once and answer each group/kind/namespace once: the sync engine asks for every resource.
    const spec = projectSpec(project);
    const opts = { clusters, ...(cluster ? { cluster } : {}) };
    const verdicts = new Map<string, Map<string, { verdict: string | undefined }>>();
    r.permitted = (group, kind, namespace) => {
      const gk = `${group}/${kind}`;
      let byNs = verdicts.get(gk);
      if (!byNs) verdicts.set(gk, (byNs = new Map()));
      let v = byNs.get(namespace);
      if (!v) byNs.set(namespace, (v = { verdict: isResourcePermitted(spec, group, kind, namespace, { namespaced: namespace !== '', ...opts }) }));
      return v.verdict;
    };
  }
  const argoSettings = readArgoCDSettings(store, r.controlNamespace);
  const system = argoSettings.ignoreDifferences;
  // ResourcesFilter.IsExcludedResource for the destination (by server, as the live state cache watches it).
  const filter = { resourceExclusions: argoSettings.resourceExclusions, resourceInclusions: argoSettings.resourceInclusions };
  const filterServer = cluster?.server ?? r.app.spec.destination?.server ?? '';
  const excluded = new Map<string, boolean>();
  r.settings = {
    ...r.settings,
    isExcluded: (group, kind) => {
      const gk = `${group}/${kind}`;
      let v = excluded.get(gk);
      if (v === undefined) excluded.set(gk, (v = isExcludedResource(filter, group, kind, filterServer)));
      return v;
    },
    excludedKey: JSON.stringify([filter, filterServer]),
  };
  const own = (r.app.spec.ignoreDifferences ?? []) as unknown as ResourceIgnoreDifferences[];
  const ctx: ProjectContext = { clusters, ignoreDifferences: [...own, ...system] };
  if (project) ctx.project = project;
  if (cluster) ctx.cluster = cluster;
  return ctx;
}

/** refreshAppConditions: the project's verdict on the spec (InvalidSpecError with Argo's messages). */
export function projectConditions(r: AppReconcile, p: ProjectContext): AppCondition[] {
  return validateApplication(asObject(r.app), p.project, p.clusters).map((c) => ({ type: c.type, message: c.message }));
}

/** SyncWindows.CanSync for this app now (manual: a user's sync; operationStartMs lets a running sync overrun). */
export function windowAllows(r: AppReconcile, p: ProjectContext, manual: boolean, operationStartMs?: number): { ok: boolean; nextChange?: number } {
  if (!p.project) return { ok: true };
  const w = syncWindows(p.project, asObject(r.app), r.ctx.now());
  const ok = w.canSync(manual, operationStartMs);
  return w.nextChange === undefined ? { ok } : { ok, nextChange: w.nextChange };
}

/** OrphanedResourceWarning: objects in the destination namespace no app manages, when the project asks. */
export function orphanConditions(r: AppReconcile, p: ProjectContext, resources: readonly AppResourceStatus[]): AppCondition[] {
  const spec = p.project?.spec as { orphanedResources?: unknown } | undefined;
  const ns = r.app.spec.destination?.namespace;
  if (!p.project || !spec?.orphanedResources || !ns) return [];
  const inNs: KubeObject[] = [];
  for (const o of r.ctx.store.allObjects()) if (o.metadata.namespace === ns && o.kind !== 'Event') inNs.push(o);
  const managed = resources.map((res) => `${res.group}/${res.kind}/${res.namespace}/${res.name}`);
  const result = orphanedResources(p.project, inNs, managed, {
    clusters: p.clusters,
    ...(p.cluster ? { cluster: p.cluster } : {}),
    ownedByOtherApp: (obj) => {
      const owner = trackedInstance(obj, r.settings);
      return owner !== undefined && owner !== r.instanceName;
    },
  });
  return result?.condition ? [{ type: result.condition.type, message: result.condition.message }] : [];
}
