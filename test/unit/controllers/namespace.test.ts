import { describe, expect, it } from 'vitest';
import { deployment, get, pods, readyAll, sandbox } from './fixtures.js';
import type { KubeObject } from '../../../simulator/index.js';

describe('namespace controller', () => {
  it('Terminating: deletes everything in the namespace, then drops the kubernetes finalizer', () => {
    const sb = sandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: { finalizers: ['kubernetes'] } });
    sb.runUntilSettled();
    expect((get(sb, 'v1', 'Namespace', 'team', '')!.status as { phase: string }).phase).toBe('Active');
    sb.store.create({ ...deployment('web', 2, 'v1'), metadata: { name: 'web', namespace: 'team' } });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'team', finalizers: ['example.com/hold'] } });
    sb.runUntilSettled();
    readyAll(sb, 'team');
    sb.runUntilSettled();
    expect(pods(sb, 'team')).toHaveLength(2);
    sb.store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'team' });
    const ns = get(sb, 'v1', 'Namespace', 'team', '')!;
    expect((ns.status as { phase: string }).phase).toBe('Terminating');
    expect(() => sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'team' } })).toThrow(/because it is being terminated/);
    sb.runUntilSettled();
    expect(pods(sb, 'team')).toHaveLength(0);
    const waiting = get(sb, 'v1', 'Namespace', 'team', '')!;
    const conds = (waiting.status as { conditions: { type: string; status: string; message: string }[] }).conditions;
    expect(conds.find((c) => c.type === 'NamespaceContentRemaining')).toMatchObject({ status: 'True', message: 'Some resources are remaining: configmaps. has 1 resource instances' });
    expect(conds.find((c) => c.type === 'NamespaceFinalizersRemaining')).toMatchObject({ status: 'True', message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances' });
    const held = get(sb, 'v1', 'ConfigMap', 'held', 'team')!;
    sb.store.update({ ...held, metadata: { ...held.metadata, finalizers: [] } } as KubeObject);
    sb.runUntilSettled();
    expect(get(sb, 'v1', 'Namespace', 'team', '')).toBeUndefined();
  });

  it('cleans up content even when a namespace had no finalizer', () => {
    const sb = sandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'tmp' } });
    sb.store.delete({ apiVersion: 'v1', kind: 'Namespace', name: 'tmp' });
    sb.runUntilSettled();
    expect(sb.store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'tmp' })).toHaveLength(0);
  });
});
