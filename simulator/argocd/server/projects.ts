/** AppProject CRUD (server/project/project.go): RBAC on `projects`, role-policy and sync-window validation. */
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import { clone } from '../../cluster/types.js';
import { appProjectName, parseGoDuration, projectSpec } from '../project/index.js';
import { isWindowActive } from '../project/index.js';
import { projectRoles } from '../rbac/index.js';
import { listObjects } from '../settings/store.js';
import { ArgoApiError } from './errors.js';
import type { ServerContext } from './context.js';
import { can, enforce, getProject as findProject, listApps } from './context.js';

const ACTIONS = new Set(['get', 'create', 'update', 'delete', 'sync', 'override', '*']);
const PROJECT_SCOPED = new Set(['applications', 'applicationsets', 'repositories', 'exec', 'logs', 'clusters']);

function isValidAction(action: string): boolean {
  return ACTIONS.has(action) || action.startsWith('action/') || action.startsWith('update/') || action.startsWith('delete/');
}

/** types.go validatePolicy for a project role's policy line. */
export function validateRolePolicy(proj: string, role: string, policy: string): string | undefined {
  const parts = policy.split(',').map((s) => s.trim());
  const bad = (why: string) => `invalid policy rule '${policy}': ${why}`;
  if (parts.length !== 6 || parts[0] !== 'p') return bad("must be of the form: 'p, sub, res, act, obj, eft'");
  const [, sub, res, act, obj, eft] = parts as [string, string, string, string, string, string];
  const expected = `proj:${proj}:${role}`;
  if (sub !== expected) return bad(`policy subject must be: '${expected}', not '${sub}'`);
  if (!PROJECT_SCOPED.has(res)) return bad(`project resource must be: 'applications', 'applicationsets', 'repositories', 'exec', 'logs' or 'clusters', not '${res}'`);
  if (!isValidAction(act)) return bad(`invalid action '${act}'`);
  const quoted = proj.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`^${quoted}(/[*\\w.-]+)?/[*\\w.-]+$`).test(obj)) {
    return bad(`object must be of form '${proj}/*', '${proj}[/<NAMESPACE>]/<APPNAME>' or '${proj}/<APPNAME>', not '${obj}'`);
  }
  if (eft !== 'allow' && eft !== 'deny') return bad("effect must be: 'allow' or 'deny'");
  return undefined;
}

/** The parts of AppProject.ValidateProject the sandbox checks: role policies and sync windows. */
export function validateProject(project: KubeObject): void {
  const name = project.metadata.name ?? '';
  const fail = (msg: string, code: 'InvalidArgument' | 'OutOfRange' = 'InvalidArgument') => new ArgoApiError(code, `error validating project: ${msg}`);
  for (const role of projectRoles(project)) {
    if (!/^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(role.name)) throw fail(`invalid role name '${role.name}'`);
    for (const p of role.policies) {
      const err = validateRolePolicy(name, role.name, p);
      if (err) throw fail(err);
    }
  }
  for (const w of projectSpec(project).syncWindows) {
    if (w.kind !== 'allow' && w.kind !== 'deny') throw fail(`kind '${w.kind}' mismatch: can only be allow or deny`);
    try {
      parseGoDuration(w.duration);
    } catch (e) {
      throw fail(`cannot parse duration '${w.duration}': ${(e as Error).message}`);
    }
    try {
      isWindowActive(w, 0);
    } catch (e) {
      throw fail((e as Error).message);
    }
    if (!w.applications?.length && !w.namespaces?.length && !w.clusters?.length) {
      throw fail(`window '${w.kind}':'${w.schedule}':'${w.duration}' requires one of application, cluster or namespace`, 'OutOfRange');
    }
  }
}

function notFound(name: string): ArgoApiError {
  return new ArgoApiError('NotFound', `appprojects.argoproj.io "${name}" not found`);
}

export function listProjects(ctx: ServerContext): StoredObject[] {
  return listObjects(ctx.store, { group: 'argoproj.io', kind: 'AppProject' }, ctx.namespace)
    .filter((p) => can(ctx, 'projects', 'get', p.metadata.name))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

export function getProject(ctx: ServerContext, name: string): StoredObject {
  enforce(ctx, 'projects', 'get', name);
  const p = findProject(ctx, name);
  if (!p) throw notFound(name);
  return p;
}

export function createProject(ctx: ServerContext, input: KubeObject, opts: { upsert?: boolean } = {}): StoredObject {
  const name = input.metadata.name ?? '';
  enforce(ctx, 'projects', 'create', name);
  validateProject(input);
  const existing = findProject(ctx, name);
  if (!existing) {
    return ctx.store.create({ ...clone(input), apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { ...clone(input.metadata), namespace: ctx.namespace } });
  }
  if (JSON.stringify(existing.spec ?? {}) === JSON.stringify(input.spec ?? {})) return existing;
  if (!opts.upsert) throw new ArgoApiError('InvalidArgument', 'existing project spec is different; use upsert flag to force update');
  enforce(ctx, 'projects', 'update', name);
  return ctx.store.update({ ...clone(existing), spec: clone(input.spec) });
}

export function updateProject(ctx: ServerContext, input: KubeObject): StoredObject {
  const name = input.metadata.name ?? '';
  enforce(ctx, 'projects', 'update', name);
  validateProject(input);
  const existing = findProject(ctx, name);
  if (!existing) throw notFound(name);
  return ctx.store.update({ ...clone(existing), spec: clone(input.spec) });
}

export function deleteProject(ctx: ServerContext, name: string): void {
  if (name === 'default') throw new ArgoApiError('InvalidArgument', "name 'default' is reserved and cannot be deleted");
  enforce(ctx, 'projects', 'delete', name);
  if (!findProject(ctx, name)) throw notFound(name);
  const apps = listApps(ctx).filter((a) => appProjectName(a) === name);
  if (apps.length > 0) throw new ArgoApiError('InvalidArgument', `project is referenced by ${apps.length} applications`);
  ctx.store.delete({ group: 'argoproj.io', kind: 'AppProject', namespace: ctx.namespace, name });
}
