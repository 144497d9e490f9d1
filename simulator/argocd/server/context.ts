/** What every API-server action needs: the store, the caller's claims, RBAC, and audit events. */
import type { ObjectStore } from '../../cluster/store/index.js';
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import type { GitHost } from '../../git/index.js';
import type { Sandbox } from '../../sandbox.js';
import type { Claims, RbacPolicyEnforcer } from '../rbac/index.js';
import { readRbac } from '../rbac/index.js';
import { ARGOCD_RBAC_CM, getObject, listObjects } from '../settings/store.js';
import { appProjectName } from '../project/index.js';
import { ArgoApiError, appNotFound, permissionDenied } from './errors.js';

export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

export interface ServerContext {
  sandbox: Sandbox;
  store: ObjectStore;
  /** Argo CD's namespace (Applications and AppProjects live here). */
  namespace: string;
  /** Undefined for an anonymous caller. */
  claims: Claims | undefined;
  git?: GitHost;
}

/** session.Username: the subject, or "Unknown user" in audit messages. */
export function username(ctx: ServerContext): string {
  return ctx.claims?.sub ?? '';
}

// One enforcer per argocd-rbac-cm content: Argo rebuilds it when the ConfigMap changes, not per request. Keyed by
// content, not resourceVersion, because a restored snapshot can reuse a resourceVersion with other data.
const rbacCache = new WeakMap<ObjectStore, { key: string; rbac: RbacPolicyEnforcer }>();

export function rbacOf(ctx: ServerContext): RbacPolicyEnforcer {
  const cm = getObject(ctx.store, { apiVersion: 'v1', kind: 'ConfigMap', namespace: ctx.namespace, name: ARGOCD_RBAC_CM });
  const key = `${ctx.namespace}\u0000${JSON.stringify(cm?.data ?? null)}`;
  const hit = rbacCache.get(ctx.store);
  if (hit && hit.key === key) return hit.rbac;
  const rbac = readRbac(ctx.store, ctx.namespace);
  rbacCache.set(ctx.store, { key, rbac });
  return rbac;
}

/** rbac EnforceErr: throws PermissionDenied with Argo's detailed message. */
export function enforce(ctx: ServerContext, resource: string, action: string, object: string): void {
  const err = rbacOf(ctx).enforceErr(ctx.claims, resource, action, object);
  if (err) throw new ArgoApiError('PermissionDenied', err, err);
}

export function can(ctx: ServerContext, resource: string, action: string, object: string): boolean {
  return rbacOf(ctx).enforce(ctx.claims, resource, action, object);
}

/** Application.RBACName: `<project>/<name>`, or `<project>/<namespace>/<name>` outside Argo CD's namespace. */
export function appRbacName(ctx: ServerContext, app: KubeObject): string {
  const ns = app.metadata.namespace ?? ctx.namespace;
  const project = appProjectName(app);
  return ns === ctx.namespace ? `${project}/${app.metadata.name}` : `${project}/${ns}/${app.metadata.name}`;
}

export function getApp(ctx: ServerContext, name: string, namespace = ctx.namespace): StoredObject | undefined {
  return getObject(ctx.store, { group: 'argoproj.io', kind: 'Application', namespace, name });
}

export function getProject(ctx: ServerContext, name: string): StoredObject | undefined {
  return getObject(ctx.store, { group: 'argoproj.io', kind: 'AppProject', namespace: ctx.namespace, name });
}

export function listApps(ctx: ServerContext, namespace?: string): StoredObject[] {
  return listObjects(ctx.store, { group: 'argoproj.io', kind: 'Application' }, namespace);
}

/**
 * server.getAppEnforceRBAC: checks `action` on the app without revealing whether it exists — an unknown app or
 * a denied one is "permission denied" unless the caller named the project (then NotFound once `get` is allowed).
 */
export function getAppEnforceRBAC(ctx: ServerContext, action: string, name: string, opts: { project?: string; namespace?: string } = {}): { app: StoredObject; project: StoredObject } {
  const namespace = opts.namespace ?? ctx.namespace;
  const rbac = rbacOf(ctx);
  const given = opts.project;
  if (given) {
    const rbacName = namespace === ctx.namespace ? `${given}/${name}` : `${given}/${namespace}/${name}`;
    const err = rbac.enforceErr(ctx.claims, 'applications', action, rbacName);
    if (err) throw permissionDenied(err);
  }
  const app = getApp(ctx, name, namespace);
  if (!app) {
    if (given) throw appNotFound(name);
    throw permissionDenied(`application ${namespace}/${name} does not exist (Argo answers the same as for a denied request)`);
  }
  const err = rbac.enforceErr(ctx.claims, 'applications', action, appRbacName(ctx, app));
  if (err) {
    if (given) throw appNotFound(name);
    throw permissionDenied(err);
  }
  const effective = appProjectName(app);
  if (given && effective !== given) throw appNotFound(name);
  const project = getProject(ctx, effective);
  if (!project) throw new ArgoApiError('InvalidArgument', `app is not allowed in project "${effective}", or the project does not exist`);
  return { app, project };
}

/** server.logAppEvent: a Kubernetes Event on the Application, "<user> <action>". */
export function logAppEvent(ctx: ServerContext, app: KubeObject, reason: string, action: string): void {
  const user = username(ctx) || 'Unknown user';
  ctx.sandbox.record('argocd-server', {
    involvedObject: { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: app.metadata.namespace ?? ctx.namespace, name: app.metadata.name ?? '' },
    reason,
    message: `${user} ${action}`,
    why: `The Argo CD API server acted for ${user}; the application controller does the rest.`,
  });
}
