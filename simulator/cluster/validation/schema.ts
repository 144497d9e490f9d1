/**
 * A compact, data-only description of the built-in kinds' Go types: which fields exist, with which
 * JSON types. Enough to decode like the API server (type errors, unknown fields in strict mode)
 * without hand-written checks per field. Rarely written sub-structs are `open` (type-checked as
 * objects, their fields not enforced) so a valid manifest is never rejected for a field we omitted.
 */

export type ScalarSchema = 'string' | 'int32' | 'int64' | 'bool' | 'float64' | 'intstr' | 'quantity' | 'any';

export interface ObjSchema {
  t: 'obj';
  /** Go type name, for decode error messages (`DeploymentSpec`). */
  go: string;
  fields: Record<string, Schema>;
  /** Unknown fields allowed (not enforced). */
  open?: boolean;
  /** Go package for messages (default `v1`; Argo's types are `v1alpha1`). */
  pkg?: string;
}

export interface ListSchema {
  t: 'list';
  of: Schema;
}

export interface MapSchema {
  t: 'map';
  of: Schema;
}

export type Schema = ScalarSchema | ObjSchema | ListSchema | MapSchema;

export const obj = (go: string, fields: Record<string, Schema>): ObjSchema => ({ t: 'obj', go, fields });
/** A struct we do not spell out: must be an object, anything inside. */
export const open = (go: string, fields: Record<string, Schema> = {}): ObjSchema => ({ t: 'obj', go, fields, open: true });
export const list = (of: Schema): ListSchema => ({ t: 'list', of });
export const map = (of: Schema): MapSchema => ({ t: 'map', of });
export const STRINGS = list('string');
export const STRING_MAP = map('string');

/** Go type name as the JSON decoder prints it (`int32`, `[]v1.Container`, `map[string]string`). */
export function goType(s: Schema): string {
  if (typeof s === 'string') {
    switch (s) {
      case 'intstr':
        return 'intstr.IntOrString';
      case 'quantity':
        return 'resource.Quantity';
      case 'any':
        return 'interface {}';
      default:
        return s;
    }
  }
  if (s.t === 'obj') return `${s.pkg ?? 'v1'}.${s.go}`;
  if (s.t === 'list') return `[]${goType(s.of)}`;
  return `map[string]${goType(s.of)}`;
}
