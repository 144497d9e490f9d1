import { describe, expect, it } from 'vitest';
import { parse } from '../../../support/yaml.js';
import { createSandbox } from '../../../../simulator/index.js';
import type { Sandbox } from '../../../../simulator/index.js';
import type { NodeStatus, WorkflowStatus } from '../../../../simulator/workflows/nodes/types.js';

const get = (sb: Sandbox, name: string) => sb.store.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', namespace: 'default', name })?.status as WorkflowStatus;
const byName = (st: WorkflowStatus, name: string): NodeStatus | undefined => Object.values(st.nodes ?? {}).find((n) => n.name === name);

/** A parent steps/DAG template whose child `guarded` (a steps or DAG template) holds the lock around two sleeps. */
const wf = (name: string, kind: 'steps' | 'dag', sync: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: x, template: guarded}
      - {name: y, template: guarded}
  - name: guarded
    synchronization: ${sync}
${kind === 'steps' ? `    steps:
    - - {name: one, template: sleep}
    - - {name: two, template: sleep}` : `    dag:
      tasks:
      - {name: one, template: sleep}
      - {name: two, template: sleep, depends: one}`}
  - name: sleep
    container: {image: alpine:3.20, command: [sleep, "10"]}
`;

describe('synchronization on steps and DAG templates (executeTemplate TryAcquire before any child runs)', () => {
  for (const kind of ['steps', 'dag'] as const) {
    it(`a mutex on a ${kind} template: the second ${kind === 'steps' ? 'Steps' : 'DAG'} node waits Pending, runs no child, and starts after the first finishes`, async () => {
      const sb = createSandbox({ seed: 5 });
      sb.store.create(parse(wf('m', kind, '{mutex: {name: deploy}}')));
      await sb.advanceAsync(5_000);
      const mid = get(sb, 'm');
      const x = byName(mid, 'm[0].x')!;
      const y = byName(mid, 'm[0].y')!;
      const [holder, waiter] = x.message?.startsWith('Waiting') ? [y, x] : [x, y];
      expect(waiter.type).toBe(kind === 'steps' ? 'Steps' : 'DAG');
      expect(waiter.phase).toBe('Pending');
      expect(waiter.message).toBe('Waiting for default/Mutex/deploy lock. Lock status: 0/1');
      expect((waiter as { synchronizationStatus?: unknown }).synchronizationStatus).toEqual({ waiting: 'default/Mutex/deploy' });
      expect(waiter.children ?? []).toEqual([]);
      expect(holder.phase).toBe('Running');
      expect(mid.synchronization).toEqual({
        mutex: { holding: [{ mutex: 'default/Mutex/deploy', holder: holder.id }], waiting: [{ mutex: 'default/Mutex/deploy', holder: `default/m/${waiter.id}` }] },
      });
      // Only the holder's first child has a pod.
      expect(sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' })).toHaveLength(1);
      // The lock is held across the holder's children, not just one pod: after its first child, still one holder.
      await sb.advanceAsync(12_000);
      const later = get(sb, 'm');
      expect(byName(later, waiter.name)?.phase).toBe('Pending');
      await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
      const end = get(sb, 'm');
      expect(end.phase).toBe('Succeeded');
      expect(end.synchronization).toBeUndefined();
      const h = byName(end, holder.name)!;
      const w = byName(end, waiter.name)!;
      expect(w.message ?? '').toBe('');
      expect((w as { synchronizationStatus?: unknown }).synchronizationStatus).toBeUndefined();
      expect(Date.parse(w.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(h.finishedAt ?? ''));
      expect(w.children?.length).toBeGreaterThan(0);
    });
  }

  it('a ConfigMap semaphore of 2 on a DAG template admits two DAG nodes at once', async () => {
    const sb = createSandbox({ seed: 6 });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'default' }, data: { dag: '2' } });
    sb.store.create(parse(wf('s', 'dag', '{semaphore: {configMapKeyRef: {name: limits, key: dag}}}')));
    await sb.advanceAsync(5_000);
    const mid = get(sb, 's');
    expect([byName(mid, 's[0].x')?.phase, byName(mid, 's[0].y')?.phase]).toEqual(['Running', 'Running']);
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    expect(get(sb, 's').phase).toBe('Succeeded');
  });
});

describe('a steps node waiting for its lock when the workflow is stopped', () => {
  it('terminate fails the waiting node, drops its claim and frees the lock for another workflow', async () => {
    const { workflowActions } = await import('../../../../simulator/workflows/actions/index.js');
    const sb = createSandbox({ seed: 8 });
    sb.store.create(parse(wf('t1', 'steps', '{mutex: {name: one}}')));
    await sb.advanceAsync(5_000);
    const mid = get(sb, 't1');
    const waiter = [byName(mid, 't1[0].x')!, byName(mid, 't1[0].y')!].find((n) => n.phase === 'Pending')!;
    expect(waiter.message).toBe('Waiting for default/Mutex/one lock. Lock status: 0/1');
    workflowActions(sb).terminate('t1');
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const end = get(sb, 't1');
    expect(end.phase).toBe('Failed');
    expect(byName(end, waiter.name)?.phase).toBe('Failed');
    expect(end.synchronization).toBeUndefined();
    // The mutex is free: a new workflow takes it at once.
    sb.store.create(parse(wf('t2', 'steps', '{mutex: {name: one}}')));
    await sb.advanceAsync(5_000);
    const next = get(sb, 't2');
    expect([byName(next, 't2[0].x')?.phase, byName(next, 't2[0].y')?.phase].sort()).toEqual(['Pending', 'Running']);
  });
});

describe('synchronization with a retryStrategy: the Retry node holds the lock across its attempts', () => {
  it('the second Retry node waits Pending (no attempts) until every attempt of the first has finished', async () => {
    const sb = createSandbox({ seed: 9 });
    sb.store.create(parse(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: rl, namespace: default}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: x, template: work, continueOn: {failed: true}}
      - {name: y, template: work, continueOn: {failed: true}}
  - name: work
    synchronization: {mutex: {name: m}}
    retryStrategy: {limit: 1}
    container: {image: alpine:3.20, command: [sh, -c], args: ["sleep 5; exit 1"]}
`));
    let sawSecondAttempt = false;
    for (let i = 0; i < 12 && !sawSecondAttempt; i++) {
      await sb.advanceAsync(2_000);
      const st = get(sb, 'rl');
      const holderName = byName(st, 'rl[0].x')?.phase === 'Pending' ? 'rl[0].y' : 'rl[0].x';
      const waiterName = holderName === 'rl[0].x' ? 'rl[0].y' : 'rl[0].x';
      if (!byName(st, `${holderName}(1)`)) continue;
      sawSecondAttempt = true;
      const holder = byName(st, holderName)!;
      const waiter = byName(st, waiterName)!;
      expect(holder.type).toBe('Retry');
      expect(waiter.type).toBe('Retry');
      expect(waiter.phase).toBe('Pending');
      expect(waiter.message).toBe('Waiting for default/Mutex/m lock. Lock status: 0/1');
      expect(waiter.children ?? []).toEqual([]);
      expect(st.synchronization).toEqual({
        mutex: { holding: [{ mutex: 'default/Mutex/m', holder: holder.id }], waiting: [{ mutex: 'default/Mutex/m', holder: `default/rl/${waiter.id}` }] },
      });
    }
    expect(sawSecondAttempt).toBe(true);
    await sb.runUntilSettledAsync({ maxVirtualMs: 600_000 });
    const end = get(sb, 'rl');
    expect(end.phase).toBe('Succeeded');
    expect(end.synchronization).toBeUndefined();
    const [a, b] = [byName(end, 'rl[0].x')!, byName(end, 'rl[0].y')!].sort((p, q) => Date.parse(p.startedAt ?? '') - Date.parse(q.startedAt ?? ''));
    expect(a.phase).toBe('Failed');
    expect(b.phase).toBe('Failed');
    expect(Date.parse(byName(end, `${b.name}(0)`)?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.finishedAt ?? ''));
  });
});
