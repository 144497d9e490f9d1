/** Field errors with the API server's wording (k8s.io/apimachinery/pkg/util/validation/field). */
import { ApiError } from '../../core/errors.js';
import type { StatusCause } from '../../core/errors.js';
import type { KindInfo } from '../kinds.js';

export type FieldErrorType = 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueTooLong';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Full text after `field: `, e.g. `Invalid value: -1: must be greater than or equal to 0`. */
  detail: string;
}

/** Go's `%#v`-ish rendering the API server uses for invalid values. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return JSON.stringify(v);
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.every(([, x]) => typeof x === 'string')) {
    const body = entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
      .join(', ');
    return `map[string]string{${body}}`;
  }
  return JSON.stringify(v);
}

export const required = (field: string, detail = ''): FieldError => ({
  type: 'FieldValueRequired',
  field,
  detail: detail ? `Required value: ${detail}` : 'Required value',
});
export const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  detail: `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}`,
});
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'FieldValueNotSupported',
  field,
  detail: `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
});
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, detail: `Duplicate value: ${goValue(value)}` });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail: `Forbidden: ${detail}` });
export const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, detail: `Too long: must have at most ${max} bytes` });

/** `Deployment.apps`, `Pod`: how the API server names a kind in "is invalid" messages. */
export function qualifiedKind(info: Pick<KindInfo, 'group' | 'kind'>): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

function causes(errs: readonly FieldError[]): StatusCause[] {
  return errs.map((e) => ({ reason: e.type, message: e.detail, field: e.field }));
}

/** `Deployment.apps "web" is invalid: [a: …, b: …]` — 422 Invalid with one cause per field. */
export function invalidError(info: Pick<KindInfo, 'group' | 'kind' | 'plural'>, name: string, errs: readonly FieldError[]): ApiError {
  const parts = errs.map((e) => `${e.field}: ${e.detail}`);
  const list = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind(info)} "${name}" is invalid: ${list}`, {
    name,
    group: info.group,
    kind: info.kind,
    causes: causes(errs),
  });
}

/** Decode failures are 400 BadRequest: `Deployment in version "v1" cannot be handled as a Deployment: …`. */
export function decodeError(info: Pick<KindInfo, 'group' | 'kind' | 'version'>, name: string, message: string, fields: { field: string; message: string; kind: 'type' | 'unknown' }[]): ApiError {
  return new ApiError('BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${message}`, {
    name,
    group: info.group,
    kind: info.kind,
    causes: fields.map((f) => ({ reason: f.kind === 'type' ? 'FieldValueTypeInvalid' : 'FieldValueInvalid', message: f.message, field: f.field })),
  });
}
