import { describe, expect, it } from 'vitest';
import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { Sandbox } from '../../../../simulator/index.js';
import { checkAcquire, lockRefs, lockTable } from '../../../../simulator/workflows/sync/index.js';
import type { NodeStatus, WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

const get = (sb: Sandbox, name: string) => sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name })?.status as WorkflowStatus;
const node = (st: WorkflowStatus, name: string): NodeStatus => Object.values(st.nodes ?? {}).find((n) => n.name === name) as NodeStatus;

const sleeper = (sync: string) => `
  - name: work
    synchronization: ${sync}
    container: {image: alpine:3.20, command: [sleep, "10"]}`;

describe('template-level synchronization', () => {
  it('a mutex lets one step run at a time; the other waits with Argo\'s message and status entries', async () => {
    const sb = createSandbox({ seed: 11 });
    sb.store.create(parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: mtx, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: work}
      - {name: b, template: work}
${sleeper('{mutexes: [{name: welcome}]}')}
`));
    await sb.advanceAsync(8_000);
    const mid = get(sb, 'mtx');
    const a = node(mid, 'mtx[0].a');
    const b = node(mid, 'mtx[0].b');
    const [holder, waiter] = a.message?.startsWith('Waiting') ? [b, a] : [a, b];
    expect(waiter.phase).toBe('Pending');
    expect(waiter.message).toBe('Waiting for default/Mutex/welcome lock. Lock status: 0/1');
    expect(mid.synchronization).toEqual({
      mutex: { holding: [{ mutex: 'default/Mutex/welcome', holder: holder.id }], waiting: [{ mutex: 'default/Mutex/welcome', holder: `default/mtx/${waiter.id}` }] },
    });
    expect(sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })).toHaveLength(1);
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const end = get(sb, 'mtx');
    expect(end.phase).toBe('Succeeded');
    expect(end.synchronization).toBeUndefined();
    // The second ran only after the first finished.
    expect(Date.parse(node(end, waiter.name).startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(node(end, holder.name).finishedAt ?? ''));
  });

  it('a ConfigMap semaphore admits its limit across workflows', async () => {
    const sb = createSandbox({ seed: 12 });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'my-config', namespace: 'default' }, data: { template: '2' } });
    for (const n of ['s1', 's2', 's3']) {
      sb.store.create(parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${n}, namespace: default}
spec:
  entrypoint: work
  templates:
${sleeper('{semaphores: [{configMapKeyRef: {name: my-config, key: template}}]}')}
`));
      sb.advance(100);
    }
    await sb.advanceAsync(6_000);
    const waiting = ['s1', 's2', 's3'].filter((n) => get(sb, n).nodes?.[n]?.message?.startsWith('Waiting'));
    expect(waiting).toEqual(['s3']);
    expect(get(sb, 's3').nodes?.s3?.message).toBe('Waiting for default/ConfigMap/my-config/template lock. Lock status: 0/2');
    expect((get(sb, 's1').synchronization as { semaphore?: unknown }).semaphore).toEqual({ holding: [{ semaphore: 'default/ConfigMap/my-config/template', holders: ['s1'] }] });
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    expect(['s1', 's2', 's3'].map((n) => get(sb, n).phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  });
});

describe('lock queue', () => {
  it('orders waiters by priority then creation time; a missing semaphore limit is reported', () => {
    const sb = createSandbox({ seed: 1 });
    const wf = (name: string, priority: number, created: string, sync: unknown) =>
      sb.store.create({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name, namespace: 'default', creationTimestamp: created }, spec: { priority }, status: { synchronization: sync } } as never);
    const lock = 'default/Mutex/m';
    wf('holder', 0, '2025-01-01T00:00:00Z', { mutex: { holding: [{ mutex: lock, holder: 'holder' }] } });
    wf('old', 0, '2025-01-01T00:00:01Z', { mutex: { waiting: [{ mutex: lock, holder: 'default/old' }] } });
    wf('urgent', 5, '2025-01-01T00:00:09Z', { mutex: { waiting: [{ mutex: lock, holder: 'default/urgent' }] } });
    const locks = lockRefs({ mutex: { name: 'm' } }, 'default');
    const table = lockTable(sb.store);
    expect([...(table.get(lock)?.holders ?? [])]).toEqual(['default/holder']);
    // Held: nobody gets it.
    expect(checkAcquire(sb.store, table, { key: 'default/urgent', priority: 5, creation: '2025-01-01T00:00:09Z' }, locks)).toMatchObject({ acquired: false });
    // Freed: the higher priority waiter goes first, even though it came later.
    table.get(lock)?.holders.clear();
    expect(checkAcquire(sb.store, table, { key: 'default/old', priority: 0, creation: '2025-01-01T00:00:01Z' }, locks)).toEqual({ acquired: false, message: 'Waiting for default/Mutex/m lock. Lock status: 1/1', lock });
    expect(checkAcquire(sb.store, table, { key: 'default/urgent', priority: 5, creation: '2025-01-01T00:00:09Z' }, locks)).toEqual({ acquired: true });
    const sem = lockRefs({ semaphores: [{ configMapKeyRef: { name: 'absent', key: 'k' } }] }, 'default');
    expect(checkAcquire(sb.store, table, { key: 'default/x', priority: 0, creation: '' }, sem)).toMatchObject({ acquired: false, message: 'Failed to get semaphore limit for default/ConfigMap/absent/k' });
  });
});

describe('workflow-level synchronization', () => {
  it('a second workflow on the same mutex stays Pending with the lock status and runs once the first finishes', async () => {
    const sb = createSandbox({ seed: 11 });
    const wf = (name: string) =>
      parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}, namespace: default}
spec:
  entrypoint: work
  synchronization: {mutexes: [{name: deploy}]}
  templates:
  - name: work
    container: {image: alpine:3.20, command: [sleep, "10"]}
`);
    sb.store.create(wf('first'));
    await sb.advanceAsync(1_000);
    sb.store.create(wf('second'));
    await sb.advanceAsync(3_000);
    expect(get(sb, 'first').phase).toBe('Running');
    expect(get(sb, 'second').phase).toBe('Pending');
    expect(get(sb, 'second').message).toBe('Waiting for default/Mutex/deploy lock. Lock status: 0/1');
    expect(Object.keys(get(sb, 'second').nodes ?? {})).toEqual([]);
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const first = get(sb, 'first');
    const second = get(sb, 'second');
    expect([first.phase, second.phase]).toEqual(['Succeeded', 'Succeeded']);
    expect(Date.parse(second.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first.finishedAt ?? ''));
  });
});
