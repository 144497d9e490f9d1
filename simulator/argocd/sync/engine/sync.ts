/**
 * gitops-engine syncContext.Sync(), one call = one step: dry run once, re-check running tasks, wait,
 * fail (running SyncFail hooks), or run the next phase/wave and pause ARGOCD_SYNC_WAVE_DELAY after it.
 */
import { getResourceHealth } from '../../health/index.js';
import type { OperationPhase } from '../common/types.js';
import { deleteLive, removeHookFinalizer } from './apply.js';
import { note, setOperationPhase } from './context.js';
import type { SyncContext } from './context.js';
import { prepareTasks } from './prepare.js';
import { runTasks } from './run.js';
import {
  deleteOnPhaseCompletion, deleteOnPhaseFailed, deleteOnPhaseSuccessful, isCompletedTask, isPending, isPruned, isRunning, isSuccessful,
  kubectlRef,
} from './task.js';
import type { RuntimeTask } from './task.js';
import type { KubeObject } from '../../../cluster/types.js';
import { ApiError } from '../../../core/errors.js';

/** getOperationPhase: a hook's state from its live health (no health: done once created). */
export function hookOperationPhase(ctx: SyncContext, live: KubeObject): { phase: OperationPhase; message: string } {
  const h = getResourceHealth(live, ctx.env.healthOverrides);
  if (!h) return { phase: 'Succeeded', message: `${live.metadata.name ?? ''} created` };
  const message = h.message ?? '';
  if (h.status === 'Unknown' || h.status === 'Degraded') return { phase: 'Failed', message };
  if (h.status === 'Progressing' || h.status === 'Suspended') return { phase: 'Running', message };
  if (h.status === 'Healthy') return { phase: 'Succeeded', message };
  return { phase: 'Succeeded', message: `${live.metadata.name ?? ''} created` };
}

/** setRunningPhase: "waiting for healthy state of apps/Deployment/web and 2 more resources". */
function setRunningPhase(ctx: SyncContext, tasks: readonly RuntimeTask[], pendingDeletion: boolean): void {
  if (tasks.length === 0) return;
  const first = tasks[0];
  let waitingFor = first.isHook ? 'completion of hook' : 'healthy state of';
  const andMore = first.isHook ? 'hooks' : 'resources';
  if (pendingDeletion) waitingFor = 'deletion of';
  let message = `waiting for ${waitingFor} ${first.group}/${first.kind}/${first.name}`;
  if (tasks.length > 1) message = `${message} and ${tasks.length - 1} more ${andMore}`;
  setOperationPhase(ctx, 'Running', message);
}

