import { describe, expect, it } from 'vitest';
import { application, configMap, deployment, getApp, live, requestSync, settle, world } from './support.js';

describe('application controller: refresh and manual sync', () => {
  it('compares a new Application: OutOfSync and Missing until synced, then Synced and Healthy', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web'), 'app/cm.yaml': configMap('settings') });
    sb.store.create(application('guestbook'));
    settle(sb);
    let app = getApp(sb, 'guestbook');
    expect(app.status?.sync?.status).toBe('OutOfSync');
    expect(app.status?.health?.status).toBe('Missing');
    expect(app.status?.sync?.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(app.status?.sourceType).toBe('Directory');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status ?? ''}`)).toEqual([
      'ConfigMap/settings:OutOfSync:Missing',
      'Deployment/web:OutOfSync:Missing',
    ]);
    expect(live(sb, 'Deployment', 'web')).toBeUndefined();

    requestSync(sb, 'guestbook');
    settle(sb);
    app = getApp(sb, 'guestbook');
    expect(app.operation).toBeUndefined();
    expect(app.status?.operationState?.phase).toBe('Succeeded');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.health?.status).toBe('Healthy');
    expect(app.status?.summary?.images).toEqual(['nginx:1.27']);
    expect(app.status?.history?.map((h) => [h.id, h.revision])).toEqual([[0, app.status?.sync?.revision]]);
    const web = live(sb, 'Deployment', 'web');
    expect(web?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('guestbook:apps/Deployment:default/web');
    const reasons = sb.log.all().filter((e) => e.involvedObject.kind === 'Application').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain('ResourceUpdated: Updated sync status:  -> OutOfSync');
    expect(reasons).toContain('ResourceUpdated: Updated sync status: OutOfSync -> Synced');
    expect(reasons).toContain(`OperationCompleted: Sync operation to ${app.status?.sync?.revision} succeeded`);
  });
});
