/** Name and label rules (k8s.io/apimachinery/pkg/util/validation), with their exact messages. */
import type { FieldError } from './fieldErrors.js';
import { invalid } from './fieldErrors.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUALIFIED_NAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

/** Messages for a name under a rule (empty when valid). */
export function nameProblems(name: string, rule: NameRule): string[] {
  const out: string[] = [];
  switch (rule) {
    case 'label':
      if (name.length > 63) out.push('must be no more than 63 characters');
      if (!DNS1123_LABEL.test(name)) out.push(LABEL_MSG);
      break;
    case 'dns1035':
      if (name.length > 63) out.push('must be no more than 63 characters');
      if (!DNS1035_LABEL.test(name)) out.push(DNS1035_MSG);
      break;
    case 'subdomain':
      if (name.length > 253) out.push('must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(name)) out.push(SUBDOMAIN_MSG);
      break;
    case 'path-segment':
      if (name === '.' || name === '..') out.push(`may not be '${name}'`);
      for (const bad of ['/', '%']) if (name.includes(bad)) out.push(`may not contain '${bad}'`);
      break;
  }
  return out;
}

export function validateName(field: string, name: string, rule: NameRule): FieldError[] {
  return nameProblems(name, rule).map((m) => invalid(field, name, m));
}

/** Label keys are qualified names (`prefix/name`), values ≤ 63 characters. */
export function validateLabels(field: string, labels: Record<string, unknown> | undefined): FieldError[] {
  const out: FieldError[] = [];
  if (!labels) return out;
  // for-in: Object.entries' order without its arrays (labels are checked on most writes).
  for (const k in labels) {
    const v = labels[k];
    if (!VALID_KEYS.has(k)) pushAll(out, validateQualifiedName(field, k));
    const value = typeof v === 'string' ? v : '';
    if (value.length > 63) out.push(invalid(field, value, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(value)) out.push(invalid(field, value, LABEL_VALUE_MSG));
  }
  return out;
}

/**
 * Label and annotation keys found valid: a few dozen keys recur on every write, and the rule depends
 * on the key alone. Bounded, so arbitrary keys cannot grow it without limit.
 */
const VALID_KEYS = new Set<string>();

function pushAll(out: FieldError[], errs: FieldError[]): void {
  for (let i = 0; i < errs.length; i++) out.push(errs[i]!);
}

export function validateQualifiedName(field: string, key: string): FieldError[] {
  const out = qualifiedNameErrors(field, key);
  if (out.length === 0) {
    if (VALID_KEYS.size >= 4096) VALID_KEYS.clear();
    VALID_KEYS.add(key);
  }
  return out;
}

function qualifiedNameErrors(field: string, key: string): FieldError[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const out: FieldError[] = [];
  if (prefix !== undefined) {
    if (prefix.length === 0) out.push(invalid(field, key, 'prefix part must be non-empty'));
    else for (const m of nameProblems(prefix, 'subdomain')) out.push(invalid(field, key, `prefix part ${m}`));
  }
  if (name.length === 0) out.push(invalid(field, key, 'name part must be non-empty'));
  else {
    if (name.length > 63) out.push(invalid(field, key, 'name part must be no more than 63 characters'));
    if (!QUALIFIED_NAME.test(name)) out.push(invalid(field, key, QUALIFIED_NAME_MSG));
  }
  return out;
}

/** Annotation keys are qualified names; the total size is bounded at 256 KiB. */
export function validateAnnotations(field: string, annotations: Record<string, unknown> | undefined): FieldError[] {
  const out: FieldError[] = [];
  if (!annotations) return out;
  let size = 0;
  for (const k in annotations) {
    const v = annotations[k];
    if (!VALID_KEYS.has(k)) pushAll(out, validateQualifiedName(field, k.toLowerCase()));
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > 256 * 1024) out.push({ type: 'FieldValueTooLong', field, detail: 'Too long: must have at most 262144 bytes' });
  return out;
}

export function validateConfigKey(field: string, key: string): FieldError[] {
  const out: FieldError[] = [];
  if (key.length > 253) out.push(invalid(field, key, 'must be no more than 253 characters'));
  if (!CONFIG_KEY.test(key)) out.push(invalid(field, key, CONFIG_KEY_MSG));
  else if (key === '.' || key === '..' || key.startsWith('..')) out.push(invalid(field, key, `must not be '.' or '..' or start with '..'`));
  return out;
}

export const isDns1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);
export const isDns1035Label = (s: string): boolean => s.length <= 63 && DNS1035_LABEL.test(s);