function deleteHooks(ctx: SyncContext, tasks: readonly RuntimeTask[], why: string): void {
  for (const t of tasks) {
    if (!t.liveObj) continue;
    try {
      deleteLive(ctx.env, t.liveObj, ctx.s.prunePropagationPolicy);
      note(ctx, 'HookDeleted', `${kubectlRef(t.kind, t.group, t.name)} deleted`, why);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) {
        ctx.results.set(t, undefined, 'Error', `failed to delete resource: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

/** setOperationFailed: the reasons are the messages of tasks that failed to apply; SyncFail hooks run first. */
function setOperationFailed(ctx: SyncContext, syncFailTasks: RuntimeTask[], syncFailedTasks: RuntimeTask[], message: string): void {
  const withReasons = (tasks: RuntimeTask[], m: string) => (tasks.length > 0 ? `${m}, reason: ${tasks.map((t) => t.message).join(',')}` : m);
  const errorMessage = withReasons(syncFailedTasks, message);
  if (syncFailTasks.length === 0 || syncFailTasks.every(isCompletedTask)) {
    setOperationPhase(ctx, 'Failed', errorMessage);
    return;
  }
  note(ctx, 'SyncFailHooks', `running ${syncFailTasks.length} SyncFail hook(s)`,
    `The sync failed (${message}); SyncFail hooks run now so they can clean up or notify, and the operation ends as Failed once they finish.`, 'Warning');
  if (runTasks(ctx, syncFailTasks, false) === 'failed') {
    const failed = syncFailTasks.filter((t) => t.syncStatus === 'SyncFailed');
    setOperationPhase(ctx, 'Failed', `${errorMessage}\n${withReasons(failed, 'one or more SyncFail hooks failed')}`);
  }
}

/** Refresh the state of tasks still running from their live objects. */
function updateRunningTasks(ctx: SyncContext, tasks: readonly RuntimeTask[]): void {
  for (const t of tasks) {
    if (!isRunning(t) || !t.liveObj) continue;
    if (t.isHook) {
      const r = hookOperationPhase(ctx, t.liveObj);
      ctx.results.set(t, undefined, r.phase, r.message);
      continue;
    }
    const h = getResourceHealth(t.liveObj, ctx.env.healthOverrides);
    if (!h) ctx.results.set(t, t.syncStatus, 'Succeeded', t.message);
    else if (h.status === 'Healthy') ctx.results.set(t, t.syncStatus, 'Succeeded', h.message ?? '');
    else if (h.status === 'Degraded') ctx.results.set(t, t.syncStatus, 'Failed', h.message ?? '');
  }
}

function filterOutOfSync(ctx: SyncContext, tasks: RuntimeTask[]): RuntimeTask[] {
  return tasks.filter((t) => {
    if (t.isHook) return true;
    const key = `${t.group}/${t.kind}/${t.liveObj?.metadata.namespace ?? t.namespace}/${t.name}`;
    const modified = ctx.modified.get(key);
    return !(modified === false && t.targetObj && t.liveObj);
  });
}

export function sync(ctx: SyncContext): void {
  const { env, req, s } = ctx;
  const started = ctx.results.size > 0;
  const prepared = prepareTasks(env, req, s, ctx.results, ctx.startedAt);
  let tasks = prepared.tasks;
  if (!prepared.ok) {
    setOperationPhase(ctx, 'Failed', 'one or more synchronization tasks are not valid');
    return;
  }

  if (!started) {
    // One `kubectl apply --dry-run` of everything before the first write: a broken manifest stops the sync.
    let dryRunTasks = tasks;
    const nsTask = tasks.find((t) => !t.liveObj && t.kind === 'Namespace' && t.group === '' && t.name === s.namespace && s.createNamespace);
    if (nsTask) {
      if (runTasks(ctx, [nsTask], false) === 'failed') {
        setOperationFailed(ctx, [], [nsTask], 'the namespace failed to apply');
        return;
      }
      note(ctx, 'NamespaceCreated', `namespace/${nsTask.name} created`,
        `CreateNamespace=true: the destination namespace ${nsTask.name} did not exist, so Argo CD created it before anything else.`);
      dryRunTasks = tasks.filter((t) => t !== nsTask);
    }
    if (s.applyOutOfSyncOnly) dryRunTasks = filterOutOfSync(ctx, dryRunTasks);
    if (runTasks(ctx, dryRunTasks, true) === 'failed') {
      setOperationPhase(ctx, 'Failed', 'one or more objects failed to apply (dry run)');
      return;
    }
  }

  updateRunningTasks(ctx, tasks);

  // Multi-step syncs wait for every running task; single-step ones only for hooks.
  const multiStep = tasks.length > 0 && (tasks[0].phase !== tasks[tasks.length - 1].phase || tasks[0].wave !== tasks[tasks.length - 1].wave);
  const running = tasks.filter((t) => (multiStep || t.isHook) && isRunning(t));
  if (running.length > 0) {
    setRunningPhase(ctx, running, false);
    return;
  }
  const prunedPendingDelete = tasks.filter((t) => isPruned(t) && t.liveObj?.metadata.deletionTimestamp !== undefined);
  if (prunedPendingDelete.length > 0) {
    setRunningPhase(ctx, prunedPendingDelete, true);
    return;
  }

  for (const t of tasks.filter((x) => x.isHook && isCompletedTask(x))) {
    const err = removeHookFinalizer(env, t);
    if (err !== undefined) ctx.results.set(t, t.syncStatus, 'Error', `Failed to remove hook finalizer: ${err}`);
  }
  const hooksDeleteOnSuccess = tasks.filter((t) => t.isHook && t.liveObj && !isRunning(t) && deleteOnPhaseSuccessful(t));
  const hooksDeleteOnFailure = tasks.filter((t) => t.isHook && t.liveObj && !isRunning(t) && deleteOnPhaseFailed(t));
  const syncFailTasks = tasks.filter((t) => t.phase === 'SyncFail');
  tasks = tasks.filter((t) => t.phase !== 'SyncFail');
  const syncFailedTasks = tasks.filter((t) => t.syncStatus === 'SyncFailed');

  if (tasks.some((t) => isCompletedTask(t) && !isSuccessful(t))) {
    deleteHooks(ctx, hooksDeleteOnFailure, 'The hook failed and its delete policy is HookFailed, so Argo CD deletes it.');
    setOperationFailed(ctx, syncFailTasks, syncFailedTasks, 'one or more synchronization tasks completed unsuccessfully');
    return;
  }

  tasks = tasks.filter(isPending);
  if (s.applyOutOfSyncOnly) tasks = filterOutOfSync(ctx, tasks);
  const succeededWhy = 'The hook succeeded and its delete policy is HookSucceeded, so Argo CD deletes it once the sync is done.';
  if (tasks.length === 0) {
    deleteHooks(ctx, hooksDeleteOnSuccess, succeededWhy);
    setOperationPhase(ctx, 'Succeeded', 'successfully synced (no more tasks)');
    return;
  }

  const phase = tasks[0].phase;
  const wave = tasks[0].wave;
  const last = tasks[tasks.length - 1];
  const finalWave = phase === last.phase && wave === last.wave;
  const remaining = tasks.filter((t) => t.phase !== phase || t.wave !== wave || t.isHook);
  const current = tasks.filter((t) => t.phase === phase && t.wave === wave);
  setOperationPhase(ctx, 'Running', 'one or more tasks are running');
  note(ctx, 'SyncWave', `${phase} wave ${wave}: ${current.length} task(s)`, waveWhy(phase, wave, current, finalWave));
  const state = runTasks(ctx, current, false);
  if (state !== 'failed' && !finalWave) ctx.waveDelayUntil = env.now() + (env.waveDelayMs ?? 2000);

  if (state === 'failed') {
    const failed = current.filter((t) => t.syncStatus === 'SyncFailed');
    deleteHooks(ctx, hooksDeleteOnFailure, 'The hook failed and its delete policy is HookFailed, so Argo CD deletes it.');
    setOperationFailed(ctx, syncFailTasks, failed, 'one or more objects failed to apply');
  } else if (state === 'successful') {
    if (remaining.length === 0) {
      deleteHooks(ctx, hooksDeleteOnSuccess, succeededWhy);
      setOperationPhase(ctx, 'Succeeded', 'successfully synced (all tasks run)');
    } else setRunningPhase(ctx, remaining, false);
  } else {
    setRunningPhase(ctx, current.filter(deleteOnPhaseCompletion), true);
  }
}

function waveWhy(phase: string, wave: number, current: readonly RuntimeTask[], finalWave: boolean): string {
  const names = current.slice(0, 3).map((t) => `${t.kind}/${t.name}`).join(', ');
  const more = current.length > 3 ? ` and ${current.length - 3} more` : '';
  const after = finalWave
    ? 'This is the last wave.'
    : 'Argo CD then pauses 2 s (ARGOCD_SYNC_WAVE_DELAY) and starts the next wave only when everything in this one is healthy.';
  return `Tasks run by phase (PreSync, Sync, PostSync), then sync wave, then kind; ${phase} wave ${wave} is next: ${names}${more}. ${after}`;
}
