/**
 * Argo CD's CompareAppState in miniature: pair targets with live objects (gitops-engine sync.Reconcile),
 * diff each pair, and decide per-resource and app sync status. Hooks are never compared (only a live
 * hook object is listed, with `hook: true`);
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
  /** Whether a kind is namespaced; unknown kinds are looked up under both keys, like sync.Reconcile. */
  isNamespaced?: (group: string, kind: string) => boolean | undefined;
  /**
   * Diffs of earlier comparisons by (target, live) object identity. Stored objects are immutable and a
   * caller that keeps its rendered targets can pass the same memo again: unchanged pairs are not diffed
   * twice. The memo must only be reused with the same diff options (ignoreDifferences, normalizer).
   */
  memo?: CompareMemo;
}

/** target (or `LIVE_ONLY`) → live (or `NO_LIVE`) → diff. */
export type CompareMemo = WeakMap<object, WeakMap<object, DiffResult>>;
const NO_LIVE = {};
const LIVE_ONLY = {};

function memoDiff(memo: CompareMemo | undefined, target: KubeObject | undefined, live: KubeObject | undefined, opts: DiffOptions): DiffResult {
  if (!memo) return diffResource(target, live, opts);
  const t = target ?? LIVE_ONLY;
  let byLive = memo.get(t);
  if (!byLive) memo.set(t, (byLive = new WeakMap()));
  const l = live ?? NO_LIVE;
  let d = byLive.get(l);
  if (!d) byLive.set(l, (d = diffResource(target, live, opts)));
  return d;
}

/**
 * A target given the destination namespace, the same object for the same (target, namespace): the diff
 * memo is keyed by identity, so a fresh copy per comparison would diff every such target again.
 */
const NAMESPACED = new WeakMap<KubeObject, { ns: string; obj: KubeObject }>();
function withNamespace(t: KubeObject, ns: string): KubeObject {
  const hit = NAMESPACED.get(t);
  if (hit && hit.ns === ns) return hit.obj;
  const obj = { ...t, metadata: { ...t.metadata, namespace: ns } };
  NAMESPACED.set(t, { ns, obj });
  return obj;
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
  const ann = obj.metadata.annotations;
  // Most objects carry neither annotation: answer without splitting strings.
  if (ann === undefined || (ann[HOOK_ANNOTATION] === undefined && ann[HELM_HOOK_ANNOTATION] === undefined)) return false;
  const hook = ann[HOOK_ANNOTATION] ?? '';
  // Skip is "don't apply", not a hook phase; Helm CRD installs are not hooks either.
  if (hook.split(',').some((h) => h.trim() !== '' && h.trim() !== 'Skip')) return true;
  return (ann[HELM_HOOK_ANNOTATION] ?? '').split(',').some((h) => h.trim() !== '' && h.trim() !== 'crd-install');
}

function isSkipped(obj: KubeObject): boolean {
  return (obj.metadata.annotations?.[HOOK_ANNOTATION] ?? '').split(',').some((h) => h.trim() === 'Skip');
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

export function resourceKey(obj: KubeObject): string {
  return `${groupOf(obj.apiVersion)}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
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

/** status.resources order: the controller sorts by the string `group/kind/namespace/name` (resourceStatusKey). */
const statusKey = (r: ResourceStatus): string => [r.group, r.kind, r.namespace, r.name].join('/');

/**
 * What a comparison reads off each target and live object that never changes for that object: rendered
 * targets are kept by the manifest cache and live objects are frozen store versions, and an app is
 * compared again and again with the same ones.
 */
interface ObjectFacts {
  key: string;
  group: string;
  hook: boolean;
  skipped: boolean;
}

const FACTS = new WeakMap<KubeObject, ObjectFacts>();
/** `keep`: the object will not change (frozen, or the caller passes a memo, which promises as much). */
function factsOf(obj: KubeObject, keep: boolean): ObjectFacts {
  let f = keep ? FACTS.get(obj) : undefined;
  if (f === undefined) {
    f = { key: resourceKey(obj), group: groupOf(obj.apiVersion), hook: isHook(obj), skipped: isSkipped(obj) };
    if (keep) FACTS.set(obj, f);
  }
  return f;
}

export function compareApp(targets: KubeObject[], lives: KubeObject[], opts: CompareOptions = {}): CompareResult {
  const ns = opts.namespace ?? '';
  const liveByKey = new Map<string, KubeObject>();
  const keep = opts.memo !== undefined;
  const facts = (o: KubeObject): ObjectFacts => factsOf(o, keep || Object.isFrozen(o));
  for (const l of lives) liveByKey.set(facts(l).key, l);
  const resources: ResourceStatus[] = [];
  const diffs: Record<string, DiffResult> = {};
  const unsupported: string[] = [];
  let status: SyncStatusCode = 'Synced';

  for (const t of targets) {
    const f = facts(t);
    // Hooks are split off the targets (sync.Reconcile); a live hook shows up below as a live-only entry.
    if (f.hook) continue;
    const group = f.group;
    const namespaced = t.metadata.namespace ? true : opts.isNamespaced?.(group, t.kind);
    const nsKey = t.metadata.namespace ? f.key : `${group}/${t.kind}/${ns}/${t.metadata.name ?? ''}`;
    const clusterKey = `${group}/${t.kind}//${t.metadata.name ?? ''}`;
    let key = namespaced === false ? clusterKey : nsKey;
    if (namespaced === undefined && !liveByKey.has(nsKey) && liveByKey.has(clusterKey)) key = clusterKey;
    const live = liveByKey.get(key);
    liveByKey.delete(key);
    const target = key === nsKey && !t.metadata.namespace && ns ? withNamespace(t, ns) : t;
    const d = memoDiff(opts.memo, target, live, opts);
    diffs[key] = d;
    for (const u of d.unsupported) if (!unsupported.includes(u)) unsupported.push(u);
    const entry = describe(target, '');
    if (f.skipped) {
      // hook: Skip resources are listed but never compared.
      resources.push(entry);
      continue;
    }
    const code: SyncStatusCode = d.modified || !live ? 'OutOfSync' : 'Synced';
    if (code === 'OutOfSync') status = 'OutOfSync';
    resources.push({ ...entry, status: code });
  }
  for (const [key, live] of liveByKey) {
    // Only objects this app tracks are its resources.
    if (!isTrackedBy(live, opts)) continue;
    if (facts(live).hook) {
      // A hook left in the cluster: listed, would be pruned, never compared.
      resources.push({ ...describe(live, ''), hook: true, requiresPruning: true });
      continue;
    }
    diffs[key] = memoDiff(opts.memo, undefined, live, opts);
    if (!hasCompareOption(live, 'IgnoreExtraneous')) status = 'OutOfSync';
    resources.push({ ...describe(live, ''), status: 'OutOfSync', requiresPruning: true });
  }
  // Sort by the precomputed key (resourceStatusKey order, without building two strings per comparison).
  const keyed = resources.map((r) => ({ k: statusKey(r), r }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  resources.splice(0, resources.length, ...keyed.map((e) => e.r));
  return { status, resources, diffs, unsupported };
}
