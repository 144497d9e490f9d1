/** Hooks: created before/after their phase, waited for, deleted by policy; failures run SyncFail hooks. */
import { describe, expect, it } from 'vitest';
import { HOOK_FINALIZER } from '../../../../../simulator/argocd/sync/index.js';
import { hookName } from '../../../../../simulator/argocd/sync/engine/index.js';
import { brief, configMap, deployment, drive, engineEvents, job, REV, sandbox, T0 } from './harness.js';

const getJob = (sb: ReturnType<typeof sandbox>, name: string) => sb.store.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name });
const createdAt = (sb: ReturnType<typeof sandbox>, apiVersion: string, kind: string, name: string) =>
  Date.parse(sb.store.get({ apiVersion, kind, namespace: 'default', name })?.metadata.creationTimestamp ?? '') - T0;

describe('sync hooks', () => {
  it('a PreSync Job completes before wave 0 is applied and HookSucceeded deletes it at the end', async () => {
    const sb = sandbox();
    const seenFinalizer: boolean[] = [];
    const tr = await drive(sb, [deployment('web'), job('migrate', 'PreSync', { policy: 'HookSucceeded', sleep: 3 })], {
      terminateWhen: (_s, world) => {
        const j = getJob(world, 'migrate');
        if (j) seenFinalizer.push((j.metadata.finalizers ?? []).includes(HOOK_FINALIZER));
        return false;
      },
    });
    expect(tr.state.phase).toBe('Succeeded');
    expect(seenFinalizer.length).toBeGreaterThan(0);
    expect(seenFinalizer[0]).toBe(true);
    expect(tr.steps[0].message).toBe('waiting for completion of hook batch/Job/migrate and 1 more hooks');
    expect(tr.steps.some((s) => s.message === 'waiting for completion of hook batch/Job/migrate')).toBe(true);
    // The Deployment was created only after the Job had finished (its sleep is 3 s).
    expect(createdAt(sb, 'apps/v1', 'Deployment', 'web')).toBeGreaterThanOrEqual(3000);
    expect(brief(tr.state)).toEqual([
      'PreSync Job/migrate - Succeeded Reached expected number of succeeded pods',
      'Sync Deployment/web Synced Running deployment.apps/web created',
    ]);
    expect(tr.state.syncResult.resources[0].hookType).toBe('PreSync');
    // Deleted (the Job controller lets it go once its pods are gone).
    await sb.runUntilSettledAsync({ maxVirtualMs: 60_000 });
    expect(getJob(sb, 'migrate')).toBeUndefined();
    expect(engineEvents(sb).some((e) => e.endsWith('HookDeleted job.batch/migrate deleted'))).toBe(true);
  });

  it('without a delete policy the hook stays (BeforeHookCreation) and is replaced on the next sync', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('cfg'), job('seed', 'PostSync')]);
    const first = getJob(sb, 'seed');
    expect(first?.metadata.finalizers ?? []).not.toContain(HOOK_FINALIZER);
    const tr = await drive(sb, [configMap('cfg'), job('seed', 'PostSync')]);
    expect(tr.state.phase).toBe('Succeeded');
    const second = getJob(sb, 'seed');
    expect(second?.metadata.uid).not.toBe(first?.metadata.uid);
    expect(engineEvents(sb).some((e) => e.includes('HookDeleted job.batch/seed deleted before re-creation'))).toBe(true);
  });

  it('a failing PostSync hook fails the sync after running the SyncFail hook', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('cfg'), job('smoke', 'PostSync', { exit: 1 }), job('notify', 'SyncFail')]);
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('one or more synchronization tasks completed unsuccessfully');
    const rows = brief(tr.state);
    expect(rows[0]).toBe('Sync ConfigMap/cfg Synced Succeeded configmap/cfg created');
    expect(rows[1]).toMatch(/^PostSync Job\/smoke - Failed /);
    expect(rows[2]).toBe('SyncFail Job/notify - Succeeded Reached expected number of succeeded pods');
    expect(createdAt(sb, 'batch/v1', 'Job', 'notify')).toBeGreaterThan(createdAt(sb, 'batch/v1', 'Job', 'smoke'));
    // The SyncFail hook starts when the failure is seen; the operation ends on a later step, once it has finished.
    const started = engineEvents(sb).find((e) => e.includes('SyncFailHooks'));
    expect(started).toBeDefined();
    const startedAt = Number(started?.split(' ')[0]);
    const failedAt = tr.steps.find((s) => s.phase === 'Failed')?.t ?? -1;
    expect(failedAt).toBeGreaterThan(startedAt);
    expect(tr.steps.filter((s) => s.t <= startedAt).every((s) => s.phase === 'Running')).toBe(true);
  });

  it('HookFailed deletes a failed hook; SyncFail hooks do not run when the sync succeeds', async () => {
    const sb = sandbox();
    const ok = await drive(sb, [configMap('cfg'), job('notify', 'SyncFail')]);
    expect(ok.state.phase).toBe('Succeeded');
    expect(getJob(sb, 'notify')).toBeUndefined();
    const sb2 = sandbox();
    const bad = await drive(sb2, [configMap('cfg'), job('check', 'PreSync', { exit: 2, policy: 'HookFailed' })]);
    expect(bad.state.phase).toBe('Failed');
    expect(getJob(sb2, 'check')?.metadata.deletionTimestamp).toBeDefined();
    // Nothing of the Sync phase ran.
    expect(sb2.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' })).toBeUndefined();
  });

  it('generateName hooks get `<prefix><rev7>-<phase>-<unix start>`', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('cfg'), job('report', 'PostSync', { generateName: true })]);
    const name = hookName('report-', REV, 'PostSync', tr.state.startedAt);
    expect(name).toBe(`report-${REV.slice(0, 7)}-postsync-${Math.floor(T0 / 1000)}`);
    expect(tr.state.syncResult.resources.map((r) => r.name)).toEqual(['cfg', name]);
    expect(getJob(sb, name)).toBeDefined();
  });

  it('selective sync skips hooks and touches only the named resources', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('a'), configMap('b'), job('migrate', 'PreSync')], {
      operation: { sync: { revision: REV, resources: [{ kind: 'ConfigMap', name: 'b' }] } },
    });
    expect(tr.state.phase).toBe('Succeeded');
    expect(brief(tr.state)).toEqual(['Sync ConfigMap/b Synced Running configmap/b created']);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' })).toBeUndefined();
    expect(getJob(sb, 'migrate')).toBeUndefined();
  });

  it('terminate deletes the running hook and ends "Operation terminated"', async () => {
    const sb = sandbox();
    const tr = await drive(sb, [configMap('cfg'), job('slow', 'PreSync', { sleep: 600 })], {
      terminateWhen: (s) => s !== undefined && sb.now() - T0 >= 5000,
    });
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('Operation terminated');
    expect(brief(tr.state)).toEqual(['PreSync Job/slow - Succeeded Deleted']);
    expect(getJob(sb, 'slow')?.metadata.deletionTimestamp).toBeDefined();
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' })).toBeUndefined();
  });

  it('Helm hooks map onto Argo CD phases; hook: Skip resources are never applied', async () => {
    const sb = sandbox();
    const helmJob = job('install-db', 'PreSync');
    helmJob.metadata.annotations = { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-delete-policy': 'hook-succeeded' };
    const skipped = configMap('manual', { annotations: { 'argocd.argoproj.io/hook': 'Skip' } });
    const tr = await drive(sb, [configMap('cfg'), helmJob, skipped]);
    expect(tr.state.phase).toBe('Succeeded');
    expect(tr.state.syncResult.resources.map((r) => `${r.syncPhase} ${r.name} ${r.hookType ?? '-'}`)).toEqual(['PreSync install-db PreSync', 'Sync cfg -']);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'manual' })).toBeUndefined();
  });

  it('every event the engine records explains itself', async () => {
    const sb = sandbox();
    await drive(sb, [configMap('a', { wave: -1 }), deployment('web'), job('migrate', 'PreSync', { policy: 'HookSucceeded' }), job('notify', 'SyncFail')]);
    const own = sb.log.all().filter((e) => e.source === 'argocd-application-controller');
    expect(own.length).toBeGreaterThan(4);
    for (const e of own) {
      expect(e.involvedObject).toMatchObject({ kind: 'Application', name: 'demo', namespace: 'argocd' });
      expect(e.why?.length ?? 0).toBeGreaterThan(20);
    }
  });

  it('a hook that never becomes healthy fails the sync once its health turns Degraded', async () => {
    const sb = sandbox();
    const crashing = deployment('broken', { image: 'busybox:1.36' });
    crashing.metadata.annotations = { 'argocd.argoproj.io/hook': 'PreSync' };
    const spec = crashing.spec as { progressDeadlineSeconds?: number; template: { spec: { containers: { command?: string[] }[] } } };
    spec.progressDeadlineSeconds = 30;
    spec.template.spec.containers[0].command = ['sh', '-c', 'exit 1'];
    const tr = await drive(sb, [configMap('cfg'), crashing], { maxSteps: 100 });
    expect(tr.state.phase).toBe('Failed');
    expect(tr.state.message).toBe('one or more synchronization tasks completed unsuccessfully');
    expect(brief(tr.state)).toEqual(['PreSync Deployment/broken - Failed Deployment "broken" exceeded its progress deadline']);
    expect(tr.steps.slice(0, -1).every((s) => s.message === 'waiting for completion of hook apps/Deployment/broken' || s.message.startsWith('waiting for completion of hook apps/Deployment/broken and'))).toBe(true);
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' })).toBeUndefined();
  });
});
