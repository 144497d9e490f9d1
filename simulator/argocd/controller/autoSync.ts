/**
 * autoSync (argo-cd controller/appcontroller.go): start an automated sync when the app is OutOfSync,
 * unless this revision was already attempted with the same source; self-heal re-syncs drifted resources
 * of an already-synced revision after the self-heal back-off; prune and allowEmpty guard deletions.
 */
import type { JsonObject } from '../../cluster/types.js';
import type { Operation, SyncOperation } from '../sync/engine/index.js';
import { deepEqualJson, record, requeue, writeApp } from './context.js';
import type { AppReconcile } from './context.js';
import { selfHealRemainingMs } from './retry.js';
import { appSources, isMultiSource } from './types.js';
import type { AppCondition, AppResourceStatus, Application, SyncStatus } from './types.js';

/** SyncOperation with Argo's `autoHealAttemptsCount` (SelfHealAttemptsCount). */
type HealingSync = SyncOperation & { autoHealAttemptsCount?: number };

export function automatedSyncEnabled(app: Application): boolean {
  const a = app.spec.syncPolicy?.automated;
  return a !== undefined && a !== null && a.enabled !== false;
}

const fmtList = (revs: string[]): string => `[${revs.join(' ')}]`;

/** alreadyAttemptedSync: the last operation synced these revisions from the same source(s). */
function alreadyAttempted(app: Application, desired: string[]): { attempted: boolean; last: string[]; phase?: string } {
  const op = app.status?.operationState;
  if (!op) return { attempted: false, last: [] };
  const res = op.syncResult;
  const phase = op.phase;
  if (!res || (!res.revision && !(res.revisions?.length ?? 0))) {
    return { attempted: phase === 'Succeeded' || phase === 'Failed' || phase === 'Error', last: [], phase };
  }
  if (isMultiSource(app)) {
    const last = res.revisions ?? [];
    if (!deepEqualJson(last, desired)) return { attempted: false, last, phase };
    return { attempted: deepEqualJson(app.spec.sources, res.sources), last, phase };
  }
  const last = [res.revision];
  if (desired.length !== 1 || res.revision !== desired[0]) return { attempted: false, last, phase };
  return { attempted: deepEqualJson(app.spec.source, res.source), last, phase };
}

/** Returns the SyncError condition to show, if any. May write `app.operation`. */
export function autoSync(r: AppReconcile, sync: SyncStatus, resources: readonly AppResourceStatus[]): AppCondition | undefined {
  const app = r.app;
  if (!automatedSyncEnabled(app)) return undefined;
  const automated = app.spec.syncPolicy?.automated ?? {};
  if (app.operation || app.metadata.deletionTimestamp) return undefined;
  if (sync.status !== 'OutOfSync') return undefined;
  if (!automated.prune && resources.every((res) => res.status === 'Synced' || res.requiresPruning)) {
    r.events.push({ type: 'COMPARED', status: 'OutOfSync', why: 'Only extra resources differ (they need pruning) but automated prune is off, so auto-sync does nothing; the resources are marked requiresPruning.' });
    return undefined;
  }
  const desired = isMultiSource(app) ? (sync.revisions ?? []) : [sync.revision ?? ''];
  const syncOp: HealingSync = { revision: sync.revision ?? '', prune: automated.prune === true };
  if (app.spec.syncPolicy?.syncOptions) syncOp.syncOptions = app.spec.syncPolicy.syncOptions;
  if (isMultiSource(app)) {
    syncOp.sources = appSources(app) as JsonObject[];
    syncOp.revisions = desired;
  } else if (app.spec.source) syncOp.source = app.spec.source;

  const tried = alreadyAttempted(app, desired);
  if (tried.attempted) {
    if (tried.phase !== 'Succeeded') {
      return { type: 'SyncError', message: `Failed last sync attempt to ${fmtList(tried.last)}: ${app.status?.operationState?.message ?? ''}` };
    }
    if (!automated.selfHeal) {
      r.events.push({ type: 'COMPARED', status: 'OutOfSync', why: `Auto-sync already synced ${fmtList(desired)}; the live drift stays until the next commit or a manual sync because selfHeal is off.` });
      return undefined;
    }
    const prevSync = app.status?.operationState?.operation.sync as HealingSync | undefined;
    const attempts = prevSync?.autoHealAttemptsCount ?? 0;
    const finishedAt = app.status?.operationState?.finishedAt;
    const since = finishedAt ? r.ctx.now() - Date.parse(finishedAt) : undefined;
    const remaining = selfHealRemainingMs(r.settings, attempts, since);
    if (remaining > 0) {
      requeue(r, remaining);
      r.events.push({ type: 'COMPARED', status: 'OutOfSync', why: `Self-heal waits ${Math.ceil(remaining / 1000)}s more: after ${attempts} self-heal attempt(s) the back-off is longer, so a resource fighting the controller does not loop.` });
      return undefined;
    }
    syncOp.autoHealAttemptsCount = attempts + 1;
    syncOp.resources = resources.filter((res) => res.status !== 'Synced').map((res) => ({ kind: res.kind, group: res.group, name: res.name }));
  }
  if (automated.prune && !automated.allowEmpty && resources.every((res) => res.requiresPruning)) {
    return { type: 'SyncError', message: `Skipping sync attempt to ${fmtList(desired)}: auto-sync will wipe out all resources` };
  }
  const operation: Operation = {
    sync: syncOp,
    initiatedBy: { automated: true },
    retry: app.spec.syncPolicy?.retry ?? { limit: 5 },
  };
  writeApp(r, { ...app, operation });
  const healing = syncOp.autoHealAttemptsCount !== undefined;
  record(
    r,
    'OperationStarted',
    `Initiated automated sync to '${desired.join(', ')}'`,
    healing
      ? `selfHeal is on and the live state drifted from git (${syncOp.resources?.length ?? 0} resource(s) OutOfSync) at the revision already synced, so the controller re-applies them.`
      : `The app is OutOfSync with revision ${(desired[0] ?? '').slice(0, 7)} and syncPolicy.automated is set, so the controller starts a sync by itself (once per revision).`,
  );
  requeue(r, 0);
  return undefined;
}
