/** PersistentVolumeClaims on the simulated kind cluster: the `standard` class, WaitForFirstConsumer, local-path provisioning. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../simulator/index.js';
import { formatTable, toTable } from '../../../simulator/api/tables/index.js';

const pvc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra } as never,
});
const podWithClaim = (name: string, claim: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] } as never,
});
const getPvc = (sb: Sandbox, name: string) => sb.store.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name });
const getPv = (sb: Sandbox, name: string) => sb.store.get({ apiVersion: 'v1', kind: 'PersistentVolume', name });
const phase = (o: StoredObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;
const events = (sb: Sandbox, name: string) => sb.log.all().filter((e) => e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);

describe('volumes: StorageClass standard and the binder', () => {
  it('installs kind\'s default StorageClass and prints it like kubectl', () => {
    const sb = createSandbox({ seed: 1 });
    const sc = sb.store.get({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: 'standard' })!;
    expect(sc).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(sb.store.kinds.all().some((k) => k.kind === 'StorageClass' && (k.shortNames ?? []).includes('sc') && !k.namespaced)).toBe(true);
    const text = formatTable(toTable([sc], { group: 'storage.k8s.io', kind: 'StorageClass' }, sb.clock.now()));
    expect(text.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE']);
    expect(text.split('\n')[1]!.split(/\s{2,}/).slice(0, 5)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', 'false']);
  });

  it('keeps a claim without a consumer Pending with WaitForFirstConsumer', () => {
    const sb = createSandbox({ seed: 2 });
    sb.store.create(pvc('lonely'));
    sb.runUntilSettled();
    const claim = getPvc(sb, 'lonely')!;
    expect(phase(claim)).toBe('Pending');
    expect((claim.spec as { storageClassName?: string }).storageClassName).toBe('standard');
    expect(events(sb, 'lonely')).toEqual(['WaitForFirstConsumer: waiting for first consumer to be created before binding']);
    expect(sb.store.list({ apiVersion: 'v1', kind: 'PersistentVolume' })).toEqual([]);
    const text = formatTable(toTable([claim], { group: '', kind: 'PersistentVolumeClaim' }, sb.clock.now()));
    expect(text.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE']);
  });

  it('binds StatefulSet claims once their pods are scheduled and provisions a PV for each', () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } }],
      },
    } as KubeObject);
    sb.runUntilSettled();
    for (const i of [0, 1]) {
      const claim = getPvc(sb, `data-db-${i}`)!;
      const volume = `pvc-${claim.metadata.uid}`;
      expect(claim.spec).toMatchObject({ volumeName: volume, storageClassName: 'standard' });
      expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
      expect(claim.metadata.annotations).toMatchObject({ 'volume.kubernetes.io/selected-node': 'sandbox-control-plane', 'pv.kubernetes.io/bind-completed': 'yes' });
      const pv = getPv(sb, volume)!;
      expect(pv.spec).toMatchObject({
        capacity: { storage: '2Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: `data-db-${i}`, uid: claim.metadata.uid },
      });
      expect(phase(pv)).toBe('Bound');
      expect(events(sb, `data-db-${i}`)).toEqual([
        'WaitForFirstConsumer: waiting for first consumer to be created before binding',
        "ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
        `Provisioning: External provisioner is provisioning volume for claim "default/data-db-${i}"`,
        `ProvisioningSucceeded: Successfully provisioned volume ${volume}`,
      ]);
      expect(phase(sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `db-${i}` }))).toBe('Running');
    }
    const pvs = sb.store.list({ apiVersion: 'v1', kind: 'PersistentVolume' });
    expect(pvs).toHaveLength(2);
    const text = formatTable(toTable(pvs, { group: '', kind: 'PersistentVolume' }, sb.clock.now()));
    expect(text.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE']);
    expect(text).toContain('2Gi        RWO            Delete           Bound    default/data-db-0');
  });

  it('keeps a pod whose claim is missing Pending, starts it once the claim exists, and deletes the PV with the claim', () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create(podWithClaim('app', 'data'));
    sb.runUntilSettled();
    const pending = sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'app' })!;
    expect(phase(pending)).toBe('Pending');
    const message = '0/1 nodes are available: persistentvolumeclaim "data" not found.';
    expect((pending.status as { conditions: unknown[] }).conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message })]);
    expect(events(sb, 'app')).toEqual([`FailedScheduling: ${message}`]);

    sb.store.create(pvc('data'));
    sb.runUntilSettled();
    expect(phase(sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'app' }))).toBe('Running');
    const claim = getPvc(sb, 'data')!;
    expect(phase(claim)).toBe('Bound');
    const volume = (claim.spec as { volumeName: string }).volumeName;
    expect(getPv(sb, volume)).toBeDefined();

    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'app' });
    sb.store.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' });
    sb.runUntilSettled();
    expect(getPvc(sb, 'data')).toBeUndefined();
    expect(getPv(sb, volume)).toBeUndefined();
  });

  it('reports a claim of an unknown class', () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create(pvc('fast', { storageClassName: 'premium-ssd' }));
    sb.runUntilSettled();
    expect(phase(getPvc(sb, 'fast'))).toBe('Pending');
    expect(events(sb, 'fast')).toEqual(['ProvisioningFailed: storageclass.storage.k8s.io "premium-ssd" not found']);
  });
});
