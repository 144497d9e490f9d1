import { describe, expect, it } from 'vitest';
import { createSandbox, ApiError } from '../../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'x' } },
  spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['echo', 'hi'] }] },
});

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as ApiError).status.reason;
  }
  return undefined;
}

/** A store without controllers running: writes are only the test's. */
function store() {
  return createSandbox({ seed: 3 }).store;
}

describe('pods/binding (store.bind)', () => {
  it('sets spec.nodeName once, shares everything else with the previous version, and emits one MODIFIED', () => {
    const s = store();
    const before = s.create(pod('a'));
    const seen: string[] = [];
    s.watch((e) => seen.push(`${e.type}:${(e.object.spec as { nodeName?: string }).nodeName}`), { kind: 'Pod' });
    const bound = s.bind({ namespace: 'default', name: 'a' }, 'node-1');
    expect((bound.spec as { nodeName?: string }).nodeName).toBe('node-1');
    expect(Number(bound.metadata.resourceVersion)).toBe(Number(before.metadata.resourceVersion) + 1);
    const { nodeName: _n, ...rest } = bound.spec as Record<string, unknown>;
    expect(rest).toEqual(before.spec);
    expect((bound.spec as { containers: unknown }).containers).toBe((before.spec as { containers: unknown }).containers);
    expect(bound.metadata.labels).toBe(before.metadata.labels);
    expect(Object.isFrozen(bound) && Object.isFrozen(bound.spec)).toBe(true);
    expect(seen).toEqual(['MODIFIED:node-1']);
  });

  it('refuses a bound pod, a deleting pod, an empty node name and a missing pod like the API server', () => {
    const s = store();
    s.create(pod('a'));
    s.bind({ namespace: 'default', name: 'a' }, 'node-1');
    expect(reason(() => s.bind({ namespace: 'default', name: 'a' }, 'node-2'))).toBe('Conflict');
    expect(() => s.bind({ namespace: 'default', name: 'a' }, 'node-2')).toThrow('pod a is already assigned to node "node-1"');
    s.create({ ...pod('b'), metadata: { name: 'b', namespace: 'default', finalizers: ['example.com/hold'] } });
    s.delete({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'b' });
    expect(reason(() => s.bind({ namespace: 'default', name: 'b' }, 'node-1'))).toBe('Conflict');
    s.create(pod('c'));
    expect(reason(() => s.bind({ namespace: 'default', name: 'c' }, ''))).toBe('Invalid');
    expect(reason(() => s.bind({ namespace: 'default', name: 'nope' }, 'node-1'))).toBe('NotFound');
    expect((s.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'c' })!.spec as { nodeName?: string }).nodeName).toBeUndefined();
  });

  it('an update that binds and changes anything else is still fully validated', () => {
    const s = store();
    const a = s.create(pod('a'));
    const spec = a.spec as { containers: { command: string[] }[] };
    // nodeName plus a changed command: the pod update rules refuse it.
    const changed = { ...a, spec: { ...spec, nodeName: 'n1', containers: [{ ...spec.containers[0], command: ['echo', 'bye'] }] } } as KubeObject;
    expect(reason(() => s.update(changed))).toBe('Invalid');
    // nodeName plus a bad label: metadata is still validated.
    const badLabel = { ...a, metadata: { ...a.metadata, labels: { app: '-bad-' } }, spec: { ...spec, nodeName: 'n1' } } as KubeObject;
    expect(reason(() => s.update(badLabel))).toBe('Invalid');
    // nodeName of the wrong type is a decode error, not a binding.
    const badType = { ...a, spec: { ...spec, nodeName: 7 } } as unknown as KubeObject;
    expect(reason(() => s.update(badType))).toBe('BadRequest');
    // The plain binding through an update is accepted, and equals store.bind's result.
    const viaUpdate = s.update({ ...a, spec: { ...spec, nodeName: 'n1' } } as KubeObject);
    const other = s.create(pod('b'));
    const viaBind = s.bind({ namespace: 'default', name: 'b' }, 'n1');
    expect(viaUpdate.spec).toEqual(viaBind.spec);
    expect(other.spec).toEqual(a.spec);
  });
});

describe('status writes handed over (store.adoptStatus)', () => {
  it('stores the given status without copying it, frozen, and refuses a stale version', () => {
    const s = store();
    const a = s.create(pod('a'));
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    const next = s.adoptStatus(a, status);
    expect(next.status).toBe(status);
    expect(Object.isFrozen(status) && Object.isFrozen(status.conditions[0])).toBe(true);
    expect(next.spec).toBe(a.spec);
    expect(reason(() => s.adoptStatus(a, { phase: 'Failed' }))).toBe('Conflict');
    expect((s.get({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a' }) as StoredObject).status).toEqual({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
    });
  });

  it('an equal status is a no-op write (same object, same resourceVersion), like update', () => {
    const s = store();
    const a = s.adoptStatus(s.create(pod('a')), { phase: 'Pending' });
    const again = s.adoptStatus(a, { phase: 'Pending' });
    expect(again).toBe(a);
    const viaUpdate = s.update({ ...a, status: { phase: 'Pending' } } as KubeObject, { subresource: 'status' });
    expect(viaUpdate).toBe(a);
  });
});
