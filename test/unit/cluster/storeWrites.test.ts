import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';

const event = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u1' },
  reason: 'Pulled',
  message: 'pulled',
  source: { component: 'kubelet' },
  firstTimestamp: '2025-01-01T00:00:00Z',
  lastTimestamp: '2025-01-01T00:00:00Z',
  count: 1,
});

describe('store writes', () => {
  it('updateFields stores what update of the object with those fields does, sharing the body', () => {
    const a = createSandbox({ seed: 5 });
    const b = createSandbox({ seed: 5 });
    const ea = a.store.create(event('e'));
    const eb = b.store.create(event('e'));
    const fields = { count: 2, lastTimestamp: '2025-01-01T00:00:09Z' };
    const viaUpdate = a.store.update({ ...ea, ...fields } as KubeObject);
    const viaFields = b.store.updateFields(eb, fields);
    expect(JSON.stringify(viaFields)).toBe(JSON.stringify(viaUpdate));
    expect(Object.isFrozen(viaFields) && Object.isFrozen(viaFields.metadata)).toBe(true);
    expect(viaFields.involvedObject).toBe(eb.involvedObject);
    expect(eb.count).toBe(1);
    // A stale version is a conflict; the same values again are a no-op (same object, same resourceVersion).
    expect(() => b.store.updateFields(eb, { count: 3 })).toThrow(/the object has been modified/);
    expect(b.store.updateFields(viaFields, fields)).toBe(viaFields);
    expect(() => b.store.updateFields(viaFields, { status: 'x' })).toThrow(/not a body field/);
  });

  it('a created object keeps the stored (frozen) parts it shares and is frozen throughout', () => {
    const sb = createSandbox({ seed: 5 });
    const first = sb.store.create(event('a'));
    const mine = { ...event('b'), involvedObject: first.involvedObject, extra: { list: [{ x: 1 }] } } as KubeObject;
    const stored = sb.store.adopt(mine);
    expect(stored.involvedObject).toBe(first.involvedObject);
    const extra = stored.extra as { list: { x: number }[] };
    expect([stored, stored.metadata, extra, extra.list, extra.list[0]].every((o) => Object.isFrozen(o))).toBe(true);
  });

  it('bumps generation for spec changes only, added and removed fields alike; an identical write keeps the version', () => {
    const sb = createSandbox();
    const labels = { app: 'web' };
    const template = { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const d = sb.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: labels }, template } });
    const same = sb.store.update({ ...d } as KubeObject);
    expect(same).toBe(d);
    const st = sb.store.update({ ...d, status: { replicas: 1 } } as KubeObject, { subresource: 'status' });
    expect(st.metadata.generation).toBe(1);
    expect(st.metadata.resourceVersion).not.toBe(d.metadata.resourceVersion);
    expect(st.spec).toBe(d.spec);
    const statusGone = sb.store.update({ ...st, status: undefined } as KubeObject, { subresource: 'status' });
    expect(statusGone.status).toBeUndefined();
    expect(statusGone.metadata.generation).toBe(1);
    const spec = statusGone.spec as Record<string, unknown>;
    const paused = sb.store.update({ ...statusGone, spec: { ...spec, paused: true } } as KubeObject);
    expect(paused.metadata.generation).toBe(2);
    const { paused: _p, ...unpaused } = paused.spec as Record<string, unknown>;
    const back = sb.store.update({ ...paused, spec: unpaused } as KubeObject);
    expect(back.metadata.generation).toBe(3);
    const labelled = sb.store.update({ ...back, metadata: { ...back.metadata, labels: { x: 'y' } } } as KubeObject) as StoredObject;
    expect(labelled.metadata.generation).toBe(3);
    expect(labelled.spec).toBe(back.spec);
  });
});
