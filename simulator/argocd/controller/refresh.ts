/**
 * processAppRefreshQueueItem: decide how deep to refresh (needRefreshAppStatus), compare, run autoSync,
 * and persist status.sync / resources / health / conditions / summary with ResourceUpdated events.
 */
import type { JsonObject } from '../../cluster/types.js';
import { compareAppState } from './appState.js';
import type { ComparedState } from './appState.js';
import { autoSync, automatedSyncEnabled } from './autoSync.js';
import { orphanConditions, windowAllows } from './project.js';
import { cycleConditions } from './cycles.js';
import { deepEqualJson, record, writeAppStatus } from './context.js';
import { postDeleteFinalizers } from './deletion.js';
import type { AppReconcile } from './context.js';
import { renderTargets } from './render.js';
import { specConditions } from './spec.js';
import { REFRESH_ANNOTATION, appSources, isMultiSource } from './types.js';
import type { AppCondition, AppResourceStatus, ApplicationStatus, SyncStatus } from './types.js';

export interface RefreshLevel {
  /** Resolve revisions again (else compare with the revision(s) last compared). */
  full: boolean;
  /** Skip the manifest cache. */
  hard: boolean;
  reason: string;
}

function comparedTo(r: AppReconcile): NonNullable<SyncStatus['comparedTo']> {
  const spec = r.app.spec;
  const to: NonNullable<SyncStatus['comparedTo']> = { destination: (spec.destination ?? {}) as JsonObject };
  if (isMultiSource(r.app)) to.sources = appSources(r.app) as JsonObject[];
  else if (spec.source) to.source = spec.source;
  if (spec.ignoreDifferences?.length) to.ignoreDifferences = spec.ignoreDifferences;
  return to;
}

/** needRefreshAppStatus: refresh annotation, never reconciled, resync expired, or spec changed since the last compare. */
export function refreshLevel(r: AppReconcile, forceFull: boolean): RefreshLevel {
  const ann = r.app.metadata.annotations?.[REFRESH_ANNOTATION];
  if (ann === 'hard') return { full: true, hard: true, reason: 'a hard refresh was requested (annotation argocd.argoproj.io/refresh: hard): manifests are generated again, without the cache' };
  if (ann !== undefined) return { full: true, hard: false, reason: 'a refresh was requested (annotation argocd.argoproj.io/refresh: normal)' };
  if (forceFull) return { full: true, hard: false, reason: 'an operation just completed, so the controller refreshes with the latest revision' };
  const status = r.app.status;
  if (!status?.reconciledAt) return { full: true, hard: false, reason: 'the Application is new: first comparison of git with the cluster' };
  if (!deepEqualJson(status.sync?.comparedTo, comparedTo(r))) return { full: true, hard: false, reason: 'the Application spec (source, destination or ignoreDifferences) changed since the last comparison' };
  const resync = r.settings.resyncMs;
  if (resync > 0 && r.ctx.now() - Date.parse(status.reconciledAt) >= resync) {
    return { full: true, hard: false, reason: `the periodic resync (timeout.reconciliation ${resync / 1000}s) came due, so git is asked for the latest revision` };
  }
  return { full: false, hard: false, reason: 'a managed resource changed in the cluster; the app is compared with the revision it already resolved' };
}

/** Conditions keep their lastTransitionTime while the same (type, message) stays (SetConditions). */
function mergeConditions(prev: readonly AppCondition[], next: readonly AppCondition[], nowIso: string): AppCondition[] {
  return next.map((c) => {
    const old = prev.find((p) => p.type === c.type && p.message === c.message);
    return { ...c, lastTransitionTime: old?.lastTransitionTime ?? nowIso };
  });
}

