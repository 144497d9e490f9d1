import { describe, expect, it } from 'vitest';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';
import { get, messages, pods, readyAll, sandbox, setPodPhase } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const sts = (replicas: number, extra: Record<string, unknown> = {}, image = 'nginx:1'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'web',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...extra,
  },
});
const names = (sb: Sandbox) => pods(sb).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
const status = (sb: Sandbox) => get(sb, 'apps/v1', 'StatefulSet', 'web')!.status as Record<string, unknown>;
const pvcs = (sb: Sandbox) => sb.store.list({ apiVersion: 'v1', kind: 'PersistentVolumeClaim' }, { namespace: 'default' }).map((p) => p.metadata.name).sort();
function update(sb: Sandbox, patch: Record<string, unknown>): void {
  const cur = get(sb, 'apps/v1', 'StatefulSet', 'web')!;
  sb.store.update({ ...cur, spec: { ...(cur.spec as object), ...patch } } as KubeObject);
}
function settleReady(sb: Sandbox): void {
  for (let i = 0; i < 50; i++) {
    sb.runUntilSettled();
    if (readyAll(sb) === 0) return;
  }
}

describe('StatefulSet controller', () => {
  it('OrderedReady: web-1 only after web-0 is Running and Ready; claims www-web-N; identity labels', () => {
    const sb = sandbox();
    sb.store.create(sts(3));
    sb.runUntilSettled();
    expect(names(sb)).toEqual(['web-0']);
    const p0 = get(sb, 'v1', 'Pod', 'web-0')!;
    expect(p0.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(p0.metadata.labels!['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p0.spec).toMatchObject({ hostname: 'web-0', subdomain: 'web', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }] });
    setPodPhase(sb, p0, 'Running', false);
    sb.runUntilSettled();
    expect(names(sb)).toEqual(['web-0']);
    setPodPhase(sb, p0, 'Running', true);
    sb.runUntilSettled();
    expect(names(sb)).toEqual(['web-0', 'web-1']);
    settleReady(sb);
    expect(names(sb)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(pvcs(sb)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    expect(messages(sb)).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
      'create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'create Pod web-2 in StatefulSet web successful',
    ]);
    const rev = p0.metadata.labels!['controller-revision-hash'];
    expect(status(sb)).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: rev, updateRevision: rev });
    expect(get(sb, 'apps/v1', 'ControllerRevision', rev!)).toMatchObject({ revision: 1 });
  });

  it('scales down from the highest ordinal, one at a time, and keeps the claims', () => {
    const sb = sandbox();
    sb.store.create(sts(3));
    settleReady(sb);
    for (const p of pods(sb)) sb.store.update({ ...p, spec: { ...(p.spec as object), nodeName: 'sandbox-control-plane' } } as KubeObject);
    update(sb, { replicas: 1 });
    sb.runUntilSettled();
    // web-2 is terminating; web-1 waits for it.
    expect(get(sb, 'v1', 'Pod', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    expect(get(sb, 'v1', 'Pod', 'web-1')!.metadata.deletionTimestamp).toBeUndefined();
    sb.store.finalizeDeletion({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-2' });
    sb.runUntilSettled();
    sb.store.finalizeDeletion({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' });
    sb.runUntilSettled();
    expect(names(sb)).toEqual(['web-0']);
    expect(messages(sb, 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    expect(pvcs(sb)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    // Scaling up again reuses the claim.
    update(sb, { replicas: 2 });
    settleReady(sb);
    expect(names(sb)).toEqual(['web-0', 'web-1']);
    expect(messages(sb, 'SuccessfulCreate').filter((m) => m.startsWith('create Claim'))).toHaveLength(3);
  });

  it('Parallel creates all pods at once', () => {
    const sb = sandbox();
    sb.store.create(sts(3, { podManagementPolicy: 'Parallel' }));
    sb.runUntilSettled();
    expect(names(sb)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('RollingUpdate replaces pods from the highest ordinal down to the partition', () => {
    const sb = sandbox();
    sb.store.create(sts(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    settleReady(sb);
    const oldRev = status(sb).currentRevision as string;
    update(sb, { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:2' }] } } });
    settleReady(sb);
    const rev = (p: string) => get(sb, 'v1', 'Pod', p)!.metadata.labels!['controller-revision-hash'];
    const newRev = status(sb).updateRevision as string;
    expect(newRev).not.toBe(oldRev);
    expect([rev('web-0'), rev('web-1'), rev('web-2')]).toEqual([oldRev, newRev, newRev]);
    expect(messages(sb, 'SuccessfulDelete')).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    expect(status(sb)).toMatchObject({ currentRevision: oldRev, updateRevision: newRev, currentReplicas: 1, updatedReplicas: 2 });
    // Lowering the partition to 0 finishes the rollout; the update revision becomes current.
    update(sb, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } });
    settleReady(sb);
    expect(rev('web-0')).toBe(newRev);
    expect(status(sb)).toMatchObject({ currentRevision: newRev, updateRevision: newRev, currentReplicas: 3, updatedReplicas: 3 });
    const crs = sb.store.list({ apiVersion: 'apps/v1', kind: 'ControllerRevision' }).map((c: StoredObject) => [c.metadata.name, c.revision]);
    expect(crs).toEqual(expect.arrayContaining([[oldRev, 1], [newRev, 2]]));
  });

  it('deletes claims with the set when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete', () => {
    const sb = sandbox();
    sb.store.create(sts(1, { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    settleReady(sb);
    expect(pvcs(sb)).toEqual(['www-web-0']);
    sb.store.delete({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'default', name: 'web' });
    sb.runUntilSettled();
    expect(pvcs(sb)).toEqual([]);
  });

  it('OnDelete: pods keep their revision until someone deletes them; recreated ones get the update revision', () => {
    const sb = sandbox();
    sb.store.create(sts(2, { updateStrategy: { type: 'OnDelete' } }));
    settleReady(sb);
    const oldRev = status(sb).currentRevision as string;
    update(sb, { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:2' }] } } });
    settleReady(sb);
    const rev = (p: string) => get(sb, 'v1', 'Pod', p)!.metadata.labels!['controller-revision-hash'];
    expect([rev('web-0'), rev('web-1')]).toEqual([oldRev, oldRev]);
    expect(messages(sb, 'SuccessfulDelete')).toEqual([]);
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web-1' });
    settleReady(sb);
    expect(rev('web-1')).toBe(status(sb).updateRevision);
    expect(rev('web-0')).toBe(oldRev);
  });
});
