import { describe, expect, it } from 'vitest';
import { GitHost } from '../../../../simulator/git/index.js';
import { ArgoApiError, ArgoCDServer, repoSecretName } from '../../../../simulator/argocd/server/index.js';
import { repositoryCredentials } from '../../../../simulator/argocd/settings/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../../simulator/index.js';
import { errorOf } from '../../../support/apiError.js';
import { app, argoWorld, project } from '../settings/world.js';

const URL = 'https://git.example.com/org/guestbook.git';
const author = { name: 'Learner', email: 'l@e.com', timestamp: 1_700_000_000 };
const H = 3_600_000;

async function world(rbac: Record<string, string> = {}, appSpec: Record<string, unknown> = {}) {
  const sb = argoWorld({ cm: { 'accounts.alice': 'login' }, rbac });
  const git = new GitHost();
  const repo = await git.createRepo(URL, { 'guestbook/cm.yaml': 'kind: ConfigMap' }, { author });
  sb.store.create(app('guestbook', { source: { repoURL: URL, path: 'guestbook', targetRevision: 'main' }, ...appSpec }));
  return { sb, git, server: new ArgoCDServer(sb, { git }), sha: repo.resolveSync('main') };
}

const err = (fn: () => unknown): ArgoApiError => errorOf(fn, ArgoApiError);

const get = (sb: Sandbox, name = 'guestbook'): StoredObject => sb.store.get({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name })!;

describe('sync', () => {
  it('writes operation.sync with the resolved revision and initiatedBy, and records the event', async () => {
    const { sb, server, sha } = await world();
    server.as('admin').sync('guestbook', { prune: true, resources: [{ kind: 'ConfigMap', name: 'cm', namespace: 'guestbook' }], syncOptions: ['CreateNamespace=true'] });
    expect(get(sb).operation).toEqual({
      sync: {
        revision: sha,
        source: { repoURL: URL, path: 'guestbook', targetRevision: 'main' },
        prune: true,
        syncOptions: ['CreateNamespace=true'],
        resources: [{ kind: 'ConfigMap', name: 'cm', namespace: 'guestbook' }],
      },
      initiatedBy: { username: 'admin' },
    });
    const ev = sb.log.all().find((e) => e.reason === 'OperationStarted');
    expect(ev?.message).toBe(`admin initiated partial sync to main (${sha})`);
  });

  it('takes sync options and retry from the app when the request has none; refuses a second operation', async () => {
    const { sb, server } = await world({}, { syncPolicy: { syncOptions: ['PruneLast=true'], retry: { limit: 2 } } });
    const admin = server.as('admin');
    admin.sync('guestbook');
    expect(get(sb).operation).toMatchObject({ sync: { syncOptions: ['PruneLast=true'] }, retry: { limit: 2 } });
    expect(err(() => admin.sync('guestbook')).message).toBe('another operation is already in progress');
  });

  it('checks sync, then override for local manifests; auto-sync forbids other revisions', async () => {
    const { server } = await world({ 'policy.csv': 'p, alice, applications, get, default/*, allow\np, alice, applications, sync, default/*, allow' });
    const alice = server.as('alice');
    expect(err(() => alice.sync('guestbook', { manifests: ['kind: ConfigMap'] })).message).toBe(
      'permission denied: applications, override, default/guestbook, sub: alice, iat: 2026-01-05T08:00:00Z',
    );
    const auto = await world({}, { syncPolicy: { automated: { prune: true } } });
    expect(err(() => auto.server.as('admin').sync('guestbook', { revision: 'v2' })).message).toBe('Cannot sync to v2: auto-sync currently set to main');
    expect(err(() => auto.server.as('admin').sync('guestbook', { manifests: ['x'] })).message).toBe('cannot use local sync when Automatic Sync Policy is enabled unless for dry run');
  });

  it('an anonymous caller (users.anonymous.enabled) acts with policy.default and no username', async () => {
    const { sb, server, sha } = await world({ 'policy.default': 'role:admin' });
    const cm = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' });
    sb.store.update({ ...cm, data: { 'users.anonymous.enabled': 'true' } });
    expect(server.users().map((u) => u.name)).toEqual(['admin', 'anonymous']);
    server.as(undefined).sync('guestbook');
    expect(get(sb).operation).toMatchObject({ initiatedBy: {} });
    expect(sb.log.all().find((e) => e.reason === 'OperationStarted')?.message).toBe(`Unknown user initiated sync to main (${sha})`);
  });

  it('a read-only user is refused with the sync check', async () => {
    const { server } = await world({ 'policy.default': 'role:readonly' });
    const e = err(() => server.as('alice').sync('guestbook'));
    expect([e.code, e.message]).toEqual(['PermissionDenied', 'permission denied: applications, sync, default/guestbook, sub: alice, iat: 2026-01-05T08:00:00Z']);
  });

  it('a deny window blocks manual syncs until it closes', async () => {
    const { sb, server } = await world();
    const p = sb.store.get({ group: 'argoproj.io', kind: 'AppProject', namespace: 'argocd', name: 'default' })!;
    sb.store.update({ ...p, spec: { ...(p.spec as object), syncWindows: [{ kind: 'deny', schedule: '0 8 * * *', duration: '1h', applications: ['*'] }] } } as KubeObject);
    sb.advance(60_000);
    expect(server.as('admin').syncWindows('guestbook')).toMatchObject({ canSync: false, activeWindows: [{ kind: 'deny' }], assignedWindows: [{ kind: 'deny' }], nextChange: sb.clock.now() + 59 * 60_000 });
    expect(err(() => server.as('admin').sync('guestbook')).message).toBe('cannot sync: blocked by sync window');
    sb.advance(H);
    expect(server.as('admin').sync('guestbook').operation).toBeDefined();
  });

  it('a branch that does not exist fails like the repo server', async () => {
    const { server } = await world();
    const e = err(() => server.as('admin').sync('guestbook', { revision: 'nope' }));
    expect(e.code).toBe('FailedPrecondition');
  });
});

