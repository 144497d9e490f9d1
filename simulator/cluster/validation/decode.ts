/**
 * Decode like the API server: check JSON types against the kind's Go types and, in strict mode,
 * report unknown fields. Null struct fields are dropped (Go decodes null as "not set").
 */
import type { JsonValue } from '../types.js';
import { QUANTITY_MSG, validQuantity } from './quantity.js';
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

/**
 * A value `walk` would accept under `s` without a word: absent, or a scalar of its scalar type. Checked
 * before pushing the path, so the leaves (most of an object) cost no push, pop or call; anything
 * else is walked as before (a problem is then found and reported by `walk` itself).
 */
function scalarFine(s: Schema, v: JsonValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  return typeof s === 'string' && scalarOk(s, v) && (s !== 'quantity' || validQuantity(v));
}

/** Go's zero value as JSON (null where Go's zero is nil: slices, maps, interfaces). */
function zeroValue(s: Schema): JsonValue {
  if (typeof s !== 'string') return s.t === 'obj' ? {} : null;
  if (s === 'string' || s === 'quantity') return s === 'string' ? '' : null;
  if (s === 'bool') return false;
  if (s === 'any') return null;
  return 0;
}

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

/** Path segment kinds: a struct field (`.name`), a list index, or a map key (`[key]`, not part of the Go path). */
const FIELD = 0;
const INDEX = 1;
const KEY = 2;

/** The path stacks, shared by every decode (a decode never starts another) and emptied at the start of each. */
const SEG_KIND: number[] = [];
const SEG_VAL: (string | number)[] = [];

class Decoder {
  readonly problems: DecodeProblem[] = [];
  /**
   * Current path as two parallel stacks (segment kind, value), formatted only when a problem is found
   * (most walks find none); no allocation per field on the way down.
   */
  private readonly segKind: number[] = SEG_KIND;
  private readonly segVal: (string | number)[] = SEG_VAL;
  private readonly owners: string[] = [];

  constructor(private readonly strict: boolean) {
    // (Only after a decode that threw: setting an array's length is not free.)
    if (SEG_KIND.length !== 0) {
      SEG_KIND.length = 0;
      SEG_VAL.length = 0;
    }
  }

  private field(extra?: string): string {
    let out = '';
    for (let j = 0; j < this.segKind.length; j++) {
      const kind = this.segKind[j];
      const v = String(this.segVal[j]);
      if (kind === FIELD) out += out ? `.${v}` : v;
      else out += `[${v}]`;
    }
    if (extra !== undefined) out += out ? `.${extra}` : extra;
    return out;
  }

  private goPath(): string {
    let out = '';
    for (let j = 0; j < this.segKind.length; j++) {
      if (this.segKind[j] !== FIELD) continue;
      const v = String(this.segVal[j]);
      out += out ? `.${v}` : v;
    }
    return out;
  }

  private push(kind: number, v: string | number): void {
    this.segKind.push(kind);
    this.segVal.push(v);
  }

  private pop(): void {
    this.segKind.pop();
    this.segVal.pop();
  }

  walk(v: JsonValue | undefined, s: Schema): void {
    if (v === null || v === undefined) return;
    if (typeof s === 'string') {
      if (!scalarOk(s, v)) this.typeError(v, s);
      else if (s === 'quantity' && !validQuantity(v)) this.problems.push({ kind: 'type', field: this.field(), message: QUANTITY_MSG });
      return;
    }
    if (s.t === 'obj') {
      if (jsonType(v) !== 'object') return this.typeError(v, s);
      this.owners.push(s.go);
      this.object(v as Record<string, JsonValue>, s);
      this.owners.pop();
      return;
    }
    if (s.t === 'list') {
      if (!Array.isArray(v)) return this.typeError(v, s);
      for (let i = 0; i < v.length; i++) {
        // A null element decodes to the element type's zero value (Go: "" for strings, an empty struct…).
        if (v[i] === null) {
          const z = zeroValue(s.of);
          if (z !== null) v[i] = z;
          continue;
        }
        if (scalarFine(s.of, v[i])) continue;
        this.push(INDEX, i);
        this.walk(v[i], s.of);
        this.pop();
      }
      return;
    }
    if (jsonType(v) !== 'object') return this.typeError(v, s);
    const m = v as Record<string, JsonValue>;
    for (const k in m) {
      if (scalarFine(s.of, m[k])) continue;
      this.push(KEY, k);
      this.walk(m[k], s.of);
      this.pop();
    }
  }

  object(o: Record<string, JsonValue>, s: ObjSchema): void {
    // for-in: no key array per object; deleting the key being visited is safe during enumeration.
    const fields = s.fields;
    for (const k in o) {
      // One keyed load: a schema field is a string or an object, never a function; only names
      // Object.prototype answers (its methods, `__proto__`) need the own check.
      let child: Schema | undefined = fields[k];
      if (child !== undefined && (typeof child === 'function' || k === '__proto__') && !Object.prototype.hasOwnProperty.call(fields, k)) child = undefined;
      const v = o[k];
      if (v === undefined || (v === null && (child !== undefined || !s.open))) {
        delete o[k];
        continue;
      }
      if (child === undefined) {
        if (s.open) continue;
        if (this.strict) {
          const f = this.field(k);
          this.problems.push({ kind: 'unknown', field: f, message: `unknown field "${f}"` });
        } else delete o[k]; // not strict: the decoder drops what the Go type has no field for
        continue;
      }
      if (scalarFine(child, v)) continue;
      this.push(FIELD, k);
      this.walk(v, child);
      this.pop();
    }
  }

  private typeError(v: JsonValue, s: Schema): void {
    const t = jsonType(v);
    // encoding/json: "number" for a number where the type is not numeric; "number 1.5" when it is numeric but the
    // literal does not fit (a fraction or overflow for an int field).
    const what = t === 'number' ? (s === 'int32' || s === 'int64' || s === 'intstr' ? `number ${String(v)}` : 'number') : t;
    const owner = this.owners[this.owners.length - 1] ?? '';
    const message = `json: cannot unmarshal ${what} into Go struct field ${owner}.${this.goPath()} of type ${goType(s)}`;
    this.problems.push({ kind: 'type', field: this.field(), message });
  }
}

/** Check (and normalise: nulls dropped) an object against its kind's schema. */
export function decodeObject(obj: Record<string, JsonValue>, schema: ObjSchema, strict: boolean): DecodeProblem[] {
  const d = new Decoder(strict);
  d.walk(obj, schema);
  return d.problems;
}
