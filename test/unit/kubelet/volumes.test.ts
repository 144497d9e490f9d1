import { describe, expect, it } from 'vitest';
import { mountsFor } from '../../../simulator/cluster/kubelet/volumes.js';
import type { ContainerSpec } from '../../../simulator/cluster/kubelet/types.js';
import { logs, pod, world } from '../runtime/helpers.js';

const claim = { name: 'workdir', persistentVolumeClaim: { claimName: 'data' } };

describe('kubelet: volumes over the per-pod filesystem', () => {
  it('a PersistentVolumeClaim is shared between pods and outlives them; emptyDir paths stay in their pod', async () => {
    const sb = world();
    sb.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    sb.store.create(
      pod('writer', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hello > /mnt/vol/hello.txt; echo local > /tmp/own.txt'], volumeMounts: [{ name: 'workdir', mountPath: '/mnt/vol' }] }], { volumes: [claim] }),
    );
    await sb.runUntilSettledAsync();
    expect(sb.podFiles.volumeFiles('default', 'data')).toEqual({ 'hello.txt': 'hello\n' });
    expect(sb.podFiles.files('default', 'writer')).toEqual({ '/tmp/own.txt': 'local\n' });
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'writer' });
    sb.store.create(
      pod('reader', [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'cat /data/hello.txt; ls /tmp'], volumeMounts: [{ name: 'workdir', mountPath: '/data' }] }], { volumes: [claim] }),
    );
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'reader', 'main')).toEqual(['hello']);
  });

  it('ConfigMap and Secret volumes show their keys as files', async () => {
    const sb = world();
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'mode=fast', other: 'x' } });
    sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { token: btoa('s3cr3t') } });
    sb.store.create(
      pod(
        'cfg-reader',
        [{ name: 'main', image: 'alpine', command: ['sh', '-c', 'cat /etc/app/settings; echo; cat /var/secret/token'], volumeMounts: [{ name: 'c', mountPath: '/etc/app' }, { name: 's', mountPath: '/var/secret' }] }],
        { volumes: [{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'app.conf', path: 'settings' }] } }, { name: 's', secret: { secretName: 'creds' } }] },
      ),
    );
    await sb.runUntilSettledAsync();
    expect(logs(sb, 'cfg-reader', 'main')).toEqual(['mode=fast', 's3cr3t']);
  });

  it('mounts: claims and ConfigMaps with normalised paths, emptyDir skipped, ConfigMap contents read at each call', () => {
    const sb = world();
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { a: 'one' } });
    const volumes = [claim, { name: 'c', configMap: { name: 'cfg' } }, { name: 'tmp', emptyDir: {} }];
    const containers = [
      { name: 'plain', image: 'busybox', volumeMounts: [{ name: 'workdir', mountPath: '/mnt/vol/' }, { name: 'tmp', mountPath: '/tmp' }] },
      { name: 'cfg', image: 'busybox', volumeMounts: [{ name: 'c', mountPath: '/etc/app' }] },
    ];
    sb.store.create(pod('p', containers, { volumes }));
    const stored = sb.store.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' })!;
    const [plain, cfg] = (stored.spec as { containers: ContainerSpec[] }).containers;
    expect(mountsFor(sb, stored, plain!)).toEqual([{ mountPath: '/mnt/vol', claim: 'data' }]);
    expect(mountsFor(sb, stored, cfg!)).toEqual([{ mountPath: '/etc/app', files: { a: 'one' } }]);
    sb.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' }, 'merge', { data: { a: 'two' } });
    expect(mountsFor(sb, stored, cfg!)).toEqual([{ mountPath: '/etc/app', files: { a: 'two' } }]);
    // The same container in a pod without the claim mounts nothing.
    const other = { ...stored, spec: { ...(stored.spec as object), volumes: [] } } as typeof stored;
    expect(mountsFor(sb, other, plain!)).toEqual([]);
  });
});
