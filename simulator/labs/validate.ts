/**
 * A small JSON-schema (draft-07 subset) validator: what lab.schema.json uses — type, enum, const,
 * properties, required, additionalProperties, items, minItems, minLength, pattern, minimum, $ref,
 * anyOf and oneOf. Errors carry the path of the offending value, so the loader can locate them.
 */
import type { JsonObject, JsonValue } from '../cluster/types.js';
import { isJsonObject } from '../cluster/types.js';
import type { PathSegment } from '../manifest/index.js';

export interface SchemaError {
  path: PathSegment[];
  message: string;
}

function typeOf(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: JsonValue, want: string): boolean {
  const t = typeOf(v);
  return t === want || (want === 'number' && t === 'integer');
}

/** `a mapping`, `a list`, `an integer`, `null`… as an error message names a JSON type. */
function article(t: string): string {
  if (t === 'object') return 'a mapping';
  if (t === 'array') return 'a list';
  if (t === 'null') return 'null';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

const show = (v: JsonValue): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** A oneOf whose branches each only require one key: "exactly one of these keys". */
function discriminatorKeys(branches: JsonValue[]): string[] | undefined {
  const keys: string[] = [];
  for (const b of branches) {
    if (!isJsonObject(b) || Object.keys(b).length !== 1 || !Array.isArray(b.required) || b.required.length !== 1) return undefined;
    keys.push(String(b.required[0]));
  }
  return keys;
}

export class SchemaValidator {
  constructor(private readonly root: JsonObject) {}

  validate(value: JsonValue, schema: JsonValue | undefined = this.root, path: PathSegment[] = []): SchemaError[] {
    if (!isJsonObject(schema)) return [];
    if (typeof schema.$ref === 'string') return this.validate(value, this.resolve(schema.$ref), path);
    const errors: SchemaError[] = [];
    const fail = (message: string, at: PathSegment[] = path): void => void errors.push({ path: at, message });

    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type.map(String) : [String(schema.type)];
      if (!types.some((t) => typeMatches(value, t))) {
        const got = typeOf(value) === 'object' ? 'a mapping' : typeOf(value) === 'array' ? 'a list' : show(value);
        fail(`must be ${types.map(article).join(' or ')}, got ${got}`);
        return errors;
      }
    }
    if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const)) fail(`must be ${show(schema.const)}, got ${show(value)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
      fail(`must be one of ${schema.enum.map(show).join(', ')}, got ${show(value)}`);
    }
    if (typeof value === 'string') {
      if (typeof schema.minLength === 'number' && value.length < schema.minLength) fail('must not be empty');
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
        fail(typeof schema.description === 'string' ? `${show(value)} is not valid: ${schema.description}` : `${show(value)} does not match ${schema.pattern}`);
      }
    }
    if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be at least ${schema.minimum}, got ${value}`);
    if (Array.isArray(value)) {
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`must have at least ${schema.minItems} item(s)`);
      if (schema.items !== undefined) value.forEach((item, i) => errors.push(...this.validate(item, schema.items, [...path, i])));
    }
    if (isJsonObject(value)) this.validateObject(value, schema, path, errors);
    if (Array.isArray(schema.anyOf) && errors.length === 0) {
      const results = schema.anyOf.map((b) => this.validate(value, b, path));
      if (!results.some((r) => r.length === 0)) errors.push(...best(results));
    }
    if (Array.isArray(schema.oneOf) && errors.length === 0) this.validateOneOf(value, schema.oneOf, path, errors);
    return errors;
  }

  private validateObject(value: JsonObject, schema: JsonObject, path: PathSegment[], errors: SchemaError[]): void {
    const props = isJsonObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const r of schema.required) if (!Object.hasOwn(value, String(r))) errors.push({ path, message: `missing required field "${String(r)}"` });
    }
    for (const [k, v] of Object.entries(value)) {
      if (Object.hasOwn(props, k)) errors.push(...this.validate(v as JsonValue, props[k], [...path, k]));
      else if (schema.additionalProperties === false) {
        const known = Object.keys(props);
        errors.push({ path: [...path, k], message: `unknown field "${k}"${known.length ? ` (expected one of: ${known.join(', ')})` : ''}` });
      } else if (isJsonObject(schema.additionalProperties)) errors.push(...this.validate(v as JsonValue, schema.additionalProperties, [...path, k]));
    }
  }

  private validateOneOf(value: JsonValue, branches: JsonValue[], path: PathSegment[], errors: SchemaError[]): void {
    const keys = discriminatorKeys(branches);
    if (keys && isJsonObject(value)) {
      const present = keys.filter((k) => Object.hasOwn(value, k));
      if (present.length === 1) return;
      errors.push({ path, message: present.length === 0 ? `needs one of: ${keys.join(', ')}` : `has ${present.join(' and ')}: only one of ${keys.join(', ')} is allowed` });
      return;
    }
    const results = branches.map((b) => this.validate(value, b, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 1) return;
    if (passing === 0) errors.push(...best(results));
    else errors.push({ path, message: 'matches more than one allowed form' });
  }

  private resolve(ref: string): JsonValue {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const defs = this.root.definitions;
    if (!m || !isJsonObject(defs) || defs[m[1]!] === undefined) throw new Error(`schema: unresolvable $ref ${ref}`);
    return defs[m[1]!]!;
  }
}

/** Among failing alternatives, the errors of the one that got furthest (deepest path), else a type summary. */
function best(results: SchemaError[][]): SchemaError[] {
  const depth = (r: SchemaError[]) => Math.max(...r.map((e) => e.path.length));
  const sorted = [...results].sort((a, b) => depth(b) - depth(a) || a.length - b.length);
  return sorted[0] ?? [];
}
