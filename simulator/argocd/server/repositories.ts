/** Repositories (credential Secrets) and clusters as the API server exposes them, RBAC-filtered. */
import type { StoredObject } from '../../cluster/types.js';
import type { Cluster, Repository } from '../settings/index.js';
import { SECRET_TYPE_LABEL, findRepositorySecret, repositoryCredentials, listClusters as readClusters, listRepositories as readRepositories, sameURL, secretData } from '../settings/index.js';
import { ArgoApiError } from './errors.js';
import type { ServerContext } from './context.js';
import { can, enforce } from './context.js';

/** createRBACObject: `<project>/<url>` for project-scoped repositories and clusters, else the URL. */
export function rbacObject(project: string | undefined, url: string): string {
  return project ? `${project}/${url}` : url;
}

/** Go's hash/fnv 32-bit FNV-1a over UTF-8 bytes. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** db.RepoURLToSecretName: `repo-<fnv32a(url + project)>`. */
export function repoSecretName(repo: string, project = ''): string {
  return `repo-${fnv32a(repo + project)}`;
}

function b64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function listRepositories(ctx: ServerContext): Repository[] {
  return readRepositories(ctx.store, ctx.namespace).filter((r) => can(ctx, 'repositories', 'get', rbacObject(r.project, r.repo)));
}

export interface RepositoryInput {
  repo: string;
  username?: string;
  password?: string;
  project?: string;
  name?: string;
  type?: string;
}

/** Repository struct fields in Go order, for "difference in keys". */
const GO_FIELDS: [string, string][] = [
  ['url', 'Repo'],
  ['username', 'Username'],
  ['password', 'Password'],
  ['type', 'Type'],
  ['name', 'Name'],
  ['project', 'Project'],
];

/** TestRepository through the sandbox's git server (skipped, as upstream, for project-scoped repositories). */
function testRepo(ctx: ServerContext, input: RepositoryInput): void {
  if (!ctx.git || input.project) return;
  const creds = input.username || input.password ? { username: input.username ?? '', password: input.password ?? '' } : repositoryCredentials(ctx.store, input.repo, '', ctx.namespace);
  try {
    ctx.git.open(input.repo, creds).resolveSync('HEAD');
  } catch (e) {
    throw new ArgoApiError('Unknown', `error testing repository connectivity: ${(e as Error).message}`);
  }
}

/** Create a `secret-type: repository` Secret after a connection test (upsert replaces a different one). */
export function createRepository(ctx: ServerContext, input: RepositoryInput, opts: { upsert?: boolean } = {}): StoredObject {
  enforce(ctx, 'repositories', 'create', rbacObject(input.project, input.repo));
  testRepo(ctx, input);
  const data: Record<string, string> = { url: input.repo, type: input.type ?? 'git' };
  if (input.name) data.name = input.name;
  if (input.project) data.project = input.project;
  if (input.username) data.username = input.username;
  if (input.password) data.password = input.password;
  const existing = findRepositorySecret(ctx.store, input.repo, input.project ?? '', ctx.namespace);
  const sameScope = existing && (secretData(existing).project ?? '') === (input.project ?? '');
  if (existing && sameScope) {
    const old = secretData(existing);
    if (JSON.stringify(Object.entries(old).sort()) === JSON.stringify(Object.entries(data).sort())) return existing;
    if (!opts.upsert) {
      const keys = GO_FIELDS.filter(([k]) => (old[k] ?? '') !== (data[k] ?? '')).map(([, f]) => f);
      const basic = 'existing repository spec is different; use upsert flag to force update';
      throw new ArgoApiError('InvalidArgument', keys.length ? `${basic}; difference in keys "${keys.join(',')}"` : basic);
    }
    enforce(ctx, 'repositories', 'update', rbacObject(input.project, input.repo));
    return ctx.store.update({ ...existing, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) });
  }
  return ctx.store.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: repoSecretName(input.repo, input.project), namespace: ctx.namespace, labels: { [SECRET_TYPE_LABEL]: 'repository' }, annotations: { 'managed-by': 'argocd.argoproj.io' } },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  });
}

export function deleteRepository(ctx: ServerContext, repo: string, project = ''): void {
  enforce(ctx, 'repositories', 'delete', rbacObject(project, repo));
  const secret = findRepositorySecret(ctx.store, repo, project, ctx.namespace);
  if (!secret || !sameURL(secretData(secret).url ?? '', repo)) throw new ArgoApiError('NotFound', `repository "${repo}" not found`);
  ctx.store.delete({ apiVersion: 'v1', kind: 'Secret', namespace: ctx.namespace, name: secret.metadata.name });
}

export function listClusters(ctx: ServerContext): Cluster[] {
  return readClusters(ctx.store, ctx.namespace).filter((c) => can(ctx, 'clusters', 'get', rbacObject(c.project, c.server)));
}
