import { describe, expect, it } from 'vitest';
import { argoCD } from '../../../../simulator/argocd/index.js';
import type { KubeObject, Sandbox } from '../../../../simulator/index.js';
import { REPO, appKey, application, author, configMap, deployment, getApp, hook, live, requestSync, settle, world } from './support.js';

const APP = appKey('guestbook');

function annotate(sb: Sandbox, value: string): void {
  const app = sb.store.mustGet(APP);
  sb.store.update({ ...app, metadata: { ...app.metadata, annotations: { ...(app.metadata.annotations ?? {}), 'argocd.argoproj.io/refresh': value } } });
}

describe('application controller: operations and refresh', () => {
  it('a refresh annotation compares with the latest commit at once and is removed', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('settings', 'v1') });
    sb.store.create(application('guestbook'));
    requestSync(sb, 'guestbook');
    settle(sb);
    const first = getApp(sb, 'guestbook').status?.sync?.revision;
    const sha = await argoCD(sb).git.get(REPO).commit({ 'app/cm.yaml': configMap('settings', 'v2') }, 'v2', author);
    sb.advance(10_000);
    expect(getApp(sb, 'guestbook').status?.sync).toMatchObject({ status: 'Synced', revision: first });
    for (const kind of ['normal', 'hard']) {
      sb.advance(5_000);
      const at = sb.now();
      annotate(sb, kind);
      settle(sb);
      const app = getApp(sb, 'guestbook');
      expect(app.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
      expect(app.status?.sync).toMatchObject({ status: 'OutOfSync', revision: sha });
      // A full refresh: reconciledAt moves to the refresh (second precision).
      expect(Date.parse(app.status?.reconciledAt ?? '')).toBe(at - (at % 1000));
    }
  });

  it('a spec change (another path) is compared at once, without waiting for the resync', async () => {
    const sb = await world({ 'app/cm.yaml': configMap('one'), 'other/cm.yaml': configMap('two') });
    sb.store.create(application('guestbook', { automated: { prune: true } }));
    settle(sb);
    expect(live(sb, 'ConfigMap', 'one')).toBeDefined();
    const app = sb.store.mustGet(APP);
    const spec = app.spec as { source: Record<string, unknown> };
    sb.store.update({ ...app, spec: { ...spec, source: { ...spec.source, path: 'other' } } } as KubeObject);
    sb.advance(1_000);
    expect(getApp(sb, 'guestbook').status?.sync?.comparedTo?.source).toMatchObject({ path: 'other' });
    expect(live(sb, 'ConfigMap', 'two')).toBeDefined();
    expect(live(sb, 'ConfigMap', 'one')).toBeUndefined();
  });

  it('a failed sync retries with back-off (5 s · 2ⁿ) and reports the attempts', async () => {
    const bad = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata: {k: v}\n`;
    const sb = await world({ 'app/cm.yaml': bad });
    sb.store.create(application('guestbook'));
    settle(sb);
    const app0 = sb.store.mustGet(APP);
    const t0 = sb.now();
    sb.store.update({ ...app0, operation: { sync: {}, initiatedBy: { username: 'admin' }, retry: { limit: 2 } } } as KubeObject);
    settle(sb);
    const op = getApp(sb, 'guestbook').status?.operationState;
    expect(op?.phase).toBe('Failed');
    expect(op?.retryCount).toBe(2);
    expect(op?.message).toMatch(/\(retried 2 times\)\.$/);
    const attempts = sb.log.all().filter((e) => e.reason === 'OperationStarted' && e.t > t0 && e.message.startsWith('Retrying operation'));
    expect(attempts.map((e) => [e.message, (e.t - t0) / 1000])).toEqual([
      ['Retrying operation. Attempt #1', 10],
      ['Retrying operation. Attempt #2', 30],
    ]);
    expect(getApp(sb, 'guestbook').operation).toBeUndefined();
  });

  it('rollback syncs the source and revision of a history entry', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web', { image: 'nginx:1.26' }) });
    sb.store.create(application('guestbook'));
    requestSync(sb, 'guestbook');
    settle(sb);
    await argoCD(sb).git.get(REPO).commit({ 'app/web.yaml': deployment('web', { image: 'nginx:1.27' }) }, 'bump', author);
    sb.advance(181_000);
    requestSync(sb, 'guestbook');
    settle(sb);
    let app = getApp(sb, 'guestbook');
    expect(app.status?.summary?.images).toEqual(['nginx:1.27']);
    const first = app.status?.history?.[0];
    expect(app.status?.history?.map((h) => h.id)).toEqual([0, 1]);
    requestSync(sb, 'guestbook', { revision: first?.revision, source: first?.source });
    settle(sb);
    app = getApp(sb, 'guestbook');
    expect(app.status?.summary?.images).toEqual(['nginx:1.26']);
    expect(app.status?.history?.map((h) => [h.id, h.revision])).toEqual([[0, first?.revision], [1, app.status?.history?.[1]?.revision], [2, first?.revision]]);
    // The app now runs an older revision than git's HEAD.
    expect(app.status?.sync?.status).toBe('OutOfSync');
    expect(live(sb, 'Deployment', 'web')).toBeDefined();
  });

  it('terminating a running operation stops it', async () => {
    const job = hook('Job', 'slow', 'PreSync', '[sleep, "3600"]');
    const sb = await world({ 'app/job.yaml': job, 'app/cm.yaml': configMap('settings') });
    sb.store.create(application('guestbook'));
    requestSync(sb, 'guestbook');
    sb.advance(30_000);
    let app = getApp(sb, 'guestbook');
    expect(app.status?.operationState?.phase).toBe('Running');
    const stored = sb.store.mustGet(APP);
    const status = stored.status as { operationState: Record<string, unknown> };
    sb.store.update({ ...stored, status: { ...status, operationState: { ...status.operationState, phase: 'Terminating' } } } as KubeObject);
    settle(sb, 120_000);
    app = getApp(sb, 'guestbook');
    expect(app.status?.operationState?.phase).toBe('Failed');
    expect(app.operation).toBeUndefined();
    expect(live(sb, 'ConfigMap', 'settings')).toBeUndefined();
  });
});
