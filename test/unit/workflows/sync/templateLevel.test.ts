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