/** The comparison, or undefined when the spec is invalid (nothing was compared). */
export function refreshApp(r: AppReconcile, level: RefreshLevel): ComparedState | undefined {
  const app = r.app;
  const invalid = specConditions(r);
  if (invalid.length > 0) return void invalidSpec(r, invalid);
  const sources = appSources(app);
  const prevSync = app.status?.sync;
  const known = isMultiSource(app) ? (prevSync?.revisions ?? []) : [prevSync?.revision];
  const render = renderTargets({
    host: r.git,
    store: r.ctx.store,
    app,
    instanceName: r.instanceName,
    sources,
    revisions: level.full ? sources.map(() => undefined) : sources.map((_, i) => known[i] || undefined),
    noCache: level.hard,
    settings: r.settings,
    cache: r.state.manifestCache,
    now: () => r.ctx.now(),
    ...(r.credentials ? { credentials: r.credentials } : {}),
  });
  const compared = compareAppState({ store: r.ctx.store, app, instanceName: r.instanceName, render, settings: r.settings, memo: r.state.compareMemo(r.key, r.project?.ignoreDifferences ?? app.spec.ignoreDifferences), ...(r.project ? { ignoreDifferences: r.project.ignoreDifferences } : {}), ...(r.healthOverrides ? { healthOverrides: r.healthOverrides } : {}) });
  const sync: SyncStatus = { status: compared.syncStatus, comparedTo: comparedTo(r) };
  if (isMultiSource(app)) sync.revisions = [...render.revisions];
  else if (render.revisions[0]) sync.revision = render.revisions[0];

  if (render.error === undefined) postDeleteFinalizers(r, render.targets);
  const conditions = [...cycleConditions(r.ctx.store, r.instanceName, render.targets, r.controlNamespace, r.settings), ...compared.conditions];
  if (r.project) conditions.push(...orphanConditions(r, r.project, compared.resources));
  // Automated syncs wait for the project's sync windows (a manual sync may be allowed by manualSync).
  const window = r.project ? windowAllows(r, r.project, false) : { ok: true };
  if (window.ok) {
    const syncError = autoSync(r, sync, compared.resources);
    if (syncError) conditions.push(syncError);
  } else if (sync.status === 'OutOfSync' && automatedSyncEnabled(r.app)) {
    // As upstream, the next periodic refresh after the window opens starts the sync (no extra wake-up).
    r.events.push({ type: 'COMPARED', status: 'OutOfSync', why: 'Auto-sync is held back: a sync window of the project does not allow syncs now; a refresh after it opens syncs.' });
  }

  const now = r.ctx.now();
  const fresh = r.app;
  const old = fresh.status ?? {};
  const status: ApplicationStatus = { ...old };
  status.resources = compared.resources;
  status.sync = sync;
  const healthChanged = old.health?.status !== compared.health.status;
  status.health = { ...compared.health, ...(healthChanged ? { lastTransitionTime: r.ctx.iso(now) } : old.health?.lastTransitionTime ? { lastTransitionTime: old.health.lastTransitionTime } : {}) };
  const merged = mergeConditions(old.conditions ?? [], conditions, r.ctx.iso(now));
  if (merged.length > 0) status.conditions = merged;
  else delete status.conditions;
  if (level.full) status.reconciledAt = r.ctx.iso(now);
  status.summary = compared.images.length > 0 ? { images: compared.images } : {};
  const types = render.sourceTypes.filter((t) => t !== '');
  if (isMultiSource(app)) status.sourceTypes = types;
  else if (types[0]) status.sourceType = types[0];
  status.controllerNamespace = r.controlNamespace;

  const syncChanged = old.sync?.status !== sync.status;
  // (The status is handed to the store, which freezes it: nothing here changes it afterwards.)
  if (!sameStatus(status, old)) writeAppStatus(r, status);
  if (syncChanged) {
    record(r, 'ResourceUpdated', `Updated sync status: ${old.sync?.status ?? ''} -> ${sync.status}`, syncWhy(compared, sync.status));
  }
  if (healthChanged) {
    record(r, 'ResourceUpdated', `Updated health status: ${old.health?.status ?? ''} -> ${compared.health.status}`, healthWhy(compared));
  }
  r.events.push({ type: 'COMPARED', status: sync.status, why: `${level.reason}; result ${sync.status}.` });
  return compared;
}

