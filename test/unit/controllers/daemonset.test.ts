import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../simulator/index.js';
import { get, messages, pods, readyAll, sandbox } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const ds = (image: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'main', image }] } }, ...extra },
});
const status = (sb: Sandbox) => get(sb, 'apps/v1', 'DaemonSet', 'agent')!.status as Record<string, unknown>;

describe('DaemonSet controller', () => {
  it('runs one pod pinned to each matching node and reports the counters', () => {
    const sb = sandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'gpu-1', labels: { gpu: 'true' } }, spec: {} });
    sb.store.create(ds('agent:1', {}));
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(2);
    const [p] = pods(sb);
    expect(p!.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p!.metadata.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect((p!.spec as { tolerations: { key: string }[] }).tolerations.map((t) => t.key)).toContain('node.kubernetes.io/not-ready');
    expect(status(sb)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0, updatedNumberScheduled: 2, numberUnavailable: 2, numberMisscheduled: 0 });
    readyAll(sb);
    sb.runUntilSettled();
    expect(status(sb)).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2, numberAvailable: 2, observedGeneration: 1 });
    expect(status(sb).numberUnavailable).toBeUndefined();
  });

  it('honours nodeSelector', () => {
    const sb = sandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'gpu-1', labels: { gpu: 'true' } }, spec: {} });
    sb.store.create(ds('agent:1', { template: { metadata: { labels: { app: 'agent' } }, spec: { nodeSelector: { gpu: 'true' }, containers: [{ name: 'main', image: 'a' }] } } }));
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(1);
    const aff = (pods(sb)[0]!.spec as { affinity: unknown }).affinity;
    expect(aff).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['gpu-1'] }] }] } } });
    expect(status(sb)).toMatchObject({ desiredNumberScheduled: 1 });
  });

  it('rolls a new template out, replacing the pod on each node', () => {
    const sb = sandbox();
    sb.store.create(ds('agent:1'));
    sb.runUntilSettled();
    readyAll(sb);
    sb.runUntilSettled();
    const before = pods(sb)[0]!.metadata.name;
    const cur = get(sb, 'apps/v1', 'DaemonSet', 'agent')!;
    sb.store.update({ ...cur, spec: { ...(cur.spec as object), template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'main', image: 'agent:2' }] } } } } as KubeObject);
    sb.runUntilSettled();
    readyAll(sb);
    sb.runUntilSettled();
    const after = pods(sb);
    expect(after).toHaveLength(1);
    expect(after[0]!.metadata.name).not.toBe(before);
    expect((after[0]!.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('agent:2');
    expect(messages(sb, 'SuccessfulDelete')).toEqual([`Deleted pod: ${before}`]);
    expect(status(sb)).toMatchObject({ updatedNumberScheduled: 1, numberAvailable: 1, observedGeneration: 2 });
  });
});
