/** Application CRUD as server/application/application.go does it: RBAC first, then project validation, then the write. */
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { clone, isObj } from '../../cluster/types.js';
import { matchesLabels, parseLabelSelector } from '../../cluster/selectors.js';
import { appProjectName, validateApplication } from '../project/index.js';
import { listClusters, resolveDestination } from '../settings/index.js';
import { ArgoApiError } from './errors.js';
import type { ServerContext } from './context.js';
import { appRbacName, enforce, rbacOf, getApp, getAppEnforceRBAC, getProject, listApps, logAppEvent } from './context.js';

export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RESOURCES_FINALIZER: string = 'resources-finalizer.argocd.argoproj.io';
export const BACKGROUND_FINALIZER: string = 'resources-finalizer.argocd.argoproj.io/background';

export interface ApplicationQuery {
  name?: string;
  projects?: string[];
  selector?: string;
  repo?: string;
  appNamespace?: string;
}

/** The source repoURLs of an app (FilterByRepo compares them exactly). */
function repoURLs(app: KubeObject): string[] {
  const spec = isObj(app.spec) ? app.spec : {};
  const sources = Array.isArray(spec.sources) && spec.sources.length > 0 ? spec.sources : [spec.source];
  return sources.map((s) => (isObj(s) && typeof s.repoURL === 'string' ? s.repoURL : ''));
}