/**
 * processAppRefreshQueueItem when refreshAppConditions finds errors (project missing or not permitting the
 * source/destination): sync and health become Unknown and it returns — no comparison, no automated sync.
 */
function invalidSpec(r: AppReconcile, errors: AppCondition[]): void {
  const old = r.app.status ?? {};
  const nowIso = r.ctx.iso(r.ctx.now());
  const status: ApplicationStatus = { ...old };
  status.sync = { ...(old.sync ?? {}), status: 'Unknown' };
  const healthChanged = old.health?.status !== 'Unknown';
  status.health = { status: 'Unknown', ...(healthChanged ? { lastTransitionTime: nowIso } : old.health?.lastTransitionTime ? { lastTransitionTime: old.health.lastTransitionTime } : {}) };
  // SetConditions(errors, {InvalidSpecError, UnknownError}): only those types are replaced.
  const kept = (old.conditions ?? []).filter((c) => c.type !== 'InvalidSpecError' && c.type !== 'UnknownError');
  status.conditions = mergeConditions(old.conditions ?? [], [...kept, ...errors], nowIso);
  status.controllerNamespace = r.controlNamespace;
  if (!sameStatus(status, old)) writeAppStatus(r, status);
  const why = `The spec is invalid for its project (${errors[0]!.message}), so the controller does not compare or sync it: status Unknown until the spec or the project is fixed.`;
  if (old.sync?.status !== 'Unknown') record(r, 'ResourceUpdated', `Updated sync status: ${old.sync?.status ?? ''} -> Unknown`, why);
  if (healthChanged) record(r, 'ResourceUpdated', `Updated health status: ${old.health?.status ?? ''} -> Unknown`, why);
  r.events.push({ type: 'COMPARED', status: 'Unknown', why });
}

const sameResource = (a: AppResourceStatus, b: AppResourceStatus): boolean =>
  a.name === b.name && a.kind === b.kind && a.namespace === b.namespace && a.group === b.group && a.version === b.version &&
  a.status === b.status && a.health?.status === b.health?.status && a.health?.message === b.health?.message &&
  a.hook === b.hook && a.requiresPruning === b.requiresPruning && a.syncWave === b.syncWave;

/** Whether a write would change anything: resources field by field (1,000 of them), the rest as JSON. */
function sameStatus(a: ApplicationStatus, b: ApplicationStatus): boolean {
  const ra = a.resources ?? [];
  const rb = b.resources ?? [];
  if (ra.length !== rb.length || ra.some((x, i) => !sameResource(x, rb[i]!))) return false;
  const { resources: _a, operationState: oa, history: ha, ...restA } = a;
  const { resources: _b, operationState: ob, history: hb, ...restB } = b;
  return oa === ob && ha === hb && deepEqualJson(restA, restB);
}

function syncWhy(c: ComparedState, status: string): string {
  if (status === 'Unknown') return `The desired state could not be computed (${c.render.error ?? 'comparison error'}), so the sync status is Unknown and nothing will be synced until it is fixed.`;
  if (status === 'Synced') return 'Every resource rendered from git matches the live object in the cluster (after normalisation and ignoreDifferences).';
  const out = c.resources.filter((r) => r.status === 'OutOfSync');
  const names = out.slice(0, 3).map((r) => `${r.kind}/${r.name}${r.requiresPruning ? ' (not in git: requires pruning)' : ''}`);
  return `${out.length} resource(s) differ between git and the cluster: ${names.join(', ')}${out.length > 3 ? ' …' : ''}.`;
}

function healthWhy(c: ComparedState): string {
  if (c.health.message) return `App health is the worst of its resources' health: ${c.health.message}.`;
  return c.health.status === 'Healthy' ? 'Every managed resource reports Healthy (or has no health check).' : `App health is the worst of its resources' health: ${c.health.status}.`;
}
