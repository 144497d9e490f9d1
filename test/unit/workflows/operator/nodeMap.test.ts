import { describe, expect, it } from 'vitest';
import { copyNodeMap } from '../../../../simulator/workflows/controller/woc.js';
import type { NodeStatus } from '../../../../simulator/workflows/nodes/types.js';

const node = (id: string): NodeStatus => Object.freeze({ id, name: id, displayName: id, type: 'Pod', phase: 'Succeeded' }) as NodeStatus;

describe('copyNodeMap', () => {
  it('copies a stored node map into a plain, mutable object in the given key order', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `wf-${(i * 7919) % 1000}`);
    const stored = Object.freeze(Object.fromEntries(keys.map((k) => [k, node(k)])));
    const copy = copyNodeMap(stored, keys);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(String(copy)).toBe('[object Object]');
    expect(Object.keys(copy)).toEqual(keys);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(stored));
    expect(copy['wf-7']).toBe(stored['wf-7']);
    copy['new'] = node('new');
    delete copy['wf-0'];
    expect(Object.isFrozen(copy)).toBe(false);
    expect(stored['wf-0']).toBeDefined();
    expect(Object.keys(stored)).toHaveLength(300);
  });
});
