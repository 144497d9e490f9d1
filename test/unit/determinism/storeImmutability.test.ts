/**
 * The store's fast write path (copy once, intern against the previous version) must keep the
 * guarantees the slow one gave: stored objects are deeply frozen, callers' inputs are never frozen or
 * shared, an identical write is a no-op, and generation tracks spec changes only.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, StoredObject } from '../../../simulator/index.js';
import { intern } from '../../../simulator/cluster/store/objectUtil.js';
import { clone } from '../../../simulator/cluster/types.js';

function isDeepFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (!Object.isFrozen(v)) return false;
  return Object.values(v).every(isDeepFrozen);
}

const deploy = (replicas: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...extra },
});

const key = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

describe('store immutability and no-op writes', () => {
  it('stores deeply frozen objects and never freezes or keeps the caller input', () => {
    const sb = createSandbox({ seed: 1 });
    const input = deploy(1);
    const created = sb.store.create(input);
    expect(isDeepFrozen(created)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.spec)).toBe(false);
    (input.spec as { replicas: number }).replicas = 9; // the caller may keep using its object
    expect((sb.store.mustGet(key).spec as { replicas: number }).replicas).toBe(1);
    expect(() => {
      (created.spec as { replicas: number }).replicas = 5;
    }).toThrow(TypeError);
  });

  it('shares unchanged subtrees between versions and freezes the new ones', () => {
    const sb = createSandbox({ seed: 1 });
    const v1 = sb.store.create(deploy(1));
    const v2 = sb.store.update({ ...v1, status: { replicas: 1 } }, { subresource: 'status' });
    expect(v2).not.toBe(v1);
    expect(v2.spec).toBe(v1.spec); // same frozen subtree, not a copy
    expect(isDeepFrozen(v2)).toBe(true);
    const v3 = sb.store.patch(key, 'merge', { spec: { replicas: 3 } });
    expect((v3.spec as { template: unknown }).template).toBe((v2.spec as { template: unknown }).template);
    expect(v3.metadata.generation).toBe(2);
    expect(isDeepFrozen(v3)).toBe(true);
  });

  it('treats identical writes as no-ops (same object, same resourceVersion, no watch event)', () => {
    const sb = createSandbox({ seed: 1 });
    const v1 = sb.store.create(deploy(2));
    const events: string[] = [];
    sb.store.watch((e) => events.push(e.type), { group: 'apps', kind: 'Deployment' });
    const rv = sb.store.resourceVersion;
    // Same content, keys in another order, without a resourceVersion, with an undefined field.
    const { spec, ...rest } = v1;
    const same = { spec: clone(spec), ...rest, metadata: { ...v1.metadata, resourceVersion: undefined, labels: { app: 'web' } }, status: undefined };
    expect(sb.store.update(same as KubeObject)).toBe(v1);
    expect(sb.store.update({ ...v1, status: undefined }, { subresource: 'status' })).toBe(v1);
    expect(sb.store.patch(key, 'merge', { spec: { replicas: 2 } })).toBe(v1);
    expect(sb.store.resourceVersion).toBe(rv);
    expect(events).toEqual([]);
    // A real change is written once.
    const v2 = sb.store.update({ ...v1, metadata: { ...v1.metadata, annotations: { a: 'b' } } });
    expect(v2.metadata.resourceVersion).toBe(String(rv + 1));
    expect(v2.metadata.generation).toBe(1); // metadata is not spec
    expect(events).toEqual(['MODIFIED']);
  });

  it('re-applying the same config is a no-op; a changed config moves the manager timestamp', () => {
    const sb = createSandbox({ seed: 1 });
    const cfg = (color: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa', namespace: 'default' }, data: { color } });
    const first = sb.store.apply(cfg('blue'), { fieldManager: 'me' });
    const events: string[] = [];
    sb.store.watch((e) => events.push(e.type), { kind: 'ConfigMap' });
    sb.advance(60_000);
    const again = sb.store.apply(cfg('blue'), { fieldManager: 'me' });
    expect(again).toBe(first);
    expect(events).toEqual([]);
    const changed = sb.store.apply(cfg('green'), { fieldManager: 'me' });
    expect(Number(changed.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect(changed.metadata.managedFields?.[0]?.time).toBe('2025-01-01T00:01:00Z');
    expect(first.metadata.managedFields?.[0]?.time).toBe('2025-01-01T00:00:00Z');
    expect(events).toEqual(['MODIFIED']);
  });

  it('keeps __proto__ keys as plain data', () => {
    const sb = createSandbox({ seed: 1 });
    const data = JSON.parse('{"__proto__": "polluted", "ok": "1"}') as Record<string, unknown>;
    const cm = sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data } as KubeObject);
    expect(Object.getPrototypeOf(cm.data)).toBe(Object.prototype);
    expect(Object.keys(cm.data as object)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('intern(x, prev) returns prev exactly when x equals prev as JSON (property)', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, json, fc.boolean(), (a, b, copy) => {
        const prev = intern(clone(a), undefined);
        const next = copy ? clone(a) : clone(b);
        const equal = JSON.stringify(canonical(next)) === JSON.stringify(canonical(prev));
        const r = intern(next, prev);
        expect(r === prev).toBe(equal);
        expect(JSON.stringify(canonical(r))).toBe(JSON.stringify(canonical(next)));
        expect(isDeepFrozen(r)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('dump and load keep every object and the frozen guarantee', () => {
    const sb = createSandbox({ seed: 3 });
    sb.store.create(deploy(1));
    const dump = JSON.parse(JSON.stringify(sb.store.dump())) as { rv: number; objects: StoredObject[] };
    const other = createSandbox({ seed: 4 });
    other.store.load(dump);
    const o = other.store.mustGet(key);
    expect(isDeepFrozen(o)).toBe(true);
    expect(o).toEqual(sb.store.mustGet(key));
    expect(other.store.resourceVersion).toBe(sb.store.resourceVersion);
  });
});

/** Sort object keys so key order does not count (the store compares content, not layout). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) Object.defineProperty(out, k, { value: canonical(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}
