/**
 * Checks a CRD's openAPIV3Schema is a usable structural schema (apiextensions validation): known
 * types, objects where objects belong, compilable patterns. Custom objects are only ever validated
 * against schemas that passed this, so a malformed schema cannot break writes later.
 */
import { isObj } from '../types.js';
import type { FieldError } from '../validation/index.js';
import { invalid, notSupported } from '../validation/index.js';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const MAX_SCHEMA_DEPTH = 64;

export function checkSchema(s: unknown, field: string, out: FieldError[], depth = 0): void {
  if (!isObj(s)) {
    out.push(invalid(field, s, 'must be an object'));
    return;
  }
  if (depth > MAX_SCHEMA_DEPTH) {
    out.push(invalid(field, '...', `must not be nested more than ${MAX_SCHEMA_DEPTH} levels deep`));
    return;
  }
  if (s.type !== undefined && (typeof s.type !== 'string' || !TYPES.includes(s.type))) out.push(notSupported(`${field}.type`, s.type, TYPES));
  if (s.properties !== undefined) {
    if (!isObj(s.properties)) out.push(invalid(`${field}.properties`, s.properties, 'must be an object'));
    else for (const [k, v] of Object.entries(s.properties)) checkSchema(v, `${field}.properties[${k}]`, out, depth + 1);
  }
  if (s.items !== undefined) checkSchema(s.items, `${field}.items`, out, depth + 1);
  if (s.additionalProperties !== undefined && typeof s.additionalProperties !== 'boolean') checkSchema(s.additionalProperties, `${field}.additionalProperties`, out, depth + 1);
  if (s.required !== undefined && !(Array.isArray(s.required) && s.required.every((r) => typeof r === 'string'))) out.push(invalid(`${field}.required`, s.required, 'must be a list of strings'));
  if (s.enum !== undefined && !Array.isArray(s.enum)) out.push(invalid(`${field}.enum`, s.enum, 'must be a list'));
  for (const k of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) {
    if (s[k] !== undefined && typeof s[k] !== 'number') out.push(invalid(`${field}.${k}`, s[k], 'must be a number'));
  }
  for (const k of ['nullable', 'exclusiveMinimum', 'exclusiveMaximum', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource']) {
    if (s[k] !== undefined && typeof s[k] !== 'boolean') out.push(invalid(`${field}.${k}`, s[k], 'must be a boolean'));
  }
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== 'string') out.push(invalid(`${field}.pattern`, s.pattern, 'must be a string'));
    else {
      try {
        new RegExp(s.pattern, 'u');
      } catch (e) {
        out.push(invalid(`${field}.pattern`, s.pattern, `must be a valid regular expression, but isn't: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  }
}
