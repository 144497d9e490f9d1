import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../simulator/index.js';
import { argoCD } from '../../../../simulator/argocd/index.js';
import { REPO, appKey, application, author, configMap, deployment, getApp, live, settle, world } from './support.js';

const EXCLUDE_CONFIGMAPS = '- apiGroups: [""]\n  kinds: [ConfigMap]\n  clusters: ["*"]\n';

function refresh(sb: Awaited<ReturnType<typeof world>>): void {
  const stored = sb.store.mustGet(appKey('guestbook'));
  sb.store.update({ ...stored, metadata: { ...stored.metadata, annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
}

function setArgoCm(sb: Awaited<ReturnType<typeof world>>, data: Record<string, string>): void {
  const cm = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' });
  sb.store.update({ ...cm, data: { ...((cm.data ?? {}) as Record<string, string>), ...data } } as KubeObject);
}

describe('application controller: resource.exclusions / resource.inclusions', () => {
  it('an excluded kind is dropped from the targets with ExcludedResourceWarning, and its live objects are invisible (never pruned)', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web'), 'app/settings.yaml': configMap('settings') });
    sb.store.create(application('guestbook', { automated: { prune: true } }));
    settle(sb);
    expect(getApp(sb, 'guestbook').status?.resources?.map((r) => r.kind)).toEqual(['ConfigMap', 'Deployment']);

    setArgoCm(sb, { 'resource.exclusions': EXCLUDE_CONFIGMAPS });
    refresh(sb);
    settle(sb);
    let app = getApp(sb, 'guestbook');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Deployment/web']);
    expect(app.status?.conditions?.map(({ type, message }) => ({ type, message }))).toEqual([
      { type: 'ExcludedResourceWarning', message: 'Resource /ConfigMap settings is excluded in the settings' },
    ]);
    expect(app.status?.sync?.status).toBe('Synced');

    // Gone from git: with automated prune an included kind would be deleted; the excluded one stays.
    await argoCD(sb).git.get(REPO).commit({ 'app/settings.yaml': null }, 'drop settings', author);
    refresh(sb);
    settle(sb);
    app = getApp(sb, 'guestbook');
    expect(app.status?.conditions).toBeUndefined();
    expect(app.status?.sync?.status).toBe('Synced');
    expect(live(sb, 'ConfigMap', 'settings')).toBeDefined();
  });

  it('resource.inclusions: kinds outside a non-empty inclusion list are excluded', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web'), 'app/settings.yaml': configMap('settings') });
    setArgoCm(sb, { 'resource.inclusions': '- apiGroups: ["apps"]\n  kinds: ["*"]\n  clusters: ["https://kubernetes.default.svc"]\n' });
    sb.store.create(application('guestbook', { automated: {} }));
    settle(sb);
    const app = getApp(sb, 'guestbook');
    expect(app.status?.operationState?.syncResult?.resources?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Deployment/web']);
    expect(app.status?.conditions?.map((c) => c.message)).toEqual(['Resource /ConfigMap settings is excluded in the settings']);
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
    expect(live(sb, 'Deployment', 'web')).toBeDefined();
  });
});
