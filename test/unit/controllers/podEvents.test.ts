import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, StoredObject, WatchEvent } from '../../../simulator/index.js';
import { podStateChanged, podStateKey, podToOwnerKeys } from '../../../simulator/cluster/controllers/shared/podEvents.js';

/** Small deterministic generator (the test needs variety, not the engine's Rng). */
function lcg(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

const owner = (kind: string, name: string, uid: string) => ({ apiVersion: 'apps/v1', kind, name, uid, controller: true });

describe('pod watch mappers', () => {
  it('podStateChanged agrees with comparing podStateKey on random real pod versions', () => {
    const sb = createSandbox({ seed: 5 });
    const s = sb.store;
    const events: WatchEvent[] = [];
    s.watch((e) => events.push(e), { kind: 'Pod' });
    const r = lcg(11);
    for (let p = 0; p < 4; p++) {
      s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${p}`, namespace: 'default', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    }
    for (let i = 0; i < 400; i++) {
      const name = `p${r(4)}`;
      const cur = s.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name }) as StoredObject;
      const st = (cur.status ?? {}) as Record<string, unknown>;
      const meta = cur.metadata;
      switch (r(7)) {
        case 0:
          s.update({ ...cur, metadata: { ...meta, labels: r(2) ? { app: 'a' } : { app: 'a', v: String(r(3)) } } } as KubeObject);
          break;
        case 1:
          s.update({ ...cur, metadata: { ...meta, ownerReferences: r(2) ? [owner('ReplicaSet', 'rs', 'u1')] : [owner('ReplicaSet', `rs${r(2)}`, 'u2')] } } as KubeObject);
          break;
        case 2:
          s.update({ ...cur, metadata: { ...meta, annotations: { n: String(r(5)) } } } as KubeObject);
          break;
        case 3:
          s.update({ ...cur, status: { ...st, phase: ['Pending', 'Running', 'Succeeded'][r(3)] } } as KubeObject, { subresource: 'status' });
          break;
        case 4: {
          const ready = { type: 'Ready', status: r(2) ? 'True' : 'False', lastTransitionTime: `2025-01-01T00:00:0${r(3)}Z` };
          s.update({ ...cur, status: { ...st, conditions: [{ type: 'PodScheduled', status: 'True' }, ready] } } as KubeObject, { subresource: 'status' });
          break;
        }
        case 5:
          s.update({ ...cur, status: { ...st, containerStatuses: [{ name: 'c', restartCount: r(3), ready: r(2) === 1 }] } } as KubeObject, { subresource: 'status' });
          break;
        default:
          if (!(cur.spec as { nodeName?: string }).nodeName && r(2)) s.bind({ namespace: 'default', name }, 'n1');
          else s.update({ ...cur, status: { ...st, message: String(r(9)) } } as KubeObject, { subresource: 'status' });
      }
    }
    const modified = events.filter((e) => e.type === 'MODIFIED' && e.old);
    expect(modified.length).toBeGreaterThan(200);
    let changed = 0;
    for (const e of modified) {
      const expected = podStateKey(e.old!) !== podStateKey(e.object);
      expect(podStateChanged(e.old!, e.object)).toBe(expected);
      if (expected) changed++;
    }
    // Both answers occur, so the agreement means something.
    expect(changed).toBeGreaterThan(20);
    expect(changed).toBeLessThan(modified.length - 20);
  });

  it('podToOwnerKeys: no owner of the kind → no keys; an owner change wakes both owners once', () => {
    const sb = createSandbox({ seed: 5 });
    const s = sb.store;
    const events: WatchEvent[] = [];
    s.watch((e) => events.push(e), { kind: 'Pod' });
    const a = s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const b = s.update({ ...a, metadata: { ...a.metadata, ownerReferences: [owner('ReplicaSet', 'one', 'u1')] } } as KubeObject);
    const c = s.update({ ...b, metadata: { ...b.metadata, ownerReferences: [owner('ReplicaSet', 'two', 'u2')] } } as KubeObject);
    s.update({ ...c, status: { phase: 'Running' } } as KubeObject, { subresource: 'status' });
    const d = s.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' })!;
    s.update({ ...d, status: { phase: 'Running', message: 'same state for owners' } } as KubeObject, { subresource: 'status' });
    const rsKeys = podToOwnerKeys('ReplicaSet');
    const dsKeys = podToOwnerKeys('DaemonSet');
    expect(events.map((e) => rsKeys(e))).toEqual([[], ['default/one'], ['default/two', 'default/one'], ['default/two'], []]);
    expect(events.map((e) => dsKeys(e))).toEqual([[], [], [], [], []]);
    expect(events.map((e) => podToOwnerKeys('ReplicaSet', 'pods:')(e))).toEqual([[], ['pods:default/one'], ['pods:default/two', 'pods:default/one'], ['pods:default/two'], []]);
  });
});
