import { describe, expect, it } from 'vitest';
import { copyNodeMap, Woc } from '../../../../simulator/workflows/controller/woc.js';
import type { NodeStatus } from '../../../../simulator/workflows/nodes/types.js';
import { nodeId } from '../../../../simulator/workflows/nodes/ids.js';
import type { ClusterContext } from '../../../../simulator/sandbox.js';
import type { StoredObject } from '../../../../simulator/cluster/types.js';

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

describe('Woc node map copy-on-write', () => {
  const g0 = nodeId('wf', 'wf[0]');
  const pod = nodeId('wf', 'wf[0].a');
  const stored = (): Record<string, NodeStatus> => {
    const root = Object.freeze({ ...node('wf'), type: 'Steps', phase: 'Running', children: Object.freeze([g0]) }) as NodeStatus;
    const group = Object.freeze({ ...node(g0), name: 'wf[0]', type: 'StepGroup', phase: 'Running', children: Object.freeze([pod]) }) as NodeStatus;
    return Object.freeze({ wf: root, [g0]: group, [pod]: node(pod) });
  };
  const wocOf = (nodes: Record<string, NodeStatus>): Woc => {
    const wf = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'wf', namespace: 'default' } } as StoredObject;
    return new Woc({} as ClusterContext, wf, {}, { nodes });
  };

  it('addChild of a child already linked copies nothing', () => {
    const nodes = stored();
    const woc = wocOf(nodes);
    woc.addChild('wf', 'wf[0]');
    expect(woc.touched.size).toBe(0);
    expect(woc.updated).toBe(false);
    expect(woc.peek('wf')).toBe(nodes['wf']);
  });

  it('addChild of a new child copies the parent only, leaving the stored one as it was', () => {
    const nodes = stored();
    const woc = wocOf(nodes);
    woc.addChild('wf', 'wf[1]');
    expect([...woc.touched]).toEqual(['wf']);
    expect(woc.updated).toBe(true);
    expect(woc.peek('wf')?.children).toEqual([g0, nodeId('wf', 'wf[1]')]);
    expect(nodes['wf']?.children).toEqual([g0]);
    expect(woc.peek(g0)).toBe(nodes[g0]);
  });
});

describe('key order of stored node maps', () => {
  const wf = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'wf', namespace: 'default' } } as StoredObject;
  const wocOf = (nodes: Record<string, NodeStatus>): Woc => new Woc({} as ClusterContext, wf, {}, { nodes });
  /** What the store does with a written map: a frozen version of it. */
  const write = (woc: Woc): Record<string, NodeStatus> => {
    const stored = Object.freeze({ ...(woc.status.nodes as Record<string, NodeStatus>) });
    woc.rememberNodeKeys(stored);
    return stored;
  };

  it('each stored map keeps its own order while later reconciles append to, or delete from, theirs', () => {
    const first = wocOf(Object.freeze({ a: node('a'), b: node('b') }));
    first.nodes['c'] = node('c');
    const s1 = write(first);
    const second = wocOf(s1);
    expect(second.nodeKeys).toEqual(['a', 'b', 'c']);
    second.nodes['d'] = node('d');
    const s2 = write(second);
    // A reconcile from s1 again (the write from it failed): s1's order, not s2's.
    const again = wocOf(s1);
    expect(again.nodeKeys).toEqual(['a', 'b', 'c']);
    again.nodes['e'] = node('e');
    expect(again.nodeKeys).toEqual(['a', 'b', 'c', 'e']);
    expect(wocOf(s2).nodeKeys).toEqual(['a', 'b', 'c', 'd']);
    const deleting = wocOf(s2);
    delete deleting.nodes['b'];
    expect(deleting.nodeKeys).toEqual(['a', 'c', 'd']);
    expect(deleting.nodesDeleted).toBe(true);
    expect(wocOf(s2).nodeKeys).toEqual(['a', 'b', 'c', 'd']);
    expect(Object.keys(wocOf(s2).status.nodes ?? {})).toEqual(['a', 'b', 'c', 'd']);
  });
});
