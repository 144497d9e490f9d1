/**
 * The Argo CD API server for the UI and CLI: `new ArgoCDServer(sandbox).as('alice')` is a session whose
 * actions are RBAC-checked for alice exactly where Argo CD checks them. The server only writes objects
 * (Applications, AppProjects, Secrets); the application controller does the rest.
 */
import type { KubeObject, StoredObject } from '../../cluster/types.js';
import type { GitHost } from '../../git/index.js';
import type { Sandbox } from '../../sandbox.js';
import { argoCD, hasArgoCD } from '../controller/registry.js';
import { explainRbac } from '../rbac/index.js';
import type { Claims, RbacDecision } from '../rbac/index.js';
import type { Cluster, Repository } from '../settings/index.js';
import { ARGOCD_NAMESPACE, readArgoCDSettings } from '../settings/index.js';
import { createApplication, deleteApplication, getApplication, listApplications, updateApplication } from './applications.js';
import type { ApplicationQuery, DeleteOptions, RefreshType } from './applications.js';
import type { ServerContext } from './context.js';
import { can, rbacOf } from './context.js';
import { ArgoApiError } from './errors.js';
import { applicationSyncWindows, rollbackApplication, syncApplication, terminateOperation } from './operations.js';
import type { ApplicationSyncWindows, SyncRequest } from './operations.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './projects.js';
import { createRepository, deleteRepository, listClusters, listRepositories } from './repositories.js';
import type { RepositoryInput } from './repositories.js';

export interface ArgoCDServerOptions {
  namespace?: string;
  /** The git server to resolve branches and tags to commit SHAs at sync time (default: the installed Argo CD's). */
  git?: GitHost;
}

/** One entry of the UI's user switcher. */
export interface UserInfo {
  name: string;
  enabled: boolean;
  capabilities: string[];
}

export class ArgoCDServer {
  readonly namespace: string;

  constructor(
    readonly sandbox: Sandbox,
    opts: ArgoCDServerOptions = {},
  ) {
    this.namespace = opts.namespace ?? (hasArgoCD(sandbox) ? argoCD(sandbox).namespace : ARGOCD_NAMESPACE);
    this.git = opts.git ?? (hasArgoCD(sandbox) ? argoCD(sandbox).git : undefined);
  }

  private readonly git: GitHost | undefined;

  /** `admin` and argocd-cm `accounts.<name>`, plus `anonymous` when `users.anonymous.enabled`. */
  users(): UserInfo[] {
    const s = readArgoCDSettings(this.sandbox.store, this.namespace);
    const out: UserInfo[] = s.accounts.map((a) => ({ name: a.name, enabled: a.enabled, capabilities: [...a.capabilities] }));
    if (s.anonymousEnabled) out.push({ name: 'anonymous', enabled: true, capabilities: [] });
    return out;
  }

  /**
   * A session for a local account (must exist and be enabled), for SSO-like claims (`{ sub, groups }`, taken
   * as given), or anonymous (`undefined`, only with `users.anonymous.enabled`). `iat` is the virtual now.
   */
  as(user: string | Claims | undefined): ArgoCDSession {
    const iat = this.sandbox.clock.iso();
    let claims: Claims | undefined;
    if (user === undefined || user === 'anonymous') {
      if (!readArgoCDSettings(this.sandbox.store, this.namespace).anonymousEnabled) throw new ArgoApiError('Unauthenticated', 'no session information');
    } else if (typeof user === 'string') {
      const account = readArgoCDSettings(this.sandbox.store, this.namespace).accounts.find((a) => a.name === user);
      if (!account) throw new ArgoApiError('Unauthenticated', 'Invalid username or password');
      if (!account.enabled) throw new ArgoApiError('Unauthenticated', `Account ${user} is disabled`);
      if (!account.capabilities.includes('login')) throw new ArgoApiError('Unauthenticated', `Account ${user} does not have login capability`);
      claims = { sub: user, iat };
    } else claims = { iat, ...user };
    const ctx: ServerContext = { sandbox: this.sandbox, store: this.sandbox.store, namespace: this.namespace, claims };
    if (this.git) ctx.git = this.git;
    return new ArgoCDSession(ctx);
  }
}

/** The API as one user sees it. Every method throws ArgoApiError with Argo's code and message. */
export class ArgoCDSession {
  constructor(readonly ctx: ServerContext) {}

  get claims(): Claims | undefined {
    return this.ctx.claims;
  }

  /** What the UI greys out: may this user `action` on `resource` `object` (e.g. applications, sync, default/web)? */
  can(resource: string, action: string, object: string): boolean {
    return can(this.ctx, resource, action, object);
  }

  /** Why `can` answers as it does: the candidates Argo tries and the policy lines that matched. */
  explain(resource: string, action: string, object: string): RbacDecision {
    return explainRbac(rbacOf(this.ctx), this.ctx.claims, resource, action, object);
  }

  listApplications(q: ApplicationQuery = {}): StoredObject[] {
    return listApplications(this.ctx, q);
  }
  getApplication(name: string, opts: { project?: string; refresh?: RefreshType } = {}): StoredObject {
    return getApplication(this.ctx, name, opts);
  }
  refreshApplication(name: string, type: RefreshType = 'normal'): StoredObject {
    return getApplication(this.ctx, name, { refresh: type });
  }
  createApplication(app: KubeObject, opts: { upsert?: boolean } = {}): StoredObject {
    return createApplication(this.ctx, app, opts);
  }
  updateApplication(app: KubeObject, opts: { project?: string } = {}): StoredObject {
    return updateApplication(this.ctx, app, opts);
  }
  deleteApplication(name: string, opts: DeleteOptions = {}): void {
    deleteApplication(this.ctx, name, opts);
  }
  sync(name: string, req: SyncRequest = {}): StoredObject {
    return syncApplication(this.ctx, name, req);
  }
  rollback(name: string, id: number, opts: { dryRun?: boolean; prune?: boolean; project?: string } = {}): StoredObject {
    return rollbackApplication(this.ctx, name, id, opts);
  }
  terminateOperation(name: string, opts: { project?: string } = {}): void {
    terminateOperation(this.ctx, name, opts);
  }
  syncWindows(name: string, opts: { project?: string } = {}): ApplicationSyncWindows {
    return applicationSyncWindows(this.ctx, name, opts);
  }

  listProjects(): StoredObject[] {
    return listProjects(this.ctx);
  }
  getProject(name: string): StoredObject {
    return getProject(this.ctx, name);
  }
  createProject(project: KubeObject, opts: { upsert?: boolean } = {}): StoredObject {
    return createProject(this.ctx, project, opts);
  }
  updateProject(project: KubeObject): StoredObject {
    return updateProject(this.ctx, project);
  }
  deleteProject(name: string): void {
    deleteProject(this.ctx, name);
  }

  listRepositories(): Repository[] {
    return listRepositories(this.ctx);
  }
  createRepository(repo: RepositoryInput, opts: { upsert?: boolean } = {}): StoredObject {
    return createRepository(this.ctx, repo, opts);
  }
  deleteRepository(repo: string, project?: string): void {
    deleteRepository(this.ctx, repo, project);
  }
  listClusters(): Cluster[] {
    return listClusters(this.ctx);
  }
}
