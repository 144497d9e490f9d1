/**
 * server/rbacpolicy.RBACPolicyEnforcer: enforcement for a logged-in user's token claims. The request's
 * project (from `<project>/<name>` objects, or the project name for `projects`) adds its roles' policies
 * (`proj:<project>:<role>`) as a runtime policy; a project-role token only ever acts inside its project;
 * token groups (claims named by `scopes`, default `groups`) are tried when a `g` line names them.
 */
import type { KubeObject } from '../../cluster/types.js';
import { isObj } from '../../cluster/types.js';
import { DEFAULT_SCOPES } from './builtin.js';
import type { Enforcer } from './enforcer.js';

/** The claims of a session token the sandbox hands out (`sub` is the user, `iat` its virtual issue time). */
export interface Claims {
  sub: string;
  /** Issued-at, ISO 8601 (virtual time). */
  iat?: string;
  groups?: string[];
  [claim: string]: unknown;
}

export interface ProjectRole {
  name: string;
  policies: string[];
  groups: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function projectRoles(project: KubeObject): ProjectRole[] {
  const spec = isObj(project.spec) ? project.spec : {};
  const roles: unknown[] = Array.isArray(spec.roles) ? spec.roles : [];
  return roles.filter(isObj).map((r) => ({ name: typeof r.name === 'string' ? r.name : '', policies: strings(r.policies), groups: strings(r.groups) }));
}

/** AppProject.ProjectPoliciesString: each role may `get` its project, then its policies and group bindings. */
export function projectPoliciesString(project: KubeObject): string {
  const name = project.metadata.name ?? '';
  const out: string[] = [];
  for (const role of projectRoles(project)) {
    out.push(`p, proj:${name}:${role.name}, projects, get, ${name}, allow`);
    out.push(...role.policies);
    for (const g of role.groups) out.push(`g, ${g}, proj:${name}:${role.name}`);
  }
  return out.join('\n');
}

export function projectRoleFromSubject(subject: string): { project: string; role: string } | undefined {
  const parts = subject.split(':');
  return parts.length === 3 && parts[0] === 'proj' ? { project: parts[1]!, role: parts[2]! } : undefined;
}

const PROJECT_SCOPED = new Set(['applicationsets', 'applications', 'repositories', 'clusters', 'logs', 'exec']);

/** jwtutil.GetScopeValues: string or list claims, in scope order. */
export function scopeValues(claims: Claims, scopes: readonly string[]): string[] {
  const out: string[] = [];
  for (const scope of scopes) {
    const v = claims[scope];
    if (typeof v === 'string') out.push(v);
    else out.push(...strings(v));
  }
  return out;
}

export class RbacPolicyEnforcer {
  constructor(
    readonly enf: Enforcer,
    private readonly getProject: (name: string) => KubeObject | undefined,
    readonly scopes: readonly string[] = DEFAULT_SCOPES,
  ) {}

  /** getProjectFromRequest: the AppProject a request is scoped to, if any. */
  projectOf(res: string, obj: string): KubeObject | undefined {
    if (PROJECT_SCOPED.has(res)) {
      const parts = obj.split('/');
      return parts.length >= 2 ? this.getProject(parts[0]!) : undefined;
    }
    return res === 'projects' ? this.getProject(obj) : undefined;
  }

  /** rbac.enforce with the claims enforcer: default role, then the token's subject, project roles and groups. */
  enforce(claims: Claims | undefined, res: string, act: string, obj: string): boolean {
    const base = this.enf.casbin();
    if (this.enf.defaultRole && base.enforce(this.enf.defaultRole, res, act, obj)) return true;
    if (!claims) return base.enforce('', res, act, obj);
    return this.enforceClaims(claims, res, act, obj);
  }

  private enforceClaims(claims: Claims, res: string, act: string, obj: string): boolean {
    const subject = claims.sub;
    const proj = this.projectOf(res, obj);
    let runtime = '';
    if (proj) {
      const role = projectRoleFromSubject(subject);
      if (role) {
        if (role.project !== proj.metadata.name) return false;
        return this.enf.enforceWith(this.enf.casbin(projectPoliciesString(proj)), subject, res, act, obj);
      }
      runtime = projectPoliciesString(proj);
    }
    const enforcer = this.enf.casbin(runtime);
    if (this.enf.enforceWith(enforcer, subject, res, act, obj)) return true;
    for (const group of scopeValues(claims, this.scopes)) {
      if (enforcer.hasGroupingFor(group) && this.enf.enforceWith(enforcer, group, res, act, obj)) return true;
    }
    return false;
  }

  /**
   * rbac.Enforcer.EnforceErr: undefined when allowed, else Argo's message
   * `permission denied: <res>, <act>, <obj>, sub: <user>, iat: <RFC 3339>`.
   */
  enforceErr(claims: Claims | undefined, res: string, act: string, obj: string): string | undefined {
    if (this.enforce(claims, res, act, obj)) return undefined;
    const parts = [res, act, obj];
    if (claims?.sub) parts.push(`sub: ${claims.sub}`);
    if (claims?.iat) parts.push(`iat: ${claims.iat.replace(/\.\d+Z$/, 'Z')}`);
    return `permission denied: ${parts.join(', ')}`;
  }
}
