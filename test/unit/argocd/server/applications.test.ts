import { describe, expect, it } from 'vitest';
import { ArgoApiError, ArgoCDServer } from '../../../../simulator/argocd/server/index.js';
import { errorOf } from '../../../support/apiError.js';
import { app, argoWorld, project } from '../settings/world.js';

const RBAC = {
  'policy.csv': [
    'p, role:dev, applications, get, team/*, allow',
    'p, role:dev, applications, sync, team/*, allow',
    'p, role:dev, applications, create, team/*, allow',
    'p, role:dev, projects, get, team, allow',
    'g, alice, role:dev',
  ].join('\n'),
};
const CM = { 'accounts.alice': 'login', 'accounts.bob': 'login', 'accounts.carol': 'login', 'accounts.carol.enabled': 'false', 'accounts.ci': 'apiKey' };

function world() {
  const sb = argoWorld({ cm: CM, rbac: RBAC });
  sb.store.create(project('team', { sourceRepos: ['https://git.example.com/team/*'], destinations: [{ server: '*', namespace: 'team-*' }] }));
  const team = (name: string) => app(name, { project: 'team', source: { repoURL: 'https://git.example.com/team/web', path: '.', targetRevision: 'main' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'team-web' } });
  sb.store.create(team('web'));
  sb.store.create(team('api'));
  sb.store.create(app('guestbook', {}));
  return { sb, server: new ArgoCDServer(sb), team };
}

const err = (fn: () => unknown): ArgoApiError => errorOf(fn, ArgoApiError);

describe('sessions and the user switcher', () => {
  it('lists admin and argocd-cm accounts; refuses unknown and disabled ones', () => {
    const { server } = world();
    expect(server.users().map((u) => `${u.name}:${u.enabled}`)).toEqual(['admin:true', 'alice:true', 'bob:true', 'carol:false', 'ci:true']);
    expect(err(() => server.as('mallory')).message).toBe('Invalid username or password');
    expect(err(() => server.as('carol')).message).toBe('Account carol is disabled');
    expect(err(() => server.as('ci')).message).toBe('Account ci does not have login capability');
    expect(server.as({ sub: 'sso-user', groups: ['devs'] }).claims).toEqual({ sub: 'sso-user', groups: ['devs'], iat: '2026-01-05T08:00:00Z' });
    expect(err(() => server.as(undefined)).code).toBe('Unauthenticated');
  });

  it('answers can() the way the UI needs to grey out buttons', () => {
    const { server } = world();
    const alice = server.as('alice');
    expect(alice.can('applications', 'sync', 'team/web')).toBe(true);
    expect(alice.can('applications', 'delete', 'team/web')).toBe(false);
    expect(server.as('admin').can('applications', 'delete', 'team/web')).toBe(true);
  });
});

