/** JSON Schemas for the built-in kinds, from the same tables validation uses (editor completion, hover). */
import { BUILTIN_KINDS } from '../builtinKinds.js';
import { apiVersionOf } from '../kinds.js';
import type { Schema } from './schema.js';
import { schemaFor } from './schemas/index.js';

export type JsonSchema = Record<string, unknown>;

function convert(s: Schema): JsonSchema {
  if (typeof s === 'string') {
    switch (s) {
      case 'string':
        return { type: 'string' };
      case 'int32':
      case 'int64':
        return { type: 'integer' };
      case 'float64':
        return { type: 'number' };
      case 'bool':
        return { type: 'boolean' };
      case 'intstr':
        return { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
      case 'quantity':
        return { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' }] };
      default:
        return {};
    }
  }
  if (s.t === 'list') return { type: 'array', items: convert(s.of) };
  if (s.t === 'map') return { type: 'object', additionalProperties: convert(s.of) };
  const properties: Record<string, JsonSchema> = {};
  for (const [k, v] of Object.entries(s.fields)) properties[k] = convert(v);
  return { type: 'object', title: s.go, properties, additionalProperties: s.open === true };
}

/** JSON Schema of one built-in kind (apiVersion and kind pinned), or undefined if we do not describe it. */
export function builtinJsonSchema(group: string, kind: string): JsonSchema | undefined {
  const s = schemaFor(group, kind);
  const info = BUILTIN_KINDS.find((k) => k.group === group && k.kind === kind);
  if (!s || !info) return undefined;
  const out = convert(s);
  const props = out.properties as Record<string, JsonSchema>;
  props.apiVersion = { type: 'string', enum: [apiVersionOf(info)] };
  props.kind = { type: 'string', enum: [kind] };
  out.required = ['apiVersion', 'kind', 'metadata'];
  return out;
}

/** Every built-in kind's schema, keyed `group/version/Kind` (core group empty: `/v1/Pod`). */
export function builtinJsonSchemas(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const k of BUILTIN_KINDS) {
    const s = builtinJsonSchema(k.group, k.kind);
    if (s) out[`${k.group}/${k.version}/${k.kind}`] = s;
  }
  return out;
}
