/** The endpoints controller with the real scheduler and kubelet: Services list their ready pods' IPs. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, Sandbox, StoredObject } from '../../../simulator/index.js';
import type { EndpointSubset } from '../../../simulator/cluster/controllers/endpoints/index.js';
import { podToLabelKeys } from '../../../simulator/cluster/controllers/endpoints/podMapper.js';

const web = (replicas: number, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ name: 'http', containerPort: 8080 }],
            readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 2 },
          },
        ],
      },
    },
  },
});

const service = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { tier: 'front' } }, spec: spec as never });
const endpoints = (sb: Sandbox, name: string) => sb.store.get({ apiVersion: 'v1', kind: 'Endpoints', namespace: 'default', name });
const subsets = (sb: Sandbox, name = 'web'): EndpointSubset[] => ((endpoints(sb, name) as (StoredObject & { subsets?: EndpointSubset[] }) | undefined)?.subsets ?? []);
const podsOf = (sb: Sandbox) => sb.store.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' });
const podIP = (p: StoredObject) => (p.status as { podIP?: string }).podIP!;
const ips = (list: { ip: string }[] | undefined) => (list ?? []).map((a) => a.ip);

describe('endpoints controller', () => {
  it('lists the ready pods of a Deployment with the named targetPort resolved, and follows scale and deletion', () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create(web(3));
    sb.store.create(service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    sb.advance(20_000);
    const pods = podsOf(sb);
    expect(pods).toHaveLength(3);
    const [s] = subsets(sb);
    expect(subsets(sb)).toHaveLength(1);
    expect(ips(s!.addresses)).toEqual(pods.map(podIP).sort());
    expect(s!.notReadyAddresses).toBeUndefined();
    expect(s!.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const a = s!.addresses!.find((x) => x.targetRef.name === pods[0]!.metadata.name)!;
    expect(a).toEqual({ ip: podIP(pods[0]!), nodeName: 'sandbox-control-plane', targetRef: { kind: 'Pod', namespace: 'default', name: pods[0]!.metadata.name, uid: pods[0]!.metadata.uid } });
    expect(endpoints(sb, 'web')!.metadata.labels).toEqual({ tier: 'front' });

    // A numeric targetPort is taken as is; a named one no container has leaves the pods out.
    sb.store.create(service('num', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 9376 }] }));
    sb.store.create(service('bad', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'metrics' }] }));
    sb.advance(1000);
    expect(subsets(sb, 'num')[0]!.ports).toEqual([{ port: 9376, protocol: 'TCP' }]);
    expect(ips(subsets(sb, 'num')[0]!.addresses)).toHaveLength(3);
    expect(endpoints(sb, 'bad')).toBeDefined();
    expect(subsets(sb, 'bad')).toEqual([]);

    // Scale down: the terminating pod leaves the Endpoints at once.
    const d = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' })!;
    sb.store.update({ ...d, spec: { ...(d.spec as object), replicas: 1 } } as KubeObject);
    sb.advance(50);
    const terminating = podsOf(sb).filter((p) => p.metadata.deletionTimestamp);
    const live = podsOf(sb).filter((p) => !p.metadata.deletionTimestamp);
    expect(terminating).toHaveLength(2);
    expect(ips(subsets(sb)[0]!.addresses)).toEqual(live.map(podIP));

    // The Service goes, and its Endpoints with it.
    sb.store.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' });
    sb.advance(100);
    expect(endpoints(sb, 'web')).toBeUndefined();
  });

  it('keeps a pod failing readiness in notReadyAddresses, then moves it to addresses', () => {
    const sb = createSandbox({ seed: 4 });
    sb.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    sb.store.create(web(1, { 'sandbox.argoproj.io/readiness-fail-for': '30s' }));
    sb.advance(10_000);
    const [pod] = podsOf(sb);
    expect((pod!.status as { phase: string }).phase).toBe('Running');
    expect(subsets(sb)).toEqual([{ notReadyAddresses: [expect.objectContaining({ ip: podIP(pod!) })], ports: [{ port: 8080, protocol: 'TCP' }] }]);
    sb.advance(30_000);
    expect(ips(subsets(sb)[0]!.addresses)).toEqual([podIP(pod!)]);
    expect(subsets(sb)[0]!.notReadyAddresses).toBeUndefined();
  });

  it('leaves Services without a selector alone and recreates deleted Endpoints', () => {
    const sb = createSandbox({ seed: 5 });
    sb.store.create(web(1));
    sb.store.create(service('external', { ports: [{ port: 5432 }] }));
    sb.store.create(service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }));
    sb.advance(10_000);
    expect(endpoints(sb, 'external')).toBeUndefined();
    sb.store.delete({ apiVersion: 'v1', kind: 'Endpoints', namespace: 'default', name: 'web' });
    sb.advance(100);
    expect(ips(subsets(sb)[0]!.addresses)).toHaveLength(1);
  });

  it('ignores pod updates that change nothing the Endpoints show', () => {
    const sb = createSandbox({ seed: 6 });
    sb.store.create(web(1));
    sb.advance(10_000);
    const pod = podsOf(sb)[0]!;
    const st = pod.status as Record<string, unknown>;
    // A kubelet-style status write that leaves phase, IP and readiness as they were.
    const next = sb.store.update({ ...pod, status: { ...st, qosClass: 'Burstable' } } as KubeObject, { subresource: 'status' });
    expect(podToLabelKeys({ type: 'MODIFIED', object: next, old: pod })).toEqual([]);
    const relabeled = sb.store.update({ ...next, metadata: { ...next.metadata, labels: { app: 'other' } } } as KubeObject);
    expect(podToLabelKeys({ type: 'MODIFIED', object: relabeled, old: next })).toEqual(['pods:default/{"app":"other"}', `pods:default/${JSON.stringify(pod.metadata.labels)}`]);
  });
});
