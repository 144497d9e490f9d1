/** gitops-engine runTasks: finalizers of old hooks, prunes, BeforeHookCreation deletions, then applies by kind. */
import { hasAnnotationOption } from '../common/annotations.js';
import { resourceSyncOptions } from '../common/syncOptions.js';
import { ANNOTATION_SYNC_OPTIONS } from '../common/types.js';
import type { OperationPhase, ResultCode } from '../common/types.js';
import { applyObject, deleteLive, pruneObject, removeHookFinalizer } from './apply.js';
import { note } from './context.js';
import type { SyncContext } from './context.js';
import { deleteBeforeCreation, isPending, kubectlRef } from './task.js';
import type { RuntimeTask } from './task.js';
import { ApiError } from '../../../core/errors.js';

export type RunState = 'successful' | 'pending' | 'failed';

const OPERATION_PHASES: Readonly<Record<ResultCode, OperationPhase>> = {
  Synced: 'Running', SyncFailed: 'Failed', Pruned: 'Succeeded', PruneSkipped: 'Succeeded',
};

/** stateSync.Wait: failed wins over pending, pending over successful. */
const worst = (a: RunState, b: RunState): RunState => (a === 'failed' || b === 'failed' ? 'failed' : a === 'pending' || b === 'pending' ? 'pending' : 'successful');

export const ANNOTATION_DELETION_APPROVED = 'argocd.argoproj.io/deletion-approved';

/** Application.IsDeletionConfirmed: the approval is an RFC 3339 time no earlier than the operation's start. */
function pruneConfirmed(ctx: SyncContext): boolean {
  const val = ctx.req.app.metadata.annotations?.[ANNOTATION_DELETION_APPROVED];
  if (!val) return false;
  const at = Date.parse(val);
  return !Number.isNaN(at) && at >= Date.parse(ctx.startedAt);
}

export function runTasks(ctx: SyncContext, tasks: readonly RuntimeTask[], dryRunIn: boolean): RunState {
  const { env, s, results } = ctx;
  const dryRun = dryRunIn || s.dryRun;
  let state: RunState = 'successful';
  const pruneTasks = tasks.filter((t) => t.isPrune);
  const createTasks = tasks.filter((t) => !t.isPrune);

  // A hook left from an earlier sync still carries our finalizer: drop it so it can be replaced.
  if (!dryRun) {
    for (const t of tasks) {
      if (!t.isHook || !isPending(t) || !t.liveObj) continue;
      const err = removeHookFinalizer(env, t);
      if (err !== undefined) {
        state = 'failed';
        results.set(t, t.syncStatus, 'Error', `failed to remove hook finalizer: ${err}`);
      }
    }
  }
  if (state !== 'successful') return state;

  // Prune=confirm: nothing is pruned until someone approves (argocd app confirm-deletion sets the annotation).
  if (!pruneConfirmed(ctx)) {
    const waiting = pruneTasks.filter((t) => t.liveObj && resourceSyncOptions(t.liveObj).prune === 'confirm').map((t) => `${t.liveObj?.apiVersion ?? ''}/${t.kind}/${t.name}`);
    if (waiting.length > 0) {
      ctx.message = `Waiting for pruning confirmation of ${waiting[0]}${waiting.length > 1 ? ` and ${waiting.length - 1} more resources` : ''}`;
      return 'pending';
    }
  }

  for (const t of pruneTasks) {
    const r = pruneObject(env, t, s, dryRun);
    if (r.code === 'SyncFailed') state = 'failed';
    if (!dryRun || s.dryRun || r.code === 'SyncFailed') results.set(t, r.code, OPERATION_PHASES[r.code], r.message);
    if (!dryRun && r.code === 'Pruned') {
      note(ctx, 'ResourcePruned', `${kubectlRef(t.kind, t.group, t.name)} pruned`,
        `${t.kind} ${t.name} is no longer in git and the sync allows pruning, so Argo CD deleted it (prunes run before the applies of their wave).`);
    }
  }
  if (state !== 'successful') return state;

  // BeforeHookCreation (the default policy): the previous run of this hook goes before the new one is created.
  for (const t of createTasks.filter(deleteBeforeCreation)) {
    if (dryRun || !t.liveObj) continue;
    try {
      deleteLive(env, t.liveObj, 'Foreground');
      state = worst(state, 'pending');
      note(ctx, 'HookDeleted', `${kubectlRef(t.kind, t.group, t.name)} deleted before re-creation`,
        `Hook ${t.name} already exists from an earlier sync and its delete policy is BeforeHookCreation, so the old one is deleted first; the sync waits until it is gone.`);
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') delete t.liveObj;
      else {
        state = 'failed';
        results.set(t, t.syncStatus, 'Error', `failed to delete resource: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  if (state !== 'successful') return state;

  for (const t of createTasks) {
    if (dryRun && t.skipDryRun) continue;
    const validate = s.validate && !hasAnnotationOption(t.targetObj, ANNOTATION_SYNC_OPTIONS, 'Validate=false');
    const r = applyObject(env, t, s, dryRun, validate);
    if (r.code === 'SyncFailed') state = 'failed';
    if (!dryRun || s.dryRun || r.code === 'SyncFailed') {
      let phase = OPERATION_PHASES[r.code];
      // Nothing is created in a dry-run sync: passing validation is success.
      if (s.dryRun && phase === 'Running') phase = 'Succeeded';
      results.set(t, r.code, phase, r.message);
      if (t.isHook && !dryRun && r.code === 'Synced') {
        note(ctx, 'HookCreated', `${t.phase} hook ${kubectlRef(t.kind, t.group, t.name)} created`,
          `${t.kind} ${t.name} is a ${t.phase} hook (wave ${t.wave}); the sync waits for it to finish before going on.`);
      }
    }
  }
  return state;
}
