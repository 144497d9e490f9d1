/**
 * Decode like the API server: check JSON types against the kind's Go types and, in strict mode,
 * report unknown fields. Null struct fields are dropped (Go decodes null as "not set").
 */
import type { JsonValue } from '../types.js';
import { goType } from './schema.js';
import type { ObjSchema, Schema } from './schema.js';

export interface DecodeProblem {
  kind: 'type' | 'unknown';
  /** Field path with indexes: `spec.template.spec.containers[0].image`. */
  field: string;
  message: string;
}

function jsonType(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string | number
}

const INT32 = 2 ** 31;

function scalarOk(s: Schema, v: JsonValue): boolean {
  switch (s) {
    case 'any':
      return true;
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'int32':
      return typeof v === 'number' && Number.isInteger(v) && v >= -INT32 && v < INT32;
    case 'int64':
      return typeof v === 'number' && Number.isInteger(v);
    case 'float64':
      return typeof v === 'number';
    case 'intstr':
      return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number';
    default:
      return false;
  }
}

class Decoder {
  readonly problems: DecodeProblem[] = [];

  constructor(private readonly strict: boolean) {}

  /**
   * `field` is the API path with indexes; `goPath` the decoder's path without them; `owner` the Go
   * struct holding the field — together they make `Go struct field DeploymentSpec.spec.replicas`.
   */
  walk(v: JsonValue, s: Schema, field: string, goPath: string, owner: string): void {
    if (v === null || v === undefined) return;
    if (typeof s === 'string') {
      if (!scalarOk(s, v)) this.typeError(v, s, field, goPath, owner);
      return;
    }
    if (s.t === 'obj') {
      if (jsonType(v) !== 'object') return this.typeError(v, s, field, goPath, owner);
      this.object(v as Record<string, JsonValue>, s, field, goPath);
      return;
    }
    if (s.t === 'list') {
      if (!Array.isArray(v)) return this.typeError(v, s, field, goPath, owner);
      for (let i = 0; i < v.length; i++) this.walk(v[i]!, s.of, `${field}[${i}]`, goPath, owner);
      return;
    }
    if (jsonType(v) !== 'object') return this.typeError(v, s, field, goPath, owner);
    const m = v as Record<string, JsonValue>;
    for (const k of Object.keys(m)) {
      const item = m[k]!;
      if (item === null || item === undefined) continue;
      this.walk(item, s.of, `${field}[${k}]`, goPath, owner);
    }
  }

  object(o: Record<string, JsonValue>, s: ObjSchema, field: string, goPath: string): void {
    for (const k of Object.keys(o)) {
      const child = Object.prototype.hasOwnProperty.call(s.fields, k) ? s.fields[k] : undefined;
      const v = o[k];
      if (v === undefined || (v === null && (child !== undefined || !s.open))) {
        delete o[k];
        continue;
      }
      if (child === undefined) {
        if (!s.open && this.strict) {
          const f = field ? `${field}.${k}` : k;
          this.problems.push({ kind: 'unknown', field: f, message: `unknown field "${f}"` });
        }
        continue;
      }
      this.walk(v as JsonValue, child, field ? `${field}.${k}` : k, goPath ? `${goPath}.${k}` : k, s.go);
    }
  }

  private typeError(v: JsonValue, s: Schema, field: string, goPath: string, owner: string): void {
    const t = jsonType(v);
    const what = t === 'number' ? `number ${String(v)}` : t;
    const message = `json: cannot unmarshal ${what} into Go struct field ${owner}.${goPath} of type ${goType(s)}`;
    this.problems.push({ kind: 'type', field, message });
  }
}

/** Check (and normalise: nulls dropped) an object against its kind's schema. */
export function decodeObject(obj: Record<string, JsonValue>, schema: ObjSchema, strict: boolean): DecodeProblem[] {
  const d = new Decoder(strict);
  d.object(obj, schema, '', '');
  return d.problems;
}
