import { describe, expect, it } from 'vitest';
import { createSandbox, ApiError } from '../../../simulator/index.js';
import type { KubeObject } from '../../../simulator/index.js';

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

describe('ObjectStore', () => {
  it('assigns uid, resourceVersion, creationTimestamp; rejects duplicates with AlreadyExists', () => {
    const sb = createSandbox({ seed: 7 });
    const o = sb.store.create(cm('a'));
    expect(o.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(o.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(Number(o.metadata.resourceVersion)).toBeGreaterThan(0);
    try {
      sb.store.create(cm('a'));
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).status).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'configmaps "a" already exists' });
    }
  });

  it('rejects unknown kinds like the API server', () => {
    const sb = createSandbox();
    expect(() => sb.store.create({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow('no matches for kind "Widget" in version "v1"');
  });

  it('bumps generation on spec change only, detects conflicts', () => {
    const sb = createSandbox();
    // A valid Deployment: the API server validates every write (selector and template are required).
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const d = sb.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template } });
    expect(d.metadata.generation).toBe(1);
    const d2 = sb.store.update({ ...d, spec: { ...(d.spec as object), replicas: 2 } });
    expect(d2.metadata.generation).toBe(2);
    const d3 = sb.store.update({ ...d2, status: { replicas: 2 } }, { subresource: 'status' });
    expect(d3.metadata.generation).toBe(2);
    expect(() => sb.store.update({ ...d, spec: { ...(d.spec as object), replicas: 5 } })).toThrow(/the object has been modified/);
  });

  it('holds a deleted object with finalizers until they are removed', () => {
    const sb = createSandbox();
    const o = sb.store.create({ ...cm('f'), metadata: { name: 'f', namespace: 'default', finalizers: ['example.com/x'] } });
    const d = sb.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'f' });
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'f' })).toBeDefined();
    const cur = sb.store.mustGet({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: o.metadata.name });
    sb.store.update({ ...cur, metadata: { ...cur.metadata, finalizers: [] } });
    expect(sb.store.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'f' })).toBeUndefined();
  });

  it('lists with label and field selectors', () => {
    const sb = createSandbox();
    sb.store.create(cm('a', {}, { app: 'web', tier: 'fe' }));
    sb.store.create(cm('b', {}, { app: 'web', tier: 'be' }));
    sb.store.create(cm('c', {}, { app: 'db' }));
    // In `default`: installed parts (Argo CD) keep their own ConfigMaps elsewhere.
    const names = (sel: string) => sb.store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default', labelSelector: sel }).map((o) => o.metadata.name).sort();
    expect(names('app=web')).toEqual(['a', 'b']);
    expect(names('app=web,tier!=fe')).toEqual(['b']);
    expect(names('app in (db,x)')).toEqual(['c']);
    expect(names('!tier')).toEqual(['c']);
    expect(sb.store.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { fieldSelector: 'metadata.name=b' }).map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('applies merge, JSON and strategic patches', () => {
    const sb = createSandbox();
    sb.store.create(cm('p', { a: '1', b: '2' }));
    const key = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'p' };
    expect(sb.store.patch(key, 'merge', { data: { a: null, c: '3' } }).data).toEqual({ b: '2', c: '3' });
    expect(sb.store.patch(key, 'json', [{ op: 'replace', path: '/data/b', value: '9' }]).data).toEqual({ b: '9', c: '3' });
    const pod = sb.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] },
    });
    const patched = sb.store.patch({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name }, 'strategic', {
      spec: { containers: [{ name: 'b', image: 'z' }] },
    });
    expect(patched.spec).toMatchObject({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'z' }] });
  });

  it('server-side apply removes fields the manager stopped applying and reports conflicts', () => {
    const sb = createSandbox();
    sb.store.apply(cm('s', { a: '1', b: '2' }), { fieldManager: 'me' });
    const again = sb.store.apply(cm('s', { a: '1' }), { fieldManager: 'me' });
    expect(again.data).toEqual({ a: '1' });
    expect(() => sb.store.apply(cm('s', { a: 'other' }), { fieldManager: 'you' })).toThrow(/Apply failed with 1 conflict: conflict with "me"/);
    expect(sb.store.apply(cm('s', { a: 'other' }), { fieldManager: 'you', force: true }).data).toEqual({ a: 'other' });
  });

  it('watch delivers ADDED/MODIFIED/DELETED and resumes from a resourceVersion', () => {
    const sb = createSandbox();
    const start = String(sb.store.resourceVersion);
    const seen: string[] = [];
    sb.store.watch((e) => seen.push(`${e.type}:${e.object.metadata.name}`), { kind: 'ConfigMap' });
    sb.store.create(cm('w'));
    sb.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'w' }, 'merge', { data: { x: '1' } });
    sb.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'w' });
    expect(seen).toEqual(['ADDED:w', 'MODIFIED:w', 'DELETED:w']);
    const replay: string[] = [];
    sb.store.watch((e) => replay.push(e.type), { kind: 'ConfigMap', resourceVersion: start });
    expect(replay).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
  });

  it('refuses objects in a namespace that does not exist', () => {
    const sb = createSandbox();
    expect(() => sb.store.create({ ...cm('x'), metadata: { name: 'x', namespace: 'nope' } })).toThrow('namespaces "nope" not found');
  });

  it('lists in creation order: an update keeps an object in place, a re-created one goes last', () => {
    const sb = createSandbox();
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    for (const [name, ns] of [['a', 'default'], ['b', 'other'], ['c', 'default']]) sb.store.create({ ...cm(name!), metadata: { name, namespace: ns } });
    const names = (): string[] =>
      sb.store
        .list({ kind: 'ConfigMap' })
        .filter((o) => o.metadata.namespace !== 'argocd')
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    const key = (name: string, namespace = 'default') => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });
    expect(names()).toEqual(['default/a', 'other/b', 'default/c']);
    sb.store.patch(key('a'), 'merge', { data: { x: '1' } });
    expect(names()).toEqual(['default/a', 'other/b', 'default/c']);
    sb.store.delete(key('b', 'other'));
    expect(sb.store.get(key('b', 'other'))).toBeUndefined();
    sb.store.create({ ...cm('b'), metadata: { name: 'b', namespace: 'other' } });
    expect(names()).toEqual(['default/a', 'default/c', 'other/b']);
    expect(sb.store.get(key('a'))?.data).toEqual({ x: '1' });
    expect(sb.store.list({ kind: 'ConfigMap' }, { namespace: 'other' }).map((o) => o.metadata.name)).toEqual(['b']);
  });

  it('delivers each event to the watches of its kind and of all kinds in subscription order, also after (un)subscribing', () => {
    const sb = createSandbox();
    const seen: string[] = [];
    const stopAll = sb.store.watch((e) => seen.push(`all:${e.object.kind}`));
    sb.store.watch((e) => seen.push(`cm:${e.object.metadata.name}`), { kind: 'ConfigMap' });
    sb.store.watch((e) => seen.push(`secret:${e.object.metadata.name}`), { kind: 'Secret' });
    sb.store.create(cm('x'));
    expect(seen).toEqual(['all:ConfigMap', 'cm:x']);
    seen.length = 0;
    stopAll();
    sb.store.watch((e) => seen.push(`late:${e.object.kind}`));
    sb.store.create(cm('y'));
    sb.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } });
    expect(seen).toEqual(['cm:y', 'late:ConfigMap', 'secret:s', 'late:Secret']);
  });
});
