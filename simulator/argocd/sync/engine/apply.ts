/**
 * The writes a sync makes, with kubectl's result messages: client-side apply (three-way merge with the
 * last-applied annotation), server-side apply, replace / create, prune, hook deletion and the hook finalizer.
 * Dry runs are kubectl's client-side dry run (dryRun.ts): schema checks only, nothing sent.
 */
import { ApiError } from '../../../core/errors.js';
import { clone, groupOf } from '../../../cluster/types.js';
import type { JsonObject, KubeObject, StoredObject } from '../../../cluster/types.js';
import type { PropagationPolicy } from '../../../cluster/store/index.js';
import { deepEqual, LAST_APPLIED_ANNOTATION, predictLive, usesStrategicMerge } from '../../diff/index.js';
import { clientDryRun } from './dryRun.js';
import { HOOK_FINALIZER } from '../common/types.js';
import type { ResultCode } from '../common/types.js';
import { hasAnnotationOption } from '../common/annotations.js';
import { ANNOTATION_SYNC_OPTIONS } from '../common/types.js';
import { kubectlRef } from './task.js';
import { withFieldValidation } from '../../../cluster/validation/fieldValidation.js';
import { checkEnvelope } from '../../../cluster/validation/index.js';
import type { RuntimeTask } from './task.js';
import type { SyncEnv } from './types.js';
import type { SyncSettings } from './settings.js';

export const ARGOCD_SSA_MANAGER = 'argocd-controller';
/** What kubectl's client-side apply records (gitops-engine's default client-side apply migration manager). */
const CLIENT_SIDE_MANAGER = 'kubectl-client-side-apply';

const errMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface ApplyOutcome {
  code: ResultCode;
  message: string;
}

