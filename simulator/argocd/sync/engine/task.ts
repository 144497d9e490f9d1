/** A sync task while the engine runs it: the groundwork's SyncTask plus its recorded result (syncTask upstream). */
import { getPath, isObj } from '../../../cluster/types.js';
import type { KubeObject } from '../../../cluster/types.js';
import type { HookDeletePolicy, OperationPhase, ResultCode } from '../common/types.js';
import type { SyncTask } from '../tasks/types.js';

export interface RuntimeTask extends SyncTask {
  /** `group/kind/namespace/name:phase` (upstream resourceResultKey). */
  resultKey: string;
  syncStatus?: ResultCode;
  /** The task's own phase: undefined = pending (upstream ""), Running, Succeeded, Failed, Error. */
  operationState?: OperationPhase;
  message: string;
}

/**
 * One object literal with every field in a fixed order: this runs for every task on every step, and a
 * single shape keeps property access fast (the groundwork's tasks vary in which optional fields they have).
 */
/**
 * Result keys of the (cached, shared) build tasks: one string instance per task across steps, so map
 * lookups hash it once instead of every step.
 */
const KEYS = new WeakMap<SyncTask, string>();

function resultKeyFor(t: SyncTask, name: string): string {
  if (name !== t.name) return `${t.group}/${t.kind}/${t.namespace}/${name}:${t.phase}`;
  let key = KEYS.get(t);
  if (key === undefined) KEYS.set(t, (key = `${t.group}/${t.kind}/${t.namespace}/${name}:${t.phase}`));
  return key;
}

/** `name`, `targetObj` and `liveObj` as they are at this step (hook names, the store's live copy). */
export function toRuntimeTask(t: SyncTask, name: string, targetObj: KubeObject | undefined, liveObj: KubeObject | undefined): RuntimeTask {
  return {
    phase: t.phase, wave: t.wave, annotatedWave: t.annotatedWave, waveReason: t.waveReason,
    group: t.group, version: t.version, kind: t.kind, namespace: t.namespace, name, generateName: t.generateName,
    targetObj, liveObj, isHook: t.isHook, hookType: t.hookType, isPrune: t.isPrune,
    pruneSkipped: t.pruneSkipped, deletePolicies: t.deletePolicies, syncOptions: t.syncOptions, skipDryRun: t.skipDryRun,
    resultKey: resultKeyFor(t, name),
    syncStatus: undefined, operationState: undefined, message: '',
  };
}

/** The target if there is one, else the live object (upstream `obj(target, live)`). */
export function taskObj(t: SyncTask): KubeObject {
  const o = t.targetObj ?? t.liveObj;
  if (!o) throw new Error(`sync task ${t.kind}/${t.name} has no object`);
  return o;
}

export const isPending = (t: RuntimeTask): boolean => t.operationState === undefined;
export const isRunning = (t: RuntimeTask): boolean => t.operationState === 'Running';
export const isCompletedTask = (t: RuntimeTask): boolean =>
  t.operationState === 'Succeeded' || t.operationState === 'Failed' || t.operationState === 'Error';
export const isSuccessful = (t: RuntimeTask): boolean => t.operationState === 'Succeeded';
export const isPruned = (t: RuntimeTask): boolean => t.syncStatus === 'Pruned';

const hasPolicy = (t: RuntimeTask, p: HookDeletePolicy): boolean => t.isHook && t.deletePolicies.includes(p);
export const deleteBeforeCreation = (t: RuntimeTask): boolean => t.liveObj !== undefined && isPending(t) && hasPolicy(t, 'BeforeHookCreation');
export const deleteOnPhaseSuccessful = (t: RuntimeTask): boolean => t.liveObj !== undefined && hasPolicy(t, 'HookSucceeded');
export const deleteOnPhaseFailed = (t: RuntimeTask): boolean => t.liveObj !== undefined && hasPolicy(t, 'HookFailed');
export const deleteOnPhaseCompletion = (t: RuntimeTask): boolean => deleteOnPhaseSuccessful(t) || deleteOnPhaseFailed(t);

/** `deployment.apps/web`: how kubectl names an object in its output (lower-case kind, then group). */
export function kubectlRef(kind: string, group: string, name: string): string {
  const k = kind.toLowerCase();
  return `${group ? `${k}.${group}` : k}/${name}`;
}

/** gitops-engine GetResourceImages: container images of a Pod, pod template or CronJob job template. */
export function imagesOf(obj: KubeObject): string[] {
  const specs = [getPath(obj, ['spec']), getPath(obj, ['spec', 'template', 'spec']), getPath(obj, ['spec', 'jobTemplate', 'spec', 'template', 'spec'])];
  const out: string[] = [];
  for (const spec of specs) {
    if (!isObj(spec)) continue;
    for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
      const list = spec[field];
      if (!Array.isArray(list)) continue;
      for (const c of list) if (isObj(c) && typeof c.image === 'string' && !out.includes(c.image)) out.push(c.image);
    }
  }
  return out;
}
