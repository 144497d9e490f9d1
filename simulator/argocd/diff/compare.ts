/**
 * Argo CD's CompareAppState in miniature: pair targets with live objects (gitops-engine sync.Reconcile),
 * diff each pair, and decide per-resource and app sync status. Hooks are listed but never compared;
 * an extra live object the app owns is OutOfSync and requiresPruning, unless it asks to be ignored
 * (`argocd.argoproj.io/compare-options: IgnoreExtraneous`), in which case it does not make the app OutOfSync.
 */
import { groupOf, versionOf } from '../../cluster/types.js';
import type { KubeObject } from '../../cluster/types.js';
import { diffResource } from './diffResource.js';
import type { DiffOptions, DiffResult } from './diffResource.js';

export type SyncStatusCode = 'Synced' | 'OutOfSync';

export interface ResourceStatus {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: SyncStatusCode;
  requiresPruning?: boolean;
  hook?: boolean;
}

export interface CompareOptions extends DiffOptions {
  /** Application name, for tracking (label value or tracking-id prefix). */
  appName?: string;
  /** Namespace given to namespaced targets without one (the destination namespace). */
  namespace?: string;
  /** Tracking label key (Argo default `app.kubernetes.io/instance`). */
  appLabelKey?: string;
}

export interface CompareResult {
  status: SyncStatusCode;
  resources: ResourceStatus[];
  /** Diff per resource key `group/kind/namespace/name`. */
  diffs: Record<string, DiffResult>;
  unsupported: string[];
}

export const TRACKING_ID_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';
const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
const HELM_HOOK_ANNOTATION = 'helm.sh/hook';

export function isHook(obj: KubeObject): boolean {
  const ann = obj.metadata.annotations ?? {};
  const hook = ann[HOOK_ANNOTATION] ?? '';
  // Skip is "don't apply", not a hook phase; Helm CRD installs are not hooks either.
  if (hook.split(',').some((h) => h.trim() !== '' && h.trim() !== 'Skip')) return true;
  return (ann[HELM_HOOK_ANNOTATION] ?? '').split(',').some((h) => h.trim() !== '' && h.trim() !== 'crd-install');
}

function hasCompareOption(obj: KubeObject, option: string): boolean {
  return (obj.metadata.annotations?.[COMPARE_OPTIONS_ANNOTATION] ?? '').split(',').some((o) => o.trim() === option);
}

/** Owned by the app per label or annotation tracking; without an app name, every live object given is. */
export function isTrackedBy(obj: KubeObject, opts: CompareOptions): boolean {
  if (!opts.appName) return true;
  const label = obj.metadata.labels?.[opts.appLabelKey ?? 'app.kubernetes.io/instance'];
  const id = obj.metadata.annotations?.[TRACKING_ID_ANNOTATION];
  return label === opts.appName || (id !== undefined && id.split(':')[0] === opts.appName);
}

export function resourceKey(obj: KubeObject, defaultNs = ''): string {
  return `${groupOf(obj.apiVersion)}/${obj.kind}/${obj.metadata.namespace ?? defaultNs}/${obj.metadata.name ?? ''}`;
}

function describe(obj: KubeObject, defaultNs: string): ResourceStatus {
  return {
    group: groupOf(obj.apiVersion),
    version: versionOf(obj.apiVersion),
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? defaultNs,
    name: obj.metadata.name ?? '',
  };
}

/** status.resources order: group, kind, namespace, name (Argo sorts managed resources by key). */
function byKey(a: ResourceStatus, b: ResourceStatus): number {
  for (const k of ['group', 'kind', 'namespace', 'name'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

export function compareApp(targets: KubeObject[], lives: KubeObject[], opts: CompareOptions = {}): CompareResult {
  const ns = opts.namespace ?? '';
  const liveByKey = new Map<string, KubeObject>();
  for (const l of lives) liveByKey.set(resourceKey(l), l);
  const resources: ResourceStatus[] = [];
  const diffs: Record<string, DiffResult> = {};
  const unsupported: string[] = [];
  let status: SyncStatusCode = 'Synced';

  for (const t of targets) {
    const key = resourceKey(t, t.metadata.namespace ? '' : ns);
    const live = liveByKey.get(key);
    liveByKey.delete(key);
    if (isHook(t)) {
      resources.push({ ...describe(t, ns), hook: true });
      continue;
    }
    const target = t.metadata.namespace || !ns ? t : { ...t, metadata: { ...t.metadata, namespace: ns } };
    const d = diffResource(target, live, opts);
    diffs[key] = d;
    for (const u of d.unsupported) if (!unsupported.includes(u)) unsupported.push(u);
    const code: SyncStatusCode = d.modified || !live ? 'OutOfSync' : 'Synced';
    if (code === 'OutOfSync') status = 'OutOfSync';
    resources.push({ ...describe(t, ns), status: code });
  }
  for (const [key, live] of liveByKey) {
    // Only objects this app tracks are its resources; hooks left in the cluster are not extraneous.
    if (!isTrackedBy(live, opts)) continue;
    if (isHook(live)) {
      resources.push({ ...describe(live, ''), hook: true });
      continue;
    }
    diffs[key] = diffResource(undefined, live, opts);
    if (!hasCompareOption(live, 'IgnoreExtraneous')) status = 'OutOfSync';
    resources.push({ ...describe(live, ''), status: 'OutOfSync', requiresPruning: true });
  }
  resources.sort(byKey);
  return { status, resources, diffs, unsupported };
}
