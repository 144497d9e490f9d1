/**
 * The envelope every write must have before the store can even look at it: string apiVersion and
 * kind, an object metadata with string name/namespace. Anything else is a 400 decode error, never a
 * TypeError deep inside the store (API clients can send any JSON).
 */
import { ApiError } from '../../core/errors.js';

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

// (Module level, like `cannot`: no arrays or closure per call, and every write checks its envelope.)
const TYPE_META = ['apiVersion', 'kind'];
const META_STRINGS = ['name', 'namespace', 'generateName', 'resourceVersion'];

export function checkEnvelope(input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ApiError('BadRequest', `json: cannot unmarshal ${jsonType(input)} into Go value of type unstructured.Unstructured`);
  }
  const o = input as Record<string, unknown>;
  for (const f of TYPE_META) {
    if (typeof o[f] !== 'string' || o[f] === '') {
      if (o[f] === undefined || o[f] === '') throw new ApiError('BadRequest', `Object '${f === 'kind' ? 'Kind' : 'apiVersion'}' is missing in '${JSON.stringify(o).slice(0, 200)}'`);
      throw new ApiError('BadRequest', `json: cannot unmarshal ${jsonType(o[f])} into Go struct field TypeMeta.${f} of type string`);
    }
  }
  const kind = o.kind as string;
  const meta = o.metadata;
  if (meta === undefined || meta === null) return;
  if (typeof meta !== 'object' || Array.isArray(meta)) throw cannot(o, kind, `json: cannot unmarshal ${jsonType(meta)} into Go struct field ${kind}.metadata of type v1.ObjectMeta`);
  const m = meta as Record<string, unknown>;
  for (const f of META_STRINGS) {
    if (m[f] !== undefined && m[f] !== null && typeof m[f] !== 'string') throw cannot(o, kind, `json: cannot unmarshal ${jsonType(m[f])} into Go struct field ObjectMeta.metadata.${f} of type string`);
  }
  if (m.finalizers !== undefined && m.finalizers !== null && !(Array.isArray(m.finalizers) && m.finalizers.every((x) => typeof x === 'string'))) {
    throw cannot(o, kind, `json: cannot unmarshal ${jsonType(m.finalizers)} into Go struct field ObjectMeta.metadata.finalizers of type []string`);
  }
}

function cannot(o: Record<string, unknown>, kind: string, what: string): ApiError {
  return new ApiError('BadRequest', `${kind} in version "${String(o.apiVersion).split('/').pop()}" cannot be handled as a ${kind}: ${what}`, {
    kind,
    causes: [{ reason: 'FieldValueTypeInvalid', message: what, field: what.includes('.metadata.') ? what.replace(/^.* field \w+\.(\S+) of type.*$/, '$1') : 'metadata' }],
  });
}
