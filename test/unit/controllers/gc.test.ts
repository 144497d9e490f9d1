import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../simulator/index.js';
import { deployment, get, pods, readyAll, sandbox } from './fixtures.js';
import type { Sandbox } from './fixtures.js';

const rsList = (sb: Sandbox) => sb.store.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' });
const DEP = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

function world(): Sandbox {
  const sb = sandbox();
  sb.store.create(deployment('web', 2, 'v1'));
  sb.runUntilSettled();
  readyAll(sb);
  sb.runUntilSettled();
  return sb;
}

describe('garbage collector', () => {
  it('Background: the owner goes at once, then its ReplicaSet and pods', () => {
    const sb = world();
    sb.store.delete(DEP);
    expect(get(sb, 'apps/v1', 'Deployment', 'web')).toBeUndefined();
    expect(rsList(sb)).toHaveLength(1);
    sb.runUntilSettled();
    expect(rsList(sb)).toHaveLength(0);
    expect(pods(sb)).toHaveLength(0);
  });

  it('Foreground: the owner waits (foregroundDeletion) until blocking dependents are gone', () => {
    const sb = world();
    // Bind the pods so they terminate gracefully and hold the chain up.
    for (const p of pods(sb)) sb.store.update({ ...p, spec: { ...(p.spec as object), nodeName: 'sandbox-control-plane' } } as KubeObject);
    sb.store.delete(DEP, { propagationPolicy: 'Foreground' });
    sb.runUntilSettled();
    const d = get(sb, 'apps/v1', 'Deployment', 'web')!;
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(d.metadata.deletionTimestamp).toBeDefined();
    const rs = rsList(sb)[0]!;
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(sb).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    for (const p of pods(sb)) sb.store.finalizeDeletion({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: p.metadata.name });
    sb.runUntilSettled();
    expect(pods(sb)).toHaveLength(0);
    expect(rsList(sb)).toHaveLength(0);
    expect(get(sb, 'apps/v1', 'Deployment', 'web')).toBeUndefined();
  });

  it('Orphan: dependents lose the ownerReference and stay; the owner then goes', () => {
    const sb = world();
    sb.store.delete(DEP, { propagationPolicy: 'Orphan' });
    sb.runUntilSettled();
    expect(get(sb, 'apps/v1', 'Deployment', 'web')).toBeUndefined();
    const [rs] = rsList(sb);
    expect(rs!.metadata.ownerReferences).toBeUndefined();
    expect(pods(sb)).toHaveLength(2);
    // A new Deployment with the same template adopts the orphaned ReplicaSet instead of creating one.
    sb.store.create(deployment('web', 2, 'v1'));
    sb.runUntilSettled();
    expect(rsList(sb).map((r) => r.metadata.name)).toEqual([rs!.metadata.name]);
    expect(rsList(sb)[0]!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
  });

  it('deletes a dependent created with a dangling owner, keeps one that still has a live owner', () => {
    const sb = sandbox();
    const live = sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' } });
    const ref = (uid: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name, uid });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dangling', namespace: 'default', ownerReferences: [ref('00000000-0000-4000-8000-000000000000', 'gone')] } });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two', namespace: 'default', ownerReferences: [ref('00000000-0000-4000-8000-000000000000', 'gone'), ref(live.metadata.uid, 'owner')] } });
    sb.runUntilSettled();
    expect(get(sb, 'v1', 'ConfigMap', 'dangling')).toBeUndefined();
    expect(get(sb, 'v1', 'ConfigMap', 'two')!.metadata.ownerReferences).toEqual([ref(live.metadata.uid, 'owner')]);
  });

  it('rebuilds its owner index after a snapshot restore', () => {
    const sb = world();
    const snap = sb.snapshot();
    // The index forgets the Deployment's dependents…
    sb.store.delete(DEP);
    sb.runUntilSettled();
    expect(rsList(sb)).toHaveLength(0);
    // …and must learn them again when the store is loaded from the snapshot, without any watch events.
    sb.restore(snap);
    expect(rsList(sb)).toHaveLength(1);
    sb.store.delete(DEP);
    sb.runUntilSettled();
    expect(rsList(sb)).toHaveLength(0);
    expect(pods(sb)).toHaveLength(0);
  });

  it('Foreground: a dependent that another owner still holds stops blocking instead of being deleted', () => {
    const sb = sandbox();
    const a = sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    const b = sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' } });
    const ref = (o: typeof a) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid, blockOwnerDeletion: true });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'default', ownerReferences: [ref(a), ref(b)] } });
    sb.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'a' }, { propagationPolicy: 'Foreground' });
    sb.runUntilSettled();
    expect(get(sb, 'v1', 'ConfigMap', 'a')).toBeUndefined();
    const shared = get(sb, 'v1', 'ConfigMap', 'shared')!;
    expect(shared.metadata.ownerReferences).toEqual([ref(b)]);
  });
});
