/** Determinism, resuming from a snapshot, waiting for deletions, PostDelete hooks, CRDs with their resources. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../simulator/index.js';
import { cleanupPostDeleteHooks, executePostDeleteHooks, syncStep } from '../../../../../simulator/argocd/sync/engine/index.js';
import type { OperationState, SyncRequest } from '../../../../../simulator/argocd/sync/engine/index.js';
import { app, brief, configMap, deployment, drive, engineEvents, envOf, job, liveOf, REV, sandbox, T0, track } from './harness.js';

function scenario(): KubeObject[] {
  return [job('migrate', 'PreSync', { policy: 'HookSucceeded' }), deployment('web', { replicas: 2 }), configMap('cfg', { wave: -1 }), configMap('late', { wave: 3 }), job('check', 'PostSync')];
}

describe('sync lifecycle', () => {
  it('is deterministic: same seed, same operation state and events', async () => {
    const run = async () => {
      const sb = sandbox(11);
      const tr = await drive(sb, scenario());
      return { state: tr.state, steps: tr.steps, events: engineEvents(sb) };
    };
    const a = await run();
    expect(a.state.phase).toBe('Succeeded');
    expect(await run()).toEqual(a);
  });

  it('resumes from a sandbox snapshot taken during the wave delay', async () => {
    const sb = sandbox(5);
    const targets = [configMap('a'), configMap('b', { wave: 1 }), configMap('c', { wave: 2 })].map((t) => track(t));
    const req = (): SyncRequest => ({ app: app(), operation: { sync: { revision: REV } }, revision: REV, targets, live: liveOf(sb) });
    const first = syncStep(envOf(sb), req(), undefined);
    await sb.advanceAsync(1000);
    const snap = sb.snapshot();
    const saved: OperationState = JSON.parse(JSON.stringify(first.state)) as OperationState;
    const finish = async (start: OperationState) => {
      let state = start;
      let r = syncStep(envOf(sb), req(), state);
      for (let i = 0; i < 20 && r.requeueAfterMs !== undefined; i++) {
        await sb.advanceAsync(r.requeueAfterMs);
        state = r.state;
        r = syncStep(envOf(sb), req(), state);
      }
      return { state: r.state, now: sb.now() };
    };
    const straight = await finish(first.state);
    sb.restore(snap);
    const resumed = await finish(saved);
    expect(resumed).toEqual(straight);
    expect(straight.state.phase).toBe('Succeeded');
  });

  it('a prune in an earlier wave is waited for until the object is gone', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('keep'), configMap('old')]);
    // A finalizer someone else owns keeps the pruned object around for a while.
    const old = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'old' });
    if (!old) throw new Error('no old');
    sb.store.update({ ...old, metadata: { ...old.metadata, finalizers: ['example.com/hold'] } });
    const release = (w: ReturnType<typeof sandbox>) => {
      const o = w.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'old' });
      if (o && w.now() - T0 >= 6000) w.store.update({ ...o, metadata: { ...o.metadata, finalizers: [] } });
      return false;
    };
    const tr = await drive(sb, [configMap('keep'), configMap('next', { wave: 1 })], {
      operation: { sync: { revision: REV, prune: true } }, terminateWhen: (_s, w) => release(w),
    });
    expect(tr.state.phase).toBe('Succeeded');
    expect(tr.steps.filter((s) => s.message === 'waiting for deletion of /ConfigMap/old').map((s) => s.t)).toEqual([2000, 3000, 4000, 5000]);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'next' })).toBeDefined();
    expect(tr.state.syncResult.resources.map((r) => `${r.name}:${r.status}`)).toEqual(['old:Pruned', 'keep:Synced', 'next:Synced']);
  });

  it('a CRD and its custom resources sync together (the dry run skips the not-yet-known kind)', async () => {
    const sb = sandbox();
    const crd: KubeObject = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 1 } };
    const tr = await drive(sb, [widget, crd]);
    expect(tr.state.phase).toBe('Succeeded');
    expect(tr.state.syncResult.resources.map((r) => r.message)).toEqual([
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created', 'widget.example.com/w created',
    ]);
  });

  it('PostDelete hooks: created on deletion, waited for, then cleaned up by HookSucceeded', async () => {
    const sb = sandbox();
    const hook = job('goodbye', 'PostDelete', { policy: 'HookSucceeded', sleep: 2 });
    const synced = await drive(sb, [configMap('cfg'), hook]);
    // Never part of a sync.
    expect(brief(synced.state)).toEqual(['Sync ConfigMap/cfg Synced Running configmap/cfg created']);
    const env = envOf(sb);
    const input = () => ({ app: app(), targets: [track(hook)], live: liveOf(sb) });
    const first = executePostDeleteHooks(env, input());
    expect(first).toEqual({ done: false, created: ['job.batch/goodbye'], progressing: 0 });
    const waiting = executePostDeleteHooks(env, input());
    expect(waiting).toEqual({ done: false, created: [], progressing: 1 });
    await sb.advanceAsync(10_000);
    expect(executePostDeleteHooks(env, input()).done).toBe(true);
    expect(cleanupPostDeleteHooks(env, input())).toEqual({ done: false, pendingDeletion: 1 });
    await sb.runUntilSettledAsync({ maxVirtualMs: 30_000 });
    expect(cleanupPostDeleteHooks(env, input())).toEqual({ done: true, pendingDeletion: 0 });
    expect(sb.store.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'goodbye' })).toBeUndefined();
    expect(engineEvents(sb).filter((e) => e.includes('PostDeleteHook'))).toHaveLength(2);
  });
});

describe('operation requests', () => {
  it('an operation without sync is an Error, like SyncAppState', () => {
    const sb = sandbox();
    const r = syncStep(envOf(sb), { app: app(), operation: {}, revision: REV, targets: [track(configMap('a'))], live: [] }, undefined);
    expect(r.state.phase).toBe('Error');
    expect(r.state.message).toBe('Invalid operation request: no operation specified');
    expect(r.requeueAfterMs).toBeUndefined();
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' })).toBeUndefined();
  });

  it('a finished operation is returned as it is', () => {
    const sb = sandbox();
    const req = { app: app(), operation: { sync: { revision: REV } }, revision: REV, targets: [track(configMap('a'))], live: [] };
    const done = syncStep(envOf(sb), req, undefined);
    expect(done.state.phase).toBe('Succeeded');
    expect(syncStep(envOf(sb), req, done.state)).toEqual({ state: done.state });
  });
});
