/**
 * Sync, rollback and terminate as the API server does them: checks, then one write of `operation` (or of
 * `status.operationState.phase`); the application controller runs the operation.
 */
import type { JsonObject, JsonValue, KubeObject, StoredObject } from '../../cluster/types.js';
import { clone, getPath, isObj } from '../../cluster/types.js';
import { syncWindows } from '../project/index.js';
import type { SyncWindow } from '../project/index.js';
import { configMapData, repositoryCredentials } from '../settings/index.js';
import { ARGOCD_CM } from '../settings/store.js';
import { appProjectName } from '../project/index.js';
import { isAutomated } from './applications.js';
import { ArgoApiError } from './errors.js';
import type { ServerContext } from './context.js';
import { appRbacName, enforce, getAppEnforceRBAC, logAppEvent, username } from './context.js';

export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface SyncRequest {
  /** Sync to this revision instead of the source's targetRevision. */
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** Selective sync. */
  resources?: SyncOperationResource[];
  /** Replaces the app's `syncPolicy.syncOptions` for this sync. */
  syncOptions?: string[];
  /** e.g. `{ apply: { force: true } }` or `{ hook: {} }`. */
  strategy?: JsonObject;
  retry?: JsonObject;
  /** Local manifests (needs `override`). */
  manifests?: string[];
  infos?: { name: string; value: string }[];
  project?: string;
}

const SHA = /^[0-9a-f]{40}$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** resolveRevision: a commit SHA as is; a branch/tag/HEAD resolved in the sandbox's git server when there is one. */
function resolveRevision(ctx: ServerContext, app: KubeObject, source: unknown, ambiguous: string): { revision: string; display: string } {
  if (SHA.test(ambiguous) || !ctx.git) return { revision: ambiguous, display: ambiguous };
  const repoURL = str(getPath(source, ['repoURL']));
  try {
    const creds = repositoryCredentials(ctx.store, repoURL, appProjectName(app), ctx.namespace);
    const sha = ctx.git.open(repoURL, creds).resolveSync(ambiguous || 'HEAD');
    return { revision: sha, display: `${ambiguous || 'HEAD'} (${sha})` };
  } catch (e) {
    throw new ArgoApiError('FailedPrecondition', (e as Error).message);
  }
}

/** Go's omitempty. */
function initiatedBy(ctx: ServerContext): JsonObject {
  const user = username(ctx);
  return user ? { username: user } : {};
}

function put(obj: JsonObject, key: string, v: JsonValue | undefined): void {
  if (v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0)) return;
  obj[key] = v;
}

/** argo.SetAppOperation: refuses while another operation is set; clears the previous operationState. */
function setAppOperation(ctx: ServerContext, app: StoredObject, operation: JsonObject): StoredObject {
  if (app.operation !== undefined && app.operation !== null) throw new ArgoApiError('FailedPrecondition', 'another operation is already in progress');
  const next = clone(app);
  next.operation = operation;
  if (isObj(next.status)) delete (next.status as JsonObject).operationState;
  return ctx.store.update(next);
}

function checkDeleting(app: StoredObject): void {
  if (app.metadata.deletionTimestamp) throw new ArgoApiError('FailedPrecondition', 'application is deleting');
}

/** Sync: `get`, sync windows, `sync` (+ `override` for local manifests), revision rules, then `operation.sync`. */
export function syncApplication(ctx: ServerContext, name: string, req: SyncRequest = {}): StoredObject {
  const { app, project } = getAppEnforceRBAC(ctx, 'get', name, req.project ? { project: req.project } : {});
  const message = syncWindows(project, app, ctx.sandbox.clock.now()).syncMessage();
  if (message) throw new ArgoApiError('PermissionDenied', message);
  enforce(ctx, 'applications', 'sync', appRbacName(ctx, app));
  if (req.manifests) {
    enforce(ctx, 'applications', 'override', appRbacName(ctx, app));
    if (isAutomated(app) && !req.dryRun) throw new ArgoApiError('FailedPrecondition', 'cannot use local sync when Automatic Sync Policy is enabled unless for dry run');
  }
  checkDeleting(app);
  const spec = isObj(app.spec) ? app.spec : {};
  const sources = Array.isArray(spec.sources) && spec.sources.length > 0 ? (spec.sources as JsonValue[]) : undefined;
  const sync: JsonObject = {};
  let display: string;
  if (sources) {
    const revisions = sources.map((s) => (req.manifests ? { revision: '', display: '' } : resolveRevision(ctx, app, s, str(getPath(s, ['targetRevision'])))));
    display = revisions.map((r) => r.display).join(',');
    put(sync, 'revisions', revisions.map((r) => r.revision));
  } else {
    const target = str(getPath(spec, ['source', 'targetRevision']));
    if (req.revision && req.revision !== (target || 'HEAD')) {
      if (configMapData(ctx.store, ARGOCD_CM, ctx.namespace)['application.sync.requireOverridePrivilegeForRevisionSync'] === 'true') {
        enforce(ctx, 'applications', 'override', appRbacName(ctx, app));
      }
      if (isAutomated(app) && !req.dryRun) throw new ArgoApiError('FailedPrecondition', `Cannot sync to ${req.revision}: auto-sync currently set to ${target}`);
    }
    const r = req.manifests ? { revision: '', display: '' } : resolveRevision(ctx, app, spec.source, req.revision || target);
    display = r.display;
    put(sync, 'revision', r.revision);
  }
  const policy = isObj(spec.syncPolicy) ? spec.syncPolicy : {};
  const syncOptions = req.syncOptions ?? (Array.isArray(policy.syncOptions) ? (policy.syncOptions as JsonValue[]) : undefined);
  const retry = req.retry ?? (isObj(policy.retry) ? (policy.retry as JsonObject) : undefined);
  if (!sources && isObj(spec.source)) sync.source = clone(spec.source as JsonObject);
  put(sync, 'prune', req.prune);
  put(sync, 'dryRun', req.dryRun);
  put(sync, 'syncOptions', syncOptions);
  if (req.strategy) sync.syncStrategy = req.strategy;
  put(sync, 'resources', req.resources?.map((r) => ({ ...(r.group ? { group: r.group } : {}), kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) })));
  put(sync, 'manifests', req.manifests);
  if (sources) sync.sources = clone(sources);
  const operation: JsonObject = { sync, initiatedBy: initiatedBy(ctx) };
  put(operation, 'info', req.infos);
  if (retry) operation.retry = retry;
  const updated = setAppOperation(ctx, app, operation);
  const partial = req.resources?.length ? 'partial ' : '';
  logAppEvent(ctx, updated, 'OperationStarted', req.manifests ? `initiated ${partial}sync locally` : `initiated ${partial}sync to ${display}`);
  return updated;
}

