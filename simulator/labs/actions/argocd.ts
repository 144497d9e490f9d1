/**
 * `argocd`: an Argo CD API call through `ArgoCDServer.as(user)`, so RBAC and project rules apply. A
 * denial is the action's error (as the argocd CLI prints it), not a crash.
 */
import { ArgoApiError, ArgoCDServer } from '../../argocd/server/index.js';
import type { LabWorld } from '../world.js';
import type { Action } from '../types.js';
import type { ActionResult } from './types.js';

type ArgoSpec = Extract<Action, { argocd: unknown }>['argocd'];

export function argocdAction(world: LabWorld, spec: ArgoSpec): ActionResult {
  const user = spec.as ?? 'admin';
  const action = `argocd app ${spec.action} ${spec.app}${spec.action === 'rollback' ? ` ${spec.id ?? 0}` : ''} (as ${user})`;
  try {
    const session = new ArgoCDServer(world.sandbox).as(user);
    switch (spec.action) {
      case 'sync':
        session.sync(spec.app, {
          ...(spec.revision !== undefined ? { revision: spec.revision } : {}),
          ...(spec.prune !== undefined ? { prune: spec.prune } : {}),
          ...(spec.dryRun !== undefined ? { dryRun: spec.dryRun } : {}),
          ...(spec.resources ? { resources: spec.resources } : {}),
        });
        break;
      case 'refresh':
        session.refreshApplication(spec.app, 'normal');
        break;
      case 'hardRefresh':
        session.refreshApplication(spec.app, 'hard');
        break;
      case 'rollback':
        session.rollback(spec.app, spec.id ?? 0, { ...(spec.prune !== undefined ? { prune: spec.prune } : {}), ...(spec.dryRun !== undefined ? { dryRun: spec.dryRun } : {}) });
        break;
      case 'delete':
        session.deleteApplication(spec.app, spec.cascade !== undefined ? { cascade: spec.cascade } : {});
        break;
      case 'terminate':
        session.terminateOperation(spec.app);
        break;
    }
    return { action, ok: true };
  } catch (err) {
    if (err instanceof ArgoApiError) return { action, ok: false, error: err.toString(), ...(err.why && err.why !== err.message ? { note: err.why } : {}) };
    return { action, ok: false, error: (err as Error).message };
  }
}
