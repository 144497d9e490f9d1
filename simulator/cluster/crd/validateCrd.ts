/** CustomResourceDefinition validation (apiextensions validation), with the real messages. */
import type { KubeObject } from '../types.js';
import { invalid, nameProblems, required } from '../validation/index.js';
import type { FieldError } from '../validation/index.js';
import { crdSpecOf } from './registry.js';
import { checkSchema } from './schemaCheck.js';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

export function validateCrd(crd: KubeObject): FieldError[] {
  const out: FieldError[] = [];
  const raw = (crd.spec ?? {}) as Record<string, unknown>;
  const spec = crdSpecOf(crd);
  const { group, names } = spec;
  if (!group) out.push(required('spec.group'));
  else {
    for (const m of nameProblems(group, 'subdomain')) out.push(invalid('spec.group', group, m));
    if (!group.includes('.')) out.push(invalid('spec.group', group, "should be a domain with at least one dot"));
  }
  if (!names.plural) out.push(required('spec.names.plural'));
  else if (!DNS_LABEL.test(names.plural)) out.push(invalid('spec.names.plural', names.plural, 'a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character'));
  if (!names.kind) out.push(required('spec.names.kind'));
  else if (!KIND.test(names.kind)) out.push(invalid('spec.names.kind', names.kind, 'may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?'));
  if (names.singular && !DNS_LABEL.test(names.singular)) out.push(invalid('spec.names.singular', names.singular, 'a DNS-1035 label must consist of lower case alphanumeric characters'));
  const name = crd.metadata?.name ?? '';
  if (group && names.plural && name !== `${names.plural}.${group}`) out.push(invalid('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (raw.scope !== 'Namespaced' && raw.scope !== 'Cluster') {
    if (raw.scope === undefined) out.push(required('spec.scope'));
    else out.push({ type: 'FieldValueNotSupported', field: 'spec.scope', detail: `Unsupported value: ${JSON.stringify(raw.scope)}: supported values: "Cluster", "Namespaced"` });
  }
  if (spec.versions.length === 0) out.push(required('spec.versions', 'must have exactly one version marked as storage version'));
  else {
    const storage = spec.versions.filter((v) => v.storage).length;
    if (storage !== 1) out.push(invalid('spec.versions', spec.versions.map((v) => v.name), 'must have exactly one version marked as storage version'));
    const seen = new Set<string>();
    spec.versions.forEach((v, i) => {
      if (!v.name) out.push(required(`spec.versions[${i}].name`));
      else if (seen.has(v.name)) out.push({ type: 'FieldValueDuplicate', field: `spec.versions[${i}].name`, detail: `Duplicate value: ${JSON.stringify(v.name)}` });
      seen.add(v.name);
      const schema = v.schema?.openAPIV3Schema;
      if (!schema) out.push(required(`spec.versions[${i}].schema.openAPIV3Schema`, 'schemas are required'));
      else if (schema.type !== undefined && schema.type !== 'object') out.push(invalid(`spec.versions[${i}].schema.openAPIV3Schema.type`, schema.type, 'must be object at the root'));
      else checkSchema(schema, `spec.versions[${i}].schema.openAPIV3Schema`, out);
    });
  }
  return out;
}
