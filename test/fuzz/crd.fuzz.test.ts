/** Property tests for CRDs: arbitrary (even malformed) schemas and objects never crash a write. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, createSandbox } from '../../simulator/index.js';
import type { KubeObject } from '../../simulator/index.js';
import { registerCrd, validateCustomObject } from '../../simulator/cluster/crd/index.js';
import type { JSONSchemaProps } from '../../simulator/cluster/crd/index.js';

const scalarish = fc.oneof(fc.constantFrom('string', 'integer', 'number', 'boolean', 'object', 'array', 'strin', ''), fc.jsonValue({ maxDepth: 1 }));
const schema: fc.Arbitrary<unknown> = fc.letrec<{ s: unknown }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.record(
      {
        type: scalarish,
        properties: fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'spec', '__proto__', 'constructor'), tie('s'), { maxKeys: 3 }), fc.jsonValue({ maxDepth: 1 })),
        items: tie('s'),
        additionalProperties: fc.oneof(fc.boolean(), tie('s')),
        required: fc.oneof(fc.array(fc.constantFrom('a', 'b', 'spec')), fc.jsonValue({ maxDepth: 1 })),
        enum: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
        default: fc.jsonValue({ maxDepth: 2 }),
        pattern: fc.oneof(fc.constantFrom('^[a-z]+$', '(', '[', '\\'), fc.jsonValue({ maxDepth: 0 })),
        minimum: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 0 })),
        maxLength: fc.oneof(fc.nat(5), fc.jsonValue({ maxDepth: 0 })),
        'x-kubernetes-preserve-unknown-fields': fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 0 })),
        'x-kubernetes-int-or-string': fc.boolean(),
        nullable: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  ),
})).s;

const body = fc.dictionary(fc.constantFrom('spec', 'status', 'a', '__proto__', 'extra'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 });

describe('fuzz: CRD schemas', () => {
  it('validateCustomObject never throws, whatever the schema and the object', () => {
    fc.assert(
      fc.property(schema, body, (s, b) => {
        const obj = { apiVersion: 'x.io/v1', kind: 'X', metadata: { name: 'x' }, ...(b as object) };
        const r = validateCustomObject(obj, s as JSONSchemaProps);
        for (const e of r.errors) expect(e.detail.length).toBeGreaterThan(0);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('creating CRDs with arbitrary schemas, then custom objects, fails only with ApiErrors', () => {
    fc.assert(
      fc.property(schema, fc.array(body, { maxLength: 3 }), fc.boolean(), (s, objects, direct) => {
        const sb = createSandbox({ seed: 9 });
        const crd: KubeObject = {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'things.x.io' },
          spec: { group: 'x.io', scope: 'Namespaced', names: { plural: 'things', kind: 'Thing' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: s } }] },
        } as KubeObject;
        let served = false;
        try {
          if (direct) registerCrd(sb.store, crd);
          else sb.store.create(crd);
          served = true;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
        if (!served) return;
        objects.forEach((b, i) => {
          try {
            sb.store.create({ apiVersion: 'x.io/v1', kind: 'Thing', metadata: { name: `t${i}` }, ...(b as object) } as KubeObject);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
        });
        sb.runUntilSettled({ maxVirtualMs: 60_000, maxSteps: 5_000 });
      }),
      { numRuns: 120 },
    );
  });
});
