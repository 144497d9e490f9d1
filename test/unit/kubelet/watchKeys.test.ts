/** The kubelet's and the scheduler's pod watch keys: none (one shared empty list) for what needs no look. */
import { describe, expect, it } from 'vitest';
import { NODE_CONTROLLERS } from '../../../simulator/cluster/kubelet/index.js';
import { podWatchKeys } from '../../../simulator/cluster/kubelet/kubelet.js';
import type { StoredObject, WatchEvent } from '../../../simulator/cluster/types.js';

function pod(nodeName: string | undefined, status: object = {}): StoredObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '1' }, spec: nodeName ? { nodeName, containers: [] } : { containers: [] }, status } as unknown as StoredObject;
}

const unboundPodKeys = NODE_CONTROLLERS[0]!.watches[0]!.map!;

describe('pod watch keys', () => {
  it('kubelet: a bound pod changed beyond its status is looked at; a status write or an unbound pod is not', () => {
    const a = pod('node-1');
    expect(podWatchKeys({ type: 'ADDED', object: a } as WatchEvent)).toEqual(['ns/p']);
    const b = { ...a, status: { phase: 'Running' } } as StoredObject;
    const none = podWatchKeys({ type: 'MODIFIED', object: b, old: a } as WatchEvent);
    expect(none).toEqual([]);
    expect(Object.isFrozen(none)).toBe(true);
    expect(podWatchKeys({ type: 'ADDED', object: pod(undefined) } as WatchEvent)).toEqual([]);
    expect(podWatchKeys({ type: 'DELETED', object: a } as WatchEvent)).toEqual([]);
  });

  it('scheduler: an unbound pod is looked at, a bound one or its own status write is not', () => {
    const u = pod(undefined);
    expect(unboundPodKeys({ type: 'ADDED', object: u } as WatchEvent)).toEqual(['ns/p']);
    expect(unboundPodKeys({ type: 'MODIFIED', object: { ...u, status: { phase: 'Pending' } } as StoredObject, old: u } as WatchEvent)).toEqual([]);
    expect(unboundPodKeys({ type: 'ADDED', object: pod('node-1') } as WatchEvent)).toEqual([]);
  });
});
