import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../simulator/index.js';
import type { KubeObject } from '../../../simulator/index.js';
import { get, messages, pods, sandbox, setPodPhase } from './fixtures.js';

const rs = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx' }] } } },
});

describe('ReplicaSet controller', () => {
  it('creates <rs>-<5 chars> pods owned by the ReplicaSet and reports status', () => {
    const sb = sandbox();
    const created = sb.store.create(rs(3));
    sb.runUntilSettled();
    const ps = pods(sb);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(/^web-abc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(messages(sb, 'SuccessfulCreate')).toEqual(ps.map((p) => `Created pod: ${p.metadata.name}`));
    expect(get(sb, 'apps/v1', 'ReplicaSet', 'web-abc')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    setPodPhase(sb, ps[0]!, 'Running');
    sb.runUntilSettled();
    expect(get(sb, 'apps/v1', 'ReplicaSet', 'web-abc')!.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('scales down preferring pending, then not-ready, then newest pods', () => {
    const sb = sandbox();
    sb.store.create(rs(4));
    sb.runUntilSettled();
    const [a, b, c, d] = pods(sb);
    setPodPhase(sb, a!, 'Running');
    sb.advance(5_000);
    setPodPhase(sb, b!, 'Running');
    setPodPhase(sb, c!, 'Running', false);
    // d stays Pending.
    const cur = get(sb, 'apps/v1', 'ReplicaSet', 'web-abc')!;
    sb.store.update({ ...cur, spec: { ...(cur.spec as object), replicas: 1 } } as KubeObject);
    sb.runUntilSettled();
    expect(messages(sb, 'SuccessfulDelete')).toEqual([`Deleted pod: ${d!.metadata.name}`, `Deleted pod: ${c!.metadata.name}`, `Deleted pod: ${b!.metadata.name}`]);
    expect(pods(sb).map((p) => p.metadata.name)).toEqual([a!.metadata.name]);
  });

  it('replaces a deleted pod and a failed one', () => {
    const sb = sandbox();
    sb.store.create(rs(2));
    sb.runUntilSettled();
    const [a, b] = pods(sb);
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: a!.metadata.name });
    setPodPhase(sb, b!, 'Failed');
    sb.runUntilSettled();
    const live = pods(sb).filter((p) => (p.status as { phase?: string } | undefined)?.phase !== 'Failed');
    expect(live).toHaveLength(2);
    expect(messages(sb, 'SuccessfulCreate')).toHaveLength(4);
  });

  it('adopts a matching orphan pod and releases a pod whose labels stop matching', () => {
    const sb = sandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    sb.store.create(rs(2));
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(2);
    const stray = get(sb, 'v1', 'Pod', 'stray')!;
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web-abc', controller: true });
    sb.store.update({ ...stray, metadata: { ...stray.metadata, labels: { app: 'debug' } } } as KubeObject);
    sb.runUntilSettled();
    expect(get(sb, 'v1', 'Pod', 'stray')!.metadata.ownerReferences).toBeUndefined();
    expect(pods(sb, 'default', 'app=web')).toHaveLength(2);
  });

  it('reports a refused pod create as FailedCreate and ReplicaFailure, and clears it once pods can be created', () => {
    const sb = sandbox();
    let quotaFull = true;
    const msg = 'pods "web-abc-x" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10';
    sb.store.addAdmission((op, obj) => {
      if (quotaFull && op === 'CREATE' && obj.kind === 'Pod') throw new ApiError('Forbidden', msg);
    });
    sb.store.create(rs(2));
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(0);
    const ev = sb.log.getState().find((e) => e.reason === 'FailedCreate')!;
    expect(ev).toMatchObject({ type: 'Warning', message: `Error creating: ${msg}` });
    const conds = (get(sb, 'apps/v1', 'ReplicaSet', 'web-abc')!.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions;
    expect(conds).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: msg })]);
    quotaFull = false;
    sb.advance(10_000);
    expect(pods(sb)).toHaveLength(2);
    expect((get(sb, 'apps/v1', 'ReplicaSet', 'web-abc')!.status as { conditions?: unknown }).conditions).toBeUndefined();
  });
});
