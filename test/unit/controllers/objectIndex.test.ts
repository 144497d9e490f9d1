import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../simulator/index.js';
import { objectIndex } from '../../../simulator/cluster/controllers/objectIndex/index.js';
import { sandbox } from './fixtures.js';

const pod = (name: string, ns = 'default', owner?: { uid: string }): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: owner.uid, controller: true }] } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  }) as KubeObject;

describe('object index', () => {
  it('orphans: per kind and namespace, in link order; a controller reference takes an object out', () => {
    const sb = sandbox([]);
    const idx = objectIndex(sb.store);
    sb.store.create(pod('a'));
    sb.store.create(pod('b', 'kube-system'));
    const c = sb.store.create(pod('c'));
    expect(idx.orphansOf('', 'Pod', 'default').map((o) => o.metadata.name)).toEqual(['a', 'c']);
    expect(idx.orphansOf('', 'Pod', 'kube-system').map((o) => o.metadata.name)).toEqual(['b']);
    expect(idx.orphansOf('apps', 'Pod', 'default')).toEqual([]);
    sb.store.update({ ...c, metadata: { ...c.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true }] } } as KubeObject);
    expect(idx.orphansOf('', 'Pod', 'default').map((o) => o.metadata.name)).toEqual(['a']);
    expect(idx.controlledBy('rs-1', '', 'Pod').map((o) => o.metadata.name)).toEqual(['c']);
    sb.store.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a' });
    expect(idx.orphansOf('', 'Pod', 'default')).toEqual([]);
  });

  it('Events are indexed by uid and namespace but never as orphans (nothing adopts them)', () => {
    const sb = sandbox([]);
    const idx = objectIndex(sb.store);
    sb.record('test', { involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u1' }, reason: 'Pulled', message: 'm' });
    const [ev] = sb.store.list({ apiVersion: 'v1', kind: 'Event' });
    expect(ev).toBeDefined();
    expect(idx.get(ev!.metadata.uid)).toBe(ev);
    expect(idx.inNamespace('default')).toContain(ev);
    expect(idx.orphansOf('', 'Event', 'default')).toEqual([]);
    // A rebuild (after a restore) gives the same answers.
    sb.restore(sb.snapshot());
    expect(idx.get(ev!.metadata.uid)?.metadata.name).toBe(ev!.metadata.name);
    expect(idx.orphansOf('', 'Event', 'default')).toEqual([]);
    sb.store.create(pod('x'));
    expect(idx.orphansOf('', 'Pod', 'default').map((o) => o.metadata.name)).toEqual(['x']);
  });
});
