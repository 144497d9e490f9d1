import { describe, expect, it } from 'vitest';
import { appKey, application, configMap, deployment, getApp, hook, live, settle, world } from './support.js';

const APP = appKey('guestbook');

describe('application controller: deletion', () => {
  it('with the resources finalizer, deleting the app deletes its resources first (highest wave first)', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web', { wave: 1 }), 'app/cm.yaml': configMap('settings') });
    sb.store.create(application('guestbook', { automated: {}, finalizer: true }));
    settle(sb);
    expect(live(sb, 'Deployment', 'web')).toBeDefined();
    sb.store.delete(APP);
    expect(sb.store.get(APP)?.metadata.deletionTimestamp).toBeDefined();
    settle(sb);
    expect(sb.store.get(APP)).toBeUndefined();
    expect(live(sb, 'Deployment', 'web')).toBeUndefined();
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
    const deletions = sb.log.all().filter((e) => e.reason === 'ResourceDeleted' && e.involvedObject.kind === 'Application');
    expect(deletions.map((e) => e.message)).toEqual([
      'Deleting 1 resource(s) of sync wave 1 with foreground propagation',
      'Deleting 1 resource(s) of sync wave 0 with foreground propagation',
    ]);
  });

  it('without the finalizer the app goes and its resources stay', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web') });
    sb.store.create(application('guestbook', { automated: {} }));
    settle(sb);
    sb.store.delete(APP);
    settle(sb);
    expect(sb.store.get(APP)).toBeUndefined();
    expect(live(sb, 'Deployment', 'web')).toBeDefined();
  });

  it('runs PostDelete hooks after the resources are gone, then lets the app go', async () => {
    const cleanup = hook('Pod', 'cleanup', 'PostDelete', '[echo, bye]', 'HookSucceeded');
    const sb = await world({ 'app/cm.yaml': configMap('settings'), 'app/hook.yaml': cleanup });
    sb.store.create(application('guestbook', { automated: {}, finalizer: true }));
    settle(sb);
    const app = getApp(sb, 'guestbook');
    expect(app.metadata.finalizers).toEqual([
      'resources-finalizer.argocd.argoproj.io',
      'post-delete-finalizer.argocd.argoproj.io',
      'post-delete-finalizer.argocd.argoproj.io/cleanup',
    ]);
    expect(live(sb, 'Pod', 'cleanup')).toBeUndefined();
    sb.store.delete(APP);
    settle(sb);
    expect(sb.store.get(APP)).toBeUndefined();
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
    const created = sb.log.all().find((e) => e.reason === 'PostDeleteHookCreated');
    const deleted = sb.log.all().filter((e) => e.reason === 'ResourceDeleted' && e.involvedObject.kind === 'Application');
    expect(created).toBeDefined();
    expect(created!.t).toBeGreaterThanOrEqual(deleted[deleted.length - 1]!.t);
    // HookSucceeded: the hook pod is deleted once it succeeded.
    expect(live(sb, 'Pod', 'cleanup')).toBeUndefined();
  });
});
