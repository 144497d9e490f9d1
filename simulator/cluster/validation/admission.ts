/**
 * The API server's write path for built-in kinds, as one Admission: decode (types, unknown fields
 * in strict mode) → defaulting → validation → update rules. Errors are ApiErrors with one cause
 * per field, so `locateApiError` can point at the line.
 */
import { applyDefaults } from '../defaults/index.js';
import type { KindInfo } from '../kinds.js';
import type { Admission } from '../store/index.js';
import type { JsonValue, KubeObject, StoredObject } from '../types.js';
import type { Obj } from './access.js';
import { decodeObject } from './decode.js';
import type { DecodeProblem } from './decode.js';
import { decodeError, invalidError } from './fieldErrors.js';
import type { FieldError } from './fieldErrors.js';
import { fieldValidationOf } from './fieldValidation.js';
import { deepEqual, validateUpdate } from './immutable.js';
import { KIND_RULES } from './kindRules.js';
import { validateMeta } from './metaRules.js';
import { schemaFor } from './schemas/index.js';
import { takePreAdmitted } from '../preAdmitted.js';

export interface ValidationOptions {
  /** Reject unknown fields; default: the request's mode (`withFieldValidation`), Strict unless set. */
  strict?: boolean;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Go's base64.StdEncoding error: `illegal base64 data at input byte N`. */
function base64Problem(s: string): number | undefined {
  if (B64.test(s) && s.length % 4 === 0) return undefined;
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=]/.test(s[i]!)) return i;
  return s.length - (s.length % 4 || 4);
}

/** Secret `data` and ConfigMap `binaryData` are []byte in Go: base64 in JSON. */
function base64Problems(o: Obj, field: 'data' | 'binaryData'): DecodeProblem[] {
  const out: DecodeProblem[] = [];
  const data = o[field];
  if (typeof data !== 'object' || data === null) return out;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v !== 'string') continue;
    const at = base64Problem(v);
    if (at !== undefined) out.push({ kind: 'type', field: `${field}[${k}]`, message: `illegal base64 data at input byte ${at}` });
  }
  return out;
}

/** Everything but metadata and status (and `except`) is unchanged: nothing to decode, default or re-validate there. */
function bodyUnchanged(obj: KubeObject, old: StoredObject, except?: string): boolean {
  // Identity first: status writes and bindings share the stored (frozen) subtrees.
  for (const k in obj) {
    if (k === 'metadata' || k === 'status' || k === except) continue;
    if (obj[k] !== old[k] && !deepEqual(obj[k], old[k])) return false;
  }
  for (const k in old) {
    if (k === 'metadata' || k === 'status' || k === except) continue;
    if (old[k] !== undefined && !Object.prototype.hasOwnProperty.call(obj, k)) return false;
  }
  return true;
}

/**
 * A pod write whose only change to the body is setting `spec.nodeName` on an unbound pod: the binding
 * (pods/binding), which the update rules allow once. The rest was admitted when it was stored.
 */
function bindingOnly(obj: KubeObject, old: StoredObject, info: KindInfo): boolean {
  if (info.group !== '' || info.kind !== 'Pod') return false;
  const spec = obj.spec as Record<string, unknown> | undefined;
  const oldSpec = old.spec as Record<string, unknown> | undefined;
  if (!spec || !oldSpec || oldSpec.nodeName || typeof spec.nodeName !== 'string' || spec.nodeName === '') return false;
  if (!bodyUnchanged(obj, old, 'spec')) return false;
  for (const k in spec) if (k !== 'nodeName' && spec[k] !== oldSpec[k] && !deepEqual(spec[k], oldSpec[k])) return false;
  for (const k in oldSpec) if (oldSpec[k] !== undefined && !Object.prototype.hasOwnProperty.call(spec, k)) return false;
  return true;
}

function throwDecode(info: KindInfo, name: string, problems: DecodeProblem[]): void {
  const types = problems.filter((p) => p.kind === 'type');
  const message = types.length > 0 ? types[0]!.message : `strict decoding error: ${problems.map((p) => p.message).join(', ')}`;
  throw decodeError(info, name, message, types.length > 0 ? types : problems);
}

/** A kind's schema and rule, per KindInfo: no `group/Kind` text to build and look up on every write. */
const KIND_ENTRIES = new WeakMap<KindInfo, { schema: ReturnType<typeof schemaFor>; rule: (typeof KIND_RULES)[string] | undefined }>();

function kindEntry(info: KindInfo): { schema: ReturnType<typeof schemaFor>; rule: (typeof KIND_RULES)[string] | undefined } {
  let entry = KIND_ENTRIES.get(info);
  if (entry === undefined) {
    const id = `${info.group}/${info.kind}`;
    entry = { schema: schemaFor(info.group, info.kind), rule: Object.prototype.hasOwnProperty.call(KIND_RULES, id) ? KIND_RULES[id] : undefined };
    KIND_ENTRIES.set(info, entry);
  }
  return entry;
}

/** Decode, default and validate `obj` as the API server would. Throws ApiError (BadRequest or Invalid). */
export function admitBuiltin(obj: KubeObject, old: StoredObject | undefined, info: KindInfo, store: Parameters<Admission>[4], opts: ValidationOptions = {}): void {
  if (info.fromCrd) return;
  const name = obj.metadata?.name ?? '';
  // (A binding is recognised first: its spec differs from the stored one, which bodyUnchanged would compare.
  // A write sharing the stored spec, such as a status write, cannot be one.)
  if (old && ((obj.spec !== old.spec && bindingOnly(obj, old, info)) || bodyUnchanged(obj, old))) {
    // Name and namespace cannot change on update; only re-check labels and annotations if they did.
    const m = obj.metadata;
    if (deepEqual(m.labels, old.metadata.labels) && deepEqual(m.annotations, old.metadata.annotations)) return;
    const errs = validateMeta(obj, info);
    if (errs.length) throw invalidError(info, name, errs);
    return;
  }
  const errs: FieldError[] = [];
  const { schema, rule } = kindEntry(info);
  if (schema) {
    const problems = decodeObject(obj as unknown as Record<string, JsonValue>, schema, opts.strict ?? fieldValidationOf(store) === 'Strict');
    if (info.group === '' && info.kind === 'Secret') problems.push(...base64Problems(obj as unknown as Obj, 'data'));
    if (info.group === '' && info.kind === 'ConfigMap') problems.push(...base64Problems(obj as unknown as Obj, 'binaryData'));
    if (problems.length) throwDecode(info, name, problems);
  }
  applyDefaults(obj, info, old, store);
  errs.push(...validateMeta(obj, info));
  rule?.(obj as unknown as Obj, errs);
  if (old) errs.push(...validateUpdate(obj, old, info));
  if (errs.length) throw invalidError(info, name, errs);
}

/** The admission to install on a store (`store.addAdmission(validationAdmission())`). */
export function validationAdmission(opts: ValidationOptions = {}): Admission {
  return (op, obj, old, info, store) => {
    if (op === 'DELETE') return;
    // The Event recorder's own Events are valid by construction (see preAdmitted.ts).
    if (takePreAdmitted(store, info, obj)) return;
    admitBuiltin(obj, old, info, store, opts);
  };
}
