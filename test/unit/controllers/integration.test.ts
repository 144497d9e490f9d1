/** The workload controllers with the real default-scheduler and kubelet (createSandbox), end to end. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../simulator/index.js';

const T0 = Date.UTC(2025, 0, 1);
const web = (replicas: number, image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image }] } }, ...extra },
});
const podsOf = (sb: Sandbox, ns = 'default') => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: ns });
const ready = (p: StoredObject) => ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const get = (sb: Sandbox, apiVersion: string, kind: string, name: string, namespace = 'default') => sb.store.get({ apiVersion, kind, namespace, name });

describe('workload controllers with the kubelet', () => {
  it('rolls a Deployment out to Available, then updates it within maxSurge / maxUnavailable at every step', () => {
    const sb = createSandbox({ seed: 11 });
    sb.store.create(web(4, 'nginx:1.26'));
    expect(sb.runUntilSettled().settled).toBe(true);
    const d1 = get(sb, 'apps/v1', 'Deployment', 'web')!;
    expect(d1.status).toMatchObject({ replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect((d1.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Available=True', 'Progressing=True']);

    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } };
    sb.store.update({ ...d1, spec: { ...(d1.spec as object), template } } as KubeObject);
    // 4 replicas, 25%/25%: at most 5 pods not terminating, at least 3 ready ones.
    let steps = 0;
    while (sb.scheduler.hasForegroundWork() && steps < 20_000) {
      sb.step();
      steps++;
      const live = podsOf(sb).filter((p) => !p.metadata.deletionTimestamp);
      expect(live.length).toBeLessThanOrEqual(5);
      expect(live.filter(ready).length).toBeGreaterThanOrEqual(3);
    }
    const d2 = get(sb, 'apps/v1', 'Deployment', 'web')!;
    expect(d2.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(podsOf(sb)).toHaveLength(4);
    expect(podsOf(sb).every((p) => (p.spec as { containers: { image: string }[] }).containers[0]!.image === 'nginx:1.27')).toBe(true);
    expect(d2.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('runs a Job to Complete and a failing Job to BackoffLimitExceeded with 10 s / 20 s back-off', () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default' }, spec: { completions: 2, parallelism: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo 3.14'] }] } } } });
    sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad', namespace: 'default' }, spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } } });
    expect(sb.runUntilSettled().settled).toBe(true);
    const conds = (name: string) => ((get(sb, 'batch/v1', 'Job', name)!.status as { conditions: { type: string; reason: string }[] }).conditions).map((c) => `${c.type}:${c.reason}`);
    expect(conds('pi')).toEqual(['SuccessCriteriaMet:CompletionsReached', 'Complete:CompletionsReached']);
    expect(get(sb, 'batch/v1', 'Job', 'pi')!.status).toMatchObject({ succeeded: 2 });
    expect(conds('bad')).toEqual(['FailureTarget:BackoffLimitExceeded', 'Failed:BackoffLimitExceeded']);
    expect(get(sb, 'batch/v1', 'Job', 'bad')!.status).toMatchObject({ failed: 3 });
    const creates = sb.log.getState().filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.name === 'bad').map((e) => e.t);
    const failedAt = podsOf(sb)
      .filter((p) => p.metadata.labels?.['job-name'] === 'bad')
      .map((p) => Date.parse((p.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0]!.state.terminated.finishedAt))
      .sort((a, b) => a - b);
    // Each replacement waits 10 s, then 20 s after the previous failure (second-precision timestamps).
    expect(Math.round((creates[1]! - failedAt[0]!) / 1000)).toBe(10);
    expect(Math.round((creates[2]! - failedAt[1]!) / 1000)).toBe(20);
    expect(podsOf(sb).every((p) => !p.metadata.finalizers)).toBe(true);
  });

  it('fast-forwards a CronJob for a day: 288 Jobs ran, 3 kept, quickly', () => {
    const sb = createSandbox({ seed: 2 });
    sb.store.create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'date'] }] } } } } },
    });
    expect(sb.runUntilSettled()).toMatchObject({ settled: true, virtualMs: 0 });
    sb.advance(86_400_000);
    sb.runUntilSettled();
    const created = sb.log.getState().filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.kind === 'CronJob');
    expect(created).toHaveLength(288);
    expect(created[0]!.message).toBe(`Created job tick-${T0 / 60_000 + 5}`);
    const jobs = sb.store.list({ apiVersion: 'batch/v1', kind: 'Job' }).map((j) => j.metadata.name).sort();
    expect(jobs).toEqual([`tick-${T0 / 60_000 + 1430}`, `tick-${T0 / 60_000 + 1435}`, `tick-${T0 / 60_000 + 1440}`]);
    expect(get(sb, 'batch/v1', 'CronJob', 'tick')!.status).toMatchObject({ lastScheduleTime: '2025-01-02T00:00:00Z', lastSuccessfulTime: expect.stringMatching(/^2025-01-02T00:00:0\dZ$/) });
    expect(podsOf(sb)).toHaveLength(3);
  });

  it('brings a StatefulSet up in order, each pod Ready before the next is created', () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'main', image: 'postgres:16' }] } } },
    });
    expect(sb.runUntilSettled().settled).toBe(true);
    const log = sb.log.getState();
    const created = (n: string) => log.find((e) => e.message === `create Pod ${n} in StatefulSet db successful`)!.t;
    const started = (n: string) => log.find((e) => e.reason === 'Started' && e.involvedObject.name === n)!.t;
    expect(created('db-1')).toBeGreaterThanOrEqual(started('db-0'));
    expect(created('db-2')).toBeGreaterThanOrEqual(started('db-1'));
    expect(get(sb, 'apps/v1', 'StatefulSet', 'db')!.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('runs a DaemonSet pod on the node', () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'main', image: 'fluentd' }] } } } });
    expect(sb.runUntilSettled().settled).toBe(true);
    const [p] = podsOf(sb, 'kube-system');
    expect((p!.spec as { nodeName: string }).nodeName).toBe('sandbox-control-plane');
    expect(get(sb, 'apps/v1', 'DaemonSet', 'agent', 'kube-system')!.status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1 });
  });

  it('deletes a namespace with running pods: Terminating until the kubelet has stopped them', () => {
    const sb = createSandbox({ seed: 8 });
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    sb.store.create({ ...web(2, 'nginx'), metadata: { name: 'web', namespace: 'team' } });
    sb.runUntilSettled();
    expect(podsOf(sb, 'team').filter(ready)).toHaveLength(2);
    sb.store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    expect((get(sb, 'v1', 'Namespace', 'team', '')!.status as { phase: string }).phase).toBe('Terminating');
    expect(sb.runUntilSettled().settled).toBe(true);
    expect(get(sb, 'v1', 'Namespace', 'team', '')).toBeUndefined();
    expect(podsOf(sb, 'team')).toHaveLength(0);
    expect(sb.store.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace: 'team' })).toHaveLength(0);
  });

  it('Foreground deletion waits for graceful pod termination', () => {
    const sb = createSandbox({ seed: 9 });
    sb.store.create(web(2, 'nginx'));
    sb.runUntilSettled();
    sb.store.delete({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, { propagationPolicy: 'Foreground' });
    sb.step();
    expect(get(sb, 'apps/v1', 'Deployment', 'web')!.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(sb.runUntilSettled().settled).toBe(true);
    expect(get(sb, 'apps/v1', 'Deployment', 'web')).toBeUndefined();
    expect(podsOf(sb)).toHaveLength(0);
  });

  it('is deterministic: same seed, same event log', () => {
    const run = () => {
      const sb = createSandbox({ seed: 21 });
      sb.store.create(web(3, 'nginx'));
      sb.store.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { completions: 2, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'true'] }] } } } });
      sb.runUntilSettled();
      return JSON.stringify(sb.log.getState());
    };
    expect(run()).toBe(run());
  });

  it('replays exactly from a snapshot taken mid-rollout (indexes rebuilt, timers restored)', () => {
    const start = () => {
      const sb = createSandbox({ seed: 31 });
      sb.store.create(web(6, 'nginx:1.26'));
      sb.store.create({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'default' }, spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'true'] }] } } } } } });
      sb.runUntilSettled();
      const d = get(sb, 'apps/v1', 'Deployment', 'web')!;
      sb.store.update({ ...d, spec: { ...(d.spec as object), template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } } } as KubeObject);
      for (let i = 0; i < 25; i++) sb.step();
      return sb;
    };
    const finish = (sb: Sandbox) => {
      sb.advance(180_000);
      sb.runUntilSettled();
      return JSON.stringify([sb.log.getState(), sb.store.dump()]);
    };
    const straight = finish(start());
    const a = start();
    const snap = a.snapshot();
    const b = createSandbox({ seed: 31 });
    b.restore(snap);
    expect(finish(b)).toBe(straight);
    // Same world, rewound after it moved on: its caches must follow the store back.
    for (let i = 0; i < 200; i++) a.step();
    a.restore(snap);
    expect(finish(a)).toBe(straight);
  });

  it('collects the pods of a custom resource (as Argo Workflows owns its pods) once it is deleted', () => {
    const sb = createSandbox({ seed: 12 });
    sb.store.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'runs.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'runs', kind: 'Run' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    const run = sb.store.create({ apiVersion: 'example.com/v1', kind: 'Run', metadata: { name: 'r1', namespace: 'default' } });
    for (const step of ['a', 'b']) {
      sb.store.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `r1-${step}`, namespace: 'default', ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Run', name: 'r1', uid: run.metadata.uid, controller: true, blockOwnerDeletion: true }] },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'sleep 600'] }] },
      });
    }
    sb.advance(10_000);
    expect(podsOf(sb).filter(ready)).toHaveLength(2);
    sb.store.delete({ apiVersion: 'example.com/v1', kind: 'Run', namespace: 'default', name: 'r1' }, { propagationPolicy: 'Foreground' });
    sb.runUntilSettled();
    expect(get(sb, 'example.com/v1', 'Run', 'r1')).toBeUndefined();
    expect(podsOf(sb)).toHaveLength(0);
  });
});
