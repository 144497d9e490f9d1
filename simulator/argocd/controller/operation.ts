/**
 * processRequestedAppOperation: start, resume, retry or terminate the Application's operation. Each call
 * renders the operation's source at its revision, compares, and runs one `syncStep` of the sync engine;
 * failures retry with back-off (RetryStrategy), completion clears `app.operation`, records history and an
 * OperationCompleted event, as Argo CD's controller does.
 */
import type { JsonObject, KubeObject } from '../../cluster/types.js';
import type { ResourceIgnoreDifferences } from '../diff/index.js';
import { isCompleted } from '../sync/common/index.js';
import { syncStep } from '../sync/engine/index.js';
import type { OperationState, SyncEnv } from '../sync/engine/index.js';
import { compareAppState } from './appState.js';
import { collectLive } from './live.js';
import { deepEqualJson, record, requeue, writeApp, writeAppStatus } from './context.js';
import type { AppReconcile } from './context.js';
import { renderTargets } from './render.js';
import { kitchen, retryDelayMs } from './retry.js';
import { windowAllows } from './project.js';
import { appSources, asObject, isMultiSource } from './types.js';
import type { AppSource, Application, RevisionHistory } from './types.js';

/** The wait between polls of a running operation when the engine names none (appOperationMaxRequeueInterval). */
const MAX_REQUEUE_MS = 30_000;

export function operationInProgress(app: Application): boolean {
  const p = app.status?.operationState?.phase;
  return p === 'Running' || p === 'Terminating';
}

function env(r: AppReconcile): SyncEnv {
  const e: SyncEnv = {
    store: r.ctx.store,
    now: () => r.ctx.now(),
    iso: (ms) => r.ctx.iso(ms),
    rng: r.ctx.rng,
    record: (ev) => r.ctx.record(ev),
    manager: 'argocd-controller',
    waveDelayMs: r.settings.waveDelayMs,
  };
  if (r.permitted) e.permitted = r.permitted;
  if (r.healthOverrides) e.healthOverrides = r.healthOverrides;
  return e;
}

/** Sources and revisions the operation syncs: the result's (resumed), the operation's (rollback), or the spec's. */
function operationSources(app: Application, state: OperationState | undefined): { sources: AppSource[]; revisions: (string | undefined)[] } {
  const sync = (state?.operation ?? app.operation)?.sync ?? {};
  const res = state?.syncResult;
  if (res && (res.revision || (res.revisions?.length ?? 0) > 0)) {
    const sources = (res.sources?.length ? res.sources : res.source ? [res.source] : appSources(app)) as AppSource[];
    return { sources, revisions: res.revisions?.length ? res.revisions : [res.revision] };
  }
  const sources = (sync.sources?.length ? sync.sources : sync.source ? [sync.source] : appSources(app)) as AppSource[];
  const revisions = sync.revisions?.length ? sync.revisions : sources.map((_, i) => (i === 0 ? sync.revision || undefined : undefined));
  return { sources, revisions };
}

function completedMessage(state: OperationState): string {
  const partial = (state.operation.sync?.resources?.length ?? 0) > 0;
  const parts = [partial ? 'Partial sync operation' : 'Sync operation'];
  if (state.syncResult?.revision) parts.push('to', state.syncResult.revision);
  if (state.phase === 'Succeeded') parts.push('succeeded');
  else parts.push('failed:', state.message);
  return parts.join(' ');
}

function appendHistory(app: Application, state: OperationState, startedAt: string, deployedAt: string): RevisionHistory[] {
  const history = [...(app.status?.history ?? [])];
  const nextId = history.length > 0 ? Math.max(...history.map((h) => h.id)) + 1 : 0;
  const entry: RevisionHistory = { id: nextId, deployedAt, deployStartedAt: startedAt };
  const res = state.syncResult;
  if (isMultiSource(app)) {
    entry.revisions = res.revisions ?? [];
    entry.sources = (res.sources ?? []) as JsonObject[];
  } else {
    entry.revision = res.revision;
    if (res.source) entry.source = res.source;
  }
  if (state.operation.initiatedBy) entry.initiatedBy = state.operation.initiatedBy;
  history.push(entry);
  const limit = app.spec.revisionHistoryLimit ?? 10;
  return history.slice(Math.max(0, history.length - limit));
}

