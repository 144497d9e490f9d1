import { describe, expect, it } from 'vitest';
import { apply, condition, events, fixture, getPod, pod, status, world } from './helpers.js';

describe('default-scheduler', () => {
  it('binds a pod to the node and records Scheduled', () => {
    const sb = world();
    apply(sb, fixture('init-then-main.input.yaml'));
    sb.advance(1);
    expect((getPod(sb, 'web-1')!.spec as { nodeName?: string }).nodeName).toBe('sandbox-control-plane');
    expect(events(sb, 'web-1')[0]).toBe('Scheduled: Successfully assigned default/web-1 to sandbox-control-plane');
    expect(condition(sb, 'web-1', 'PodScheduled')?.status).toBe('True');
  });

  it('leaves a pod whose nodeSelector matches no node Pending and Unschedulable, then binds it when a node matches', () => {
    const sb = world();
    apply(sb, [pod('picky', { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'c', image: 'nginx:1.25' }] })]);
    sb.runUntilSettled();
    expect(status(sb, 'picky').phase).toBe('Pending');
    expect(condition(sb, 'picky', 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
    });
    expect(events(sb, 'picky')).toEqual(["FailedScheduling: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."]);
    const node = sb.store.get({ apiVersion: 'v1', kind: 'Node', name: 'sandbox-control-plane' })!;
    sb.store.update({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, disktype: 'ssd' } } });
    sb.runUntilSettled();
    expect(status(sb, 'picky').phase).toBe('Running');
    expect(events(sb, 'picky')).toContain('Scheduled: Successfully assigned default/picky to sandbox-control-plane');
  });

  it('does not schedule a pod that names its node; the kubelet runs it directly', () => {
    const sb = world();
    apply(sb, [pod('pinned', { nodeName: 'sandbox-control-plane', containers: [{ name: 'c', image: 'nginx:1.25' }] })]);
    sb.runUntilSettled();
    expect(events(sb, 'pinned').some((e) => e.startsWith('Scheduled'))).toBe(false);
    expect(status(sb, 'pinned').phase).toBe('Running');
    expect(condition(sb, 'pinned', 'PodScheduled')?.status).toBe('True');
  });
});