/** kubectl apply stores the applied configuration (minus this annotation) for the next three-way merge. */
function withLastApplied(target: KubeObject): KubeObject {
  const o = clone(target);
  const ann = { ...(o.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED_ANNOTATION];
  const applied = { ...o, metadata: { ...o.metadata, annotations: Object.keys(ann).length > 0 ? ann : undefined } };
  if (applied.metadata.annotations === undefined) delete applied.metadata.annotations;
  o.metadata.annotations = { ...ann, [LAST_APPLIED_ANNOTATION]: JSON.stringify(applied) };
  return o;
}

function lastAppliedOf(live: KubeObject): JsonObject | undefined {
  const raw = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** gitops-engine applyObject. */
export function applyObject(env: SyncEnv, t: RuntimeTask, s: SyncSettings, dryRun: boolean, validate: boolean): ApplyOutcome {
  const target = t.targetObj;
  if (!target) return { code: 'SyncFailed', message: 'no target object' };
  const replace = s.replace || hasAnnotationOption(target, ANNOTATION_SYNC_OPTIONS, 'Replace=true');
  if (dryRun) {
    const err = clientDryRun(env, target, t.liveObj, validate);
    if (err) return { code: 'SyncFailed', message: err.message };
    const live = t.liveObj;
    // Only a dry-run sync shows this message (the validation pass keeps failures only): skip the merge otherwise.
    const verb = !live ? 'created' : replace ? 'replaced' : s.dryRun && wouldNotChange(live, target) ? 'unchanged' : 'configured';
    return { code: 'Synced', message: `${kubectlRef(t.kind, t.group, t.name)} ${verb} (dry run)` };
  }
  // --validate=false: unknown fields are dropped instead of refused (fieldValidation=Ignore).
  return withFieldValidation(env.store, validate ? 'Strict' : 'Ignore', () => write(env, t, target, s, replace));
}

/** kubectl apply's own verdict for a dry run: the three-way merge leaves live as it is. */
function wouldNotChange(live: KubeObject, target: KubeObject): boolean {
  const desired = withLastApplied(target);
  const merged = predictLive(lastAppliedOf(live), desired as unknown as JsonObject, clone(live) as unknown as JsonObject, usesStrategicMerge(groupOf(target.apiVersion)));
  return deepEqual(merged, live);
}

function write(env: SyncEnv, t: RuntimeTask, target: KubeObject, s: SyncSettings, replace: boolean): ApplyOutcome {
  const ref = kubectlRef(t.kind, t.group, t.name);
  const ssa = !hasAnnotationOption(target, ANNOTATION_SYNC_OPTIONS, 'ServerSideApply=false') &&
    (s.serverSideApply || hasAnnotationOption(target, ANNOTATION_SYNC_OPTIONS, 'ServerSideApply=true'));
  const live = t.liveObj;
  const opts = { fieldManager: CLIENT_SIDE_MANAGER };
  try {
    if (replace) {
      if (!live) {
        env.store.create(target, opts);
        return { code: 'Synced', message: `${ref} created` };
      }
      const update = clone(target);
      update.metadata.resourceVersion = live.metadata.resourceVersion;
      env.store.update(update, opts);
      // Replacing a CRD or a Namespace would delete what lives in it: upstream updates those instead.
      const isCrd = t.kind === 'CustomResourceDefinition' && t.group === 'apiextensions.k8s.io';
      if (isCrd || (t.kind === 'Namespace' && t.group === '')) return { code: 'Synced', message: `${t.kind}/${t.name} updated` };
      return { code: 'Synced', message: `${ref} replaced` };
    }
    if (ssa) {
      env.store.apply(target, { fieldManager: env.manager ?? ARGOCD_SSA_MANAGER, force: true });
      return { code: 'Synced', message: `${ref} serverside-applied` };
    }
    if (!live) {
      // withLastApplied builds a private copy: the store may take it over instead of copying it again.
      checkEnvelope(target);
      env.store.adopt(withLastApplied(target), opts);
      return { code: 'Synced', message: `${ref} created` };
    }
    const desired = withLastApplied(target);
    const merged = predictLive(lastAppliedOf(live), desired as unknown as JsonObject, clone(live) as unknown as JsonObject,
      usesStrategicMerge(groupOf(target.apiVersion))) as unknown as KubeObject;
    merged.metadata.resourceVersion = live.metadata.resourceVersion;
    const stored = env.store.update(merged, opts);
    const changed = stored.metadata.resourceVersion !== live.metadata.resourceVersion;
    return { code: 'Synced', message: `${ref} ${changed ? 'configured' : 'unchanged'}` };
  } catch (e) {
    const force = s.force || hasAnnotationOption(target, ANNOTATION_SYNC_OPTIONS, 'Force=true');
    if (force && live && e instanceof ApiError && (e.reason === 'Invalid' || e.reason === 'Conflict')) return recreate(env, t, target, replace);
    return { code: 'SyncFailed', message: errMessage(e) };
  }
}

/** `--force`: what cannot be patched (an immutable field) is deleted and created again. */
function recreate(env: SyncEnv, t: RuntimeTask, target: KubeObject, replace: boolean): ApplyOutcome {
  const ref = kubectlRef(t.kind, t.group, t.name);
  try {
    if (t.liveObj) deleteLive(env, t.liveObj, 'Background');
    env.store.create(replace ? target : withLastApplied(target));
    return { code: 'Synced', message: `${ref} ${replace ? 'replaced' : 'configured'}` };
  } catch (e) {
    return { code: 'SyncFailed', message: errMessage(e) };
  }
}

/** gitops-engine pruneObject. */
export function pruneObject(env: SyncEnv, t: RuntimeTask, s: SyncSettings, dryRun: boolean): ApplyOutcome {
  if (t.pruneSkipped === 'ignored (requires pruning)' || !s.prune) return { code: 'PruneSkipped', message: 'ignored (requires pruning)' };
  if (t.pruneSkipped === 'ignored (no prune)') return { code: 'PruneSkipped', message: 'ignored (no prune)' };
  if (dryRun) return { code: 'Pruned', message: 'pruned (dry run)' };
  const live = t.liveObj;
  // Already being deleted: asking again would only loop.
  if (live && !live.metadata.deletionTimestamp) {
    try {
      deleteLive(env, live, s.prunePropagationPolicy);
    } catch (e) {
      return { code: 'SyncFailed', message: errMessage(e) };
    }
  }
  return { code: 'Pruned', message: 'pruned' };
}

export function deleteLive(env: SyncEnv, live: KubeObject, policy: PropagationPolicy): StoredObject {
  return env.store.delete({ apiVersion: live.apiVersion, kind: live.kind, namespace: live.metadata.namespace, name: live.metadata.name ?? '' }, { propagationPolicy: policy });
}

/** Drop the hook finalizer so the hook can go (upstream removeHookFinalizer); a vanished hook is fine. */
export function removeHookFinalizer(env: SyncEnv, t: RuntimeTask): string | undefined {
  const live = t.liveObj;
  if (!live || !(live.metadata.finalizers ?? []).includes(HOOK_FINALIZER)) return undefined;
  const key = { apiVersion: live.apiVersion, kind: live.kind, namespace: live.metadata.namespace, name: live.metadata.name ?? '' };
  const current = env.store.get(key);
  if (!current) return undefined;
  const next = clone(current) as KubeObject;
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== HOOK_FINALIZER);
  try {
    const stored = env.store.update(next);
    t.liveObj = env.store.get(key) ?? stored;
    if (!env.store.get(key)) delete t.liveObj;
    return undefined;
  } catch (e) {
    return errMessage(e);
  }
}