/** Whether a running step changed anything worth writing (cheaper than comparing JSON of 1,000 results). */
function sameProgress(a: OperationState, b: OperationState | undefined): boolean {
  if (!b || a.phase !== b.phase || a.message !== b.message || a.waveDelayUntil !== b.waveDelayUntil || a.retryCount !== b.retryCount) return false;
  if (a.finishedAt !== b.finishedAt || a.syncResult.revision !== b.syncResult.revision) return false;
  const ra = a.syncResult.resources;
  const rb = b.syncResult.resources;
  if (ra.length !== rb.length) return false;
  for (let i = 0; i < ra.length; i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x.name !== y.name || x.kind !== y.kind || x.namespace !== y.namespace || x.status !== y.status || x.hookPhase !== y.hookPhase || x.message !== y.message || x.syncPhase !== y.syncPhase) return false;
  }
  return true;
}

/** One pass over the app's operation. Returns true when an operation finished during this pass. */
export function processOperation(r: AppReconcile): boolean {
  const app = r.app;
  const prev = app.status?.operationState;
  // Stored objects are deep-frozen: a shallow copy suffices, and unchanged results keep their identity.
  let state: OperationState | undefined = operationInProgress(app) && prev ? { ...prev } : undefined;
  if (!state && !app.operation) return false;
  const now = r.ctx.now();
  let retryCount = state?.retryCount ?? 0;
  let retrying = false;

  if (state && state.phase === 'Running' && state.finishedAt) {
    // A failed attempt waiting for its retry (Running with finishedAt set).
    let retryAt: number;
    try {
      retryAt = Date.parse(state.finishedAt) + retryDelayMs(state.operation.retry, retryCount);
    } catch (e) {
      return finish(r, { ...state, phase: 'Error', message: e instanceof Error ? e.message : String(e) });
    }
    if (now < retryAt) {
      requeue(r, retryAt - now);
      r.events.push({ type: 'OPERATION_RETRYING', why: `Retry #${retryCount} of the failed sync waits for its back-off until ${r.ctx.iso(retryAt)}.` });
      return false;
    }
    const refresh = state.operation.retry?.refresh === true;
    state = {
      ...state,
      message: `Retrying operation${refresh ? ' with latest revisions' : ''}. Attempt #${retryCount}`,
      syncResult: { revision: refresh ? '' : state.syncResult.revision, resources: [] },
    };
    delete state.finishedAt;
    if (refresh && state.operation.sync) {
      state.operation = { ...state.operation, sync: { ...state.operation.sync } };
      delete state.operation.sync?.revision;
    }
    record(r, 'OperationStarted', state.message, `The previous attempt failed and the retry strategy allows ${state.operation.retry?.limit ?? 0} retries; the back-off has passed, so the controller syncs again.`);
    retrying = true;
  }

  // controller.sync.timeout.seconds: an operation still running that long after it started (retries included)
  // is terminated, in this same pass (processRequestedAppOperation).
  const timeoutMs = r.settings.syncTimeoutMs;
  const timedOut = !retrying && state?.phase === 'Running' && timeoutMs > 0 && now > Date.parse(state.startedAt) + timeoutMs;
  if (state && timedOut) {
    state = { ...state, phase: 'Terminating', message: 'operation is terminating due to timeout' };
    r.events.push({ type: 'OPERATION_TERMINATING', why: `The sync has run longer than controller.sync.timeout.seconds (${timeoutMs / 1000}s) allows, so the controller terminates it: running hooks are deleted and the operation fails without a retry.` });
  }

  // Inside the engine's pause between waves, or before the poll it asked for, a watched change (a hook's
  // pod, a resource just applied) is seen at that poll: stepping a 1,000-resource sync per event costs much.
  const due = Math.max(state?.waveDelayUntil ?? 0, r.state.stepAt[r.key] ?? 0);
  if (state && state.phase === 'Running' && !state.finishedAt && now < due) {
    requeue(r, due - now);
    return false;
  }
  delete r.state.stepAt[r.key];
  const starting = !state;
  const { sources, revisions } = operationSources(app, state);
  const render = renderTargets({
    host: r.git,
    store: r.ctx.store,
    app,
    instanceName: r.instanceName,
    sources,
    revisions,
    noCache: false,
    settings: r.settings,
    cache: r.state.manifestCache,
    now: () => r.ctx.now(),
    ...(r.credentials ? { credentials: r.credentials } : {}),
  });
  const operation = state?.operation ?? app.operation;
  if (!operation) return false;
  const revision = render.revisions[0] ?? '';
  const terminate = state?.phase === 'Terminating';
  // SyncAppState: comparison or spec errors stop the operation (FormatAppConditions).
  const blocking = render.error !== undefined
    ? [{ type: 'ComparisonError', message: render.error }]
    : (app.status?.conditions ?? []).filter((c) => c.type === 'ComparisonError' || c.type === 'InvalidSpecError');
  let next: OperationState;
  let requeueAfterMs: number | undefined;
  const manual = operation.initiatedBy?.automated !== true;
  const window = r.project && !terminate ? windowAllows(r, r.project, manual, state ? Date.parse(state.startedAt) : undefined) : { ok: true };
  if (!window.ok && blocking.length === 0) {
    // syncWindowPreventsSync: a running operation waits ("blocked by sync window"); a new one is not started.
    requeue(r, window.nextChange !== undefined ? Math.max(1000, window.nextChange - now) : MAX_REQUEUE_MS);
    if (state && state.message !== 'Sync operation blocked by sync window') {
      writeApp(r, { ...r.app, status: { ...(r.app.status ?? {}), operationState: { ...state, message: 'Sync operation blocked by sync window' } } });
    }
    r.events.push({ type: 'OPERATION_WAITING', why: 'A sync window of the project denies syncs now; the operation waits until the window allows it.' });
    return false;
  }
  if (blocking.length > 0 && !terminate) {
    const base: OperationState = state ?? { operation, phase: 'Running', message: '', startedAt: r.ctx.iso(), syncResult: { revision, resources: [] } };
    next = { ...base, phase: 'Error', message: blocking.map((c) => `${c.type}: ${c.message}`).join(';'), finishedAt: r.ctx.iso(now) };
  } else {
    // The engine reads the comparison only for ApplyOutOfSyncOnly; otherwise the live objects suffice.
    const options = operation.sync?.syncOptions ?? app.spec.syncPolicy?.syncOptions ?? [];
    const compared = options.includes('ApplyOutOfSyncOnly=true')
      ? compareAppState({ store: r.ctx.store, app, instanceName: r.instanceName, render, settings: r.settings, memo: r.state.compareMemo(r.key, r.project?.ignoreDifferences ?? app.spec.ignoreDifferences), ...(r.project ? { ignoreDifferences: r.project.ignoreDifferences } : {}), ...(r.healthOverrides ? { healthOverrides: r.healthOverrides } : {}) })
      : undefined;
    const live = compared?.live.live ?? collectLive(r.ctx.store, r.instanceName, render.targets, app.status?.resources ?? [], r.settings).live;
    const step = syncStep(
      env(r),
      {
        app: asObject(app) as KubeObject,
        operation,
        revision,
        targets: render.targets,
        live,
        ...(compared ? { compare: compared.compare } : {}),
        ignoreDifferences: r.project?.ignoreDifferences ?? ((app.spec.ignoreDifferences ?? []) as unknown as ResourceIgnoreDifferences[]),
        ...(terminate ? { terminate: true } : {}),
      },
      state,
    );
    next = { ...step.state, operation };
    requeueAfterMs = step.requeueAfterMs;
  }
  if (retryCount > 0) next.retryCount = retryCount;
  // Remember exactly what is being synced, so a resumed step renders the same thing (newSyncOperationResult).
  next.syncResult = { ...next.syncResult, revision: next.syncResult.revision || revision };
  if (isMultiSource(app) || (operation.sync?.sources?.length ?? 0) > 0) {
    next.syncResult.revisions = [...render.revisions];
    next.syncResult.sources = sources as JsonObject[];
  } else if (sources[0]) next.syncResult.source = sources[0] as JsonObject;

  if (starting) {
    const who = operation.initiatedBy?.automated ? 'automated sync' : `sync initiated by ${operation.initiatedBy?.username ?? 'a user'}`;
    r.events.push({ type: 'OPERATION_STARTED', why: `The controller picked up app.operation (${who}) and started syncing revision ${revision.slice(0, 7)}.` });
  }
  if (timedOut && isCompleted(next.phase)) next.message = `${next.message}, triggered by controller sync timeout`;
  if (!isCompleted(next.phase)) {
    // With a sync timeout, look again when it expires (upstream queues the operation for then).
    if (timeoutMs > 0 && next.phase === 'Running') requeue(r, Math.max(0, Date.parse(next.startedAt) + timeoutMs - now + 1));
    const after = requeueAfterMs ?? MAX_REQUEUE_MS;
    requeue(r, after);
    r.state.stepAt[r.key] = now + after;
    const waiting = next.message && /^waiting/i.test(next.message);
    r.events.push({ type: waiting ? 'OPERATION_WAITING' : 'OPERATION_PROGRESS', why: next.message || 'sync in progress' });
    if (!sameProgress(next, prev)) writeAppStatus(r, { ...(r.app.status ?? {}), operationState: next });
    return false;
  }
  if ((next.phase === 'Failed' || next.phase === 'Error') && !terminate) {
    const limit = operation.retry?.limit ?? 0;
    if (retryCount < limit || limit < 0) {
      let retryAt: number;
      try {
        retryAt = now + retryDelayMs(operation.retry, retryCount);
      } catch (e) {
        return finish(r, { ...next, phase: 'Error', message: `${next.message} (failed to retry: ${e instanceof Error ? e.message : String(e)})` }, retryCount, true);
      }
      retryCount++;
      next = { ...next, phase: 'Running', finishedAt: r.ctx.iso(now), retryCount, message: `${next.message}. Retrying attempt #${retryCount} at ${kitchen(retryAt)}.` };
      writeApp(r, { ...r.app, status: { ...(r.app.status ?? {}), operationState: next } });
      // Upstream waits NextRetryAt(finishedAt, retryCount) with the incremented count.
      requeue(r, retryDelayMs(operation.retry, retryCount));
      r.events.push({ type: 'OPERATION_RETRYING', why: `The sync failed (${next.message}); retry ${retryCount} of ${limit < 0 ? 'unlimited' : limit} follows after the back-off.` });
      return false;
    }
  }
  return finish(r, next, retryCount, terminate);
}