/** List: every Application the caller may `get` (filtered by name, projects, repo, label selector), sorted by name. */
export function listApplications(ctx: ServerContext, q: ApplicationQuery = {}): StoredObject[] {
  const selector = q.selector ? parseLabelSelector(q.selector) : undefined;
  const rbac = rbacOf(ctx);
  return listApps(ctx, q.appNamespace)
    .filter((a) => (!q.name || a.metadata.name === q.name) && (!q.projects?.length || q.projects.includes(appProjectName(a))))
    .filter((a) => !q.repo || repoURLs(a).includes(q.repo))
    .filter((a) => !selector || matchesLabels(selector, a.metadata.labels))
    .filter((a) => rbac.enforce(ctx.claims, 'applications', 'get', appRbacName(ctx, a)))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

export type RefreshType = 'normal' | 'hard';

/** Get (optionally asking the controller to refresh, which is only an annotation). */
export function getApplication(ctx: ServerContext, name: string, opts: { project?: string; refresh?: RefreshType } = {}): StoredObject {
  const { app } = getAppEnforceRBAC(ctx, 'get', name, opts);
  if (!opts.refresh) return app;
  return ctx.store.patch(
    { group: 'argoproj.io', kind: 'Application', namespace: app.metadata.namespace, name },
    'merge',
    { metadata: { annotations: { [REFRESH_ANNOTATION]: opts.refresh } } },
  );
}

function invalidSpec(name: string, conditions: { type: string; message: string }[]): ArgoApiError {
  return new ArgoApiError('InvalidArgument', `application spec for ${name} is invalid: ${conditions.map((c) => `${c.type}: ${c.message}`).join(';')}`);
}

/** validateAndNormalizeApp: a name, a project the app may use, a known destination, permitted repo/destination. */
function validateAndNormalize(ctx: ServerContext, app: KubeObject, project: StoredObject): void {
  const name = app.metadata.name ?? '';
  if (!name) throw new ArgoApiError('InvalidArgument', 'resource name may not be empty');
  const current = getApp(ctx, name, app.metadata.namespace ?? ctx.namespace);
  // Moving an app to another project needs create there and update where it was.
  if (current && appProjectName(current) !== appProjectName(app)) {
    enforce(ctx, 'applications', 'create', appRbacName(ctx, app));
    enforce(ctx, 'applications', 'update', appRbacName(ctx, current));
  }
  const clusters = listClusters(ctx.store, ctx.namespace);
  const dest = resolveDestination(app, clusters);
  if (dest.error !== undefined) throw new ArgoApiError('InvalidArgument', `application destination spec for ${name} is invalid: ${dest.error}`);
  const conditions = validateApplication(app, project, clusters);
  if (conditions.length > 0) throw invalidSpec(name, conditions);
  // NormalizeApplicationSpec: an empty project is `default`.
  if (isObj(app.spec) && !app.spec.project) app.spec.project = 'default';
}

function projectFor(ctx: ServerContext, app: KubeObject): StoredObject {
  const name = appProjectName(app);
  const p = getProject(ctx, name);
  if (!p) throw new ArgoApiError('InvalidArgument', `app is not allowed in project "${name}", or the project does not exist`);
  return p;
}

function sameSpec(a: KubeObject, b: KubeObject): boolean {
  const pick = (o: KubeObject) => JSON.stringify([o.spec ?? null, o.metadata.labels ?? {}, o.metadata.annotations ?? {}, o.metadata.finalizers ?? []]);
  return pick(a) === pick(b);
}

/** Create: `create` permission, project checks; an identical existing app is returned, a different one needs upsert. */
export function createApplication(ctx: ServerContext, input: KubeObject, opts: { upsert?: boolean } = {}): StoredObject {
  const app = clone(input);
  app.metadata.namespace = app.metadata.namespace ?? ctx.namespace;
  enforce(ctx, 'applications', 'create', appRbacName(ctx, app));
  const project = projectFor(ctx, app);
  validateAndNormalize(ctx, app, project);
  // Operations only come through the Sync API.
  delete app.operation;
  const existing = getApp(ctx, app.metadata.name ?? '', app.metadata.namespace);
  if (!existing) {
    const created = ctx.store.create({ ...app, apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' });
    logAppEvent(ctx, created, 'ResourceCreated', 'created application');
    return created;
  }
  if (sameSpec(existing, app)) return existing;
  if (!opts.upsert) throw new ArgoApiError('InvalidArgument', 'existing application spec is different, use upsert flag to force update');
  enforce(ctx, 'applications', 'update', appRbacName(ctx, app));
  return writeUpdate(ctx, existing, app);
}

function writeUpdate(ctx: ServerContext, existing: StoredObject, app: KubeObject): StoredObject {
  const next = clone(existing);
  next.spec = app.spec;
  next.metadata.labels = app.metadata.labels;
  next.metadata.annotations = app.metadata.annotations;
  next.metadata.finalizers = app.metadata.finalizers;
  const updated = ctx.store.update(next);
  logAppEvent(ctx, updated, 'ResourceUpdated', 'updated application spec');
  return updated;
}

/** Update: `update` on the current app (and create/update across a project change), then validation. */
export function updateApplication(ctx: ServerContext, input: KubeObject, opts: { project?: string } = {}): StoredObject {
  const app = clone(input);
  app.metadata.namespace = app.metadata.namespace ?? ctx.namespace;
  const { app: existing } = getAppEnforceRBAC(ctx, 'update', app.metadata.name ?? '', { namespace: app.metadata.namespace, ...(opts.project ? { project: opts.project } : {}) });
  validateAndNormalize(ctx, app, projectFor(ctx, app));
  return writeUpdate(ctx, existing, app);
}

export interface DeleteOptions {
  /** Delete the app's resources too (default true): adds the resources finalizer. */
  cascade?: boolean;
  /** `foreground` (default) or `background`. */
  propagationPolicy?: string;
  project?: string;
}

function policyFinalizer(policy: string | undefined): string {
  if (!policy || policy === 'foreground') return RESOURCES_FINALIZER;
  if (policy === 'background') return BACKGROUND_FINALIZER;
  return '';
}

/** Delete: `get` then `delete`; cascade sets the resources finalizer the controller honours. */
export function deleteApplication(ctx: ServerContext, name: string, opts: DeleteOptions = {}): void {
  const { app } = getAppEnforceRBAC(ctx, 'get', name, opts.project ? { project: opts.project } : {});
  enforce(ctx, 'applications', 'delete', appRbacName(ctx, app));
  if (opts.cascade === false && opts.propagationPolicy) throw new ArgoApiError('InvalidArgument', 'cannot set propagation policy when cascading is disabled');
  const finalizers = [...(app.metadata.finalizers ?? [])];
  const cascaded = finalizers.filter((f) => f === RESOURCES_FINALIZER || f === BACKGROUND_FINALIZER);
  let next = finalizers;
  if (opts.cascade !== false) {
    const f = policyFinalizer(opts.propagationPolicy);
    if (!f) throw new ArgoApiError('InvalidArgument', `invalid propagation policy: ${opts.propagationPolicy}`);
    if (!finalizers.includes(f) && !app.metadata.deletionTimestamp) next = [...finalizers.filter((x) => !cascaded.includes(x)), f];
  } else if (cascaded.length > 0) next = finalizers.filter((x) => !cascaded.includes(x));
  const key = { group: 'argoproj.io', kind: 'Application', namespace: app.metadata.namespace, name };
  if (next !== finalizers) ctx.store.patch(key, 'merge', { metadata: { finalizers: next } });
  ctx.store.delete(key);
  logAppEvent(ctx, app, 'ResourceDeleted', 'deleted application');
}

export function isAutomated(app: KubeObject): boolean {
  const sp = isObj(app.spec) ? app.spec.syncPolicy : undefined;
  if (!isObj(sp) || !isObj(sp.automated)) return false;
  return sp.automated.enabled !== false;
}
