import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../simulator/index.js';
import type { KubeObject } from '../../../simulator/index.js';
import { registerCrd } from '../../../simulator/cluster/crd/index.js';
import { withFieldValidation } from '../../../simulator/cluster/validation/index.js';
import { apiErrorOf } from '../../support/apiError.js';

const widgetCrd = (over: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'], categories: ['all'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
                  tags: { type: 'array', items: { type: 'string' } },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  port: { 'x-kubernetes-int-or-string': true },
                },
              },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
      },
    ],
    ...over,
  },
});

const widget = (spec: Record<string, unknown>, name = 'w'): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec });

describe('CustomResourceDefinitions', () => {
  it('serves the kind as soon as the CRD is created, with names, short names and categories', () => {
    const sb = createSandbox();
    expect(apiErrorOf(() => sb.store.create(widget({ size: 1 }))).message).toBe('no matches for kind "Widget" in version "example.com/v1"');
    const crd = sb.store.create(widgetCrd());
    expect(crd.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(crd.spec).toMatchObject({ names: { singular: 'widget', listKind: 'WidgetList' }, conversion: { strategy: 'None' } });
    expect(sb.store.kinds.lookupResource('wd')).toMatchObject({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, statusSubresource: true, fromCrd: true, categories: ['all'] });
    const w = sb.store.create(widget({ size: 2 }));
    expect(w.spec).toEqual({ size: 2, color: 'red' });
    sb.runUntilSettled({ maxVirtualMs: 10_000 });
    const established = sb.store.mustGet({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' });
    expect((established.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => [c.type, c.status])).toEqual([
      ['NamesAccepted', 'True'],
      ['Established', 'True'],
    ]);
    expect(established.status).toMatchObject({ acceptedNames: { kind: 'Widget', plural: 'widgets' }, storedVersions: ['v1'] });
  });

  it('validates custom objects against openAPIV3Schema with the real messages', () => {
    const sb = createSandbox();
    sb.store.create(widgetCrd());
    const e = apiErrorOf(() => sb.store.create(widget({ size: 'big', color: 'pink', tags: [1] })));
    expect(e.status.reason).toBe('Invalid');
    expect(e.message).toBe(
      'Widget.example.com "w" is invalid: [spec.size: Invalid value: "string": spec.size in body must be of type integer: "string", spec.color: Unsupported value: "pink": supported values: "red", "blue", spec.tags[0]: Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"]',
    );
    expect(apiErrorOf(() => sb.store.create(widget({}))).message).toBe('Widget.example.com "w" is invalid: spec.size: Required value');
    expect(apiErrorOf(() => sb.store.create(widget({ size: 0 }))).message).toContain('spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1');
    expect(apiErrorOf(() => sb.store.create(widget({ size: 1 }, 'Bad_Name'))).message).toContain('metadata.name: Invalid value: "Bad_Name"');
    expect(sb.store.create(widget({ size: 1, port: 'http', extra: { anything: { goes: true } }, labels: { a: 'b' } })).spec).toMatchObject({ port: 'http', extra: { anything: { goes: true } } });
  });

  it('refuses unknown fields in strict mode and prunes them under status', () => {
    const sb = createSandbox();
    sb.store.create(widgetCrd());
    const e = apiErrorOf(() => sb.store.create(widget({ size: 1, sise: 2 })));
    expect(e.status.reason).toBe('BadRequest');
    expect(e.message).toBe('Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.sise"');
    expect(e.status.details!.causes![0]!.field).toBe('spec.sise');
    // Without strict field validation (kubectl --validate=false) the server prunes instead.
    expect(withFieldValidation(sb.store, 'Ignore', () => sb.store.create(widget({ size: 1, sise: 2 }, 'pruned'))).spec).toEqual({ size: 1, color: 'red' });
    const w = sb.store.create(widget({ size: 1 }));
    const s = sb.store.update({ ...w, status: { phase: 'Ready', bogus: 1 } } as KubeObject, { subresource: 'status' });
    expect(s.status).toEqual({ phase: 'Ready' });
  });

  it('deleting the CRD deletes its objects, then stops serving the kind', () => {
    const sb = createSandbox();
    sb.store.create(widgetCrd());
    sb.store.create(widget({ size: 1 }, 'a'));
    sb.store.create(widget({ size: 2 }, 'b'));
    sb.runUntilSettled({ maxVirtualMs: 10_000 });
    sb.store.delete({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' });
    sb.runUntilSettled({ maxVirtualMs: 60_000 });
    expect(sb.store.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name: 'widgets.example.com' })).toBeUndefined();
    expect(sb.store.kinds.find('example.com/v1', 'Widget')).toBeUndefined();
    expect([...sb.store.allObjects()].filter((o) => o.kind === 'Widget')).toEqual([]);
  });

  it('validates the CRD itself', () => {
    const sb = createSandbox();
    const bad = widgetCrd({ group: 'nodots', scope: 'Galaxy' });
    const e = apiErrorOf(() => sb.store.create({ ...bad, metadata: { name: 'wrong' } }));
    expect(e.status.details!.causes!.map((c) => c.field)).toEqual(['spec.group', 'metadata.name', 'spec.scope']);
    expect(e.message).toContain('metadata.name: Invalid value: "wrong": must be spec.names.plural+"."+spec.group');
  });

  it('refuses malformed schemas in the CRD instead of failing later on objects', () => {
    const sb = createSandbox();
    const crd = widgetCrd();
    const version = (crd.spec as { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] }).versions[0]!;
    version.schema.openAPIV3Schema = { type: 'object', properties: { spec: { type: 'strin', pattern: '(', enum: 'red' } } };
    const e = apiErrorOf(() => sb.store.create(crd));
    expect(e.status.details!.causes!.map((c) => `${c.field}: ${c.message.slice(0, 40)}`)).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Unsupported value: "strin": supported va',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].enum: Invalid value: "red": must be a list',
      'spec.versions[0].schema.openAPIV3Schema.properties[spec].pattern: Invalid value: "(": must be a valid regu',
    ]);
  });

  it('a root `required: [metadata, spec]` (Argo CD style) asks only for spec; metadata schema is the server\'s', () => {
    const sb = createSandbox();
    const crd = widgetCrd();
    const schema = (crd.spec as { versions: { schema: { openAPIV3Schema: Record<string, unknown> } }[] }).versions[0]!.schema.openAPIV3Schema;
    schema.required = ['metadata', 'spec'];
    (schema.properties as Record<string, unknown>).metadata = { type: 'object' };
    sb.store.create(crd);
    expect(sb.store.create(widget({ size: 1 })).metadata.name).toBe('w');
    expect(apiErrorOf(() => sb.store.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'n' } })).message).toBe('Widget.example.com "n" is invalid: spec: Required value');
  });

  it('registerCrd serves kinds for engines without storing anything (reusable, idempotent)', () => {
    const sb = createSandbox();
    const infos = registerCrd(sb.store, widgetCrd());
    registerCrd(sb.store, widgetCrd());
    expect(infos.map((i) => `${i.group}/${i.version}/${i.kind}`)).toEqual(['example.com/v1/Widget']);
    expect(sb.store.create(widget({ size: 3 })).spec).toEqual({ size: 3, color: 'red' });
  });
  it('a snapshot restored into a fresh sandbox keeps its custom objects (CRD kinds are served before loading)', () => {
    const sb = createSandbox({ seed: 2 });
    sb.store.create(widgetCrd());
    sb.store.create(widget({ size: 4 }));
    sb.runUntilSettled({ maxVirtualMs: 10_000 });
    const snap = sb.snapshot();
    const fresh = createSandbox({ seed: 2 });
    fresh.restore(snap);
    expect(fresh.store.get({ apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' })?.spec).toEqual({ size: 4, color: 'red' });
  });
});
