/**
 * Custom objects against a CRD's `openAPIV3Schema`, as the apiextensions-apiserver does it:
 * defaults (`default`), pruning of fields the schema does not declare (unless
 * `x-kubernetes-preserve-unknown-fields`), then validation with kube-openapi's messages.
 */
import { clone, isObj, setOwn } from '../types.js';
import type { FieldError } from '../validation/index.js';
import { goValue, notSupported, required } from '../validation/index.js';

export interface JSONSchemaProps {
  type?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: JSONSchemaProps | boolean;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [k: string]: unknown;
}

type Obj = Record<string, unknown>;
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v;
}

function typeMatches(s: JSONSchemaProps, v: unknown): boolean {
  if (s['x-kubernetes-int-or-string']) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  const t = typeOf(v);
  switch (s.type) {
    case undefined:
      return true;
    case 'number':
      return t === 'number' || t === 'integer';
    default:
      return s.type === t;
  }
}

const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, detail: `Invalid value: ${goValue(value)}: ${detail}` });

export interface StructuralResult {
  errors: FieldError[];
  /** Paths of fields dropped because the schema does not declare them. */
  pruned: string[];
}

class Walker {
  readonly errors: FieldError[] = [];
  readonly pruned: string[] = [];

  /** Default, prune and validate `v` (in place for containers). */
  walk(v: unknown, schema: JSONSchemaProps, field: string): void {
    // Schemas normally passed checkSchema; engines may register CRDs directly, so stay defensive.
    const s: JSONSchemaProps = isObj(schema) ? schema : {};
    const name = field || '<root>';
    if (v === null) {
      if (!s.nullable && s.type) this.errors.push(invalidValue(field, 'null', `${name} in body must be of type ${s.type}: "null"`));
      return;
    }
    if (!typeMatches(s, v)) {
      const want = s['x-kubernetes-int-or-string'] ? 'integer,string' : s.type;
      this.errors.push(invalidValue(field, typeOf(v), `${name} in body must be of type ${want}: ${JSON.stringify(typeOf(v))}`));
      return;
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      this.errors.push(notSupported(field, v, s.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
    }
    if (typeof v === 'number') this.number(v, s, field, name);
    else if (typeof v === 'string') this.string(v, s, field, name);
    else if (Array.isArray(v)) this.array(v, s, field, name);
    else if (isObj(v)) this.object(v, s, field, name);
  }

  private number(v: number, s: JSONSchemaProps, field: string, name: string): void {
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) {
      this.errors.push(invalidValue(field, v, `${name} in body should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${s.minimum}`));
    }
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) {
      this.errors.push(invalidValue(field, v, `${name} in body should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${s.maximum}`));
    }
  }

  private string(v: string, s: JSONSchemaProps, field: string, name: string): void {
    if (s.minLength !== undefined && v.length < s.minLength) this.errors.push(invalidValue(field, v, `${name} in body should be at least ${s.minLength} chars long`));
    if (s.maxLength !== undefined && v.length > s.maxLength) this.errors.push({ type: 'FieldValueTooLong', field, detail: `Too long: may not be longer than ${s.maxLength}` });
    if (typeof s.pattern === 'string') {
      let re: RegExp | undefined;
      try {
        re = new RegExp(s.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(v)) this.errors.push(invalidValue(field, v, `${name} in body should match '${s.pattern}'`));
    }
  }

  private array(v: unknown[], s: JSONSchemaProps, field: string, name: string): void {
    if (s.minItems !== undefined && v.length < s.minItems) this.errors.push(invalidValue(field, v.length, `${name} in body should have at least ${s.minItems} items`));
    if (s.maxItems !== undefined && v.length > s.maxItems) this.errors.push({ type: 'FieldValueInvalid', field, detail: `Too many: ${v.length}: must have at most ${s.maxItems} items` });
    if (isObj(s.items)) for (let i = 0; i < v.length; i++) this.walk(v[i], s.items, `${field}[${i}]`);
  }

  private object(v: Obj, s: JSONSchemaProps, field: string, name: string): void {
    const props: Record<string, JSONSchemaProps> = isObj(s.properties) ? (s.properties as Record<string, JSONSchemaProps>) : NO_PROPS;
    // for-in rather than Object.entries/keys: same order, no arrays (a status write walks this per object).
    for (const k in props) {
      const ps = props[k];
      if (isObj(ps) && !hasOwn(v, k) && ps.default !== undefined) setOwn(v, k, clone(ps.default));
    }
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const embedded = s['x-kubernetes-embedded-resource'] === true;
    const additional = s.additionalProperties;
    // (Deleting the key being visited is safe in for-in; nothing else adds or removes keys of `v` here.)
    for (const k in v) {
      const child = field ? `${field}.${k}` : k;
      const ps = hasOwn(props, k) ? props[k] : undefined;
      if (ps) this.walk(v[k], ps, child);
      else if (isObj(additional)) this.walk(v[k], additional, field ? `${field}[${k}]` : k);
      else if (additional === true || preserve || (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata'))) continue;
      else {
        delete v[k];
        this.pruned.push(child);
      }
    }
    if (Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string' && (!hasOwn(v, r) || v[r] === undefined)) this.errors.push(required(field ? `${field}.${r}` : r));
    if (s.minProperties === undefined && s.maxProperties === undefined) return;
    const n = Object.keys(v).length;
    if (s.minProperties !== undefined && n < s.minProperties) this.errors.push(invalidValue(field, n, `${name} in body should have at least ${s.minProperties} properties`));
    if (s.maxProperties !== undefined && n > s.maxProperties) this.errors.push(invalidValue(field, n, `${name} in body should have at most ${s.maxProperties} properties`));
  }
}

const ENVELOPE = new Set(['apiVersion', 'kind', 'metadata']);
const NO_PROPS: Record<string, JSONSchemaProps> = Object.freeze({});

/** The schema the body is walked with, per CRD schema: built once for a frozen (stored) schema. */
const ROOTS = new WeakMap<JSONSchemaProps, JSONSchemaProps>();

function rootSchema(schema: JSONSchemaProps): JSONSchemaProps {
  const cacheable = isObj(schema) && Object.isFrozen(schema) && (!isObj(schema.properties) || Object.isFrozen(schema.properties));
  let root = cacheable ? ROOTS.get(schema) : undefined;
  if (root) return root;
  // The envelope is the server's: a root `required: [metadata, spec]` (as Argo CD's CRDs have) only asks for spec here.
  const required = Array.isArray(schema.required) ? schema.required.filter((r) => !ENVELOPE.has(r)) : undefined;
  root = { ...(isObj(schema) ? schema : {}), type: 'object', required };
  // A schema that can still change (not a stored CRD's) is not cached.
  if (cacheable) ROOTS.set(schema, root);
  return root;
}

/** Default, prune and validate a custom object (in place). apiVersion, kind and metadata are the server's. */
export function validateCustomObject(obj: Obj, schema: JSONSchemaProps | undefined): StructuralResult {
  const w = new Walker();
  if (!schema) return { errors: w.errors, pruned: w.pruned };
  const body: Obj = {};
  for (const k in obj) if (!ENVELOPE.has(k)) setOwn(body, k, obj[k]);
  w.walk(body, rootSchema(schema), '');
  for (const k in obj) if (!ENVELOPE.has(k) && !hasOwn(body, k)) delete obj[k];
  for (const k in body) setOwn(obj, k, body[k]);
  return { errors: w.errors, pruned: w.pruned };
}