describe('rollback and terminate', () => {
  function withHistory(sb: Awaited<ReturnType<typeof world>>['sb']) {
    const a = get(sb);
    sb.store.update({
      ...a,
      status: { history: [{ id: 0, revision: 'aaa', source: { repoURL: URL, path: 'guestbook', targetRevision: 'main' }, deployedAt: '2026-01-05T07:00:00Z' }] },
    } as KubeObject);
  }

  it('rolls back to a history entry with the apply strategy', async () => {
    const { sb, server } = await world();
    withHistory(sb);
    server.as('admin').rollback('guestbook', 0, { prune: true });
    expect(get(sb).operation).toEqual({
      sync: { revision: 'aaa', prune: true, syncStrategy: { apply: {} }, source: { repoURL: URL, path: 'guestbook', targetRevision: 'main' } },
      initiatedBy: { username: 'admin' },
    });
    expect(sb.log.all().some((e) => e.message === 'admin initiated rollback to 0')).toBe(true);
  });

  it('refuses unknown ids and auto-synced apps', async () => {
    const { sb, server } = await world();
    withHistory(sb);
    expect(err(() => server.as('admin').rollback('guestbook', 7)).message).toBe('application argocd/guestbook does not have deployment with id 7');
    const auto = await world({}, { syncPolicy: { automated: {} } });
    expect(err(() => auto.server.as('admin').rollback('guestbook', 0)).message).toBe('rollback cannot be initiated when auto-sync is enabled');
  });

  it('terminate marks the running operation Terminating, or says none is running', async () => {
    const { sb, server } = await world();
    const admin = server.as('admin');
    expect(err(() => admin.terminateOperation('guestbook')).message).toBe('Unable to terminate operation. No operation is in progress');
    admin.sync('guestbook');
    const a = get(sb);
    sb.store.update({ ...a, status: { operationState: { phase: 'Running', startedAt: '2026-01-05T08:00:00Z' } } } as KubeObject);
    admin.terminateOperation('guestbook');
    expect((get(sb).status as { operationState: { phase: string } }).operationState.phase).toBe('Terminating');
  });
});

describe('projects, repositories and clusters', () => {
  it('validates project role policies and windows; protects default and projects in use', async () => {
    const { server } = await world();
    const admin = server.as('admin');
    const bad = project('team', { roles: [{ name: 'ci', policies: ['p, proj:team:ci, applications, sync, other/*, allow'] }] });
    expect(err(() => admin.createProject(bad)).message).toBe(
      "error validating project: invalid policy rule 'p, proj:team:ci, applications, sync, other/*, allow': object must be of form 'team/*', 'team[/<NAMESPACE>]/<APPNAME>' or 'team/<APPNAME>', not 'other/*'",
    );
    const window = project('w', { syncWindows: [{ kind: 'maybe', schedule: '* * * * *', duration: '1h', applications: ['*'] }] });
    expect(err(() => admin.createProject(window)).message).toBe("error validating project: kind 'maybe' mismatch: can only be allow or deny");
    admin.createProject(project('team', { sourceRepos: ['*'] }));
    expect(admin.listProjects().map((p) => p.metadata.name)).toEqual(['default', 'team']);
    expect(err(() => admin.deleteProject('default')).message).toBe("name 'default' is reserved and cannot be deleted");
    expect(err(() => server.as('alice').createProject(project('x', {}))).message).toBe('permission denied: projects, create, x, sub: alice, iat: 2026-01-05T08:00:00Z');
    admin.deleteProject('team');
    expect(err(() => admin.getProject('team')).message).toBe('appprojects.argoproj.io "team" not found');
  });

  it('tests the connection, then creates repository Secrets the repo server uses', async () => {
    const { sb, git, server } = await world();
    await git.createRepo('https://git.example.com/private/app', { 'a.yaml': 'x: 1' }, { author, credentials: { username: 'u', password: 'p' } });
    const admin = server.as('admin');
    const wrong = err(() => admin.createRepository({ repo: 'https://git.example.com/private/app', username: 'u', password: 'nope' }));
    expect([wrong.code, wrong.message]).toEqual(['Unknown', 'error testing repository connectivity: authentication required']);
    expect(admin.listRepositories()).toEqual([]);
    const secret = admin.createRepository({ repo: 'https://git.example.com/private/app', username: 'u', password: 'p' });
    expect(secret.metadata.name).toBe(repoSecretName('https://git.example.com/private/app'));
    expect(secret.metadata.name).toMatch(/^repo-\d+$/);
    expect(repositoryCredentials(sb.store, 'https://git.example.com/private/app.git')).toEqual({ username: 'u', password: 'p' });
    expect(admin.listRepositories().map((r) => r.repo)).toEqual(['https://git.example.com/private/app']);
    expect(err(() => admin.createRepository({ repo: 'https://git.example.com/private/app', username: 'u', password: 'p', name: 'app' })).message).toBe(
      'existing repository spec is different; use upsert flag to force update; difference in keys "Name"',
    );
    expect(server.as('alice').listRepositories()).toEqual([]);
    admin.deleteRepository('https://git.example.com/private/app');
    expect(admin.listRepositories()).toEqual([]);
  });

  it('lists the clusters a user may get', async () => {
    const { server } = await world({ 'policy.csv': 'p, alice, clusters, get, https://kubernetes.default.svc, allow' });
    expect(server.as('alice').listClusters().map((c) => c.name)).toEqual(['in-cluster']);
    expect(server.as('admin').listClusters()).toHaveLength(1);
  });
});
