import { describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { application, configMap, getApp, live, settle, world } from './support.js';

function child(name: string, path: string, namespace = 'default'): string {
  const app = application(name, { path, automated: {}, namespace });
  return dump(app);
}

describe('application controller: app of apps', () => {
  it('a parent app creates child Applications, which sync their own resources', async () => {
    const sb = await world({ 'apps/child.yaml': child('child', 'child'), 'child/cm.yaml': configMap('from-child') });
    sb.store.create(application('parent', { path: 'apps', automated: {}, namespace: 'argocd' }));
    settle(sb);
    const parent = getApp(sb, 'parent');
    expect(parent.status?.sync?.status).toBe('Synced');
    expect(parent.status?.resources?.map((r) => `${r.group}/${r.kind}/${r.namespace}/${r.name}`)).toEqual(['argoproj.io/Application/argocd/child']);
    const kid = getApp(sb, 'child');
    expect(kid.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('parent:argoproj.io/Application:argocd/child');
    expect(kid.status?.sync?.status).toBe('Synced');
    expect(live(sb, 'ConfigMap', 'from-child')).toBeDefined();
  });

  it('with the Application health rule in argocd-cm, a parent reflects its child app health', async () => {
    const sb = await world({ 'apps/child.yaml': child('child', 'child'), 'child/cm.yaml': configMap('x') });
    const cm = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'argocd', name: 'argocd-cm' });
    sb.store.update({ ...cm, data: { 'resource.customizations.health.argoproj.io_Application': 'hs = {}\nreturn hs' } });
    sb.store.create(application('parent', { path: 'apps', automated: {}, namespace: 'argocd' }));
    settle(sb);
    const entry = getApp(sb, 'parent').status?.resources?.[0];
    expect(entry?.health?.status).toBe('Healthy');
    expect(getApp(sb, 'parent').status?.health?.status).toBe('Healthy');
  });

  it('a cycle of apps (a manages b, b manages a) is reported and stops instead of looping', async () => {
    const sb = await world({ 'a/b.yaml': child('b', 'b', 'argocd'), 'b/a.yaml': child('a', 'a', 'argocd') });
    sb.store.create(application('a', { path: 'a', automated: {}, namespace: 'argocd' }));
    const r = sb.runUntilSettled({ maxVirtualMs: 600_000 });
    expect(r.settled).toBe(true);
    const b = getApp(sb, 'b');
    const invalid = b.status?.conditions?.find((c) => c.type === 'InvalidSpecError');
    expect(invalid?.message).toBe('application b is part of a cycle of applications: a -> b -> a');
    expect(b.status?.operationState?.phase).toBe('Error');
    // The automated sync retries 5 times (its default retry limit), then gives up for this revision.
    expect(b.status?.operationState?.message).toBe(`InvalidSpecError: ${invalid?.message} (retried 5 times).`);
    expect(b.status?.conditions?.find((c) => c.type === 'SyncError')?.message).toMatch(/^Failed last sync attempt to \[[0-9a-f]{40}\]: InvalidSpecError/);
  });
});
