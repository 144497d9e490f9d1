/** gitops-engine syncContext.getSyncTasks, minus the API calls: which tasks a sync performs, and their waves. */
import { getPath, groupOf, versionOf } from '../../../cluster/types.js';
import type { KubeObject } from '../../../cluster/types.js';
import { resourceSyncOptions } from '../common/syncOptions.js';
import type { SyncPhase } from '../common/types.js';
import { deletePolicies, isHook, syncPhases, syncWave } from '../hook/hook.js';
import { sortSyncTasks } from './sort.js';
import type { SelectedResource, SyncTask } from './types.js';

export interface BuildSyncTasksInput {
  /** Rendered manifests (resources and hooks). */
  targets: readonly KubeObject[];
  /** The Application's live objects. */
  lives: readonly KubeObject[];
  /** Sync with prune: without it prune tasks are PruneSkipped "ignored (requires pruning)". */
  prune?: boolean;
  /** Application-wide PruneLast=true. */
  pruneLast?: boolean;
  /** Selective sync; also skips all hooks, as Argo CD does (`skipHooks = apply || len(resources) > 0`). */
  selectedResources?: readonly SelectedResource[];
  /** Apply strategy `apply` (no hooks). */
  skipHooks?: boolean;
  /** Destination namespace given to namespaced targets that have none. */
  namespace?: string;
  /** Cluster-scoped kinds keep an empty namespace (gitops-engine sets it anyway; kubectl ignores it). */
  isClusterScoped?: (group: string, kind: string) => boolean;
  /** Whether the API server already serves this kind; unknown kinds skip the dry run when allowed. */
  isKnownKind?: (group: string, kind: string) => boolean;
}

const keyOf = (group: string, kind: string, namespace: string, name: string) => `${group}/${kind}/${namespace}/${name}`;
const objKey = (o: KubeObject, ns: string) => keyOf(groupOf(o.apiVersion), o.kind, ns, o.metadata.name ?? '');

export function isSelected(sel: readonly SelectedResource[] | undefined, group: string, kind: string, namespace: string, name: string): boolean {
  if (sel === undefined || sel.length === 0) return true;
  return sel.some((r) => r.name === name && r.kind === kind && r.group === group && (!r.namespace || r.namespace === namespace));
}

/** Tasks for a sync, sorted by gitops-engine's order. Pure: inputs are not modified. */
export function buildSyncTasks(input: BuildSyncTasksInput): SyncTask[] {
  const { targets, lives } = input;
  const nsFor = (o: KubeObject): string => {
    const ns = o.metadata.namespace ?? '';
    if (ns !== '' || input.namespace === undefined) return ns;
    return input.isClusterScoped?.(groupOf(o.apiVersion), o.kind) ? '' : input.namespace;
  };
  const liveByKey = new Map<string, KubeObject>();
  for (const l of lives) liveByKey.set(objKey(l, l.metadata.namespace ?? ''), l);

  const tasks: SyncTask[] = [];
  const make = (phase: SyncPhase, target: KubeObject | undefined, live: KubeObject | undefined): SyncTask => {
    const o = target ?? live;
    if (!o) throw new Error('sync task without object');
    const hook = isHook(o);
    const wave = syncWave(o);
    const t: SyncTask = {
      phase, wave, annotatedWave: wave,
      group: groupOf(o.apiVersion), version: versionOf(o.apiVersion), kind: o.kind,
      namespace: target ? nsFor(target) : (live?.metadata.namespace ?? ''),
      name: o.metadata.name ?? '',
      isHook: hook, isPrune: target === undefined,
      deletePolicies: hook ? deletePolicies(o) : [],
      syncOptions: resourceSyncOptions(o),
      skipDryRun: false,
    };
    if (o.metadata.generateName !== undefined) t.generateName = o.metadata.generateName;
    if (target) t.targetObj = target;
    if (live) t.liveObj = live;
    if (hook) t.hookType = phase;
    return t;
  };

  // Resources: every target, plus every live object without a target (prune). Hooks are not resources.
  const seen = new Set<string>();
  const hooks: KubeObject[] = [];
  for (const target of targets) {
    if (isHook(target)) { hooks.push(target); continue; }
    const ns = nsFor(target);
    const key = objKey(target, ns);
    seen.add(key);
    const live = liveByKey.get(key);
    // upstream checks the target (obj(target, live)): a live copy that was a hook does not matter here
    if (!isSelected(input.selectedResources, groupOf(target.apiVersion), target.kind, ns, target.metadata.name ?? '')) continue;
    for (const phase of syncPhases(target)) tasks.push(make(phase, target, live));
  }
  for (const live of lives) {
    const ns = live.metadata.namespace ?? '';
    if (seen.has(objKey(live, ns)) || isHook(live)) continue;
    if (!isSelected(input.selectedResources, groupOf(live.apiVersion), live.kind, ns, live.metadata.name ?? '')) continue;
    for (const phase of syncPhases(live)) tasks.push(make(phase, undefined, live));
  }
  // Hooks come from the targets only; a live copy (same name) is found for BeforeHookCreation.
  const skipHooks = input.skipHooks === true || (input.selectedResources?.length ?? 0) > 0;
  if (!skipHooks) {
    for (const h of hooks) {
      const live = h.metadata.name ? liveByKey.get(objKey(h, nsFor(h))) : undefined;
      for (const phase of syncPhases(h)) tasks.push(make(phase, h, live));
    }
  }

  markSkipDryRun(tasks, input.isKnownKind);
  adjustPruneWaves(tasks, input);
  return sortSyncTasks(tasks);
}

function markSkipDryRun(tasks: SyncTask[], isKnownKind: BuildSyncTasksInput['isKnownKind']): void {
  const crdKinds = new Set<string>();
  for (const t of tasks) {
    if (t.kind !== 'CustomResourceDefinition' || !t.targetObj) continue;
    const group = getPath(t.targetObj, ['spec', 'group']);
    const kind = getPath(t.targetObj, ['spec', 'names', 'kind']);
    if (typeof group === 'string' && typeof kind === 'string') crdKinds.add(`${group}/${kind}`);
  }
  for (const t of tasks) {
    if (isKnownKind === undefined || isKnownKind(t.group, t.kind)) continue;
    t.skipDryRun = (t.targetObj !== undefined && t.syncOptions.skipDryRunOnMissingResource === true) || crdKinds.has(`${t.group}/${t.kind}`);
  }
}

/**
 * Prune waves are mirrored (the last-created wave is deleted first), then PruneLast tasks move to one wave
 * after the last Sync-phase wave (at least 1). Prune flags only change the result, not the task list.
 */
function adjustPruneWaves(tasks: SyncTask[], input: BuildSyncTasksInput): void {
  const prunes = tasks.filter((t) => t.isPrune);
  const waves = [...new Set(prunes.map((t) => t.wave))].sort((a, b) => a - b);
  const mirrored = new Map(waves.map((w, i) => [w, waves[waves.length - 1 - i]]));
  for (const t of prunes) {
    const w = mirrored.get(t.wave) ?? t.wave;
    if (w !== t.wave) { t.wave = w; t.waveReason = 'prune-reversed'; }
  }
  let last = 0;
  for (const t of tasks) if (t.phase === 'Sync' && t.wave > last) last = t.wave;
  for (const t of prunes) {
    if (input.pruneLast === true || t.syncOptions.pruneLast === true) { t.wave = last + 1; t.waveReason = 'prune-last'; }
    if (input.prune !== true) t.pruneSkipped = 'ignored (requires pruning)';
    else if (t.syncOptions.prune === false) t.pruneSkipped = 'ignored (no prune)';
  }
}
