import { describe, expect, it } from 'vitest';
import { argoCD } from '../../../../simulator/argocd/index.js';
import type { KubeObject } from '../../../../simulator/index.js';
import { appKey, application, author, configMap, deployment, getApp, live, requestSync, settle, world } from './support.js';

function project(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name, namespace: 'argocd' }, spec: spec as KubeObject['spec'] };
}

function inProject(name: string, proj: string, extra: Parameters<typeof application>[1] = {}): KubeObject {
  const app = application(name, extra);
  return { ...app, spec: { ...(app.spec as object), project: proj } as KubeObject['spec'] };
}

describe('application controller: AppProject', () => {
  it('a resource kind the project does not allow fails the sync with the project message', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web'), 'app/cm.yaml': configMap('settings') });
    sb.store.create(project('strict', {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      namespaceResourceWhitelist: [{ group: '', kind: 'ConfigMap' }],
    }));
    sb.store.create(inProject('guestbook', 'strict'));
    requestSync(sb, 'guestbook');
    settle(sb);
    const op = getApp(sb, 'guestbook').status?.operationState;
    expect(op?.phase).toBe('Failed');
    expect(op?.syncResult.resources.find((r) => r.kind === 'Deployment')?.message).toBe('resource apps:Deployment is not permitted in project strict');
    expect(live(sb, 'Deployment', 'web')).toBeUndefined();
  });

  it('a repo the project does not permit is an InvalidSpecError', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('settings') });
    sb.store.create(project('narrow', { sourceRepos: ['https://git.example.com/org/other.git'], destinations: [{ server: '*', namespace: '*' }] }));
    sb.store.create(inProject('guestbook', 'narrow'));
    settle(sb);
    const conditions = getApp(sb, 'guestbook').status?.conditions ?? [];
    expect(conditions.map((c) => c.type)).toContain('InvalidSpecError');
    expect(conditions.find((c) => c.type === 'InvalidSpecError')?.message).toContain('is not permitted in project');
  });

  it('a destination the project does not permit: sync and health Unknown, nothing compared or auto-synced (refreshAppConditions)', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('settings') });
    sb.store.create(project('team', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: 'team-*' }] }));
    sb.store.create(inProject('guestbook', 'team', { automated: { prune: true } }));
    settle(sb);
    const st = getApp(sb, 'guestbook').status;
    expect(st?.sync?.status).toBe('Unknown');
    expect(st?.health?.status).toBe('Unknown');
    expect(st?.resources ?? []).toEqual([]);
    expect(st?.operationState).toBeUndefined();
    expect(st?.conditions?.find((c) => c.type === 'InvalidSpecError')?.message).toBe("application destination server 'https://kubernetes.default.svc' and namespace 'default' do not match any of the allowed destinations in project 'team'");
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
    // Fixing the project lets the next refresh compare and auto-sync.
    const proj = sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: 'argocd', name: 'team' })!;
    sb.store.update({ ...proj, spec: { ...(proj.spec as object), destinations: [{ server: '*', namespace: '*' }] } as KubeObject['spec'] });
    sb.store.update({ ...getApp(sb, 'guestbook'), metadata: { ...getApp(sb, 'guestbook').metadata, annotations: { 'argocd.argoproj.io/refresh': 'normal' } } } as unknown as KubeObject);
    settle(sb);
    expect(getApp(sb, 'guestbook').status?.sync?.status).toBe('Synced');
    expect(live(sb, 'ConfigMap', 'settings')).toBeDefined();
  });

  it('a private repository needs its credential Secret', async () => {
    const sb = await world({});
    const url = 'https://git.example.com/org/private.git';
    await argoCD(sb).git.createRepo(url, { 'app/cm.yaml': configMap('secret-config') }, { author, credentials: { username: 'bot', password: 's3cret' } });
    sb.store.create(application('private', { repoURL: url, automated: {} }));
    settle(sb);
    expect(getApp(sb, 'private').status?.conditions?.[0]?.message).toContain('authentication required');
    sb.store.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'private-repo', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      stringData: { type: 'git', url, username: 'bot', password: 's3cret' },
    });
    const app = sb.store.mustGet(appKey('private'));
    sb.store.update({ ...app, metadata: { ...app.metadata, annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    settle(sb);
    expect(getApp(sb, 'private').status?.sync?.status).toBe('Synced');
    expect(live(sb, 'ConfigMap', 'secret-config')).toBeDefined();
  });

  it('a deny sync window holds auto-sync back until it closes', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('settings') });
    // The world starts 2025-01-01 00:00 UTC; the window denies syncs from 23:00 the day before until 01:00.
    sb.store.create(project('windowed', {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      syncWindows: [{ kind: 'deny', schedule: '0 23 * * *', duration: '2h', applications: ['*'] }],
    }));
    sb.store.create(inProject('guestbook', 'windowed', { automated: {} }));
    sb.advance(30 * 60_000);
    expect(getApp(sb, 'guestbook').status?.sync?.status).toBe('OutOfSync');
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
    sb.advance(40 * 60_000);
    settle(sb);
    expect(getApp(sb, 'guestbook').status?.sync?.status).toBe('Synced');
    const started = sb.log.all().find((e) => e.reason === 'OperationStarted');
    expect(started!.t - Date.UTC(2025, 0, 1)).toBeGreaterThanOrEqual(3_600_000);
  });

  it('orphaned resources in the destination namespace are reported when the project asks', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('settings') });
    sb.store.create(project('tidy', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], orphanedResources: { warn: true } }));
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stray', namespace: 'default' }, data: {} });
    sb.store.create(inProject('guestbook', 'tidy', { automated: {} }));
    settle(sb);
    const orphan = getApp(sb, 'guestbook').status?.conditions?.find((c) => c.type === 'OrphanedResourceWarning');
    expect(orphan?.message).toMatch(/^Application has \d+ orphaned resources$/);
  });
});