/** setOperationState for a completed operation: finishedAt, clear app.operation, history, event, refresh. */
function finish(r: AppReconcile, state: OperationState, retryCount = 0, terminating = false): boolean {
  const now = r.ctx.now();
  const done: OperationState = { ...state, finishedAt: r.ctx.iso(now) };
  if (retryCount > 0 && done.phase !== 'Succeeded') done.message = `${done.message} (retried ${retryCount} times).`;
  void terminating;
  const app = r.app;
  const status = { ...(app.status ?? {}), operationState: done };
  const sync = done.operation.sync;
  if (done.phase === 'Succeeded' && sync && !sync.dryRun && (sync.resources?.length ?? 0) === 0) {
    status.history = appendHistory(app, done, done.startedAt, r.ctx.iso(now));
  }
  const next: Application = { ...app, status };
  delete next.operation;
  writeApp(r, next);
  const message = completedMessage(done);
  const ok = done.phase === 'Succeeded';
  record(
    r,
    'OperationCompleted',
    message,
    ok
      ? 'Every sync task finished (all waves applied and healthy, hooks done), so the operation succeeded; app.operation is cleared and the app is refreshed.'
      : `The operation ended ${done.phase}: ${done.message}. app.operation is cleared; the next change or manual sync starts a new one.`,
    ok ? 'Normal' : 'Warning',
  );
  r.events.push({ type: 'OPERATION_COMPLETED', phase: done.phase, why: message });
  return true;
}
