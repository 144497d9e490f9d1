import { describe, expect, it } from 'vitest';
import { argoCD } from '../../../../simulator/argocd/index.js';
import { REPO, application, author, configMap, deployment, getApp, live, settle, world } from './support.js';

const DEPLOY = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

describe('application controller: automated sync', () => {
  it('auto-syncs a new app, then a new commit after the periodic refresh', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web', { replicas: 1 }) });
    sb.store.create(application('guestbook', { automated: {} }));
    settle(sb);
    let app = getApp(sb, 'guestbook');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.health?.status).toBe('Healthy');
    expect(app.status?.operationState?.operation.initiatedBy).toEqual({ automated: true });
    const first = app.status?.sync?.revision;
    const started = sb.log.all().filter((e) => e.reason === 'OperationStarted');
    expect(started.map((e) => e.message)).toEqual([`Initiated automated sync to '${first}'`]);

    const sha = await argoCD(sb).git.get(REPO).commit({ 'app/web.yaml': deployment('web', { replicas: 2 }) }, 'scale to 2', author);
    // Nothing happens until the controller looks at git again (resync: 120 s + up to 60 s jitter).
    sb.advance(60_000);
    expect(getApp(sb, 'guestbook').status?.sync?.revision).toBe(first);
    sb.advance(125_000);
    settle(sb);
    app = getApp(sb, 'guestbook');
    expect(app.status?.sync?.revision).toBe(sha);
    expect(app.status?.sync?.status).toBe('Synced');
    expect((sb.store.mustGet(DEPLOY).spec as { replicas: number }).replicas).toBe(2);
    expect(app.status?.history?.map((h) => h.revision)).toEqual([first, sha]);
  });

  it('without selfHeal a deleted Deployment stays deleted (OutOfSync); with selfHeal it comes back after the back-off', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web') });
    sb.store.create(application('plain', { automated: {} }));
    settle(sb);
    sb.store.delete(DEPLOY);
    settle(sb);
    expect(live(sb, 'Deployment', 'web')).toBeUndefined();
    expect(getApp(sb, 'plain').status?.sync?.status).toBe('OutOfSync');

    const healed = await world({ 'app/web.yaml': deployment('web') });
    healed.store.create(application('healing', { automated: { selfHeal: true } }));
    settle(healed);
    healed.store.delete(DEPLOY);
    settle(healed);
    // The first self-heal after a successful sync is immediate (back-off 0 for 0 attempts).
    expect(live(healed, 'Deployment', 'web')).toBeDefined();
    const op = getApp(healed, 'healing').status?.operationState;
    expect(op?.phase).toBe('Succeeded');
    expect(op?.operation.sync?.resources).toEqual([{ kind: 'Deployment', group: 'apps', name: 'web' }]);
    expect((op?.operation.sync as { autoHealAttemptsCount?: number }).autoHealAttemptsCount).toBe(1);

    // Later drifts wait for the back-off after the last self-heal finished: 2 s · 3ⁿ by default, here 30 s · 3ⁿ.
    healed.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cmd-params-cm', namespace: 'argocd' }, data: { 'controller.self.heal.backoff.timeout.seconds': '30' } });
    const finished = Date.parse(getApp(healed, 'healing').status?.operationState?.finishedAt ?? '');
    const t0 = healed.now();
    healed.store.delete(DEPLOY);
    healed.advance(10_000);
    expect(live(healed, 'Deployment', 'web')).toBeUndefined();
    expect(getApp(healed, 'healing').status?.sync?.status).toBe('OutOfSync');
    settle(healed);
    expect(live(healed, 'Deployment', 'web')).toBeDefined();
    const heal2 = healed.log.all().filter((e) => e.reason === 'OperationStarted' && e.t > t0);
    expect(heal2).toHaveLength(1);
    expect(heal2[0]!.t - finished).toBeGreaterThanOrEqual(30_000);
    expect(heal2[0]!.t - finished).toBeLessThan(31_000);
    expect(getApp(healed, 'healing').status?.sync?.status).toBe('Synced');
  });

  it('selfHeal reverts a live edit (kubectl scale) back to what git says', async () => {
    const sb = await world({ 'app/web.yaml': deployment('web', { replicas: 2 }) });
    sb.store.create(application('healing', { automated: { selfHeal: true } }));
    settle(sb);
    const d = sb.store.mustGet(DEPLOY);
    sb.store.update({ ...d, spec: { ...(d.spec as object), replicas: 5 } });
    settle(sb);
    expect((sb.store.mustGet(DEPLOY).spec as { replicas: number }).replicas).toBe(2);
    const app = getApp(sb, 'healing');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.operationState?.syncResult.resources.map((r) => `${r.kind}/${r.name}: ${r.message}`)).toEqual(['Deployment/web: deployment.apps/web configured']);
  });

  it('prunes only with automated prune; otherwise the extra resource requires pruning', async () => {
    for (const prune of [false, true]) {
      const sb = await world({ 'app/web.yaml': deployment('web'), 'app/old.yaml': configMap('old') });
      sb.store.create(application('guestbook', { automated: { prune } }));
      settle(sb);
      await argoCD(sb).git.get(REPO).commit({ 'app/old.yaml': null }, 'drop old', author);
      sb.advance(181_000);
      settle(sb);
      const app = getApp(sb, 'guestbook');
      const old = app.status?.resources?.find((r) => r.name === 'old');
      if (prune) {
        expect(live(sb, 'ConfigMap', 'old')).toBeUndefined();
        expect(old).toBeUndefined();
        expect(app.status?.sync?.status).toBe('Synced');
        expect(app.status?.operationState?.syncResult.resources.find((r) => r.name === 'old')?.status).toBe('Pruned');
      } else {
        expect(live(sb, 'ConfigMap', 'old')).toBeDefined();
        expect(old).toMatchObject({ status: 'OutOfSync', requiresPruning: true });
        expect(app.status?.sync?.status).toBe('OutOfSync');
      }
    }
  });
});
