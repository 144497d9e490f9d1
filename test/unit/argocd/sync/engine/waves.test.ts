/** Phases and waves run in order, each wave after the previous one is healthy, with the 2 s wave delay. */
import { describe, expect, it } from 'vitest';
import { getResourceHealth } from '../../../../../simulator/argocd/health/index.js';
import { brief, configMap, deployment, drive, engineEvents, sandbox, T0 } from './harness.js';

const created = (sb: ReturnType<typeof sandbox>, kind: string, apiVersion: string, name: string) =>
  Date.parse(sb.store.get({ apiVersion, kind, namespace: 'default', name })?.metadata.creationTimestamp ?? '') - T0;

describe('sync waves', () => {
  it('applies waves in order, 2 s apart, and reports results in execution order', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('c', { wave: 2 }), configMap('b', { wave: 1 }), configMap('a', { wave: -1 }), configMap('zero')]);
    expect(tr.state.phase).toBe('Succeeded');
    expect(tr.state.message).toBe('successfully synced (all tasks run)');
    expect(tr.state.syncResult.resources.map((r) => r.name)).toEqual(['a', 'zero', 'b', 'c']);
    expect(['a', 'zero', 'b', 'c'].map((n) => created(sb, 'ConfigMap', 'v1', n))).toEqual([0, 2000, 4000, 6000]);
    expect(engineEvents(sb).filter((e) => e.includes('SyncWave'))).toEqual([
      '0 SyncWave Sync wave -1: 1 task(s)', '2000 SyncWave Sync wave 0: 1 task(s)', '4000 SyncWave Sync wave 1: 1 task(s)', '6000 SyncWave Sync wave 2: 1 task(s)',
    ]);
    // The final wave has no delay after it: the operation ends as soon as it is applied.
    expect(tr.steps[tr.steps.length - 1].t).toBe(6000);
    expect(tr.state.syncResult.resources[0]).toMatchObject({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'default', status: 'Synced', hookPhase: 'Succeeded', syncPhase: 'Sync', message: 'configmap/a created' });
  });

  it('an early call during the wave delay only waits for the rest of it', async () => {
    const { syncStep } = await import('../../../../../simulator/argocd/sync/engine/index.js');
    const { envOf, app, REV, track } = await import('./harness.js');
    const sb = sandbox();
    const targets = [configMap('a'), configMap('b', { wave: 1 })].map((t) => track(t));
    const req = { app: app(), operation: { sync: { revision: REV } }, revision: REV, targets, live: [] };
    const first = syncStep(envOf(sb), req, undefined);
    expect(first.requeueAfterMs).toBe(2000);
    await sb.advanceAsync(500);
    const early = syncStep(envOf(sb), req, first.state);
    expect(early.requeueAfterMs).toBe(1500);
    expect(early.state).toEqual(first.state);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'b' })).toBeUndefined();
  });

  it('a wave waits until the Deployment of the previous wave is Healthy', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [deployment('web', { replicas: 2 }), configMap('after', { wave: 1 })]);
    expect(tr.state.phase).toBe('Succeeded');
    const waits = tr.steps.filter((s) => s.message === 'waiting for healthy state of apps/Deployment/web');
    expect(waits.length).toBeGreaterThan(0);
    // When the ConfigMap of wave 1 was created the Deployment had been Healthy already.
    const cmAt = created(sb, 'ConfigMap', 'v1', 'after');
    expect(cmAt).toBeGreaterThan(2000);
    const lastWait = waits[waits.length - 1].t;
    expect(cmAt).toBeGreaterThan(lastWait);
    const web = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(web && getResourceHealth(web)?.status).toBe('Healthy');
    expect(brief(tr.state)).toEqual([
      'Sync Deployment/web Synced Succeeded deployment.apps/web created',
      'Sync ConfigMap/after Synced Running configmap/after created',
    ]);
  });

  it('a single-step sync succeeds right after applying, without waiting for health', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [deployment('web'), configMap('cfg')]);
    expect(tr.steps).toHaveLength(1);
    expect(tr.state.phase).toBe('Succeeded');
    expect(brief(tr.state)).toEqual([
      'Sync ConfigMap/cfg Synced Running configmap/cfg created',
      'Sync Deployment/web Synced Running deployment.apps/web created',
    ]);
    expect(tr.state.finishedAt).toBe(sb.clock.iso(T0));
  });

  it('a second sync of unchanged manifests reports unchanged, and a change as configured', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('cfg'), deployment('web')]);
    const again = await drive(sb, [configMap('cfg'), deployment('web', { image: 'nginx:1.28' })]);
    expect(again.state.syncResult.resources.map((r) => r.message)).toEqual(['configmap/cfg unchanged', 'deployment.apps/web configured']);
    expect(again.state.syncResult.resources[1].images).toEqual(['nginx:1.28']);
  });

  it('1,000 waves finish within a bounded number of steps', async () => {
    const sb = sandbox();
    const targets = Array.from({ length: 1000 }, (_, i) => configMap(`cm-${i}`, { wave: i }));
    const tr = await drive(sb, targets, { maxSteps: 1100, compare: false });
    expect(tr.state.phase).toBe('Succeeded');
    expect(tr.steps).toHaveLength(1000);
    expect(tr.state.syncResult.resources).toHaveLength(1000);
    expect(tr.steps[999].t).toBe(999 * 2000);
  });
});
