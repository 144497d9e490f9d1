/** gitops-engine pkg/sync/hook/hook.go + sync_phase.go + delete_policy.go, syncwaves/waves.go. */
import type { KubeObject } from '../../../cluster/types.js';
import { atoi, getAnnotationCSVs } from '../common/annotations.js';
import { ANNOTATION_HOOK, ANNOTATION_HOOK_DELETE_POLICY, ANNOTATION_SYNC_WAVE, parseHookDeletePolicy, parseHookType } from '../common/types.js';
import type { HookDeletePolicy, HookType, SyncPhase } from '../common/types.js';
import { helmDeletePolicies, helmHookTypes, helmWeight, isHelmHook } from './helm.js';

/**
 * Hook types from `argocd.argoproj.io/hook` (comma list, unknown values ignored); only when none is valid
 * do the Helm hook annotations count.
 */
export function hookTypes(obj: KubeObject): HookType[] {
  const types: HookType[] = [];
  for (const text of getAnnotationCSVs(obj, ANNOTATION_HOOK)) {
    const t = parseHookType(text);
    if (t !== undefined) types.push(t);
  }
  if (types.length === 0) for (const t of helmHookTypes(obj)) if (!types.includes(t)) types.push(t);
  return types;
}

/** Skip only when Skip is the sole hook type ("PreSync,Skip" is still a PreSync hook). */
export function isSkip(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.includes('Skip') && types.length === 1;
}

/** Any object carrying the Argo CD hook annotation (except Skip), else any Helm hook. */
export function isHook(obj: KubeObject): boolean {
  if (obj.metadata.annotations?.[ANNOTATION_HOOK] !== undefined) return !isSkip(obj);
  return isHelmHook(obj);
}

/** Argo CD controller/hook.go: PostDelete hooks run on Application deletion, never during a sync. */
export function isPostDeleteHook(obj: KubeObject): boolean {
  return getAnnotationCSVs(obj, ANNOTATION_HOOK).includes('PostDelete');
}

/** Phases an object takes part in: none for Skip, its hook phases for hooks, otherwise Sync. */
export function syncPhases(obj: KubeObject): SyncPhase[] {
  if (isSkip(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  const phases: SyncPhase[] = [];
  for (const t of hookTypes(obj)) {
    if ((t === 'PreSync' || t === 'Sync' || t === 'PostSync' || t === 'SyncFail') && !phases.includes(t)) phases.push(t);
  }
  return phases;
}

/** Argo CD then Helm policies; BeforeHookCreation when neither names a valid one. */
export function deletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const out: HookDeletePolicy[] = [];
  for (const text of getAnnotationCSVs(obj, ANNOTATION_HOOK_DELETE_POLICY)) {
    const p = parseHookDeletePolicy(text);
    if (p !== undefined) out.push(p);
  }
  for (const p of helmDeletePolicies(obj)) out.push(p);
  return out.length === 0 ? ['BeforeHookCreation'] : out;
}

/** `argocd.argoproj.io/sync-wave` when it is an integer, else `helm.sh/hook-weight`, else 0. */
export function syncWave(obj: KubeObject): number {
  const text = obj.metadata.annotations?.[ANNOTATION_SYNC_WAVE];
  const v = text !== undefined ? atoi(text) : undefined;
  return v ?? helmWeight(obj);
}
