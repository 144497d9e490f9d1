/** gitops-engine syncContext.Terminate: running hooks are deleted, the operation ends "Operation terminated". */
import { ApiError } from '../../../core/errors.js';
import { deleteLive, removeHookFinalizer } from './apply.js';
import { note, setOperationPhase } from './context.js';
import type { SyncContext } from './context.js';
import { prepareTasks } from './prepare.js';
import { hookOperationPhase } from './sync.js';
import { kubectlRef } from './task.js';

export function terminate(ctx: SyncContext): void {
  let ok = true;
  const { tasks } = prepareTasks(ctx.env, ctx.req, ctx.s, ctx.results, ctx.startedAt);
  for (const t of tasks) {
    if (!t.isHook || !t.liveObj) continue;
    const err = removeHookFinalizer(ctx.env, t);
    if (err !== undefined) {
      ctx.results.set(t, t.syncStatus, 'Error', `Failed to remove hook finalizer: ${err}`);
      ok = false;
      continue;
    }
    if (!t.liveObj) continue;
    const { phase, message } = hookOperationPhase(ctx, t.liveObj);
    if (phase !== 'Running') {
      ctx.results.set(t, undefined, phase, message);
      continue;
    }
    try {
      deleteLive(ctx.env, t.liveObj, ctx.s.prunePropagationPolicy);
      ctx.results.set(t, undefined, 'Succeeded', 'Deleted');
      note(ctx, 'HookDeleted', `${kubectlRef(t.kind, t.group, t.name)} deleted`,
        `The operation was terminated while hook ${t.name} was still running, so Argo CD deleted it.`, 'Warning');
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound') ctx.results.set(t, undefined, 'Succeeded', 'Deleted');
      else {
        ctx.results.set(t, undefined, 'Failed', `Failed to delete: ${e instanceof Error ? e.message : String(e)}`);
        ok = false;
      }
    }
  }
  if (ok) setOperationPhase(ctx, 'Failed', 'Operation terminated');
  else setOperationPhase(ctx, 'Error', 'Operation termination had errors');
}
