/** syncStep: one re-entrant step of a sync operation, from data to data (see types.ts for the contract). */
import { isCompleted } from '../common/types.js';
import { note } from './context.js';
import type { SyncContext } from './context.js';
import { Results } from './results.js';
import { settingsFor } from './settings.js';
import { sync } from './sync.js';
import { terminate } from './terminate.js';
import type { OperationState, SyncEnv, SyncRequest, SyncStepResult } from './types.js';

/** While tasks run or objects are being deleted, look again after this long (the controller also calls on changes). */
export const SYNC_POLL_MS = 1000;

export function syncStep(env: SyncEnv, req: SyncRequest, prev: OperationState | undefined): SyncStepResult {
  if (prev && isCompleted(prev.phase)) return { state: prev };
  const now = env.now();
  if (!req.terminate && prev?.phase !== 'Terminating' && prev?.waveDelayUntil !== undefined && now < prev.waveDelayUntil) {
    return { state: prev, requeueAfterMs: prev.waveDelayUntil - now };
  }
  const ctx: SyncContext = {
    env, req, s: settingsFor(req), results: new Results(prev?.syncResult.resources),
    phase: prev?.phase ?? 'Running', message: prev?.message ?? '', startedAt: prev?.startedAt ?? env.iso(now),
    modified: new Map((req.compare?.resources ?? []).map((r) => [`${r.group}/${r.kind}/${r.namespace}/${r.name}`, r.status === 'OutOfSync'])),
    app: { apiVersion: req.app.apiVersion, kind: req.app.kind, namespace: req.app.metadata.namespace, name: req.app.metadata.name ?? '', uid: req.app.metadata.uid },
  };
  const before = ctx.message;
  if (req.terminate || prev?.phase === 'Terminating') terminate(ctx);
  else if (!req.operation.sync) {
    ctx.phase = 'Error';
    ctx.message = 'Invalid operation request: no operation specified';
  } else sync(ctx);

  const state: OperationState = {
    operation: req.operation,
    phase: ctx.phase,
    message: ctx.message,
    startedAt: ctx.startedAt,
    syncResult: { ...prev?.syncResult, revision: req.revision, resources: ctx.results.list() },
  };
  if (prev?.retryCount !== undefined) state.retryCount = prev.retryCount;
  if (isCompleted(state.phase)) {
    state.finishedAt = env.iso(now);
    return { state };
  }
  if (ctx.message !== before && /^waiting for/i.test(ctx.message)) {
    note(ctx, 'SyncWaiting', ctx.message, waitWhy(ctx.message));
  }
  if (ctx.waveDelayUntil !== undefined) {
    state.waveDelayUntil = ctx.waveDelayUntil;
    return { state, requeueAfterMs: ctx.waveDelayUntil - now };
  }
  return { state, requeueAfterMs: SYNC_POLL_MS };
}

function waitWhy(message: string): string {
  if (message.startsWith('Waiting for pruning confirmation')) {
    return 'A resource to prune has Prune=confirm: nothing is deleted until the deletion is approved (argocd app confirm-deletion, the argocd.argoproj.io/deletion-approved annotation).';
  }
  if (message.includes('completion of hook')) return 'A hook runs to completion (a Job completes, a Pod succeeds, a Workflow finishes) before the sync moves on.';
  if (message.includes('deletion of')) return 'An object being deleted still exists (finalizers, a pod terminating); the sync continues once it is gone.';
  return 'The next sync wave starts only when every resource of the previous waves reports Healthy (Argo CD health checks).';
}