/** Rollback: like a sync of a `status.history` entry's source and revision; refused under auto-sync. */
export function rollbackApplication(ctx: ServerContext, name: string, id: number, opts: { dryRun?: boolean; prune?: boolean; project?: string } = {}): StoredObject {
  const rollbackAction = configMapData(ctx.store, ARGOCD_CM, ctx.namespace)['server.rbac.rollback.enforce.enable'] === 'true' ? 'rollback' : 'sync';
  const { app } = getAppEnforceRBAC(ctx, rollbackAction, name, opts.project ? { project: opts.project } : {});
  checkDeleting(app);
  if (isAutomated(app)) throw new ArgoApiError('FailedPrecondition', 'rollback cannot be initiated when auto-sync is enabled');
  const history = getPath(app, ['status', 'history']);
  const entry = (Array.isArray(history) ? history : []).find((h) => isObj(h) && h.id === id);
  if (!isObj(entry)) throw new ArgoApiError('InvalidArgument', `application ${app.metadata.namespace}/${name} does not have deployment with id ${id}`);
  if (!isObj(entry.source) && !Array.isArray(entry.sources)) {
    throw new ArgoApiError('FailedPrecondition', 'cannot rollback to revision deployed with Argo CD v0.11 or lower. sync to revision instead.');
  }
  const spec = isObj(app.spec) ? app.spec : {};
  const policy = isObj(spec.syncPolicy) ? spec.syncPolicy : {};
  const sync: JsonObject = {};
  put(sync, 'revision', str(entry.revision));
  put(sync, 'revisions', Array.isArray(entry.revisions) ? (clone(entry.revisions) as JsonValue[]) : undefined);
  put(sync, 'dryRun', opts.dryRun);
  put(sync, 'prune', opts.prune);
  put(sync, 'syncOptions', Array.isArray(policy.syncOptions) ? (policy.syncOptions as JsonValue[]) : undefined);
  sync.syncStrategy = { apply: {} };
  if (isObj(entry.source)) sync.source = clone(entry.source as JsonObject);
  if (Array.isArray(entry.sources)) sync.sources = clone(entry.sources as JsonValue[]);
  const updated = setAppOperation(ctx, app, { sync, initiatedBy: initiatedBy(ctx) });
  logAppEvent(ctx, updated, 'OperationStarted', `initiated rollback to ${id}`);
  return updated;
}

/** TerminateOperation: `sync` permission; marks the running operation Terminating for the controller. */
export function terminateOperation(ctx: ServerContext, name: string, opts: { project?: string } = {}): void {
  const { app } = getAppEnforceRBAC(ctx, 'sync', name, opts);
  const state = getPath(app, ['status', 'operationState']);
  if (app.operation === undefined || app.operation === null || !isObj(state)) {
    throw new ArgoApiError('InvalidArgument', 'Unable to terminate operation. No operation is in progress');
  }
  const next = clone(app);
  ((next.status as JsonObject).operationState as JsonObject).phase = 'Terminating';
  ctx.store.update(next);
  logAppEvent(ctx, app, 'ResourceUpdated', 'terminated running operation');
}

export interface ApplicationSyncWindows {
  activeWindows: SyncWindow[];
  assignedWindows: SyncWindow[];
  /** Whether a manual sync may run now. */
  canSync: boolean;
  /** Virtual time of the next window opening or closing (sandbox extra, for the UI's countdown). */
  nextChange?: number;
}

/** GetApplicationSyncWindows: the project's windows that apply to the app, which are active, and canSync (manual). */
export function applicationSyncWindows(ctx: ServerContext, name: string, opts: { project?: string } = {}): ApplicationSyncWindows {
  const { app, project } = getAppEnforceRBAC(ctx, 'get', name, opts);
  const state = syncWindows(project, app, ctx.sandbox.clock.now());
  if (state.error !== undefined) throw new ArgoApiError('Unknown', `invalid sync windows: ${state.error}`);
  const out: ApplicationSyncWindows = { activeWindows: state.active, assignedWindows: state.windows, canSync: state.canSync(true) };
  if (state.nextChange !== undefined) out.nextChange = state.nextChange;
  return out;
}
