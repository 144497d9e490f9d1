/** Built-in kinds diff with strategic merge semantics, custom resources with JSON merge patch semantics. */
import { describe, expect, it } from 'vitest';
import type { JsonObject, KubeObject } from '../../../../simulator/index.js';
import { diffResource, LAST_APPLIED_ANNOTATION, threeWayPatch } from '../../../../simulator/argocd/diff/index.js';

const widget = (items: JsonObject[], extra: JsonObject = {}): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'default' },
  spec: { containers: items, ...extra },
});

const json = (o: KubeObject): JsonObject => o as unknown as JsonObject;

describe('custom resources (JSON merge patch)', () => {
  it('a list item with a server-added field differs: merge patch replaces whole lists', () => {
    const d = diffResource(widget([{ name: 'a' }]), widget([{ name: 'a', defaulted: true }]));
    expect(d.modified).toBe(true);
    expect(d.paths).toEqual(['spec.containers[0].defaulted']);
  });

  it('the same shape in a Pod merges by name, so the defaulted field is no difference', () => {
    const pod = (c: JsonObject): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [c] } });
    expect(diffResource(pod({ name: 'a', image: 'x' }), pod({ name: 'a', image: 'x', terminationMessagePath: '/dev/termination-log' })).modified).toBe(false);
  });

  it('three-way deletion of a top-level field on a custom resource', () => {
    const applied = widget([], { size: 3 });
    const live = { ...widget([], { size: 3, status: 'server' }), metadata: { name: 'w', namespace: 'default', annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(applied) } } };
    expect(threeWayPatch(json(applied), json(widget([])), json(live), false)).toEqual({ spec: { size: null } });
    const d = diffResource(widget([]), live);
    expect(d.paths).toEqual(['spec.size']);
  });
});

describe('manifest normalisation', () => {
  it('null values and empty label/annotation maps in the target are not differences', () => {
    const target: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', labels: {}, annotations: {} }, data: { a: '1', b: null } };
    const live: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', uid: 'u', resourceVersion: '9', creationTimestamp: '2026-01-01T00:00:00Z' }, data: { a: '1' } };
    const d = diffResource(target, live);
    expect(d.modified).toBe(false);
    expect(d.normalizedTarget?.metadata).toEqual({ name: 'c', namespace: 'default' });
  });

  it('the last-applied annotation itself never shows up as a difference', () => {
    const target: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } };
    const live: KubeObject = { ...target, metadata: { ...target.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: JSON.stringify(target) } } };
    const d = diffResource(target, live);
    expect(d.modified).toBe(false);
    expect(d.normalizedLive?.metadata.annotations).toBeUndefined();
  });
});
