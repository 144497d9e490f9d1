/** A controller that throws on one object marks that object and backs off; everything else keeps running. */
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { StoredObject } from '../../../simulator/index.js';

const svc = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
const svcKey = (name: string) => ({ apiVersion: 'v1', kind: 'Service', namespace: 'default', name });
const conditions = (o: StoredObject | undefined) => ((o as { status?: { conditions?: { type: string; message: string }[] } } | undefined)?.status?.conditions ?? []);

describe('a crashing reconcile', () => {
  it('puts a ReconcileError condition and a Warning event on that object, keeps others and the cluster running, and clears it on recovery', () => {
    const sb = createSandbox({ seed: 3 });
    const seen: string[] = [];
    sb.addController({
      name: 'fragile-controller',
      watches: [{ group: '', kind: 'Service' }],
      reconcile(ctx, key) {
        const obj = ctx.store.get(svcKey(key.split('/')[1]!));
        if (obj?.metadata.labels?.explode === 'yes') throw new TypeError("Cannot read properties of undefined (reading 'replicas')");
        seen.push(key);
      },
    });
    sb.store.create(svc('bad', { explode: 'yes' }));
    sb.store.create(svc('good'));
    sb.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    sb.advance(30_000);

    const bad = sb.store.get(svcKey('bad'));
    expect(conditions(bad)).toEqual([
      expect.objectContaining({ type: 'ReconcileError', status: 'True', reason: 'ControllerError', message: "fragile-controller: Cannot read properties of undefined (reading 'replicas')" }),
    ]);
    const warning = sb.log.all().find((e) => e.reason === 'ReconcileError');
    expect(warning?.involvedObject).toMatchObject({ kind: 'Service', name: 'bad', namespace: 'default' });
    expect(warning?.type).toBe('Warning');
    expect(seen).toContain('default/good');
    const dep = sb.store.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }) as { status?: { readyReplicas?: number } };
    expect(dep.status?.readyReplicas).toBe(2);

    // Fixed input: the next retry succeeds and the condition goes away.
    const now = sb.store.get(svcKey('bad'))!;
    sb.store.update({ ...now, metadata: { ...now.metadata, labels: { explode: 'no' } } });
    sb.advance(5_000);
    expect(conditions(sb.store.get(svcKey('bad')))).toEqual([]);
    expect(seen).toContain('default/bad');
  });

  it('marks a kind without status only with the Warning event on that object', () => {
    const sb = createSandbox({ seed: 3 });
    sb.addController({
      name: 'fragile-controller',
      watches: [{ group: '', kind: 'ConfigMap' }],
      reconcile() {
        throw new Error('boom');
      },
    });
    sb.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } });
    sb.advance(1_000);
    const c = sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'c' }) as StoredObject & { status?: unknown };
    expect(c.status).toBeUndefined();
    expect(sb.log.all().filter((e) => e.reason === 'ReconcileError' && e.involvedObject.name === 'c').length).toBeGreaterThan(1);
  });
});