describe('reading applications', () => {
  it('lists only what the user may get, by name', () => {
    const { server } = world();
    expect(server.as('alice').listApplications().map((a) => a.metadata.name)).toEqual(['api', 'web']);
    expect(server.as('admin').listApplications().map((a) => a.metadata.name)).toEqual(['api', 'guestbook', 'web']);
    expect(server.as('bob').listApplications()).toEqual([]);
    expect(server.as('admin').listApplications({ projects: ['default'] }).map((a) => a.metadata.name)).toEqual(['guestbook']);
    expect(server.as('admin').listApplications({ repo: 'https://git.example.com/team/web' }).map((a) => a.metadata.name)).toEqual(['api', 'web']);
    expect(server.as('admin').listApplications({ repo: 'https://git.example.com/team' })).toEqual([]);
  });

  it('does not reveal whether a denied or missing app exists', () => {
    const { server } = world();
    const bob = server.as('bob');
    const denied = err(() => bob.getApplication('web'));
    const missing = err(() => bob.getApplication('nope'));
    expect([denied.code, denied.message]).toEqual(['PermissionDenied', 'permission denied']);
    expect([missing.code, missing.message]).toEqual(['PermissionDenied', 'permission denied']);
    expect(denied.why).toBe('permission denied: applications, get, team/web, sub: bob, iat: 2026-01-05T08:00:00Z');
    // With the project named and get allowed there, a missing app is NotFound.
    expect(err(() => server.as('alice').getApplication('nope', { project: 'team' })).message).toBe('applications.argoproj.io "nope" not found');
  });

  it('refresh sets the refresh annotation for the controller', () => {
    const { server } = world();
    const a = server.as('alice').refreshApplication('web', 'hard');
    expect(a.metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('hard');
  });
});

describe('creating, updating and deleting', () => {
  it('creates with project validation and Argo’s messages', () => {
    const { server, team } = world();
    const alice = server.as('alice');
    const created = alice.createApplication(team('worker'));
    expect(created.metadata.name).toBe('worker');
    const noProject = app('plain', {});
    delete (noProject.spec as { project?: string }).project;
    expect((server.as('admin').createApplication(noProject).spec as { project: string }).project).toBe('default');
    expect(err(() => alice.createApplication(app('x', {}))).message).toBe(
      'permission denied: applications, create, default/x, sub: alice, iat: 2026-01-05T08:00:00Z',
    );
    const bad = team('bad');
    (bad.spec as { destination: unknown }).destination = { server: 'https://kubernetes.default.svc', namespace: 'default' };
    const e = err(() => alice.createApplication(bad));
    expect([e.code, e.message]).toEqual([
      'InvalidArgument',
      "application spec for bad is invalid: InvalidSpecError: application destination server 'https://kubernetes.default.svc' and namespace 'default' do not match any of the allowed destinations in project 'team'",
    ]);
    const ghost = app('ghost', { project: 'ghost' });
    expect(err(() => server.as('admin').createApplication(ghost)).message).toBe('app is not allowed in project "ghost", or the project does not exist');
  });

  it('is idempotent for an identical spec and needs upsert for a different one', () => {
    const { server, team } = world();
    const admin = server.as('admin');
    expect(admin.createApplication(team('web')).metadata.resourceVersion).toBeDefined();
    const changed = team('web');
    (changed.spec as { source: { path: string } }).source.path = 'other';
    expect(err(() => admin.createApplication(changed)).message).toBe('existing application spec is different, use upsert flag to force update');
    expect((admin.createApplication(changed, { upsert: true }).spec as { source: { path: string } }).source.path).toBe('other');
  });

  it('update needs update permission; moving projects needs create in the new one', () => {
    const { sb, server } = world();
    const web = sb.store.get({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'web' })!;
    expect(err(() => server.as('alice').updateApplication(web)).code).toBe('PermissionDenied');
    const moved = { ...web, spec: { ...(web.spec as object), project: 'default' } };
    const updated = server.as('admin').updateApplication(moved);
    expect((updated.spec as { project: string }).project).toBe('default');
  });

  it('delete cascades through the resources finalizer unless cascade is off', () => {
    const { sb, server } = world();
    const admin = server.as('admin');
    expect(err(() => server.as('alice').deleteApplication('web')).message).toBe(
      'permission denied: applications, delete, team/web, sub: alice, iat: 2026-01-05T08:00:00Z',
    );
    admin.deleteApplication('web');
    const web = sb.store.get({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'web' });
    expect(web?.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(web?.metadata.deletionTimestamp).toBeDefined();
    admin.deleteApplication('api', { cascade: false });
    expect(sb.store.get({ group: 'argoproj.io', kind: 'Application', namespace: 'argocd', name: 'api' })).toBeUndefined();
    expect(err(() => admin.deleteApplication('guestbook', { propagationPolicy: 'sideways' })).message).toBe('invalid propagation policy: sideways');
  });
});

describe('policy changes', () => {
  it('follow argocd-rbac-cm edits, also after a snapshot is restored', () => {
    const { sb, server } = world();
    const setPolicy = (csv: string) => {
      const cm = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-rbac-cm' });
      sb.store.update({ ...cm, data: { 'policy.csv': csv } });
    };
    const snap = sb.snapshot();
    setPolicy('p, bob, applications, get, default/*, allow');
    expect(server.as('bob').listApplications().map((a) => a.metadata.name)).toEqual(['guestbook']);
    sb.restore(snap);
    setPolicy('p, bob, applications, get, team/*, allow');
    expect(server.as('bob').listApplications().map((a) => a.metadata.name)).toEqual(['api', 'web']);
  });
});
