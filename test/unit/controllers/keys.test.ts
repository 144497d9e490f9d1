import { describe, expect, it } from 'vitest';
import { LastKey, NO_KEYS } from '../../../simulator/cluster/controllers/shared/keys.js';
import { LabelKeys } from '../../../simulator/cluster/controllers/endpoints/podMapper.js';
import { gcKeys } from '../../../simulator/cluster/controllers/gc/garbageCollector.js';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject, WatchEvent } from '../../../simulator/index.js';

describe('watch mapper keys', () => {
  it('NO_KEYS is empty and cannot be pushed to', () => {
    expect(NO_KEYS).toEqual([]);
    expect(() => NO_KEYS.push('x')).toThrow();
  });

  it('LastKey builds the key of a pair once and answers it again while the pair stays', () => {
    let built = 0;
    const k = new LastKey((a, b) => (built++, `${a}/${b}`));
    const first = k.of('default', 'wf');
    expect(first).toEqual(['default/wf']);
    expect(k.of('default', 'wf')).toBe(first);
    expect(k.of('default', 'other')).toEqual(['default/other']);
    expect(k.of('ns', 'other')).toEqual(['ns/other']);
    expect(k.of('default', 'wf')).toEqual(['default/wf']);
    expect(built).toBe(4);
  });

  it('LabelKeys gives the JSON key of a label set, equal sets sharing one text, order and namespace kept apart', () => {
    const keys = new LabelKeys();
    const json = (ns: string, l: Record<string, string> | undefined) => `pods:${ns}/${JSON.stringify(l ?? {})}`;
    const sets: Record<string, string>[] = [];
    for (let i = 0; i < 12; i++) sets.push({ app: `a${i % 10}`, tier: i % 2 ? 'x' : 'y' });
    sets.push({ tier: 'y', app: 'a0' }, { app: 'a0' }, { app: 'a0', tier: 'y', more: '1' }, { app: 'a0', tier: 'z' });
    // Twice over, each set as a new frozen object (as every pod has its own): more sets than it remembers.
    for (let round = 0; round < 2; round++) {
      for (const s of sets) {
        for (const ns of ['default', 'other']) expect(keys.key(Object.freeze({ ...s }), ns)).toBe(json(ns, s));
      }
    }
    const unfrozen = { app: 'a0', tier: 'y' };
    expect(keys.key(unfrozen, 'default')).toBe(json('default', unfrozen));
    unfrozen.tier = 'changed';
    expect(keys.key(unfrozen, 'default')).toBe(json('default', unfrozen));
    expect(keys.key(undefined, 'default')).toBe('pods:default/{}');
    const shared = keys.keys(Object.freeze({ app: 'a0', tier: 'y' }), 'default');
    expect(shared).toEqual([json('default', { app: 'a0', tier: 'y' })]);
    expect(Object.isFrozen(shared)).toBe(true);
  });

  it('gcKeys: a status write keeps no keys; the start of a deletion with the same references wakes the owners', () => {
    const sb = createSandbox({ seed: 3 });
    const events: WatchEvent[] = [];
    sb.store.watch((e) => events.push(e), { kind: 'ConfigMap' });
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u-owner' };
    const a = sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', namespace: 'default', ownerReferences: [ref], finalizers: ['keep'] }, data: { a: '1' } });
    const b = sb.store.update({ ...a, data: { a: '2' } } as KubeObject);
    sb.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dep' });
    const c = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'dep' })!;
    expect(c.metadata.ownerReferences).toBe(b.metadata.ownerReferences);
    expect(events.map((e) => [e.type, gcKeys(e)])).toEqual([
      ['ADDED', [`dependent:${a.metadata.uid}`]],
      ['MODIFIED', []],
      ['MODIFIED', ['owner:u-owner']],
    ]);
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free', namespace: 'default' } });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'none', namespace: 'default', ownerReferences: [] } });
    expect(events.slice(3).map((e) => [e.type, gcKeys(e)])).toEqual([
      ['ADDED', []],
      ['ADDED', []],
    ]);
  });
});
